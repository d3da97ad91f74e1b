/*
 * list.h - the one way memberctl renders a list of the core's items (an
 * mc_*_list's items[0..count), a booking's guests, a cart's passes): a JSON
 * array built with a per-item renderer, or lines of text printed by one,
 * with column widths measured over the items for a table. A keep function
 * picks some of the items (the rejected mutations of an outbox).
 */
#ifndef MEMBERCTL_LIST_H
#define MEMBERCTL_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* One item as JSON; NULL when out of memory. */
typedef cJSON *(*list_item_json_fn)(const void *item);
/* One item as text (a line or a few) on stdout; context as given to list_text. */
typedef void (*list_item_text_fn)(const void *item, const void *context);
/* Whether an item is rendered; context as given in the view. */
typedef bool (*list_keep_fn)(const void *item, const void *context);
/* One cell of a table's column as text, into out. */
typedef void (*list_cell_fn)(const void *item, char *out, size_t out_cap);

/* The items to render: count items of size bytes from items; keep (with
 * keep_context) picks some of them, NULL keeps all. items may be NULL when
 * count is 0. */
typedef struct list_view {
    const void *items;
    size_t count;
    size_t size;
    list_keep_fn keep;
    const void *keep_context;
} list_view;

/* The view of an array of count items: LIST_VIEW(list->items, list->count). */
#define LIST_VIEW(array, n) ((list_view){(array), (n), sizeof *(array), NULL, NULL})

/* The kept items as a JSON array, each rendered by item_json; NULL: no memory. */
cJSON *list_json(const list_view *v, list_item_json_fn item_json);

/* The same array added to obj under name; false: no memory. */
bool list_add_json(cJSON *obj, const char *name, const list_view *v, list_item_json_fn item_json);

/* {"<name>":[...]}: a command's whole answer when it is one list. NULL: no memory. */
cJSON *list_json_object(const char *name, const list_view *v, list_item_json_fn item_json);

/* Print the kept items, in order, with item_text; returns how many were printed. */
size_t list_text(const list_view *v, list_item_text_fn item_text, const void *context);

/* The width of a table's column: the longest of heading (may be NULL) and
 * the kept items' cells. */
int list_column_width(const list_view *v, const char *heading, list_cell_fn cell);

#endif /* MEMBERCTL_LIST_H */
