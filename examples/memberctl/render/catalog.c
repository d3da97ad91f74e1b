/*
 * render/catalog.c - membercore/catalog.h as memberctl shows it: the
 * operator's buildings, their hours in their own time zone, booking window
 * and open-space day-pass pricing; as text or JSON.
 */
#include "render/render.h"

#include <stdio.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"

static const char *const weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static cJSON *hours_json(const void *item)
{
    const mc_opening_hours *h = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "weekday", h->weekday) != NULL &&
              cJSON_AddNumberToObject(obj, "open_minute", h->open_minute) != NULL &&
              cJSON_AddNumberToObject(obj, "close_minute", h->close_minute) != NULL;
    return json_finish(obj, ok);
}

static cJSON *tier_json(const void *item)
{
    const mc_bundle_tier *t = item;
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "passes", t->passes) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_pct", t->discount_pct) != NULL;
    return json_finish(obj, ok);
}

static cJSON *building_json(const void *item)
{
    const mc_building *b = item;
    list_view hours = LIST_VIEW(b->hours, b->hours_count);
    list_view tiers = LIST_VIEW(b->tiers, b->tier_count);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(b->id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(b->name)) != NULL &&
              cJSON_AddStringToObject(obj, "city", out_str(b->city)) != NULL &&
              cJSON_AddStringToObject(obj, "timezone", out_str(b->timezone)) != NULL &&
              list_add_json(obj, "hours", &hours, hours_json) &&
              cJSON_AddNumberToObject(obj, "booking_window_days", b->booking_window_days) != NULL &&
              cJSON_AddStringToObject(obj, "currency", b->currency) != NULL &&
              json_add_tax(obj, "tax", b->tax) &&
              json_add_money(obj, "day_pass_price", b->day_pass_price) &&
              cJSON_AddNumberToObject(obj, "open_space_capacity", b->open_space_capacity) != NULL &&
              list_add_json(obj, "tiers", &tiers, tier_json);
    return json_finish(obj, ok);
}

/* One day's hours: "closed", "open 24 hours" or "08:00-22:00" (more than one
 * range joined by ", "), into out. */
static void day_text(const mc_building *b, int32_t weekday, char *out, size_t out_cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < b->hours_count; i++) {
        const mc_opening_hours *h = &b->hours[i];
        if (h->weekday != weekday)
            continue;
        char range[48];
        if (h->open_minute == 0 && h->close_minute == 1440) {
            snprintf(range, sizeof range, "open 24 hours");
        } else {
            char open[DATETIME_HHMM_MAX], close[DATETIME_HHMM_MAX];
            datetime_format_hhmm(h->open_minute, open, sizeof open);
            datetime_format_hhmm(h->close_minute, close, sizeof close);
            snprintf(range, sizeof range, "%s-%s", open, close);
        }
        int n = snprintf(out + len, out_cap - len, "%s%s", len > 0 ? ", " : "", range);
        if (n < 0 || (size_t)n >= out_cap - len)
            return; /* truncated: what fits */
        len += (size_t)n;
    }
    if (len == 0)
        snprintf(out, out_cap, "closed");
}

static void building_text(const void *item, const void *context)
{
    const mc_building *b = item;
    (void)context;
    printf("\n");
    printf("%s  %s, %s (%s)\n", out_str(b->id), out_str(b->name), out_str(b->city),
           out_str(b->timezone));
    for (int32_t day = 1; day <= 7; day++) {
        char hours[256];
        day_text(b, day, hours, sizeof hours);
        printf("  %-16s %s  %s\n", day == 1 ? "Hours (local):" : "", weekday_names[day - 1], hours);
    }
    printf("  %-16s %d day%s ahead\n", "Booking window:", (int)b->booking_window_days,
           b->booking_window_days == 1 ? "" : "s");
    char tax[RENDER_MONEY_MAX];
    mc_tax_format(b->tax, tax, sizeof tax);
    printf("  %-16s %s, prices before %s\n", "Currency:", b->currency, tax);
    if (b->day_pass_price.minor > 0) {
        char price[RENDER_MONEY_MAX];
        render_money(b->day_pass_price, price, sizeof price);
        printf("  %-16s %s + %s, open space for %d\n", "Day pass:", price, tax,
               (int)b->open_space_capacity);
    } else {
        printf("  %-16s none here (open space for %d)\n", "Day pass:", (int)b->open_space_capacity);
    }
    printf("  %-16s", "Bundles:");
    if (b->tier_count == 0)
        printf(" none");
    for (size_t i = 0; i < b->tier_count; i++) {
        const mc_bundle_tier *t = &b->tiers[i];
        printf("%s %d+ pass%s: ", i > 0 ? "," : "", (int)t->passes, t->passes == 1 ? "" : "es");
        if (t->discount_pct == 0)
            printf("full price");
        else
            printf("%d%% off", (int)t->discount_pct);
    }
    printf("\n");
}

int render_buildings(const app *a, const mc_building_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("buildings", &v, building_json));
    if (list->count == 0) {
        printf("No buildings on this device (memberctl sync fetches them).\n");
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu building%s (hours in each building's local time):\n", list->count,
           list->count == 1 ? "" : "s");
    list_text(&v, building_text, NULL);
    printf("\nPrice day passes with: memberctl passes quote --building B DATE...\n");
    return MEMBERCTL_EXIT_OK;
}
