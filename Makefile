# mindscope: two commands on a fresh machine.
#   make run    set up what is missing, build in release mode, open the shell on the default
#               model and corpus (sessions/start.msc)
#   make test   set up what is missing, run every test
#   make bench  release-build benchmarks beside their peers (PyTorch, scikit-learn, numpy)
SWIFT ?= swift
RELEASE_BIN := .build/release/mindscope

.PHONY: setup build run test bench clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build -c release --product mindscope

run: build
	$(RELEASE_BIN) --init sessions/start.msc

test: setup
	$(SWIFT) test

bench: setup
	@scripts/setup --bench
	$(SWIFT) build -c release
	bench/run

clean:
	rm -rf .build
