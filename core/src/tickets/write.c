/* tickets/write.c - the member's ticket writes, checked and queued at once (offline too):
 * filing with photos, comments with photos, resolve, reopen. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "store/store.h"
#include "sync/engine.h"
#include "sync/kinds.h"
#include "sync/outbox.h"
#include "sync/uploads.h"
#include "tickets/photos.h"
#include "tickets/states.h"
#include "tickets/tickets.h"
#include "tickets/tree.h"
#include "util/error.h"
#include "util/strutil.h"

/* ---- Checks a member's words get ------------------------------------------------------ */

/* text trimmed of surrounding white space into a new string (*out), 1..2000 characters. */
static mc_status trimmed_text(const char *what, const char *text, char **out, mc_error *err)
{
    *out = NULL;
    if (text == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is required", what);
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' ||
                     text[n - 1] == '\r'))
        n--;
    if (n == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is empty: say what is wrong", what);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    memcpy(copy, text, n);
    copy[n] = '\0';
    long chars = mci_utf8_length(copy);
    if (chars < 0) {
        free(copy);
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is not valid UTF-8 text", what);
    }
    if (chars > MC_TICKET_TEXT_MAX_CHARS) {
        free(copy);
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s is too long: %ld characters, at most %d",
                             what, chars, MC_TICKET_TEXT_MAX_CHARS);
    }
    *out = copy;
    return MC_OK;
}

static mc_status check_photo_count(size_t count, const char *const *paths, mc_error *err)
{
    if (count > MC_TICKET_PHOTOS_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "too many photos: %zu, at most %d on a ticket or a comment", count,
                             MC_TICKET_PHOTOS_MAX);
    if (count > 0 && paths == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "photo_paths is NULL with %zu photos", count);
    return MC_OK;
}

static mc_status check_location(const mc_ticket_draft *d, mc_error *err)
{
    switch (d->location_kind) {
    case MC_TICKET_LOCATION_NONE:
        return MC_OK;
    case MC_TICKET_LOCATION_ROOM:
        if (d->location_id == NULL || d->location_id[0] == '\0')
            return mci_error_set(err, MC_ERR_INVALID_ARG, "location: a room needs its id");
        return MC_OK;
    case MC_TICKET_LOCATION_CABIN:
    case MC_TICKET_LOCATION_DESK: {
        long n = d->location_name ? mci_utf8_length(d->location_name) : 0;
        if (n < 1 || n > 80)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "location: a %s needs its name, 1 to 80 characters",
                                 mc_ticket_location_kind_name(d->location_kind));
        return MC_OK;
    }
    }
    return mci_error_set(err, MC_ERR_INVALID_ARG, "location: unknown kind %d",
                         (int)d->location_kind);
}

/* ---- What is queued ----------------------------------------------------------------- */

static cJSON *photos_json(const mci_photo_copy *copies, size_t count)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr != NULL && i < count; i++) {
        cJSON *p = cJSON_CreateObject();
        if (p == NULL || !cJSON_AddStringToObject(p, "photo_id", copies[i].id) ||
            !cJSON_AddStringToObject(p, "content_type", copies[i].content_type) ||
            !cJSON_AddNumberToObject(p, "bytes", (double)copies[i].bytes) ||
            !cJSON_AddStringToObject(p, "sha256", copies[i].sha256_hex)) {
            cJSON_Delete(p);
            cJSON_Delete(arr);
            return NULL;
        }
        cJSON_AddItemToArray(arr, p);
    }
    return arr;
}

/* One upload row per photo, declared by mutation_id (lock and transaction held). */
static mc_status queue_uploads(mc_client *c, const char *ticket_id, int64_t mutation_id,
                               const mci_photo_copy *copies, size_t count, mc_error *err)
{
    mc_status st = MC_OK;
    for (size_t i = 0; st == MC_OK && i < count; i++) {
        char remote[160];
        snprintf(remote, sizeof remote, "/v1/tickets/%s/photos/%s/upload", ticket_id, copies[i].id);
        mci_upload_item item = {copies[i].id,         ticket_id,
                                mutation_id,          remote,
                                copies[i].local_path, copies[i].content_type,
                                copies[i].bytes,      copies[i].sha256_hex};
        st = mci_upload_enqueue(c, &item, err);
    }
    return st;
}

/* ---- Filing --------------------------------------------------------------------------- */

typedef struct file_args {
    const mc_ticket_draft *draft;
    const char *description; /* trimmed */
    const mci_photo_copy *photos;
    size_t photo_count;
    char ticket_id[MCI_TICKET_ID_LEN];
    char category_id[64]; /* the leaf's id (the draft may name its path) */
} file_args;

static mc_status one_text(mc_client *c, const char *sql, const char *a, const char *b, char *out,
                          size_t cap, bool *found, mc_error *err)
{
    *found = false;
    sqlite3_stmt *stmt = mci_stmt_cache_get(c->stmts, sql);
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "checking the ticket");
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
    if (b != NULL)
        sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *found = true;
        if (out != NULL)
            mci_strlcpy(out, mci_column_text(stmt, 0), cap);
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? MC_OK
               : mci_store_fail(c->db, err, "checking the ticket");
}

/* The category is a leaf of the synced tree, named by its id or its path (a top level is
 * refused naming its leaves); its id into id. */
static mc_status check_category(mc_client *c, const char *name, char *id, size_t cap, mc_error *err)
{
    mc_ticket_category_list *tree = NULL;
    mc_status st = mci_ticket_tree_read(c->db, c->stmts, &tree, err);
    size_t index = 0;
    if (st == MC_OK)
        st = mci_ticket_category_match(tree, name, &index, err);
    if (st == MC_OK)
        mci_strlcpy(id, tree->items[index].id, cap);
    mc_ticket_category_list_free(tree);
    return st;
}

/* The building (the member's own when not given) and the room, on this device. */
static mc_status check_where(mc_client *c, const mc_ticket_draft *d, char *building, size_t cap,
                             mc_error *err)
{
    bool found = false;
    mc_status st = MC_OK;
    if (d->building_id != NULL && d->building_id[0] != '\0') {
        mci_strlcpy(building, d->building_id, cap);
    } else {
        st = one_text(c, "SELECT building_id FROM account WHERE singleton = 1", "", NULL, building,
                      cap, &found, err);
        if (st == MC_OK && (!found || building[0] == '\0'))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "building: you have no building of your own; name the building "
                                 "the ticket is for");
    }
    if (st == MC_OK)
        st = one_text(c, "SELECT 1 FROM entity WHERE kind = 'building' AND id = ?1", building, NULL,
                      NULL, 0, &found, err);
    if (st == MC_OK && !found)
        return mci_error_set(err, MC_ERR_NOT_FOUND,
                             "no building \"%s\" on this device (sync to see buildings)", building);
    if (st == MC_OK && d->location_kind == MC_TICKET_LOCATION_ROOM) {
        st = one_text(c, "SELECT name FROM room_index WHERE id = ?1 AND building_id = ?2",
                      d->location_id, building, NULL, 0, &found, err);
        if (st == MC_OK && !found)
            return mci_error_set(err, MC_ERR_NOT_FOUND, "no room \"%s\" in %s", d->location_id,
                                 building);
    }
    return st;
}

static mc_status record_pending_ticket(mc_client *c, int64_t mutation_id, const char *user_id,
                                       const file_args *a, const char *building, mc_error *err)
{
    const mc_ticket_draft *d = a->draft;
    sqlite3_stmt *stmt = mci_stmt_cache_get(
        c->stmts, "INSERT INTO pending_ticket (mutation_id, ticket_id, user_id, building_id, "
                  "category_id, priority, description, location_kind, location_id, "
                  "location_name, photo_count, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                  "?7, ?8, ?9, ?10, ?11, ?12)");
    if (stmt == NULL)
        return mci_store_fail(c->db, err, "recording the ticket");
    bool room = d->location_kind == MC_TICKET_LOCATION_ROOM;
    bool named =
        d->location_kind == MC_TICKET_LOCATION_CABIN || d->location_kind == MC_TICKET_LOCATION_DESK;
    sqlite3_bind_int64(stmt, 1, mutation_id);
    sqlite3_bind_text(stmt, 2, a->ticket_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, building, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, a->category_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, mc_ticket_priority_name(d->priority), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 7, a->description, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8,
                      d->location_kind == MC_TICKET_LOCATION_NONE
                          ? ""
                          : mc_ticket_location_kind_name(d->location_kind),
                      -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 9, room ? d->location_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 10, named ? d->location_name : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 11, (int64_t)a->photo_count);
    sqlite3_bind_int64(stmt, 12, mci_client_now(c));
    mc_status st = sqlite3_step(stmt) == SQLITE_DONE
                       ? MC_OK
                       : mci_store_fail(c->db, err, "recording the ticket");
    sqlite3_reset(stmt);
    return st;
}

static cJSON *create_payload(const file_args *a, const char *building)
{
    const mc_ticket_draft *d = a->draft;
    cJSON *p = cJSON_CreateObject();
    cJSON *photos = photos_json(a->photos, a->photo_count);
    if (p == NULL || photos == NULL || !cJSON_AddStringToObject(p, "ticket_id", a->ticket_id) ||
        !cJSON_AddStringToObject(p, "building_id", building) ||
        !cJSON_AddStringToObject(p, "category_id", a->category_id) ||
        !cJSON_AddStringToObject(p, "priority", mc_ticket_priority_name(d->priority)) ||
        !cJSON_AddStringToObject(p, "description", a->description)) {
        cJSON_Delete(p);
        cJSON_Delete(photos);
        return NULL;
    }
    cJSON_AddItemToObject(p, "photos", photos);
    if (d->location_kind == MC_TICKET_LOCATION_NONE) {
        cJSON_AddNullToObject(p, "location");
    } else {
        cJSON *loc = cJSON_AddObjectToObject(p, "location");
        if (loc == NULL ||
            !cJSON_AddStringToObject(loc, "kind", mc_ticket_location_kind_name(d->location_kind)) ||
            (d->location_kind == MC_TICKET_LOCATION_ROOM
                 ? !cJSON_AddStringToObject(loc, "id", d->location_id)
                 : !cJSON_AddStringToObject(loc, "name", d->location_name))) {
            cJSON_Delete(p);
            return NULL;
        }
    }
    return p;
}

/* Check against the store and queue: ticket, outbox row, uploads (an mci_write_fn). */
static mc_status file_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                              mc_error *err)
{
    file_args *a = arg;
    char building[64] = "";
    mc_status st =
        check_category(c, a->draft->category_id, a->category_id, sizeof a->category_id, err);
    if (st == MC_OK)
        st = check_where(c, a->draft, building, sizeof building, err);
    if (st == MC_OK)
        st = mci_ticket_new_id(c, "tkt_", a->ticket_id, err);
    cJSON *payload = NULL;
    if (st == MC_OK && (payload = create_payload(a, building)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    int64_t mutation_id = 0;
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, MCI_MUTATION_TICKET_CREATE, a->ticket_id, payload,
                                &mutation_id, err);
    cJSON_Delete(payload);
    if (st == MC_OK)
        st = record_pending_ticket(c, mutation_id, user_id, a, building, err);
    if (st == MC_OK)
        st = queue_uploads(c, a->ticket_id, mutation_id, a->photos, a->photo_count, err);
    *queued = st == MC_OK;
    return st;
}

static mc_status check_draft(const mc_ticket_draft *d, mc_error *err)
{
    if (d == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "draft is NULL");
    if (d->category_id == NULL || d->category_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "category: a category is required");
    if ((unsigned)d->priority > MC_TICKET_PRIORITY_URGENT)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "priority: %d is not one of low, normal, high, urgent",
                             (int)d->priority);
    mc_status st = check_location(d, err);
    return st == MC_OK ? check_photo_count(d->photo_count, d->photo_paths, err) : st;
}

mc_status mc_ticket_file(mc_client *c, const mc_ticket_draft *draft, char *out_id,
                         size_t out_id_cap, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out_id != NULL && out_id_cap < MCI_TICKET_ID_LEN)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out_id_cap must be at least %d",
                             MCI_TICKET_ID_LEN);
    mc_status st = check_draft(draft, err);
    file_args a = {.draft = draft};
    char *description = NULL;
    if (st == MC_OK)
        st = trimmed_text("description", draft->description, &description, err);
    a.description = description;
    mci_photo_copy *copies = NULL;
    if (st == MC_OK)
        st = mci_photos_copy(c, draft->photo_paths, draft->photo_count, &copies, err);
    a.photos = copies;
    a.photo_count = st == MC_OK ? draft->photo_count : 0;
    if (st == MC_OK)
        st = mci_sync_write(c, file_locally, &a, MC_KIND_TICKET, err);
    if (st != MC_OK)
        mci_photos_delete(copies, a.photo_count); /* nothing half-written */
    else if (out_id != NULL)
        mci_strlcpy(out_id, a.ticket_id, out_id_cap);
    mci_photos_free(copies, a.photo_count);
    free(description);
    return st;
}

/* ---- Acting on a ticket --------------------------------------------------------------- */

typedef enum move { MOVE_COMMENT, MOVE_RESOLVE, MOVE_REOPEN } move;

typedef struct act_args {
    const char *id_or_number;
    move what;
    const char *text; /* comment, trimmed */
    const mci_photo_copy *photos;
    size_t photo_count;
} act_args;

/* The facts the checks read, the reopen window's end in the building's time. */
static mc_status facts_of(mc_client *c, const mci_ticket_ref *ref, mci_ticket_facts *f,
                          mc_error *err)
{
    memset(f, 0, sizeof *f);
    f->name = mci_ticket_ref_name(ref);
    f->status = ref->status;
    f->reopen_until_ms = ref->reopen_until_ms;
    if (ref->reopen_until_ms == 0)
        return MC_OK;
    mci_zone_book *book = NULL;
    mc_status st = mci_zone_book_new(c->db, c->stmts, &book, err);
    if (st == MC_OK)
        st = mci_zone_book_local(book, ref->building_id, ref->reopen_until_ms, &f->reopen_until,
                                 err);
    mci_zone_book_free(book);
    return st;
}

static cJSON *act_payload(const mci_ticket_ref *ref, const act_args *a, char *comment_id)
{
    cJSON *p = cJSON_CreateObject();
    if (p == NULL || !cJSON_AddStringToObject(p, "ticket_id", ref->id)) {
        cJSON_Delete(p);
        return NULL;
    }
    if (a->what != MOVE_COMMENT)
        return p;
    cJSON *photos = photos_json(a->photos, a->photo_count);
    if (photos == NULL || !cJSON_AddStringToObject(p, "comment_id", comment_id) ||
        !cJSON_AddStringToObject(p, "text", a->text)) {
        cJSON_Delete(photos);
        cJSON_Delete(p);
        return NULL;
    }
    cJSON_AddItemToObject(p, "photos", photos);
    return p;
}

/* Check the ticket's status and queue the move (an mci_write_fn). */
static mc_status act_locally(mc_client *c, const char *user_id, void *arg, bool *queued,
                             mc_error *err)
{
    act_args *a = arg;
    mci_ticket_ref ref;
    mci_ticket_facts facts;
    mc_status st = mci_ticket_lookup(c->db, c->stmts, user_id, a->id_or_number, &ref, err);
    if (st == MC_OK)
        st = facts_of(c, &ref, &facts, err);
    if (st == MC_OK)
        st = a->what == MOVE_COMMENT   ? mci_ticket_check_comment(&facts, err)
             : a->what == MOVE_RESOLVE ? mci_ticket_check_resolve(&facts, err)
                                       : mci_ticket_check_reopen(&facts, mci_client_now(c), err);
    char comment_id[MCI_TICKET_ID_LEN] = "";
    if (st == MC_OK && a->what == MOVE_COMMENT)
        st = mci_ticket_new_id(c, "cmt_", comment_id, err);
    cJSON *payload = NULL;
    if (st == MC_OK && (payload = act_payload(&ref, a, comment_id)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    static const char *const kinds[] = {MCI_MUTATION_TICKET_COMMENT, MCI_MUTATION_TICKET_RESOLVE,
                                        MCI_MUTATION_TICKET_REOPEN};
    int64_t mutation_id = 0;
    if (st == MC_OK)
        st = mci_outbox_enqueue(c, user_id, kinds[a->what], ref.id, payload, &mutation_id, err);
    cJSON_Delete(payload);
    if (st == MC_OK)
        st = queue_uploads(c, ref.id, mutation_id, a->photos, a->photo_count, err);
    *queued = st == MC_OK;
    return st;
}

static mc_status act(mc_client *c, act_args *a, mc_error *err)
{
    if (a->id_or_number == NULL || a->id_or_number[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a ticket id or number is required");
    return mci_sync_write(c, act_locally, a, MC_KIND_TICKET, err);
}

mc_status mc_ticket_comment(mc_client *c, const char *id_or_number, const char *text,
                            const char *const *photo_paths, size_t photo_count, mc_error *err)
{
    MCI_ENTER(c, err);
    char *trimmed = NULL;
    mc_status st = check_photo_count(photo_count, photo_paths, err);
    if (st == MC_OK && (id_or_number == NULL || id_or_number[0] == '\0'))
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "a ticket id or number is required");
    if (st == MC_OK)
        st = trimmed_text("comment", text, &trimmed, err);
    mci_photo_copy *copies = NULL;
    if (st == MC_OK)
        st = mci_photos_copy(c, photo_paths, photo_count, &copies, err);
    act_args a = {id_or_number, MOVE_COMMENT, trimmed, copies, st == MC_OK ? photo_count : 0};
    if (st == MC_OK)
        st = act(c, &a, err);
    if (st != MC_OK)
        mci_photos_delete(copies, a.photo_count);
    mci_photos_free(copies, a.photo_count);
    free(trimmed);
    return st;
}

mc_status mc_ticket_resolve(mc_client *c, const char *id_or_number, mc_error *err)
{
    MCI_ENTER(c, err);
    act_args a = {id_or_number, MOVE_RESOLVE, NULL, NULL, 0};
    return act(c, &a, err);
}

mc_status mc_ticket_reopen(mc_client *c, const char *id_or_number, mc_error *err)
{
    MCI_ENTER(c, err);
    act_args a = {id_or_number, MOVE_REOPEN, NULL, NULL, 0};
    return act(c, &a, err);
}
