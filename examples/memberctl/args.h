/*
 * args.h - option parsing for memberctl's commands: "--opt VALUE",
 * "--opt=VALUE", flags, positional words, "--" and -h/--help.
 */
#ifndef MEMBERCTL_ARGS_H
#define MEMBERCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define ARGS_POS_MAX 64 /* a cart of day passes: up to 50 */
#define ARGS_MSG_MAX 256

/*
 * One option a command accepts. Given at most once, unless `all` is set: then
 * it may be given up to `max` times and its values are collected, in order,
 * into all[0..count) (value is the last one).
 */
typedef struct arg_opt {
    const char *name;  /* "--name" */
    bool has_value;    /* takes a value; otherwise a flag */
    const char *value; /* out: the value (a flag: ""), NULL when not given */
    const char **all;  /* a repeatable option's values (max of them), or NULL */
    int max;
    int count; /* out: how many times it was given (repeatable options) */
} arg_opt;

/* A parse: fill opts/nopts/pos_max, call args_parse, read the rest. */
typedef struct args {
    arg_opt *opts;
    size_t nopts;
    int pos_max;       /* positional words allowed (<= ARGS_POS_MAX) */
    bool stop_at_word; /* stop at the first positional word (global options) */
    int rest;          /* out: index of the first word not parsed (argc if none) */
    const char *pos[ARGS_POS_MAX];
    int npos;
    bool help; /* -h or --help was given (parsing stopped there) */
    char msg[ARGS_MSG_MAX];
} args;

/*
 * Parse the words after the command name. Options and positional words may
 * be mixed; "--" ends the options. Returns true, or false with p->msg naming
 * the unknown option, the option missing its value, the option given twice
 * (a repeatable one: more than max times) or the unexpected word.
 */
bool args_parse(args *p, int argc, char **argv);

/* The value given for option `name` (which must be in p->opts), or NULL. */
const char *args_value(const args *p, const char *name);

#endif /* MEMBERCTL_ARGS_H */
