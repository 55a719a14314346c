// libedit through its readline-compatible interface. Its mutable globals are reached through
// accessors so Swift 6 strict concurrency never touches a C global directly.
#ifndef MINDSCOPE_CEDITLINE_SHIM_H
#define MINDSCOPE_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>
#include <signal.h>
#include <pthread.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <editline/readline.h>

typedef char *(*mindscope_generator_fn)(const char *text, int state);

/// Installs a completion function: libedit asks `generator` for candidates for the word being typed.
static inline void mindscope_set_completion(mindscope_generator_fn generator) {
    rl_completion_entry_function = (rl_compentry_func_t *)generator;
    rl_attempted_completion_function = NULL;
}
static inline const char *mindscope_line_buffer(void) { return rl_line_buffer; }
static inline int mindscope_point(void) { return rl_point; }
static inline void mindscope_set_word_break_characters(const char *chars) {
    rl_basic_word_break_characters = chars;
}
static inline void mindscope_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void mindscope_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline int mindscope_history_length(void) { return history_length; }
static inline void mindscope_set_catch_signals(int on) { rl_catch_signals = on; }

// The object that answers completion requests: libedit's generator has no user-data argument,
// so the pointer lives here. Only Interactive/LineEditor.swift calls these two (a static in a
// header exists once per object file).
static inline void **mindscope_completion_context_slot(void) {
    static void *context;
    return &context;
}
static inline void mindscope_set_completion_context(void *context) { *mindscope_completion_context_slot() = context; }
static inline void *mindscope_completion_context(void) { return *mindscope_completion_context_slot(); }

// SIGINT: the handler only counts (async-signal-safe); long loops poll the count. A third
// Ctrl-C while the first is still unanswered restores the default action and quits, for
// commands that never poll. Only Session/InterruptSignal.swift calls these functions.
static inline volatile sig_atomic_t *mindscope_sigint_counter(void) {
    static volatile sig_atomic_t count;
    return &count;
}

static inline void mindscope_on_sigint(int signo) {
    volatile sig_atomic_t *count = mindscope_sigint_counter();
    *count += 1;
    if (*count == 2) {
        static const char warning[] = "\nmindscope: interrupting; press Ctrl-C once more to quit at once\n";
        ssize_t ignored = write(STDERR_FILENO, warning, sizeof warning - 1);
        (void)ignored;
    } else if (*count >= 3) {
        signal(signo, SIG_DFL);
        raise(signo);
    }
}

/// Installs the SIGINT handler. With `restart_calls` a system call interrupted by Ctrl-C is
/// restarted (while commands run); without, it fails with EINTR (so a prompt can return).
static inline int mindscope_install_sigint(int restart_calls) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = mindscope_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = restart_calls ? SA_RESTART : 0;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    // A parent may have started us with SIGINT blocked (the mask is inherited); take it back.
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    return pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
}
static inline int mindscope_sigint_pending(void) { return *mindscope_sigint_counter(); }
static inline void mindscope_clear_sigint(void) { *mindscope_sigint_counter() = 0; }

/// Columns of the terminal on `fd`, or 0 when it is not a terminal.
static inline int mindscope_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}
#endif
