/* visitors/visitor.c - an mc_visitor: from the wire, its local times, freeing. */
#include "visitors/visitor.h"

#include <stdlib.h>
#include <string.h>

#include "rules/zone.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"
#include "visitors/rules.h"

void mci_visitor_clear(mc_visitor *v)
{
    if (v == NULL)
        return;
    free(v->id);
    free(v->building_id);
    free(v->name);
    free(v->email);
    free(v->phone);
    free(v->date);
    free(v->host_id);
    free(v->host_name);
    memset(v, 0, sizeof *v);
}

void mc_visitor_free(mc_visitor *visitor)
{
    mci_visitor_clear(visitor);
    free(visitor);
}

void mc_visitor_list_free(mc_visitor_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        mci_visitor_clear(&list->items[i]);
    free(list->items);
    free(list);
}

bool mci_visitor_complete(const mc_visitor *v)
{
    return v->id && v->building_id && v->name && v->email && v->phone && v->date && v->host_id &&
           v->host_name;
}

mc_status mci_visitor_from_json(const cJSON *obj, mc_visitor *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *id = mci_json_string(obj, "id", "");
    if (!cJSON_IsObject(obj) || id[0] == '\0')
        return mci_error_set(err, MC_ERR_SERVER, "the server's answer has no visitor");
    const cJSON *window = cJSON_GetObjectItemCaseSensitive(obj, "window");
    const cJSON *host = cJSON_GetObjectItemCaseSensitive(obj, "host");
    const char *checked_in_by = mci_json_string(obj, "checked_in_by", "");
    out->id = mci_strdup(id);
    out->building_id = mci_strdup(mci_json_string(obj, "building_id", ""));
    out->name = mci_strdup(mci_json_string(obj, "name", ""));
    out->email = mci_strdup(mci_json_string(obj, "email", ""));
    out->phone = mci_strdup(mci_json_string(obj, "phone", ""));
    out->date = mci_strdup(mci_json_string(obj, "date", ""));
    out->window_from_min =
        cJSON_IsObject(window) ? (int32_t)mci_json_int(window, "from_min", -1) : -1;
    out->window_to_min = cJSON_IsObject(window) ? (int32_t)mci_json_int(window, "to_min", -1) : -1;
    out->status = mci_visitor_status_of(mci_json_string(obj, "status", NULL));
    out->walk_in = strcmp(mci_json_string(obj, "source", ""), "walk_in") == 0;
    out->checkin = strcmp(checked_in_by, "door") == 0        ? MC_VISITOR_CHECKIN_DOOR
                   : strcmp(checked_in_by, "reception") == 0 ? MC_VISITOR_CHECKIN_RECEPTION
                                                             : MC_VISITOR_CHECKIN_NONE;
    out->arrived_at_ms = mci_json_int(obj, "arrived_at_ms", 0);
    out->approval_due_ms =
        out->status == MC_VISITOR_AWAITING_APPROVAL ? mci_json_int(obj, "approval_due_ms", 0) : 0;
    out->declined_by_timeout = strcmp(mci_json_string(obj, "decline_reason", ""), "timeout") == 0;
    out->created_at_ms = mci_json_int(obj, "created_at_ms", 0);
    out->host_id =
        mci_strdup(mci_json_string(host, "id", mci_json_string(obj, "host_user_id", "")));
    out->host_name = mci_strdup(mci_json_string(host, "name", ""));
    if (!mci_visitor_complete(out)) {
        mci_visitor_clear(out);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    return MC_OK;
}

/* The local time at minute of local day `day` in the visitor's building: the book gives
 * the offset in force, applied twice so a day that changes offset reads its own. */
static mc_status local_minute(mci_zone_book *book, const char *building, int64_t day,
                              int32_t minute, mc_local_time *out, mc_error *err)
{
    int64_t wall = day * MCI_MS_PER_DAY + minute * MCI_MS_PER_MIN;
    mc_local_time probe;
    mc_status st = mci_zone_book_local(book, building, wall, &probe, err);
    int64_t utc = wall - probe.offset_min * MCI_MS_PER_MIN;
    if (st == MC_OK)
        st = mci_zone_book_local(book, building, utc, &probe, err);
    if (st == MC_OK && wall - probe.offset_min * MCI_MS_PER_MIN != utc)
        utc = wall - probe.offset_min * MCI_MS_PER_MIN;
    return st == MC_OK ? mci_zone_book_local(book, building, utc, out, err) : st;
}

mc_status mci_visitor_localize(mci_zone_book *book, void *item, mc_error *err)
{
    mc_visitor *v = item;
    mc_status st = mci_zone_book_local(book, v->building_id, v->arrived_at_ms, &v->arrived_at, err);
    if (st == MC_OK)
        st = mci_zone_book_local(book, v->building_id, v->approval_due_ms, &v->approval_due, err);
    int64_t day = 0;
    if (st == MC_OK && v->window_from_min >= 0 && v->window_to_min >= 0 && v->date != NULL &&
        mci_parse_date(v->date, &day)) {
        st = local_minute(book, v->building_id, day, v->window_from_min, &v->window_from, err);
        if (st == MC_OK)
            st = local_minute(book, v->building_id, day, v->window_to_min, &v->window_to, err);
    }
    return st;
}
