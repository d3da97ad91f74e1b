/*
 * render/community.c - membercore/community.h as memberctl shows it: events
 * with the member's RSVP, the notifications inbox with its unread counts,
 * and what an RSVP or a read did; as text or JSON. Times are the building's
 * local time with its zone label, as the core converted them.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"

/* ---- Events -------------------------------------------------------------------- */

/* "none", "going", "not going". */
static const char *rsvp_words(mc_rsvp rsvp)
{
    return rsvp == MC_RSVP_NOT_GOING ? "not going" : mc_rsvp_name(rsvp);
}

cJSON *render_event_json(const void *item)
{
    const mc_event *e = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(e->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(e->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(e->title)) != NULL &&
              cJSON_AddStringToObject(obj, "description", out_str(e->description)) != NULL &&
              json_add_local_time(obj, "starts_at", e->starts_at_ms, &e->starts_at, false) &&
              json_add_local_time(obj, "ends_at", e->ends_at_ms, &e->ends_at, false) &&
              cJSON_AddNumberToObject(obj, "capacity", e->capacity) != NULL &&
              cJSON_AddNumberToObject(obj, "going_count", e->going_count) != NULL &&
              cJSON_AddStringToObject(obj, "my_rsvp", mc_rsvp_name(e->my_rsvp)) != NULL &&
              cJSON_AddNumberToObject(obj, "waitlist_count", e->waitlist_count) != NULL &&
              (e->my_rsvp == MC_RSVP_WAITLISTED
                   ? cJSON_AddNumberToObject(obj, "waitlist_position", e->waitlist_position) != NULL
                   : cJSON_AddNullToObject(obj, "waitlist_position") != NULL) &&
              cJSON_AddBoolToObject(obj, "pending", e->pending) != NULL;
    return json_finish(obj, ok);
}

/* The member's RSVP in words: "going", "waitlisted, 2nd in line" (the position once the
 * server gave one), with " (pending)" while the server has not confirmed it. */
static void my_rsvp_words(const mc_event *e, char *out, size_t out_cap)
{
    if (e->my_rsvp == MC_RSVP_WAITLISTED && e->waitlist_position > 0)
        snprintf(out, out_cap, "waitlisted, number %d in line", (int)e->waitlist_position);
    else if (e->my_rsvp == MC_RSVP_WAITLISTED)
        snprintf(out, out_cap, "waitlisted, place in line not yet known");
    else
        snprintf(out, out_cap, "%s", rsvp_words(e->my_rsvp));
    if (e->pending) {
        size_t used = strlen(out);
        snprintf(out + used, out_cap - used, " (pending)");
    }
}

/*
 * EVT-1  Networking Hour
 *        BLR-1, 2027-01-14 18:00 to 20:00 IST, 40/40 going (full), 3 on the waitlist,
 *        my RSVP: waitlisted, number 2 in line (pending)
 */
static void event_text(const void *item, const void *context)
{
    const mc_event *e = item;
    (void)context;
    char span[DATETIME_LOCAL_MAX * 2], mine[96], waiting[48] = "";
    datetime_format_local_span(&e->starts_at, &e->ends_at, span, sizeof span);
    my_rsvp_words(e, mine, sizeof mine);
    bool full = e->capacity > 0 && e->going_count >= e->capacity;
    if (e->waitlist_count > 0)
        snprintf(waiting, sizeof waiting, ", %d on the waitlist", (int)e->waitlist_count);
    printf("%s  %s\n", out_str(e->id), out_str(e->title));
    printf("    %s, %s, %d/%d going%s%s, my RSVP: %s\n", out_str(e->building_id), span,
           (int)e->going_count, (int)e->capacity, full ? " (full)" : "", waiting, mine);
}

int render_events(const app *a, const mc_event_list *list, bool all, const char *own, size_t others)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("events", &v, render_event_json));
    const char *which = all ? "" : "upcoming ";
    if (list->count == 0 && others == 0) {
        printf("No %sevents on this device yet; fetch them with: memberctl sync\n", which);
        return MEMBERCTL_EXIT_OK;
    }
    if (own[0] != '\0' && !all)
        printf("%zu %sevent%s at %s (in the building's local time):\n", list->count, which,
               list->count == 1 ? "" : "s", own);
    else if (own[0] != '\0')
        printf("%zu event%s, %s's first (in each building's local time):\n", list->count,
               list->count == 1 ? "" : "s", own);
    else
        printf("%zu %sevent%s (in each building's local time):\n", list->count, which,
               list->count == 1 ? "" : "s");
    list_text(&v, event_text, NULL);
    if (others > 0)
        printf("%zu more in other buildings: memberctl events --all\n", others);
    if (list->count > 0)
        printf("RSVP with: memberctl rsvp EVENT_ID going|not-going\n");
    return MEMBERCTL_EXIT_OK;
}

int render_rsvp_done(const app *a, const char *event_id, mc_rsvp rsvp, const mc_event *event,
                     sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddStringToObject(root, "event_id", event_id) != NULL &&
                  cJSON_AddStringToObject(root, "rsvp", mc_rsvp_name(rsvp)) != NULL &&
                  cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
                  cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
                  (event != NULL ? json_add_item(root, "event", render_event_json(event))
                                 : cJSON_AddNullToObject(root, "event") != NULL);
        return out_json(a, json_finish(root, ok));
    }
    char what[256];
    snprintf(what, sizeof what, "RSVP '%s' for %s", rsvp_words(rsvp), event_id);
    if (sent == SENT_NOTHING)
        printf("%s: already confirmed by the server, nothing to send.\n", what);
    else
        render_sent(sent, what);
    if (event != NULL && event->my_rsvp == MC_RSVP_WAITLISTED)
        printf("The event is full: you are on its waitlist. When someone going drops out, the "
               "first in line is moved to going and told.\n");
    if (event != NULL)
        event_text(event, NULL);
    return MEMBERCTL_EXIT_OK;
}

/* ---- Notifications ------------------------------------------------------------ */

mc_notification_category render_category_at(int i)
{
    return (mc_notification_category)((i + 1) % MC_NOTIFY_CATEGORY_COUNT);
}

static cJSON *notification_json(const void *item)
{
    const mc_notification *n = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(n->id)) != NULL &&
              cJSON_AddStringToObject(obj, "category",
                                      mc_notification_category_name(n->category)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(n->title)) != NULL &&
              cJSON_AddStringToObject(obj, "body", out_str(n->body)) != NULL &&
              cJSON_AddStringToObject(obj, "deep_link", out_str(n->deep_link)) != NULL &&
              cJSON_AddStringToObject(obj, "link_kind", mc_link_kind_name(n->link_kind)) != NULL &&
              cJSON_AddStringToObject(obj, "link_id", out_str(n->link_id)) != NULL &&
              cJSON_AddStringToObject(obj, "link_text", out_str(n->link_text)) != NULL &&
              json_add_local_time(obj, "created_at", n->created_at_ms, &n->created_at, false) &&
              cJSON_AddBoolToObject(obj, "read", n->read) != NULL &&
              cJSON_AddBoolToObject(obj, "pending", n->pending) != NULL &&
              cJSON_AddStringToObject(obj, "kind", out_str(n->kind)) != NULL &&
              cJSON_AddBoolToObject(obj, "urgent", n->urgent) != NULL;
    return json_finish(obj, ok);
}

static cJSON *inbox_json(const mc_notification_list *list)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *counts = NULL;
    bool ok = root != NULL &&
              cJSON_AddNumberToObject(root, "unread_total", list->unread_total) != NULL &&
              (counts = cJSON_AddObjectToObject(root, "unread_by_category")) != NULL;
    for (int i = 0; ok && i < MC_NOTIFY_CATEGORY_COUNT; i++) {
        mc_notification_category c = render_category_at(i);
        ok = cJSON_AddNumberToObject(counts, mc_notification_category_name(c),
                                     list->unread_by_category[c]) != NULL;
    }
    list_view v = LIST_VIEW(list->items, list->count);
    ok = ok && list_add_json(root, "notifications", &v, notification_json);
    return json_finish(root, ok);
}

static void notification_id_cell(const void *item, char *out, size_t out_cap)
{
    snprintf(out, out_cap, "%s", out_str(((const mc_notification *)item)->id));
}

static void notification_row_text(const void *item, const void *context)
{
    const mc_notification *n = item;
    int id_width = *(const int *)context;
    char created[DATETIME_LOCAL_MAX], state[32];
    datetime_format_local(&n->created_at, false, "?", created, sizeof created);
    snprintf(state, sizeof state, "%s%s", n->read ? "read" : "unread",
             n->pending ? " (pending)" : "");
    printf("  %-*s  %-13s  %s  %-16s  %s%s\n", id_width, out_str(n->id),
           mc_notification_category_name(n->category), created, state, out_str(n->title),
           n->urgent ? " (urgent)" : "");
    /* The body, then where the link leads in words (with the link itself). */
    const char *body = out_str(n->body), *link = out_str(n->link_text);
    if (body[0] != '\0')
        printf("  %-*s  %s\n", id_width, "", body);
    if (link[0] != '\0')
        printf("  %-*s  Link: %s (%s)\n", id_width, "", link, out_str(n->deep_link));
}

static void inbox_text(const mc_notification_list *list, bool unread_only)
{
    printf("Unread: %d (", (int)list->unread_total);
    for (int i = 0; i < MC_NOTIFY_CATEGORY_COUNT; i++) {
        mc_notification_category c = render_category_at(i);
        printf("%s%s %d", i > 0 ? ", " : "", mc_notification_category_name(c),
               (int)list->unread_by_category[c]);
    }
    printf(")\n");
    if (list->count == 0) {
        printf("No %snotifications on this device%s.\n", unread_only ? "unread " : "",
               unread_only ? "" : " yet (memberctl sync fetches them)");
        return;
    }
    list_view v = LIST_VIEW(list->items, list->count);
    int id_width = list_column_width(&v, NULL, notification_id_cell);
    list_text(&v, notification_row_text, &id_width);
    if (list->unread_total > 0)
        printf("Mark one read with: memberctl read NOTIFICATION_ID (all: memberctl notifications "
               "read --all)\n");
    printf("Where they reach you (push, email, SMS) and quiet hours: memberctl notifications "
           "prefs\n");
}

int render_inbox(const app *a, const mc_notification_list *list, bool unread_only)
{
    if (a->json)
        return out_json(a, inbox_json(list));
    inbox_text(list, unread_only);
    return MEMBERCTL_EXIT_OK;
}

int render_read_done(const app *a, const char *notification_id, sent_state sent)
{
    if (!a->json) {
        char what[128];
        snprintf(what, sizeof what, "Marked %s read", notification_id);
        if (sent == SENT_NOTHING)
            printf("%s was already read; nothing to send.\n", notification_id);
        else
            render_sent(sent, what);
        return MEMBERCTL_EXIT_OK;
    }
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL &&
              cJSON_AddStringToObject(root, "notification_id", notification_id) != NULL &&
              cJSON_AddBoolToObject(root, "read", true) != NULL &&
              cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
              cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL;
    return out_json(a, json_finish(root, ok));
}
