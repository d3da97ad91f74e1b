/*
 * cmd_buildings.c - buildings (membercore/catalog.h): the operator's
 * buildings from the local store (offline): where they are, when they open
 * (in their own time zone), how far ahead they take bookings and their
 * open-space day-pass pricing.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"

static const char *const weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* ---- JSON ------------------------------------------------------------------------ */

static cJSON *hours_json(const mc_opening_hours *h)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "weekday", h->weekday) != NULL &&
              cJSON_AddNumberToObject(obj, "open_minute", h->open_minute) != NULL &&
              cJSON_AddNumberToObject(obj, "close_minute", h->close_minute) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *tier_json(const mc_bundle_tier *t)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddNumberToObject(obj, "passes", t->passes) != NULL &&
              cJSON_AddNumberToObject(obj, "discount_pct", t->discount_pct) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *building_json(const mc_building *b)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *hours = NULL, *tiers = NULL;
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(b->id)) != NULL &&
              cJSON_AddStringToObject(obj, "name", out_str(b->name)) != NULL &&
              cJSON_AddStringToObject(obj, "city", out_str(b->city)) != NULL &&
              cJSON_AddStringToObject(obj, "timezone", out_str(b->timezone)) != NULL &&
              (hours = cJSON_AddArrayToObject(obj, "hours")) != NULL &&
              cJSON_AddNumberToObject(obj, "booking_window_days", b->booking_window_days) != NULL &&
              cJSON_AddNumberToObject(obj, "day_pass_price_paise",
                                      (double)b->day_pass_price_paise) != NULL &&
              cJSON_AddNumberToObject(obj, "open_space_capacity", b->open_space_capacity) != NULL &&
              (tiers = cJSON_AddArrayToObject(obj, "tiers")) != NULL;
    for (size_t i = 0; ok && i < b->hours_count; i++) {
        cJSON *h = hours_json(&b->hours[i]);
        ok = h != NULL && cJSON_AddItemToArray(hours, h);
        if (!ok)
            cJSON_Delete(h);
    }
    for (size_t i = 0; ok && i < b->tier_count; i++) {
        cJSON *t = tier_json(&b->tiers[i]);
        ok = t != NULL && cJSON_AddItemToArray(tiers, t);
        if (!ok)
            cJSON_Delete(t);
    }
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *buildings_json(const mc_building_list *list)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *array = root != NULL ? cJSON_AddArrayToObject(root, "buildings") : NULL;
    bool ok = array != NULL;
    for (size_t i = 0; ok && i < list->count; i++) {
        cJSON *obj = building_json(&list->items[i]);
        ok = obj != NULL && cJSON_AddItemToArray(array, obj);
        if (!ok)
            cJSON_Delete(obj);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* ---- For a person ------------------------------------------------------------------ */

/* A building-local minute of the day (0..1440) as "HH:MM" ("24:00" at midnight), or "?". */
static void format_minute(int32_t minute, char *out, size_t out_cap)
{
    if (minute < 0 || minute > 1440)
        snprintf(out, out_cap, "?");
    else
        snprintf(out, out_cap, "%02d:%02d", (int)(minute / 60), (int)(minute % 60));
}

/* One day's hours: "closed", "open 24 hours" or "08:00-22:00" (more than one
 * range joined by ", "), into out. */
static void format_day(const mc_building *b, int32_t weekday, char *out, size_t out_cap)
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
            char open[16], close[16];
            format_minute(h->open_minute, open, sizeof open);
            format_minute(h->close_minute, close, sizeof close);
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

static void print_building_human(const mc_building *b)
{
    printf("%s  %s, %s (%s)\n", out_str(b->id), out_str(b->name), out_str(b->city),
           out_str(b->timezone));
    for (int32_t day = 1; day <= 7; day++) {
        char hours[256];
        format_day(b, day, hours, sizeof hours);
        printf("  %-16s %s  %s\n", day == 1 ? "Hours (local):" : "", weekday_names[day - 1], hours);
    }
    printf("  %-16s %d day%s ahead\n", "Booking window:", (int)b->booking_window_days,
           b->booking_window_days == 1 ? "" : "s");
    if (b->day_pass_price_paise > 0) {
        char price[OUT_RUPEES_MAX];
        out_rupees(b->day_pass_price_paise, price, sizeof price);
        printf("  %-16s %s, open space for %d\n", "Day pass:", price, (int)b->open_space_capacity);
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

/* ---- buildings ----------------------------------------------------------------------- */

static int run_buildings(app *a, const command *self, int argc, char **argv)
{
    args p = {.pos_max = 0};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    mc_building_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_buildings_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    if (a->json) {
        rc = out_json(a, buildings_json(list));
        mc_building_list_free(list);
        return rc;
    }
    if (list->count == 0) {
        printf("No buildings on this device (memberctl sync fetches them).\n");
        mc_building_list_free(list);
        return MEMBERCTL_EXIT_OK;
    }
    printf("%zu building%s (hours in each building's local time):\n", list->count,
           list->count == 1 ? "" : "s");
    for (size_t i = 0; i < list->count; i++) {
        printf("\n");
        print_building_human(&list->items[i]);
    }
    printf("\nPrice day passes with: memberctl passes quote --building B DATE...\n");
    mc_building_list_free(list);
    return MEMBERCTL_EXIT_OK;
}

const command cmd_buildings = {
    "buildings",
    "buildings",
    "list the buildings: hours, day-pass prices (local)",
    "Lists the operator's buildings from the local store, by id: no network\n"
    "needed (memberctl sync fetches them). For each building: id, name, city,\n"
    "time zone, opening hours per weekday (Mon..Sun, in the building's local\n"
    "time: HH:MM-HH:MM, \"open 24 hours\" or \"closed\"), how many days ahead it\n"
    "takes bookings, the open-space day-pass price in rupees and capacity, and\n"
    "the bundle tiers (\"5+ passes: 10% off\").\n"
    "\n"
    "JSON: {\"buildings\":[{\"id\",\"name\",\"city\",\"timezone\",\"hours\":[{\"weekday\",\n"
    "       \"open_minute\",\"close_minute\"}],\"booking_window_days\",\n"
    "       \"day_pass_price_paise\",\"open_space_capacity\",\"tiers\":[{\"passes\",\n"
    "       \"discount_pct\"}]}]}\n"
    "      (weekday 1 = Monday .. 7 = Sunday, a day not listed is closed; minutes\n"
    "      are building-local, 0..1440; a day-pass price of 0: no day passes)\n",
    run_buildings,
};
