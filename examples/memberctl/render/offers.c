/*
 * render/offers.c - membercore/offers.h as memberctl shows it: the partner offers valid
 * today (redeemable first), each with its terms, validity (dates in words, building-local)
 * and scope; the member's code once redeemed (kept offline); what redeeming gave. As text
 * or JSON.
 */
#include "render/render.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/list.h"
#include "render/words.h"

/* This machine's year: a date of another year is written with its year. */
static int32_t this_year(void)
{
    return datetime_year_of_ms(datetime_clock_ms(CLOCK_REALTIME));
}

static const char *code_kind_name(mc_offer_code_kind kind)
{
    return kind == MC_OFFER_SINGLE_USE ? "single_use" : "shared";
}

static cJSON *building_json(const void *item)
{
    return cJSON_CreateString(out_str(*(const char *const *)item));
}

cJSON *render_offer_json(const void *item)
{
    const mc_offer *o = item;
    list_view buildings = LIST_VIEW(o->building_ids, o->building_count);
    const char *code = out_str(o->code);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(o->id)) != NULL &&
              cJSON_AddStringToObject(obj, "partner", out_str(o->partner)) != NULL &&
              cJSON_AddStringToObject(obj, "title", out_str(o->title)) != NULL &&
              cJSON_AddStringToObject(obj, "description", out_str(o->description)) != NULL &&
              cJSON_AddStringToObject(obj, "terms", out_str(o->terms)) != NULL &&
              list_add_json(obj, "building_ids", &buildings, building_json) &&
              cJSON_AddStringToObject(obj, "valid_from", out_str(o->valid_from)) != NULL &&
              cJSON_AddStringToObject(obj, "valid_until", out_str(o->valid_until)) != NULL &&
              cJSON_AddStringToObject(obj, "code_kind", code_kind_name(o->code_kind)) != NULL &&
              (o->remaining >= 0 ? cJSON_AddNumberToObject(obj, "remaining", o->remaining) != NULL
                                 : cJSON_AddNullToObject(obj, "remaining") != NULL) &&
              cJSON_AddBoolToObject(obj, "redeemed", o->redeemed) != NULL &&
              json_add_string_or_null(obj, "code", code[0] != '\0' ? code : NULL) &&
              json_add_local_time(obj, "redeemed_at", o->redeemed_at.utc_ms, &o->redeemed_at, true);
    return json_finish(obj, ok);
}

/* "Blue Tokai: 20% off coffee": the partner before the title, unless the title already
 * starts with it. A name longer than out is cut at a character boundary (words_clip). */
static void offer_name(const mc_offer *o, char *out, size_t out_cap)
{
    const char *partner = out_str(o->partner), *title = out_str(o->title);
    size_t n = strlen(partner), used = 0;
    if (n != 0 && strncmp(title, partner, n) != 0) {
        words_clip(partner, SIZE_MAX, out, out_cap);
        used = strlen(out);
        if (used + 3 <= out_cap) {
            memcpy(out + used, ": ", 3);
            used += 2;
        }
    }
    words_clip(title, SIZE_MAX, out + used, out_cap - used);
}

/* "every building" or "BLR-1, MUM-1". */
static void scope_words(const mc_offer *o, char *out, size_t out_cap)
{
    out[0] = '\0';
    if (o->building_count == 0) {
        snprintf(out, out_cap, "every building");
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < o->building_count && used < out_cap; i++) {
        int n = snprintf(out + used, out_cap - used, "%s%s", i > 0 ? ", " : "",
                         out_str(o->building_ids[i]));
        used += n > 0 ? (size_t)n : 0;
    }
}

/*
 * off_…  Blue Tokai: 20% off coffee
 *     Show the code at the counter. Terms: one per visit.
 *     every building, Tue 1 Dec to Thu 31 Dec; shared code; your code: MCBLUE20
 */
static void offer_text(const void *item, const void *context)
{
    const mc_offer *o = item;
    (void)context;
    char scope[256], from[DATETIME_DAY_WORDS_MAX], until[DATETIME_DAY_WORDS_MAX], kind[64];
    scope_words(o, scope, sizeof scope);
    datetime_format_day_words(out_str(o->valid_from), this_year(), from, sizeof from);
    datetime_format_day_words(out_str(o->valid_until), this_year(), until, sizeof until);
    if (o->code_kind == MC_OFFER_SINGLE_USE)
        snprintf(kind, sizeof kind, "one code per member, %d left", (int)o->remaining);
    else
        snprintf(kind, sizeof kind, "one code for everyone");
    char name[256];
    offer_name(o, name, sizeof name);
    printf("%s  %s\n", out_str(o->id), name);
    const char *description = out_str(o->description), *terms = out_str(o->terms);
    if (description[0] != '\0')
        printf("    %s\n", description);
    if (terms[0] != '\0')
        printf("    Terms: %s\n", terms);
    printf("    %s, %s to %s; %s; ", scope, from, until, kind);
    if (o->redeemed)
        printf("your code: %s\n", out_str(o->code));
    else
        printf("not redeemed\n");
}

int render_offers(const app *a, const mc_offer_list *list)
{
    list_view v = LIST_VIEW(list->items, list->count);
    if (a->json)
        return out_json(a, list_json_object("offers", &v, render_offer_json));
    if (list->count == 0) {
        printf("No offers valid today on this device (memberctl sync fetches them).\n");
        return MEMBERCTL_EXIT_OK;
    }
    size_t open = 0;
    for (size_t i = 0; i < list->count; i++)
        open += list->items[i].redeemed ? 0 : 1;
    printf("%zu offer%s valid today, %zu not redeemed yet:\n", list->count,
           list->count == 1 ? "" : "s", open);
    list_text(&v, offer_text, NULL);
    if (open > 0)
        printf("Get a code with: memberctl offers redeem ID (needs the server)\n");
    return MEMBERCTL_EXIT_OK;
}

int render_offer_redeemed(const app *a, const mc_offer *o)
{
    if (a->json) {
        cJSON *root = cJSON_CreateObject();
        bool ok = root != NULL && json_add_item(root, "offer", render_offer_json(o)) &&
                  cJSON_AddStringToObject(root, "code", out_str(o->code)) != NULL;
        return out_json(a, json_finish(root, ok));
    }
    char name[256];
    offer_name(o, name, sizeof name);
    printf("%s\n", name);
    printf("Your code: %s\n", out_str(o->code));
    const char *terms = out_str(o->terms);
    if (terms[0] != '\0')
        printf("Terms: %s\n", terms);
    printf("%s\n", o->code_kind == MC_OFFER_SINGLE_USE
                       ? "It is yours alone: asking again shows the same code. memberctl offers "
                         "shows it offline."
                       : "memberctl offers shows it offline.");
    return MEMBERCTL_EXIT_OK;
}
