/* visitors/write.c - the member's visitor writes, checked and queued at once (offline too):
 * invite (and invite the same person again), cancel, approve or decline a walk-in. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/building.h"
#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/auth.h"
#include "read/read.h"
#include "rules/email.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "util/error.h"
#include "util/strutil.h"
#include "visitors/rules.h"
#include "visitors/visitor.h"

/* ---- inviting ------------------------------------------------------------------------- */

/* An invitation after the checks that need no store. */
typedef struct invite_args {
    char *name; /* trimmed */
    const char *email;
    char phone[MC_PHONE_MAX]; /* "" for none */
    char building_id[64];     /* "" until resolved: the member's own */
    const char *date;
    int32_t window_from_min;
    int32_t window_to_min;
    char visitor_id[MC_VISITOR_ID_CAP];
} invite_args;

/* name, email, phone and window (no store needed) into a. */
static mc_status check_person(const mc_visitor_invitation *inv, invite_args *a, mc_error *err)
{
    mc_status st = mci_visitor_check_name("name", inv->name, &a->name, err);
    if (st != MC_OK)
        return st;
    if (inv->email == NULL || inv->email[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "email is required: the visitor's QR code is sent there");
    if (!mci_email_valid(inv->email))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "email '%.*s' is not a valid address",
                             (int)mci_utf8_prefix(inv->email, 100), inv->email);
    a->email = inv->email;
    if (inv->phone != NULL && inv->phone[0] != '\0' &&
        mc_phone_normalize(inv->phone, a->phone, sizeof a->phone, err) != MC_OK) {
        char why[sizeof err->message];
        mci_strlcpy(why, err->message, sizeof why);
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the visitor's %s", why);
    }
    st = mci_visitor_check_window(inv->window_from_min, inv->window_to_min, err);
    if (st != MC_OK)
        return st;
    st = mci_visitor_parse_date(inv->date, NULL, err); /* its rules once the building is known */
    if (st != MC_OK)
        return st;
    a->window_from_min = inv->window_from_min;
    a->window_to_min = inv->window_to_min;
    a->date = inv->date;
    if (inv->building_id != NULL &&
        !mci_strlcpy(a->building_id, inv->building_id, sizeof a->building_id))
        return mci_error_set(err, MC_ERR_NOT_FOUND, "no building \"%.*s...\" on this device",
                             (int)mci_utf8_prefix(inv->building_id, 40), inv->building_id);
    return MC_OK;
}

/* The building (the member's own when none was named) and the date against its days. */
static mc_status check_day(mc_client *c, invite_args *a, mc_error *err)
{
    mc_status st = MC_OK;
    if (a->building_id[0] == '\0') {
        sqlite3_stmt *stmt =
            mci_stmt_cache_get(c->stmts, "SELECT building_id FROM account WHERE singleton = 1");
        if (stmt == NULL)
            return mci_store_fail(c->db, err, "reading your building");
        if (sqlite3_step(stmt) == SQLITE_ROW)
            mci_strlcpy(a->building_id, mci_column_text(stmt, 0), sizeof a->building_id);
        sqlite3_reset(stmt);
        if (a->building_id[0] == '\0')
            return mci_error_set(err, MC_ERR_NOT_FOUND,
                                 "building: you have no building of your own; name the building "
                                 "the visitor comes to");
    }
    mci_building *b = NULL;
    st = mci_building_load(c->db, a->building_id, &b, err);
    if (st == MC_ERR_NOT_FOUND)
        return mci_error_set(err, MC_ERR_NOT_FOUND,
                             "no building \"%s\" on this device (sync to see buildings)",
                             a->building_id);
    if (st == MC_OK) {
        mci_visitor_day_rules rules = {b->id, b->hours,
                                       mci_building_local_day(b, mci_client_now(c))};
        st = mci_visitor_check_date(&rules, a->date, NULL, err);
    }
    mci_building_free(b);
    return st;
}

static cJSON *invite_payload(const invite_args *a)
{
    cJSON *p = cJSON_CreateObject();
    bool ok = p != NULL && cJSON_AddStringToObject(p, "visitor_id", a->visitor_id) &&
              cJSON_AddStringToObject(p, "building_id", a->building_id) &&
              cJSON_AddStringToObject(p, "name", a->name) &&
              cJSON_AddStringToObject(p, "email", a->email) &&
              (a->phone[0] ? cJSON_AddStringToObject(p, "phone", a->phone) != NULL
                           : cJSON_AddNullToObject(p, "phone") != NULL) &&
              cJSON_AddStringToObject(p, "date", a->date);
    if (ok && a->window_from_min < 0) {
        ok = cJSON_AddNullToObject(p, "window") != NULL;
    } else if (ok) {
        cJSON *w = cJSON_AddObjectToObject(p, "window");
        ok = w != NULL && cJSON_AddNumberToObject(w, "from_min", a->window_from_min) &&
             cJSON_AddNumberToObject(w, "to_min", a->window_to_min);
    }
    if (!ok) {
        cJSON_Delete(p);
        return NULL;
    }
    return p;
}

static mc_status record_pending_visitor(mc_client *c, int64_t mutation_id, const char *user_id,
                                        const invite_args *a, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        c->stmts, "INSERT INTO pending_visitor (mutation_id, visitor_id, user_id, building_id, "
                  "name, email, phone, date, window_from, window_to, created_at_ms) VALUES (?1, "
                  "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "recording the invitation");
    sqlite3_bind_int64(stmt, 1, mutation_id);
    sqlite3_bind_text(stmt, 2, a->visitor_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, a->building_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, a->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 7, a->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8, a->date, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 9, a->window_from_min);
    sqlite3_bind_int(stmt, 10, a->window_to_min);
    sqlite3_bind_int64(stmt, 11, mci_client_now(c));
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(c->db, err, "recording the invitation");
    sqlite3_reset(stmt);
    return st;
}

/* Check against the store and queue the invitation (an mci_write_fn). */
static mc_status invite_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                                mc_error *err)
{
    invite_args *a = arg;
    mc_status st = check_day(c, a, err);
    if (st == MC_OK)
        st = mci_client_new_id(c, "vis_", a->visitor_id, sizeof a->visitor_id, err);
    cJSON *payload = NULL;
    if (st == MC_OK && (payload = invite_payload(a)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    int64_t mutation_id = 0;
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_VISITOR_INVITE, a->visitor_id, payload,
                                &mutation_id, err);
    cJSON_Delete(payload);
    if (st == MC_OK)
        st = record_pending_visitor(c, mutation_id, user_id, a, err);
    *queued = st == MC_OK;
    return st;
}

static mc_status invite(mc_client *c, const mc_visitor_invitation *inv, char *out_id,
                        size_t out_id_cap, mc_error *err)
{
    invite_args a = {0};
    mc_status st = check_person(inv, &a, err);
    if (st == MC_OK)
        st = mci_sync_write(c, invite_locally, &a, MC_KIND_VISITOR, err);
    if (st == MC_OK && out_id != NULL)
        mci_strlcpy(out_id, a.visitor_id, out_id_cap);
    free(a.name);
    return st;
}

static mc_status check_out_id(const char *out_id, size_t out_id_cap, mc_error *err)
{
    if (out_id != NULL && out_id_cap < MC_VISITOR_ID_CAP)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out_id_cap must be at least %d",
                             MC_VISITOR_ID_CAP);
    return MC_OK;
}

mc_status mc_visitor_invite(mc_client *c, const mc_visitor_invitation *invitation, char *out_id,
                            size_t out_id_cap, mc_error *err)
{
    MCI_ENTER(c, err);
    if (invitation == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "invitation is NULL");
    mc_status st = check_out_id(out_id, out_id_cap, err);
    return st == MC_OK ? invite(c, invitation, out_id, out_id_cap, err) : st;
}

mc_status mc_visitor_invite_again(mc_client *c, const char *visitor_id, const char *date,
                                  int32_t window_from_min, int32_t window_to_min, char *out_id,
                                  size_t out_id_cap, mc_error *err)
{
    MCI_ENTER(c, err);
    mc_status st = check_out_id(out_id, out_id_cap, err);
    if (st != MC_OK)
        return st;
    if (visitor_id == NULL || visitor_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the earlier visitor's id is required");
    mc_visitor earlier;
    mci_reader *r = NULL;
    st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_visitor_find(r->db, r->stmts, r->user_id, visitor_id, &earlier, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK)
        return st;
    mc_visitor_invitation inv = {earlier.name, earlier.email,   earlier.phone, earlier.building_id,
                                 date,         window_from_min, window_to_min};
    st = invite(c, &inv, out_id, out_id_cap, err);
    mci_visitor_clear(&earlier);
    return st;
}

/* ---- acting on a visitor --------------------------------------------------------------- */

typedef struct act_args {
    const char *visitor_id;
    bool cancel;  /* else a decision */
    bool approve; /* the decision */
} act_args;

/* The instant a walk-in declines itself in its building's time (writer's connection). */
static mc_status due_local(mc_client *c, const mc_visitor *v, mc_local_time *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mci_zone_book *book = NULL;
    mc_status st = mci_zone_book_new(c->db, c->stmts, &book, err);
    if (st == MC_OK)
        st = mci_zone_book_local(book, v->building_id, v->approval_due_ms, out, err);
    mci_zone_book_free(book);
    return st;
}

static cJSON *act_payload(const act_args *a)
{
    cJSON *p = cJSON_CreateObject();
    if (p == NULL || !cJSON_AddStringToObject(p, "visitor_id", a->visitor_id) ||
        (!a->cancel &&
         !cJSON_AddStringToObject(p, "decision", a->approve ? "approve" : "decline"))) {
        cJSON_Delete(p);
        return NULL;
    }
    return p;
}

/* Check the visitor's status (this device's queued moves applied) and queue the move. */
static mc_status act_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                             mc_error *err)
{
    act_args *a = arg;
    mc_visitor v;
    mc_status st = mci_visitor_find(c->db, c->stmts, user_id, a->visitor_id, &v, err);
    if (st != MC_OK)
        return st;
    if (a->cancel) {
        st = mci_visitor_check_cancel(v.name, v.status, err);
    } else {
        mc_local_time due;
        st = due_local(c, &v, &due, err);
        if (st == MC_OK)
            st = mci_visitor_check_decide(v.name, v.status, v.declined_by_timeout,
                                          v.approval_due_ms, &due, mci_client_now(c), err);
    }
    cJSON *payload = NULL;
    if (st == MC_OK && (payload = act_payload(a)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK)
        st = mci_outbox_enqueue(
            c, user_id, a->cancel ? MCI_MUTATION_VISITOR_CANCEL : MCI_MUTATION_VISITOR_DECIDE, v.id,
            payload, NULL, err);
    cJSON_Delete(payload);
    mci_visitor_clear(&v);
    *queued = st == MC_OK;
    return st;
}

static mc_status act(mc_client *c, act_args *a, mc_error *err)
{
    if (a->visitor_id == NULL || a->visitor_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a visitor id is required");
    return mci_sync_write(c, act_locally, a, MC_KIND_VISITOR, err);
}

mc_status mc_visitor_cancel(mc_client *c, const char *visitor_id, mc_error *err)
{
    MCI_ENTER(c, err);
    act_args a = {visitor_id, true, false};
    return act(c, &a, err);
}

mc_status mc_visitor_decide(mc_client *c, const char *visitor_id, bool approve, mc_error *err)
{
    MCI_ENTER(c, err);
    act_args a = {visitor_id, false, approve};
    return act(c, &a, err);
}
