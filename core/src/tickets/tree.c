/* tickets/tree.c - finding a category leaf by id or path, with words for a miss (pure). */
#include "tickets/tree.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/error.h"

#define ARROW "\xE2\x86\x92" /* → */

typedef struct span {
    const char *s;
    size_t n;
} span;

static span trim(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    span out = {s, n};
    return out;
}

static bool span_is(span a, const char *b)
{
    return strlen(b) == a.n && strncasecmp(a.s, b, a.n) == 0;
}

/* The names of the children of parent (or of the top levels when parent is NULL), "A, B
 * and C", into out. */
static void names_under(const mc_ticket_category_list *tree, const char *parent, char *out,
                        size_t cap)
{
    size_t count = 0, total = 0;
    for (size_t i = 0; i < tree->count; i++)
        if (parent ? strcmp(tree->items[i].parent_id, parent) == 0 : !tree->items[i].leaf)
            total++;
    out[0] = '\0';
    for (size_t i = 0; i < tree->count; i++) {
        const mc_ticket_category *c = &tree->items[i];
        if (!(parent ? strcmp(c->parent_id, parent) == 0 : !c->leaf))
            continue;
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s",
                 count == 0           ? ""
                 : count + 1 == total ? " and "
                                      : ", ",
                 parent ? c->path : c->name);
        count++;
    }
}

mc_status mci_ticket_category_match(const mc_ticket_category_list *tree, const char *name,
                                    size_t *index, mc_error *err)
{
    if (name == NULL || trim(name, strlen(name)).n == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "category: a category is required");
    if (tree == NULL || tree->count == 0)
        return mci_error_set(err, MC_ERR_NOT_FOUND,
                             "no ticket categories on this device yet: sync first");
    const char *arrow = strstr(name, ARROW);
    const char *slash = strchr(name, '/');
    const char *sep = arrow ? arrow : slash;
    size_t sep_len = arrow ? strlen(ARROW) : 1;
    span top = trim(name, sep ? (size_t)(sep - name) : strlen(name));
    span leaf = sep ? trim(sep + sep_len, strlen(sep + sep_len)) : top;
    const mc_ticket_category *group = NULL;
    for (size_t i = 0; i < tree->count; i++) {
        const mc_ticket_category *c = &tree->items[i];
        if (sep == NULL && span_is(top, c->id)) {
            if (!c->leaf) {
                group = c;
                break;
            }
            *index = i;
            return MC_OK;
        }
        if (!c->leaf && span_is(top, c->name))
            group = c;
    }
    char words[1024];
    if (group != NULL && sep == NULL) {
        names_under(tree, group->id, words, sizeof words);
        return mci_error_set(err, MC_ERR_NOT_FOUND,
                             "\"%s\" is a group of categories, not one to file under: pick one "
                             "of %s",
                             group->name, words);
    }
    if (group != NULL) {
        for (size_t i = 0; i < tree->count; i++)
            if (strcmp(tree->items[i].parent_id, group->id) == 0 &&
                span_is(leaf, tree->items[i].name)) {
                *index = i;
                return MC_OK;
            }
        names_under(tree, group->id, words, sizeof words);
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no ticket category \"%s\": %s has %s", name,
                             group->name, words);
    }
    names_under(tree, NULL, words, sizeof words);
    const char *example = "";
    for (size_t i = 0; i < tree->count && example[0] == '\0'; i++)
        if (tree->items[i].leaf)
            example = tree->items[i].path;
    return mci_error_set(err, MC_ERR_NOT_FOUND,
                         "no ticket category \"%s\": the categories are under %s (a category "
                         "is a path such as \"%s\")",
                         name, words, example);
}
