/*
 * render/announcements.c - membercore/announcements.h as memberctl shows it: the live
 * announcements (pinned first, then newest), each with its building or "everyone", when
 * it was published and until when it runs in the building's local time with the zone
 * label, read or unread; one announcement in full; what marking one read did. As text
 * or JSON.
 */
#include "render/render.h"

#include <stdio.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* How much of the body a list shows on its line. */
#define ANNOUNCEMENT_BODY_CHARS 100

cJSON *render_announcement_json(const void *item)
{
    const mc_announcement *n = item;
    const char *building = out_str(n->building_id);
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(n->id)) != NULL &&
        json_add_string_or_null(obj, "building_id", building[0] != '\0' ? building : NULL) &&
        cJSON_AddStringToObject(obj, "title", out_str(n->title)) != NULL &&
        cJSON_AddStringToObject(obj, "body", out_str(n->body)) != NULL &&
        cJSON_AddBoolToObject(obj, "pinned", n->pinned) != NULL &&
        json_add_local_time(obj, "published_at", n->published_at_ms, &n->published_at, false) &&
        json_add_local_time(obj, "expires_at", n->expires_at_ms, &n->expires_at, true) &&
        cJSON_AddBoolToObject(obj, "read", n->read) != NULL &&
        cJSON_AddBoolToObject(obj, "pending", n->pending) != NULL;
    return json_finish(obj, ok);
}

/* "BLR-1, 2026-12-03 09:00 IST, until 2026-12-20 18:00 IST, unread" */
static void announcement_meta(const mc_announcement *n, char *out, size_t out_cap)
{
    char published[DATETIME_LOCAL_MAX], expires[DATETIME_LOCAL_MAX + 8] = "";
    datetime_format_local(&n->published_at, false, "?", published, sizeof published);
    if (n->expires_at_ms != 0) {
        char until[DATETIME_LOCAL_MAX];
        datetime_format_local(&n->expires_at, false, "?", until, sizeof until);
        snprintf(expires, sizeof expires, ", until %s", until);
    }
    const char *building = out_str(n->building_id);
    snprintf(out, out_cap, "%s, %s%s, %s%s", building[0] != '\0' ? building : "everyone", published,
             expires, n->read ? "read" : "unread", n->pending ? " (pending)" : "");
}

/*
 * ann_…  [pinned] Water shut-off on Saturday
 *     BLR-1, 2026-12-03 09:00 IST, until 2026-12-06 18:00 IST, unread
 *     The water will be off from 10:00 to 14:00 on the 2nd floor…
 */
void render_announcement_text(const void *item, const void *context)
{
    const mc_announcement *n = item;
    (void)context;
    char meta[DATETIME_LOCAL_MAX * 3], body[512];
    announcement_meta(n, meta, sizeof meta);
    words_clip(n->body, ANNOUNCEMENT_BODY_CHARS, body, sizeof body);
    printf("%s  %s%s\n", out_str(n->id), n->pinned ? "[pinned] " : "", out_str(n->title));
    printf("    %s\n", meta);
    if (body[0] != '\0')
        printf("    %s\n", body);
}

int render_announcements(const app *a, const mc_announcement_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json) {
        cJSON *root = list_json_object("announcements", &v, render_announcement_json);
        bool ok = root != NULL &&
                  cJSON_AddNumberToObject(root, "unread_count", (double)list->unread_count) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    if (list->count == 0) {
        printf("No announcements on this device (memberctl sync fetches them).\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu announcement%s, %zu unread, pinned first (in each building's local time):\n",
           list->count, list->count == 1 ? "" : "s", list->unread_count);
    list_text(&v, render_announcement_text, NULL);
    if (list->unread_count > 0)
        printf("Read one in full (and mark it read) with: memberctl announcements read ID\n");
    return MEMBERCTL_EXIT_OK;
}

int render_announcement_read(const app *a, const mc_announcement *n, sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL &&
                  json_add_item(root, "announcement", render_announcement_json(n)) &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    char meta[DATETIME_LOCAL_MAX * 3];
    announcement_meta(n, meta, sizeof meta);
    printf("%s%s\n", n->pinned ? "[pinned] " : "", out_str(n->title));
    printf("%s\n\n%s\n\n", meta, out_str(n->body));
    char what[128];
    snprintf(what, sizeof what, "Marked %s read", out_str(n->id));
    if (sent == SENT_NOTHING)
        printf("It was read before; nothing to send.\n");
    else
        render_sent(sent, what);
    return MEMBERCTL_EXIT_OK;
}
