/* desks/search.c - mc_desks_search: a building-date's free hot desks from the local store,
 * with how the member may pay that day. The day's rules are rules.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "desks/booking.h"
#include "desks/rules.h"
#include "desks/site.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "read/read.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

/* The result and the words of its why_none, in one block (the caller's pointer is pub). */
typedef struct search_block {
    mc_desk_search pub;
    char why[MC_ERROR_MESSAGE_MAX];
} search_block;

void mc_desk_search_free(mc_desk_search *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->count; i++)
        mci_desk_clear(&s->desks[i]);
    free(s->desks);
    free(s);
}

static mc_status validate(const mc_desk_query *q, int64_t *day, mc_error *err)
{
    if (q == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "query is NULL");
    if (q->date == NULL || !mci_parse_date(q->date, day))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date must be a real YYYY-MM-DD date");
    if (q->feature_count > 0 && q->features == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "features is NULL");
    for (size_t i = 0; i < q->feature_count; i++)
        if (!mci_desk_feature_known(q->features[i]))
            return mci_error_set(
                err, MC_ERR_INVALID_ARG, "feature '%.*s' is not a desk feature (one of %s)",
                (int)mci_utf8_prefix(q->features[i] ? q->features[i] : "(null)", 40),
                q->features[i] ? q->features[i] : "(null)", mci_desk_feature_words());
    if (q->area != NULL && (q->area[0] == '\0' || strlen(q->area) > 100))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "area must be 1-100 bytes (or NULL: any)");
    return MC_OK;
}

/* Hot desks of ?1 by name, each with whether it is held on ?2: synced (unless it is the
 * member's own booking with a cancellation queued here), or by a desk.book this device
 * queued for member ?3. */
static const char desks_sql[] =
    "SELECT d.id, d.building_id, d.name, d.area, d.features, d.kind, d.mine, "
    "(EXISTS (SELECT 1 FROM desk_busy_row x WHERE x.building_id = ?1 AND x.date = ?2 AND "
    "x.desk_id = d.id) AND NOT EXISTS (SELECT 1 FROM desk_booking_row b JOIN outbox o ON "
    "o.kind = 'desk.cancel' AND o.entity_id = b.id AND o.user_id = ?3 AND o.state IN (0, 1, 3) "
    "WHERE b.desk_id = d.id AND b.date = ?2)) OR EXISTS (SELECT 1 FROM pending_desk_booking p JOIN "
    "outbox o ON "
    "o.mutation_id = p.mutation_id WHERE p.desk_id = d.id AND p.date = ?2 AND p.user_id = ?3 "
    "AND o.state IN (0, 1, 3)) FROM desk_row d WHERE d.building_id = ?1 AND d.kind = 'hot' "
    "ORDER BY d.name, d.id";

static bool matches(sqlite3_stmt *row, const mc_desk_query *q)
{
    if (q->area != NULL && strcasecmp(mci_column_text(row, 3), q->area) != 0)
        return false;
    for (size_t i = 0; i < q->feature_count; i++)
        if (!mci_desk_features_have(mci_column_text(row, 4), q->features[i]))
            return false;
    return true;
}

/* The matching desks into s: the free ones listed (when the day allows), the held counted. */
static mc_status load_desks(mci_reader *r, const char *building_id, const mc_desk_query *q,
                            bool day_open, mc_desk_search *s, size_t *matching, mc_error *err)
{
    const char *doing = "reading desks";
    sqlite3_stmt *stmt = mci_read_stmt(r, desks_sql, doing, err);
    if (stmt == NULL)
        return MC_ERR_STORAGE;
    sqlite3_bind_text(stmt, 1, building_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, q->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, r->user_id, -1, SQLITE_STATIC);
    mc_status st = MC_OK;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!matches(stmt, q))
            continue;
        (*matching)++;
        if (sqlite3_column_int(stmt, 7) != 0) {
            s->taken_count++;
            continue;
        }
        if (!day_open)
            continue;
        if (s->count == cap) {
            cap = cap ? cap * 2 : 16;
            mc_desk *grown = realloc(s->desks, cap * sizeof *grown);
            if (grown == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
            s->desks = grown;
        }
        if (!mci_desk_of_row(stmt, 0, &s->desks[s->count++]))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        st = mci_read_fail(r, doing, err);
    sqlite3_reset(stmt);
    return st;
}

/* mc_desks_search on reader r at now_ms. */
static mc_status search_in(mci_reader *r, const mc_desk_query *q, int64_t now_ms,
                           mc_desk_search **out, mc_error *err)
{
    int64_t day = 0;
    mc_status st = validate(q, &day, err);
    mci_desk_means means;
    char month[8] = "";
    if (st == MC_OK) {
        snprintf(month, sizeof month, "%.7s", q->date);
        st = mci_desk_means_load(r->db, r->stmts, r->user_id, month, &means, err);
    }
    const char *building_id =
        q != NULL && q->building_id != NULL ? q->building_id : means.building_id;
    if (st == MC_OK && building_id[0] == '\0')
        st = mci_error_set(err, MC_ERR_INVALID_ARG,
                           "building_id is required (you have no building of your own)");
    mci_desk_site site = {0};
    if (st == MC_OK)
        st = mci_desk_site_load(r->db, r->stmts, building_id, &site, err);
    search_block *block = st == MC_OK ? calloc(1, sizeof *block) : NULL;
    if (st == MC_OK && block == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st != MC_OK) {
        mci_desk_site_free(&site);
        return st;
    }
    mc_desk_search *s = &block->pub;
    char label[MC_ZONE_LABEL_MAX];
    mci_desk_day_facts facts;
    mci_desk_site_day(&site, q->date, day, now_ms, label, sizeof label, &facts);
    mc_rule rule = mci_desk_day_rule(&facts);
    size_t matching = 0;
    st = load_desks(r, building_id, q, rule == MC_RULE_NONE, s, &matching, err);
    if (st == MC_OK && rule == MC_RULE_NONE && s->count == 0)
        rule = matching == 0 ? MC_RULE_NO_ROOM : MC_RULE_TAKEN;
    s->why_none = rule;
    if (rule != MC_RULE_NONE)
        mci_desk_rule_words(rule, &facts, NULL, block->why, sizeof block->why);
    s->why_none_message = block->why;
    s->desk_days_left = means.desk_days_left;
    s->credits_left = means.credits_left < 0 ? -1 : (int32_t)means.credits_left;
    s->day_credits = site.day_credits;
    s->day_price = mci_desk_site_price(&site);
    mci_local_time_fill(&site.building->zone, mci_desk_site_cutoff_ms(&site, day), &s->checkin_by);
    mci_desk_site_free(&site);
    if (st != MC_OK) {
        mc_desk_search_free(s);
        return st;
    }
    *out = s;
    return MC_OK;
}

mc_status mc_desks_search(mc_client *c, const mc_desk_query *q, mc_desk_search **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = search_in(r, q, mci_client_now(c), out, err);
    mci_read_end(c->readers, r);
    return st;
}
