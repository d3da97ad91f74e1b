/* community/offers.c - partner offers from the local store (valid today at the member's
 * building, in its scope) and redeeming one online, its code kept for offline. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/session.h"
#include "catalog/zones.h"
#include "community/reads.h"
#include "handle/handle.h"
#include "membercore/offers.h"
#include "net/http.h"
#include "read/read.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/* The synced offers, and who is asking: the building of their membership (none for an
 * on-demand user, who sees the offers of every building). */
static const char offers_sql[] = "SELECT data FROM entity WHERE kind = 'offer' ORDER BY id";
static const char member_sql[] = "SELECT building_id FROM account WHERE singleton = 1";

static void offer_clear(mc_offer *o)
{
    free(o->id);
    free(o->partner);
    free(o->title);
    free(o->description);
    free(o->terms);
    for (size_t i = 0; i < o->building_count; i++)
        free(o->building_ids[i]);
    free(o->building_ids);
    free(o->valid_from);
    free(o->valid_until);
    free(o->code);
    memset(o, 0, sizeof *o);
}

void mc_offer_free(mc_offer *offer)
{
    if (offer == NULL)
        return;
    offer_clear(offer);
    free(offer);
}

void mc_offer_list_free(mc_offer_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        offer_clear(&list->items[i]);
    free(list->items);
    free(list);
}

/* An offer from its entity JSON into o (zeroed first); the redemption's instant stays UTC in
 * *redeemed_at_ms for the caller to localise. false when out of memory. */
static bool offer_from_json(const cJSON *data, mc_offer *o, int64_t *redeemed_at_ms)
{
    memset(o, 0, sizeof *o);
    o->id = mci_strdup(mci_json_string(data, "id", ""));
    o->partner = mci_strdup(mci_json_string(data, "partner", ""));
    o->title = mci_strdup(mci_json_string(data, "title", ""));
    o->description = mci_strdup(mci_json_string(data, "description", ""));
    o->terms = mci_strdup(mci_json_string(data, "terms", ""));
    o->valid_from = mci_strdup(mci_json_string(data, "valid_from", ""));
    o->valid_until = mci_strdup(mci_json_string(data, "valid_until", ""));
    o->code_kind = strcmp(mci_json_string(data, "code_kind", "shared"), "single_use") == 0
                       ? MC_OFFER_SINGLE_USE
                       : MC_OFFER_SHARED;
    o->remaining =
        o->code_kind == MC_OFFER_SHARED ? -1 : (int32_t)mci_json_int(data, "remaining", 0);
    const cJSON *redemption = cJSON_GetObjectItemCaseSensitive(data, "redemption");
    const char *code = mci_json_string(redemption, "code", NULL);
    o->redeemed = cJSON_IsObject(redemption) && code != NULL && code[0] != '\0';
    o->code = mci_strdup(o->redeemed ? code : "");
    *redeemed_at_ms = o->redeemed ? mci_json_int(redemption, "redeemed_at_ms", 0) : 0;
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(data, "building_ids");
    size_t n = cJSON_IsArray(ids) ? (size_t)cJSON_GetArraySize(ids) : 0;
    if (n > 0 && (o->building_ids = calloc(n, sizeof *o->building_ids)) == NULL)
        return false;
    for (size_t i = 0; i < n; i++) {
        const cJSON *id = cJSON_GetArrayItem(ids, (int)i);
        if (cJSON_IsString(id) &&
            (o->building_ids[o->building_count++] = mci_strdup(id->valuestring)) == NULL)
            return false;
    }
    return o->id && o->partner && o->title && o->description && o->terms && o->valid_from &&
           o->valid_until && o->code;
}

/* Whether o is for building_id ("": whoever asks sees every building's). */
static bool in_scope(const mc_offer *o, const char *building_id)
{
    if (building_id[0] == '\0' || o->building_count == 0)
        return true;
    for (size_t i = 0; i < o->building_count; i++)
        if (strcmp(o->building_ids[i], building_id) == 0)
            return true;
    return false;
}

/* Redeemable ones (not yet redeemed) first, then by partner, then by title and id. */
static int compare_offers(const void *a, const void *b)
{
    const mc_offer *x = a, *y = b;
    if (x->redeemed != y->redeemed)
        return x->redeemed ? 1 : -1;
    int by = strcmp(x->partner, y->partner);
    if (by == 0)
        by = strcmp(x->title, y->title);
    return by != 0 ? by : strcmp(x->id, y->id);
}

/* The member's building ("" for an on-demand user or nobody's) into building (cap bytes). */
static mc_status asking_building(mci_reader *r, char *building, size_t cap, mc_error *err)
{
    sqlite3_stmt *stmt = mci_read_stmt(r, member_sql, "reading the member", err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    int rc = sqlite3_step(stmt);
    building[0] = '\0';
    if (rc == SQLITE_ROW)
        mci_strlcpy(building, mci_column_text(stmt, 0), cap);
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK
                                                 : mci_read_fail(r, "reading the member", err);
}

/* Append the offer in data to list when it is valid on today ("YYYY-MM-DD") for building. */
static mc_status add_if_valid(mc_offer_list *list, size_t *cap, const cJSON *data,
                              const char *today, const char *building, mci_zone_book *book,
                              mc_error *err)
{
    mc_offer o;
    int64_t redeemed_at_ms = 0;
    if (!offer_from_json(data, &o, &redeemed_at_ms)) {
        offer_clear(&o);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading offers");
    }
    bool valid = strcmp(o.valid_from, today) <= 0 &&
                 (o.valid_until[0] == '\0' || strcmp(today, o.valid_until) <= 0) &&
                 in_scope(&o, building);
    mc_status st =
        valid ? mci_zone_book_local(book, "", redeemed_at_ms, &o.redeemed_at, err) : MC_OK;
    if (!valid || st != MC_OK) {
        offer_clear(&o);
        return st;
    }
    if (list->count == *cap) {
        size_t grown = *cap ? *cap * 2 : 8;
        mc_offer *items = realloc(list->items, grown * sizeof *items);
        if (items == NULL) {
            offer_clear(&o);
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading offers");
        }
        list->items = items;
        *cap = grown;
    }
    list->items[list->count++] = o;
    return MC_OK;
}

/* Today's building-local date of the member's building (UTC's without one). */
static mc_status today_date(mci_zone_book *book, int64_t now_ms, char today[16], mc_error *err)
{
    mc_local_time now;
    mc_status st = mci_zone_book_local(book, "", now_ms, &now, err);
    if (st == MC_OK)
        snprintf(today, 16, "%04d-%02d-%02d", (int)(now.year % 10000), (int)(now.month % 100),
                 (int)(now.day % 100));
    return st;
}

mc_status mci_offers_read(mci_reader *r, int64_t now_ms, mc_offer_list *list, mc_error *err)
{
    char building[128], today[16];
    mci_zone_book *book = NULL;
    mc_status st = asking_building(r, building, sizeof building, err);
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &book, err);
    if (st == MC_OK)
        st = today_date(book, now_ms, today, err);
    sqlite3_stmt *stmt = st == MC_OK ? mci_read_stmt(r, offers_sql, "reading offers", err) : NULL;
    if (st == MC_OK && stmt == NULL)
        st = MC_ERR_STORAGE;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cJSON *data = cJSON_Parse(mci_column_text(stmt, 0));
        if (data != NULL)
            st = add_if_valid(list, &cap, data, today, building, book, err);
        cJSON_Delete(data);
    }
    if (stmt != NULL)
        sqlite3_reset(stmt);
    mci_zone_book_free(book);
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_read_fail(r, "reading offers", err);
    if (st == MC_OK && list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, compare_offers);
    return st;
}

mc_status mc_offers_list(mc_client *c, mc_offer_list **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client and out are required");
    *out = NULL;
    mc_offer_list *list = calloc(1, sizeof *list);
    if (list == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_offers_read(r, mci_client_now(c), list, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_offer_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

/* The redeemed offer's JSON text, kept as the entity until the next pull brings the same. */
static mc_status store_offer(mc_client *c, const char *user_id, void *arg, bool *queued,
                             mc_error *err)
{
    (void)user_id;
    const cJSON *offer = arg;
    char *text = cJSON_PrintUnformatted(offer);
    if (text == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    sqlite3_stmt *stmt = NULL;
    mc_status st = MC_OK;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO entity (kind, id, data) VALUES ('offer', ?1, ?2) "
                           "ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data",
                           -1, &stmt, NULL) != SQLITE_OK)
        st = mci_store_fail(c->db, err, "keeping the offer's code");
    if (st == MC_OK) {
        sqlite3_bind_text(stmt, 1, mci_json_string(offer, "id", ""), -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            st = mci_store_fail(c->db, err, "keeping the offer's code");
    }
    sqlite3_finalize(stmt);
    free(text);
    *queued = st == MC_OK; /* screens hear DATA_CHANGED for offers */
    return st;
}

/* The member's words for the server's refusal of a redemption of offer (its JSON if this
 * device has it, else NULL), in err (whose code the call has set). */
static void explain_refusal(const char *id, const cJSON *offer, mc_error *err)
{
    char name[160];
    const char *partner = mci_json_string(offer, "partner", ""),
               *title = mci_json_string(offer, "title", id);
    bool named = partner[0] == '\0' || strncmp(title, partner, strlen(partner)) == 0;
    snprintf(name, sizeof name, "%s%s%s", named ? "" : partner, named ? "" : ": ", title);
    const char *from = mci_json_string(offer, "valid_from", "");
    const char *until = mci_json_string(offer, "valid_until", "");
    if (strcmp(err->server_code, "offer_exhausted") == 0)
        snprintf(err->message, sizeof err->message, "'%s': no codes left", name);
    else if (strcmp(err->server_code, "offer_expired") == 0)
        snprintf(err->message, sizeof err->message, "'%s' was valid until %s", name,
                 until[0] ? until : "its last day");
    else if (strcmp(err->server_code, "offer_not_started") == 0)
        snprintf(err->message, sizeof err->message, "'%s' is valid from %s", name,
                 from[0] ? from : "a later day");
    else if (err->code == MC_ERR_NOT_FOUND)
        snprintf(err->message, sizeof err->message,
                 "no offer '%s' for your building (sync to see new offers)", id);
}

/* The offer's synced JSON, or NULL (also on a storage error: only for messages). */
static cJSON *local_offer(mc_client *c, const char *id)
{
    mci_reader *r = NULL;
    cJSON *offer = NULL;
    if (mci_read_begin(c->readers, &r, NULL) != MC_OK)
        return NULL;
    sqlite3_stmt *stmt = mci_read_stmt(
        r, "SELECT data FROM entity WHERE kind = 'offer' AND id = ?1", "reading an offer", NULL);
    if (stmt != NULL) {
        sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            offer = cJSON_Parse(mci_column_text(stmt, 0));
        sqlite3_reset(stmt);
    }
    mci_read_end(c->readers, r);
    return offer;
}

/* The redeemed offer of the server's answer into *out. */
static mc_status offer_out(mc_client *c, const cJSON *offer, mc_offer **out, mc_error *err)
{
    mc_offer *o = calloc(1, sizeof *o);
    int64_t redeemed_at_ms = 0;
    if (o == NULL || !offer_from_json(offer, o, &redeemed_at_ms)) {
        mc_offer_free(o);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    mc_status st = mci_local_time_in(c, NULL, redeemed_at_ms, &o->redeemed_at, err);
    if (st != MC_OK) {
        mc_offer_free(o);
        return st;
    }
    *out = o;
    return MC_OK;
}

mc_status mc_offer_redeem(mc_client *c, const char *offer_id, mc_offer **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    if (c == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "client is NULL");
    if (offer_id == NULL || offer_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "offer_id is required");
    if (strlen(offer_id) > 64 || strcspn(offer_id, "/?#% ") != strlen(offer_id))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "offer_id '%.*s' is not an offer's id",
                             (int)mci_utf8_prefix(offer_id, 64), offer_id);
    char path[128], token[MCI_TOKEN_MAX];
    snprintf(path, sizeof path, "/v1/offers/%s/redeem", offer_id);
    mc_error local = MC_ERROR_INIT;
    mc_error *e = err != NULL ? err : &local;
    cJSON *answer = NULL, *body = cJSON_CreateObject();
    mc_status st = body != NULL ? mci_session_token(c, token, e)
                                : mci_error_set(e, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_http_call(&c->http, "POST", path, body, token, &answer, e);
    cJSON_Delete(body);
    memset(token, 0, sizeof token);
    if (st == MC_ERR_CONFLICT || st == MC_ERR_NOT_FOUND) {
        cJSON *known = local_offer(c, offer_id);
        explain_refusal(offer_id, known, e);
        cJSON_Delete(known);
    }
    cJSON *offer = cJSON_GetObjectItemCaseSensitive(answer, "offer");
    const char *code = mci_json_string(answer, "code", NULL);
    if (st == MC_OK && (!cJSON_IsObject(offer) || code == NULL || code[0] == '\0'))
        st = mci_error_set(e, MC_ERR_SERVER, "the server's answer has no offer and code");
    if (st == MC_OK && !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(offer, "redemption"))) {
        /* the code comes in the answer: keep it in the offer as a pull would bring it */
        cJSON_DeleteItemFromObjectCaseSensitive(offer, "redemption");
        cJSON *redemption = cJSON_AddObjectToObject(offer, "redemption");
        if (redemption == NULL || !cJSON_AddStringToObject(redemption, "code", code) ||
            !cJSON_AddNumberToObject(redemption, "redeemed_at_ms", (double)mci_client_now(c)))
            st = mci_error_set(e, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK)
        st = mci_sync_write(c, store_offer, offer, MC_KIND_OFFER, e);
    if (st == MC_OK && out != NULL)
        st = offer_out(c, offer, out, e);
    cJSON_Delete(answer);
    return st;
}
