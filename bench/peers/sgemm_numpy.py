"""numpy peer for the sgemm benchmark: GFLOP/s of float32 A @ B for each MxNxK argument.
Threads are set by the caller through OPENBLAS_NUM_THREADS. Prints one JSON line."""
import json
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed (pip install numpy)")
    sys.exit(3)

results = {}
for shape in sys.argv[1:]:
    m, n, k = (int(x) for x in shape.split("x"))
    rng = np.random.default_rng(1)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    np.matmul(a, b, out=c)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - start)
    results[shape] = 2.0 * m * n * k / best / 1e9
print(json.dumps(results))
