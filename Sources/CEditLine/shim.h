// libedit through its readline-compatible interface. Its mutable globals are reached through
// accessors so Swift 6 strict concurrency never touches a C global directly.
#ifndef MINDSCOPE_CEDITLINE_SHIM_H
#define MINDSCOPE_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <signal.h>
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
#endif
