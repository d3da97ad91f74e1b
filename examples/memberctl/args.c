/*
 * args.c - option parsing for memberctl's commands. Small on purpose: long
 * options only, each at most once, values never starting with "--" unless
 * written as --opt=VALUE (so "--name --email x" is caught as a missing name).
 */
#include "args.h"

#include <stdio.h>
#include <string.h>

static arg_opt *find_opt(args *p, const char *word, size_t name_len)
{
    for (size_t i = 0; i < p->nopts; i++) {
        const char *name = p->opts[i].name;
        if (strlen(name) == name_len && strncmp(name, word, name_len) == 0)
            return &p->opts[i];
    }
    return NULL;
}

/* Handle one option word; *i may advance past its value. */
static bool parse_option(args *p, int argc, char **argv, int *i)
{
    const char *word = argv[*i];
    const char *eq = strchr(word, '=');
    size_t name_len = eq != NULL ? (size_t)(eq - word) : strlen(word);
    arg_opt *opt = find_opt(p, word, name_len);
    if (opt == NULL) {
        snprintf(p->msg, sizeof p->msg, "unknown option '%.*s'", (int)name_len, word);
        return false;
    }
    if (opt->all == NULL && opt->value != NULL) {
        snprintf(p->msg, sizeof p->msg, "option '%s' given twice", opt->name);
        return false;
    }
    if (opt->all != NULL && opt->count >= opt->max) {
        snprintf(p->msg, sizeof p->msg, "option '%s' given more than %d times", opt->name,
                 opt->max);
        return false;
    }
    if (!opt->has_value) {
        if (eq != NULL) {
            snprintf(p->msg, sizeof p->msg, "option '%s' takes no value", opt->name);
            return false;
        }
        opt->value = "";
        return true;
    }
    if (eq != NULL) {
        opt->value = eq + 1;
    } else if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0) {
        snprintf(p->msg, sizeof p->msg, "option '%s' needs a value", opt->name);
        return false;
    } else {
        *i += 1;
        opt->value = argv[*i];
    }
    if (opt->all != NULL)
        opt->all[opt->count++] = opt->value;
    return true;
}

bool args_parse(args *p, int argc, char **argv)
{
    bool options_done = false;
    p->npos = 0;
    p->help = false;
    p->msg[0] = '\0';
    p->rest = argc;
    for (size_t k = 0; k < p->nopts; k++) {
        p->opts[k].value = NULL;
        p->opts[k].count = 0;
    }

    for (int i = 0; i < argc; i++) {
        const char *word = argv[i];
        if (!options_done && strcmp(word, "--") == 0) {
            options_done = true;
            if (p->stop_at_word) {
                p->rest = i + 1;
                return true;
            }
            continue;
        }
        if (!options_done && (strcmp(word, "-h") == 0 || strcmp(word, "--help") == 0)) {
            p->help = true;
            return true;
        }
        if (!options_done && word[0] == '-' && word[1] != '\0') {
            if (!parse_option(p, argc, argv, &i))
                return false;
            continue;
        }
        if (p->stop_at_word) {
            p->rest = i;
            return true;
        }
        if (p->npos >= p->pos_max || p->npos >= ARGS_POS_MAX) {
            snprintf(p->msg, sizeof p->msg, "unexpected argument '%s'", word);
            return false;
        }
        p->pos[p->npos++] = word;
    }
    return true;
}

const char *args_value(const args *p, const char *name)
{
    for (size_t i = 0; i < p->nopts; i++) {
        if (strcmp(p->opts[i].name, name) == 0)
            return p->opts[i].value;
    }
    return NULL;
}
