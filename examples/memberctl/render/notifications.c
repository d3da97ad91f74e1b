/*
 * render/notifications.c - membercore/notifications.h as memberctl shows it: where each
 * category of notification reaches the member (push, email, SMS) with the changes not yet
 * confirmed marked, what always reaches them and why, quiet hours in the building's local
 * time with the zone label; what a switch, quiet hours or "mark all read" did. As text
 * or JSON.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"

/* The categories a member can switch: every one but "other" (shown last). */
#define SWITCHABLE_CATEGORIES (MC_NOTIFY_CATEGORY_COUNT - 1)

/* "push", "email", "SMS": a channel as a member reads it. */
static const char *channel_words(mc_channel channel)
{
    return channel == MC_CHANNEL_SMS ? "SMS" : mc_channel_name(channel);
}

/* ---- JSON ----------------------------------------------------------------------------- */

/* {"billing":{"push":B,"email":B,"sms":B},...} of cells (on or pending) under name. */
static bool add_cells_json(cJSON *obj, const char *name,
                           const bool cells[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT])
{
    cJSON *table = cJSON_AddObjectToObject(obj, name);
    bool ok = table != NULL;
    for (int i = 0; ok && i < SWITCHABLE_CATEGORIES; i++) {
        mc_notification_category c = render_category_at(i);
        cJSON *row = cJSON_AddObjectToObject(table, mc_notification_category_name(c));
        ok = row != NULL;
        for (int ch = 0; ok && ch < MC_CHANNEL_COUNT; ch++)
            ok = cJSON_AddBoolToObject(row, mc_channel_name((mc_channel)ch), cells[c][ch]) != NULL;
    }
    return ok;
}

static bool add_quiet_json(cJSON *obj, const mc_notification_prefs *p)
{
    char from[DATETIME_HHMM_MAX], to[DATETIME_HHMM_MAX];
    datetime_format_hhmm(p->quiet_from_min, from, sizeof from);
    datetime_format_hhmm(p->quiet_to_min, to, sizeof to);
    cJSON *q = cJSON_AddObjectToObject(obj, "quiet_hours");
    return q != NULL && cJSON_AddBoolToObject(q, "enabled", p->quiet_enabled) != NULL &&
           cJSON_AddStringToObject(q, "from", from) != NULL &&
           cJSON_AddStringToObject(q, "to", to) != NULL &&
           cJSON_AddNumberToObject(q, "from_min", p->quiet_from_min) != NULL &&
           cJSON_AddNumberToObject(q, "to_min", p->quiet_to_min) != NULL &&
           cJSON_AddStringToObject(q, "zone", p->quiet_zone_label) != NULL &&
           cJSON_AddBoolToObject(q, "pending", p->quiet_pending) != NULL;
}

static cJSON *prefs_json(const mc_notification_prefs *p)
{
    cJSON *obj = cJSON_CreateObject(), *always = NULL;
    bool ok = obj != NULL && add_cells_json(obj, "channels", p->on) &&
              add_cells_json(obj, "pending", p->pending) &&
              (always = cJSON_AddObjectToObject(obj, "always")) != NULL;
    for (int i = 0; ok && i < SWITCHABLE_CATEGORIES; i++) {
        mc_notification_category c = render_category_at(i);
        ok = json_add_string_or_null(always, mc_notification_category_name(c), p->always[c]);
    }
    ok = ok && add_quiet_json(obj, p) && cJSON_AddBoolToObject(obj, "synced", p->synced) != NULL;
    return json_finish(obj, ok);
}

/* ---- Text ------------------------------------------------------------------------------- */

/* "on", "off", "on (pending)". */
static const char *cell_words(const mc_notification_prefs *p, mc_notification_category c,
                              mc_channel ch)
{
    if (p->pending[c][ch])
        return p->on[c][ch] ? "on (pending)" : "off (pending)";
    return p->on[c][ch] ? "on" : "off";
}

/* "22:00–07:00 IST", "off", with " (pending)". */
static void quiet_words(const mc_notification_prefs *p, char *out, size_t out_cap)
{
    char span[DATETIME_HHMM_SPAN_MAX];
    datetime_format_hhmm_span(p->quiet_from_min, p->quiet_to_min, span, sizeof span);
    if (p->quiet_enabled)
        snprintf(out, out_cap, "%s %s%s", span, p->quiet_zone_label,
                 p->quiet_pending ? " (pending)" : "");
    else
        snprintf(out, out_cap, "off%s", p->quiet_pending ? " (pending)" : "");
}

static void prefs_text(const mc_notification_prefs *p)
{
    if (!p->synced)
        printf("Not synced yet: these are the server's defaults (memberctl sync fetches yours).\n");
    printf("Where each category reaches you (pending: not yet confirmed by the server):\n");
    printf("  %-13s", "");
    for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
        printf(ch + 1 < MC_CHANNEL_COUNT ? "  %-13s" : "  %s\n", channel_words((mc_channel)ch));
    for (int i = 0; i < SWITCHABLE_CATEGORIES; i++) {
        mc_notification_category c = render_category_at(i);
        printf("  %-13s", mc_notification_category_name(c));
        for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
            printf(ch + 1 < MC_CHANNEL_COUNT ? "  %-13s" : "  %s\n",
                   cell_words(p, c, (mc_channel)ch));
    }
    printf("Whatever these say:\n");
    for (int i = 0; i < SWITCHABLE_CATEGORIES; i++) {
        mc_notification_category c = render_category_at(i);
        if (p->always[c] != NULL)
            printf("  %s: %s\n", mc_notification_category_name(c), p->always[c]);
    }
    char quiet[64];
    quiet_words(p, quiet, sizeof quiet);
    if (p->quiet_enabled)
        printf("Quiet hours: %s (your building's time): push and SMS that are not urgent wait "
               "until they end; email and urgent ones are never held.\n",
               quiet);
    else
        printf("Quiet hours: %s: push and SMS reach you at any hour.\n", quiet);
    printf("Switch one with: memberctl notifications prefs set CATEGORY push|email|sms on|off\n"
           "Quiet hours with: memberctl notifications prefs quiet HH:MM-HH:MM (or off)\n");
}

int render_notification_prefs(const app *a, const mc_notification_prefs *prefs)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "prefs", prefs_json(prefs));
        return out_json(a, json_finish(root, ok));
    }
    prefs_text(prefs);
    return MEMBERCTL_EXIT_OK;
}

/* {"<each extra>","queued","sent","prefs"} around a change's JSON fields in root. */
static int change_json(const app *a, cJSON *root, bool ok, const mc_notification_prefs *prefs,
                       sent_state sent)
{
    ok = ok && root != NULL &&
         cJSON_AddBoolToObject(root, "queued", sent_is_queued(sent)) != NULL &&
         cJSON_AddStringToObject(root, "sent", sent_state_name(sent)) != NULL &&
         (prefs == NULL || json_add_item(root, "prefs", prefs_json(prefs)));
    return out_json(a, json_finish(root, ok));
}

int render_pref_set(const app *a, mc_notification_category category, mc_channel channel, bool on,
                    const mc_notification_prefs *prefs, sent_state sent)
{
    const char *category_name = mc_notification_category_name(category);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL &&
                  cJSON_AddStringToObject(root, "category", category_name) != NULL &&
                  cJSON_AddStringToObject(root, "channel", mc_channel_name(channel)) != NULL &&
                  cJSON_AddBoolToObject(root, "on", on) != NULL;
        return change_json(a, root, ok, prefs, sent);
    }
    char what[128];
    snprintf(what, sizeof what, "%s for %s switched %s", channel_words(channel), category_name,
             on ? "on" : "off");
    if (sent == SENT_NOTHING)
        printf("%s for %s is %s already; nothing to send.\n", channel_words(channel), category_name,
               on ? "on" : "off");
    else
        render_sent(sent, what);
    printf("  %s:", category_name);
    for (int ch = 0; ch < MC_CHANNEL_COUNT; ch++)
        printf("%s %s %s", ch > 0 ? "," : "", channel_words((mc_channel)ch),
               cell_words(prefs, category, (mc_channel)ch));
    printf("\n");
    if (!on && prefs->always[category] != NULL)
        printf("Still: %s.\n", prefs->always[category]);
    return MEMBERCTL_EXIT_OK;
}

int render_quiet_hours_set(const app *a, const mc_notification_prefs *prefs, sent_state sent)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && add_quiet_json(root, prefs);
        return change_json(a, root, ok, NULL, sent);
    }
    char quiet[64], what[128];
    quiet_words(prefs, quiet, sizeof quiet);
    /* The words without the pending mark: render_sent says whether it is sent. */
    char *mark = strstr(quiet, " (pending)");
    if (mark != NULL)
        *mark = '\0';
    snprintf(what, sizeof what, "Quiet hours %s", quiet);
    if (sent == SENT_NOTHING)
        printf("Quiet hours are %s already; nothing to send.\n", quiet);
    else
        render_sent(sent, what);
    if (prefs->quiet_enabled)
        printf("Push and SMS that are not urgent wait until %02d:%02d %s; email and urgent ones "
               "are never held.\n",
               (int)(prefs->quiet_to_min / 60) % 100, (int)(prefs->quiet_to_min % 60),
               prefs->quiet_zone_label);
    return MEMBERCTL_EXIT_OK;
}

int render_read_all_done(const app *a, bool all_categories, mc_notification_category category,
                         int32_t marked, sent_state sent)
{
    const char *which = all_categories ? "" : mc_notification_category_name(category);
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && cJSON_AddNumberToObject(root, "marked", marked) != NULL &&
                  json_add_string_or_null(root, "category", all_categories ? NULL : which);
        return change_json(a, root, ok, NULL, sent);
    }
    if (marked == 0 || sent == SENT_NOTHING) {
        printf("Nothing unread%s%s; nothing to send.\n", which[0] ? " in " : "", which);
        return MEMBERCTL_EXIT_OK;
    }
    char what[128];
    snprintf(what, sizeof what, "Marked %d%s%s notification%s read", (int)marked,
             which[0] ? " " : "", which, marked == 1 ? "" : "s");
    render_sent(sent, what);
    return MEMBERCTL_EXIT_OK;
}
