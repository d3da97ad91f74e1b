/* routes/test/community.c - test-mode routes standing in for the operator's community desk: post
 * an announcement (its members told), create a partner offer (docs/today-desks-community.md). */
#include <string.h>

#include "api/fields.h"
#include "db/db.h"
#include "domain/announcements.h"
#include "domain/offers.h"
#include "routes/routes.h"
#include "base/text.h"

/* The longest announcement link accepted (the core's link grammar's bound). */
#define LINK_MAX 2048
/* The most buildings and codes an offer is created with. */
#define OFFER_LIST_MAX 500

/* NULL when link is an https:// page the core's link grammar takes; else what is wrong. */
static const char *link_problem(const char *link)
{
    size_t len = strlen(link);
    if (len > LINK_MAX)
        return "is longer than 2048 bytes";
    if (strncmp(link, "https://", 8) != 0)
        return "must be an https:// link";
    if (link[8] == '\0' || link[8] == '/' || link[8] == '?' || link[8] == '#')
        return "names no host";
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)link[i] <= ' ' || (unsigned char)link[i] >= 0x7f)
            return "holds a space, control or non-ASCII character";
    return NULL;
}

/* An optional boolean field (false when absent or null); false after a 400. */
static bool optional_bool(ms_reply *reply, const cJSON *json, const char *name, bool *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, name);
    *out = cJSON_IsTrue(item);
    if (item && !cJSON_IsNull(item) && !cJSON_IsBool(item)) {
        ms_reply_invalid(reply, "field '%s' must be true or false", name);
        return false;
    }
    return true;
}

/*
 * POST /v1/test/announcements {building_id (null: everyone), title, body, pinned?,
 * expires_at_ms? (null: never), deep_link? (an https:// page the notification links instead of
 * the announcement)}: 200 {told, announcement} (the operator's view: unread).
 */
void ms_handle_test_announce(ms_app *app, ms_request *req, ms_reply *reply)
{
    ms_announcement_input in = {0};
    const cJSON *where = cJSON_GetObjectItemCaseSensitive(req->json, "building_id");
    if (!where) {
        ms_reply_invalid(reply, "field 'building_id' is missing (null announces to everyone)");
        return;
    }
    if (!cJSON_IsNull(where) && !ms_field_string(reply, req->json, "building_id", &in.building_id))
        return;
    char title[4 * 100 + 1], body[4 * 500 + 1];
    if (!ms_field_text(reply, req->json, "title", 100, title, sizeof title) ||
        !ms_field_text(reply, req->json, "body", 500, body, sizeof body) ||
        !optional_bool(reply, req->json, "pinned", &in.pinned))
        return;
    const cJSON *expires = cJSON_GetObjectItemCaseSensitive(req->json, "expires_at_ms");
    if (expires && !cJSON_IsNull(expires) &&
        !ms_field_int(reply, req->json, "expires_at_ms", 1, MS_CLOCK_MAX_MS, &in.expires_at_ms))
        return;
    const cJSON *given = cJSON_GetObjectItemCaseSensitive(req->json, "deep_link");
    if (given && !cJSON_IsNull(given)) {
        if (!ms_field_string(reply, req->json, "deep_link", &in.deep_link))
            return;
        const char *problem = link_problem(in.deep_link);
        if (problem) {
            ms_reply_invalid(reply, "field 'deep_link' %s", problem);
            return;
        }
    }
    in.title = title;
    in.body = body;
    int told = 0;
    char id[MS_ID_MAX];
    int rc = ms_announcement_post(app, &in, id, &told);
    if (rc < 0) {
        ms_reply_internal(reply);
        return;
    }
    if (rc == 1) {
        ms_reply_error(reply, 404, "not_found", "no building '%.*s'",
                       (int)ms_utf8_prefix(in.building_id, 40), in.building_id);
        return;
    }
    if (rc == 2) {
        ms_reply_invalid(reply, "field 'expires_at_ms' must be after now (the server clock)");
        return;
    }
    cJSON *out = cJSON_CreateObject(), *view = NULL;
    if (!out || ms_entity_data(app->db, MS_KIND_ANNOUNCEMENT, NULL, id, &view) != 0 ||
        !cJSON_AddNumberToObject(out, "told", told) ||
        !cJSON_AddItemToObject(out, "announcement", view)) {
        cJSON_Delete(view);
        cJSON_Delete(out);
        ms_reply_internal(reply);
        return;
    }
    ms_reply_json(reply, 200, out);
}

/* The strings of the optional array field `name` into list (at most OFFER_LIST_MAX), their count
 * into *n; false after a 400. */
static bool string_list(ms_reply *reply, const cJSON *json, const char *name, const char **list,
                        size_t *n)
{
    const cJSON *array = cJSON_GetObjectItemCaseSensitive(json, name), *item;
    *n = 0;
    if (!array || cJSON_IsNull(array))
        return true;
    if (!cJSON_IsArray(array) || cJSON_GetArraySize(array) > OFFER_LIST_MAX) {
        ms_reply_invalid(reply, "field '%s' must be an array of at most %d strings", name,
                         OFFER_LIST_MAX);
        return false;
    }
    cJSON_ArrayForEach(item, array)
    {
        if (!cJSON_IsString(item) || !item->valuestring[0]) {
            ms_reply_invalid(reply, "field '%s' item %zu must be a non-empty string", name, *n);
            return false;
        }
        list[(*n)++] = item->valuestring;
    }
    return true;
}

/*
 * POST /v1/test/offers {partner, title, description, terms?, valid_from, valid_until,
 * building_ids? ([] or absent: every building), code_kind: shared | single_use, shared_code
 * (shared), codes: [..] (single_use)}: 200 {offer} (as an on-demand user sees it).
 */
void ms_handle_test_offer_create(ms_app *app, ms_request *req, ms_reply *reply)
{
    const char *buildings[OFFER_LIST_MAX], *codes[OFFER_LIST_MAX];
    char partner[4 * 60 + 1], title[4 * 100 + 1], description[4 * 500 + 1], terms[4 * 500 + 1];
    const char *kind = NULL;
    ms_offer_input in = {.building_ids = buildings, .codes = codes};
    if (!ms_field_text(reply, req->json, "partner", 60, partner, sizeof partner) ||
        !ms_field_text(reply, req->json, "title", 100, title, sizeof title) ||
        !ms_field_text(reply, req->json, "description", 500, description, sizeof description) ||
        !ms_test_optional_text(reply, req->json, "terms", 500, terms, sizeof terms) ||
        !ms_field_string(reply, req->json, "valid_from", &in.valid_from) ||
        !ms_field_string(reply, req->json, "valid_until", &in.valid_until) ||
        !ms_field_string(reply, req->json, "code_kind", &kind) ||
        !string_list(reply, req->json, "building_ids", buildings, &in.building_count))
        return;
    in.single_use = strcmp(kind, "single_use") == 0;
    if (!in.single_use && strcmp(kind, "shared") != 0) {
        ms_reply_invalid(reply, "field 'code_kind' must be shared or single_use");
        return;
    }
    if (in.single_use ? !string_list(reply, req->json, "codes", codes, &in.code_count)
                      : !ms_field_string(reply, req->json, "shared_code", &in.shared_code))
        return;
    in.partner = partner;
    in.title = title;
    in.description = description;
    in.terms = terms;
    char id[MS_ID_MAX];
    ms_refusal why;
    int rc = ms_offer_create(app, &in, id, &why);
    if (rc < 0)
        ms_reply_internal(reply);
    else if (rc == 1)
        ms_reply_error(reply, strcmp(why.code, "not_found") == 0 ? 404 : 400, why.code, "%s",
                       why.message);
    else
        ms_test_reply_entity(app, "offer", MS_KIND_OFFER, "", id, reply);
}
