/*
 * list.c - lists of the core's items as a JSON array or as text, one
 * per-item renderer each (see list.h).
 */
#include "render/list.h"

#include <string.h>

#include "render/json.h"

/* The i-th item of v, or NULL when v's keep function leaves it out. */
static const void *kept_item(const list_view *v, size_t i)
{
    const void *item = (const char *)v->items + i * v->size;
    if (v->keep != NULL && !v->keep(item, v->keep_context))
        return NULL;
    return item;
}

cJSON *list_json(const list_view *v, list_item_json_fn item_json)
{
    cJSON *array = cJSON_CreateArray();
    bool ok = array != NULL;
    for (size_t i = 0; ok && i < v->count; i++) {
        const void *item = kept_item(v, i);
        if (item != NULL)
            ok = json_append(array, item_json(item));
    }
    return json_finish(array, ok);
}

bool list_add_json(cJSON *obj, const char *name, const list_view *v, list_item_json_fn item_json)
{
    return json_add_item(obj, name, list_json(v, item_json));
}

cJSON *list_json_object(const char *name, const list_view *v, list_item_json_fn item_json)
{
    cJSON *root = cJSON_CreateObject();
    return json_finish(root, root != NULL && list_add_json(root, name, v, item_json));
}

size_t list_text(const list_view *v, list_item_text_fn item_text, const void *context)
{
    size_t printed = 0;
    for (size_t i = 0; i < v->count; i++) {
        const void *item = kept_item(v, i);
        if (item == NULL)
            continue;
        item_text(item, context);
        printed++;
    }
    return printed;
}

int list_column_width(const list_view *v, const char *heading, list_cell_fn cell)
{
    int width = heading != NULL ? (int)strlen(heading) : 0;
    for (size_t i = 0; i < v->count; i++) {
        const void *item = kept_item(v, i);
        if (item == NULL)
            continue;
        char text[512];
        cell(item, text, sizeof text);
        int len = (int)strlen(text);
        width = len > width ? len : width;
    }
    return width;
}
