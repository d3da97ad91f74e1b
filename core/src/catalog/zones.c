/* catalog/zones.c - the zone book: each building's synced zone, loaded once per read. */
#include "catalog/zones.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/building.h"
#include "rules/localtime.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strutil.h"

/* Buildings a book keeps; an operator has a handful, a further one is read per call. */
#define ZONE_BOOK_MAX 16

typedef struct book_zone {
    char *building_id;
    mci_zone_transition *transitions; /* NULL: the building or its zone is unknown */
    mci_zone zone;
} book_zone;

struct mci_zone_book {
    sqlite3 *db;
    mci_stmt_cache *stmts; /* NULL: statements prepared per read */
    bool member_building_read;
    char *member_building_id; /* "" when the member has none */
    book_zone zones[ZONE_BOOK_MAX];
    size_t count;
};

mc_status mci_zone_book_new(sqlite3 *db, mci_stmt_cache *stmts, mci_zone_book **out, mc_error *err)
{
    mci_zone_book *book = *out = calloc(1, sizeof *book);
    if (book == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    book->db = db;
    book->stmts = stmts;
    return MC_OK;
}

static void zone_clear(book_zone *z)
{
    free(z->building_id);
    free(z->transitions);
    memset(z, 0, sizeof *z);
}

void mci_zone_book_free(mci_zone_book *book)
{
    if (book == NULL)
        return;
    for (size_t i = 0; i < book->count; i++)
        zone_clear(&book->zones[i]);
    free(book->member_building_id);
    free(book);
}

/* The text of the first column of sql's first row (sql a string literal) with ?1 = arg
 * (NULL: no ?1) into *out (malloc'd; "" when there is no row). */
static mc_status read_text(mci_zone_book *book, const char *sql, const char *arg, char **out,
                           mc_error *err)
{
    sqlite3 *db = book->db;
    sqlite3_stmt *stmt = NULL;
    if (book->stmts != NULL)
        stmt = mci_stmt_cache_get(book->stmts, sql);
    else if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        stmt = NULL;
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading a building's time zone");
    if (arg != NULL)
        sqlite3_bind_text(stmt, 1, arg, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *out = mci_strdup(rc == SQLITE_ROW ? mci_column_text(stmt, 0) : "");
    if (book->stmts != NULL)
        sqlite3_reset(stmt);
    else
        sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        return mci_store_fail(db, err, "reading a building's time zone");
    }
    return *out != NULL ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
}

/* Load building_id's zone into z (transitions NULL when unknown). */
static mc_status load_zone(mci_zone_book *book, const char *building_id, book_zone *z,
                           mc_error *err)
{
    char *text = NULL;
    mc_status st = read_text(book,
                             "SELECT json_extract(data, '$.zone') FROM entity "
                             "WHERE kind = 'building' AND id = ?1",
                             building_id, &text, err);
    if (st != MC_OK)
        return st;
    z->building_id = mci_strdup(building_id);
    cJSON *json = text[0] != '\0' ? cJSON_Parse(text) : NULL;
    size_t count = 0;
    bool ok = z->building_id != NULL && mci_zone_from_json(json, &z->transitions, &count);
    z->zone = (mci_zone){z->transitions, count};
    cJSON_Delete(json);
    free(text);
    if (!ok) {
        zone_clear(z);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading a time zone");
    }
    return MC_OK;
}

/* The zone of building_id ("" or unknown: NULL), from the book or the store. */
static mc_status find_zone(mci_zone_book *book, const char *building_id, const mci_zone **zone,
                           book_zone *spare, mc_error *err)
{
    *zone = NULL;
    if (building_id == NULL || building_id[0] == '\0')
        return MC_OK;
    for (size_t i = 0; i < book->count; i++) {
        if (strcmp(book->zones[i].building_id, building_id) == 0) {
            *zone = book->zones[i].zone.count > 0 ? &book->zones[i].zone : NULL;
            return MC_OK;
        }
    }
    book_zone *z = book->count < ZONE_BOOK_MAX ? &book->zones[book->count] : spare;
    mc_status st = load_zone(book, building_id, z, err);
    if (st != MC_OK)
        return st;
    if (z != spare)
        book->count++;
    *zone = z->zone.count > 0 ? &z->zone : NULL;
    return MC_OK;
}

mc_status mci_zone_book_local(mci_zone_book *book, const char *building_id, int64_t utc_ms,
                              mc_local_time *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    if (utc_ms == 0)
        return MC_OK;
    book_zone spare = {0};
    const mci_zone *zone = NULL;
    mc_status st = find_zone(book, building_id, &zone, &spare, err);
    if (st == MC_OK && zone == NULL && !book->member_building_read) {
        st = read_text(book, "SELECT building_id FROM account WHERE singleton = 1", NULL,
                       &book->member_building_id, err);
        book->member_building_read = st == MC_OK;
    }
    if (st == MC_OK && zone == NULL) {
        zone_clear(&spare);
        st = find_zone(book, book->member_building_id, &zone, &spare, err);
    }
    if (st == MC_OK)
        mci_local_time_fill(zone, utc_ms, out);
    zone_clear(&spare);
    return st;
}

mc_status mci_zone_book_each(sqlite3 *db, mci_stmt_cache *stmts, void *items, size_t count,
                             size_t size, mci_localize_fn localize, mc_error *err)
{
    if (count == 0)
        return MC_OK;
    mci_zone_book *book = NULL;
    mc_status st = mci_zone_book_new(db, stmts, &book, err);
    for (size_t i = 0; st == MC_OK && i < count; i++)
        st = localize(book, (char *)items + i * size, err);
    mci_zone_book_free(book);
    return st;
}
