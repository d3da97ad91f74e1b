/*
 * booking/rooms.c - mc_rooms_search: a building-day's rooms and their free blocks, from
 * the local store. The store reads are here; the availability rules are slots.c's.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "catalog/building.h"
#include "booking/rooms.h"
#include "booking/why.h"
#include "rules/localtime.h"
#include "rules/slots.h"
#include "handle/handle.h"
#include "read/read.h"
#include "membercore/booking.h"
#include "store/stmt_cache.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

/*
 * A search result is four allocations whatever its size: the public struct
 * (first member, so the caller's pointer is this block), one arena for every
 * string, one array of every room's amenity pointers, one of every free slot.
 */
typedef struct search_block {
    mc_room_search pub;
    char *arena;
    char **amenities;
    mc_slot *slots;
    char *why_text; /* the why_none messages */
} search_block;

void mc_room_search_free(mc_room_search *s)
{
    if (s == NULL)
        return;
    search_block *b = (search_block *)s;
    free(b->arena);
    free(b->amenities);
    free(b->slots);
    free(b->why_text);
    free(s->rooms);
    free(b);
}

/* Strings are appended to the arena and addressed by offset until it stops growing. */
typedef struct arena {
    char *data;
    size_t len, cap;
} arena;

static size_t arena_add(arena *a, const char *s, bool *ok)
{
    size_t n = strlen(s) + 1;
    if (a->len + n > a->cap) {
        size_t cap = a->cap ? a->cap : 4096;
        while (cap < a->len + n)
            cap *= 2;
        char *grown = realloc(a->data, cap);
        if (grown == NULL) {
            *ok = false;
            return 0;
        }
        a->data = grown;
        a->cap = cap;
    }
    memcpy(a->data + a->len, s, n);
    a->len += n;
    return a->len - n;
}

/* While loading, a room's strings are arena offsets. */
typedef struct room_offsets {
    size_t id, name, amenities;
} room_offsets;

static bool amenity_name_ok(const char *a)
{
    if (a == NULL || a[0] == '\0' || strlen(a) > 40)
        return false;
    for (; *a; a++)
        if (!((*a >= 'a' && *a <= 'z') || (*a >= '0' && *a <= '9') || *a == '_'))
            return false;
    return true;
}

/* The room's amenity names, joined by the unit separator (31), hold every
 * required one as a whole name. */
static bool has_amenities(const char *joined, const mc_room_query *q)
{
    for (size_t i = 0; i < q->amenity_count; i++) {
        size_t n = strlen(q->amenities[i]);
        const char *p = joined;
        bool found = false;
        while (!found && (p = strstr(p, q->amenities[i])) != NULL) {
            found = (p == joined || p[-1] == 31) && (p[n] == '\0' || p[n] == 31);
            p += n;
        }
        if (!found)
            return false;
    }
    return true;
}

static mc_status validate(const mc_room_query *q, int64_t *day, int32_t *from, int32_t *to,
                          mc_error *err)
{
    if (q == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "query is NULL");
    if (q->building_id == NULL || q->building_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "building_id is required");
    if (!mci_parse_date(q->date, day))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "date must be a real YYYY-MM-DD date");
    *from = 0;
    *to = 1440;
    if (q->from != NULL && !mci_parse_hhmm(q->from, from))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "from must be HH:MM (00:00-24:00)");
    if (q->to != NULL && !mci_parse_hhmm(q->to, to))
        return mci_error_set(err, MC_ERR_INVALID_ARG, "to must be HH:MM (00:00-24:00)");
    if (*from >= *to)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "from must be before to");
    if (q->min_capacity < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "min_capacity must be >= 0");
    if (q->amenity_count > 0 && q->amenities == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "amenities is NULL");
    for (size_t i = 0; i < q->amenity_count; i++)
        if (!amenity_name_ok(q->amenities[i]))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "amenity '%s' is not a known form (lower case, digits, _)",
                                 q->amenities[i] ? q->amenities[i] : "(null)");
    return MC_OK;
}

/* The rooms' own blackouts with their reasons (rare: read only to say why a room has no
 * free block). */
typedef struct room_blackout {
    size_t room;
    mci_interval iv;
    char *reason;
} room_blackout;

typedef struct room_blackouts {
    room_blackout *items;
    size_t count, cap;
} room_blackouts;

/* items (count used of *cap, each `size` bytes) with room for one more: as it is, or moved
 * to twice the room (`first` items the first time). NULL without memory (items kept). */
static void *room_for_one(void *items, size_t count, size_t *cap, size_t size, size_t first)
{
    if (count < *cap)
        return items;
    size_t grown_cap = *cap ? *cap * 2 : first;
    void *grown = realloc(items, grown_cap * size);
    if (grown != NULL)
        *cap = grown_cap;
    return grown;
}

static bool room_blackout_add(room_blackouts *l, size_t room, mci_interval iv, const char *reason)
{
    room_blackout *items = room_for_one(l->items, l->count, &l->cap, sizeof *l->items, 16);
    if (items == NULL)
        return false;
    l->items = items;
    char *copy = mci_strdup(reason);
    if (copy == NULL)
        return false;
    l->items[l->count++] = (room_blackout){room, iv, copy};
    return true;
}

static void room_blackouts_free(room_blackouts *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i].reason);
    free(l->items);
}

/* Busy intervals of every room, as (room index, interval) pairs. */
typedef struct busy_pair {
    size_t room;
    mci_interval iv;
} busy_pair;

typedef struct busy_list {
    busy_pair *items;
    size_t count, cap;
} busy_list;

static bool busy_add(busy_list *l, size_t room, int64_t start, int64_t end)
{
    if (end <= start)
        return true;
    busy_pair *items = room_for_one(l->items, l->count, &l->cap, sizeof *l->items, 256);
    if (items == NULL)
        return false;
    l->items = items;
    l->items[l->count++] = (busy_pair){room, {start, end}};
    return true;
}

/* Group the pairs by room in O(n + rooms): a counting sort (rooms are dense indexes). */
static bool group_by_room(busy_list *l, size_t rooms)
{
    size_t *start = calloc(rooms + 1, sizeof *start);
    busy_pair *sorted = malloc(l->count * sizeof *sorted);
    if (start == NULL || sorted == NULL) {
        free(start);
        free(sorted);
        return false;
    }
    for (size_t i = 0; i < l->count; i++)
        start[l->items[i].room + 1]++;
    for (size_t r = 0; r < rooms; r++)
        start[r + 1] += start[r];
    for (size_t i = 0; i < l->count; i++)
        sorted[start[l->items[i].room]++] = l->items[i];
    free(start);
    free(l->items);
    l->items = sorted;
    l->cap = l->count;
    return true;
}

/*
 * Room id -> room index, for the busy rows (a search looks up hundreds): open
 * addressing with FNV-1a, sized to a power of two at least twice the rooms.
 */
typedef struct room_map {
    size_t mask;
    long *slots; /* room index, or -1 */
} room_map;

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static bool room_map_build(room_map *m, size_t count, const room_offsets *offsets, const char *text)
{
    size_t size = 16;
    while (size < count * 2)
        size *= 2;
    m->mask = size - 1;
    m->slots = malloc(size * sizeof *m->slots);
    if (m->slots == NULL)
        return false;
    for (size_t i = 0; i < size; i++)
        m->slots[i] = -1;
    for (size_t r = 0; r < count; r++) {
        size_t i = fnv1a(text + offsets[r].id) & m->mask;
        while (m->slots[i] >= 0)
            i = (i + 1) & m->mask;
        m->slots[i] = (long)r;
    }
    return true;
}

static long room_map_find(const room_map *m, const char *id, const room_offsets *offsets,
                          const char *text)
{
    for (size_t i = fnv1a(id) & m->mask; m->slots[i] >= 0; i = (i + 1) & m->mask)
        if (strcmp(text + offsets[m->slots[i]].id, id) == 0)
            return m->slots[i];
    return -1;
}

/* Rooms of the building that match, ordered by id, their strings in the arena. Lock held. */
static const char rooms_sql[] =
    "SELECT id, name, capacity, amenities, price_per_hour_paise, credits_per_hour, blackouts, "
    "currency "
    "FROM room_index WHERE building_id = ?1 AND capacity >= ?2 ORDER BY id";

static mc_status load_rooms(sqlite3 *db, mci_stmt_cache *stmts, const mc_room_query *q,
                            mc_room_search *s, arena *text, room_offsets **offsets, busy_list *busy,
                            room_blackouts *blackouts, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, rooms_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading rooms");
    sqlite3_bind_text(stmt, 1, q->building_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, q->min_capacity);
    mc_status st = MC_OK;
    bool ok = true;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *amenities = mci_column_text(stmt, 3);
        if (!has_amenities(amenities, q))
            continue;
        if (s->count == cap) {
            cap = cap ? cap * 2 : 64;
            mc_room *grown = realloc(s->rooms, cap * sizeof *grown);
            room_offsets *more = realloc(*offsets, cap * sizeof *more);
            if (grown != NULL)
                s->rooms = grown;
            if (more != NULL)
                *offsets = more;
            if (grown == NULL || more == NULL) {
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
                break;
            }
        }
        size_t r = s->count++;
        mc_room *room = &s->rooms[r];
        memset(room, 0, sizeof *room);
        room->capacity = sqlite3_column_int(stmt, 2);
        room->price_per_hour =
            mci_money_of(sqlite3_column_int64(stmt, 4), (const char *)sqlite3_column_text(stmt, 7));
        room->credits_per_hour = sqlite3_column_int(stmt, 5);
        (*offsets)[r].id = arena_add(text, mci_column_text(stmt, 0), &ok);
        (*offsets)[r].name = arena_add(text, mci_column_text(stmt, 1), &ok);
        (*offsets)[r].amenities = arena_add(text, amenities, &ok);
        for (const char *p = amenities; *p; p++)
            room->amenity_count += p == amenities || p[-1] == 31;
        if (sqlite3_column_type(stmt, 6) != SQLITE_NULL) {
            cJSON *bl = cJSON_Parse(mci_column_text(stmt, 6));
            const cJSON *x = NULL;
            cJSON_ArrayForEach(x, bl)
            {
                mci_interval iv = {mci_json_int(x, "start_ms", 0), mci_json_int(x, "end_ms", 0)};
                ok = ok && busy_add(busy, r, iv.start_ms, iv.end_ms) &&
                     room_blackout_add(blackouts, r, iv, mci_json_string(x, "reason", ""));
            }
            cJSON_Delete(bl);
        }
        if (!ok)
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(db, err, "reading rooms");
    sqlite3_reset(stmt);
    return st;
}

/* Offsets become pointers once the arena no longer moves; amenity names are
 * split in place. */
static mc_status fix_pointers(search_block *b, const room_offsets *offsets, size_t building,
                              size_t timezone, mc_error *err)
{
    mc_room_search *s = &b->pub;
    size_t total = 0;
    for (size_t r = 0; r < s->count; r++)
        total += s->rooms[r].amenity_count;
    b->amenities = total ? calloc(total, sizeof *b->amenities) : NULL;
    if (total > 0 && b->amenities == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    char **next = b->amenities;
    for (size_t r = 0; r < s->count; r++) {
        mc_room *room = &s->rooms[r];
        room->id = b->arena + offsets[r].id;
        room->name = b->arena + offsets[r].name;
        room->building_id = b->arena + building;
        room->amenities = room->amenity_count ? next : NULL;
        char *p = b->arena + offsets[r].amenities;
        for (size_t k = 0; k < room->amenity_count; k++) {
            *next++ = p;
            p += strcspn(p, "\x1f");
            if (*p == 31)
                *p++ = '\0';
        }
    }
    s->timezone = b->arena + timezone;
    return MC_OK;
}

/* Everything that takes a block from [from_ms, to_ms): synced busy slots and
 * the member's own bookings waiting for the server. Lock held. */
/* a booking lasts at most 24 hours: one starting earlier than that has ended */
static const char busy_sql[] =
    "SELECT room_id, start_ms, end_ms FROM busy_slot WHERE start_ms < ?2 "
    "AND start_ms >= ?1 - 86400000 AND end_ms > ?1 "
    "UNION ALL SELECT json_extract(payload, '$.room_id'), json_extract(payload, '$.start_ms'), "
    "json_extract(payload, '$.start_ms') + 3600000 * json_extract(payload, '$.hours') FROM outbox "
    "WHERE kind = 'booking.create' AND user_id = ?3 AND state IN (0, 1, 3)";

static mc_status load_busy(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id, int64_t from_ms,
                           int64_t to_ms, const mc_room_search *s, const room_offsets *offsets,
                           const char *text, busy_list *busy, mc_error *err)
{
    sqlite3_stmt *stmt = mci_stmt_cache_get(stmts, busy_sql);
    if (stmt == NULL)
        return mci_store_fail(db, err, "reading reservations");
    sqlite3_bind_int64(stmt, 1, from_ms);
    sqlite3_bind_int64(stmt, 2, to_ms);
    sqlite3_bind_text(stmt, 3, user_id, -1, SQLITE_STATIC);
    room_map map;
    if (!room_map_build(&map, s->count, offsets, text)) {
        sqlite3_reset(stmt);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    mc_status st = MC_OK;
    int rc = SQLITE_DONE;
    while (st == MC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long r = room_map_find(&map, mci_column_text(stmt, 0), offsets, text);
        if (r >= 0 && !busy_add(busy, (size_t)r, sqlite3_column_int64(stmt, 1),
                                sqlite3_column_int64(stmt, 2)))
            st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (st == MC_OK && rc != SQLITE_DONE)
        st = mci_store_fail(db, err, "reading reservations");
    free(map.slots);
    sqlite3_reset(stmt);
    return st;
}

/* What a search knows to say why a room (or the whole search) has no free block. */
typedef struct why_context {
    const mci_building *building;
    const mc_room_query *query;
    const mci_block *blocks; /* the day's blocks inside the asked window */
    size_t nblocks;
    size_t nall; /* the day's blocks, whatever the window */
    int64_t day, today, now_ms, earliest_ms;
    int32_t from_min, to_min;
    const room_blackouts *room_blackouts;
} why_context;

/* The rule that keeps every block of room r (index; SIZE_MAX: the building) from being
 * free, and the reason of the blackout met first (borrowed, or ""). */
static mc_rule room_rule(const why_context *w, size_t r, const char **reason)
{
    const mci_building *b = w->building;
    *reason = "";
    if (w->nall == 0)
        return MC_RULE_CLOSED;
    if (w->nblocks == 0)
        return MC_RULE_OUTSIDE_HOURS;
    if (w->day < w->today)
        return MC_RULE_PAST;
    if (w->day > w->today + b->booking_window_days)
        return MC_RULE_BEYOND_WINDOW;
    mc_rule rules[MCI_MAX_DAY_BLOCKS];
    for (size_t i = 0; i < w->nblocks; i++) {
        size_t which = 0;
        int64_t start = w->blocks[i].start_ms;
        rules[i] = mci_block_refusal(start, w->now_ms, w->earliest_ms, b->blackouts,
                                     b->blackout_count, &which);
        if (rules[i] == MC_RULE_BLACKOUT && (*reason)[0] == '\0')
            *reason = b->blackout_reasons[which];
        for (size_t k = 0; rules[i] == MC_RULE_TAKEN && k < w->room_blackouts->count; k++) {
            const room_blackout *x = &w->room_blackouts->items[k];
            if (x->room == r && x->iv.start_ms < start + 3600000 && x->iv.end_ms > start) {
                rules[i] = MC_RULE_BLACKOUT;
                if ((*reason)[0] == '\0')
                    *reason = x->reason;
            }
        }
    }
    return mci_rules_summary(rules, w->nblocks);
}

/* The words for rule, about room_id (NULL: the whole search), appended to text; its offset. */
static size_t why_words(const why_context *w, mc_rule rule, const char *room_id, const char *reason,
                        arena *text, bool *ok)
{
    const mci_building *b = w->building;
    int y, m, d;
    char last[16], sentence[MC_ERROR_MESSAGE_MAX];
    mci_civil_from_days(w->today + b->booking_window_days, &y, &m, &d);
    snprintf(last, sizeof last, "%04d-%02d-%02d", y, m, d);
    int weekday = mci_weekday(w->day);
    mci_why_facts facts = {
        b->id,       room_id,   w->query->date,     weekday,           b->hours[weekday],
        w->from_min, w->to_min, w->day == w->today, b->min_notice_min, b->booking_window_days,
        last,        reason};
    mci_why_words(rule, &facts, sentence, sizeof sentence);
    return arena_add(text, sentence, ok);
}

/* Each room without a free block, and the search, get their rule and words. */
static mc_status explain(search_block *block, const why_context *w, mc_error *err)
{
    mc_room_search *s = &block->pub;
    arena text = {0};
    bool ok = true;
    size_t *offsets = s->count ? calloc(s->count, sizeof *offsets) : NULL;
    mc_rule *rules = s->count ? calloc(s->count, sizeof *rules) : NULL;
    bool any_free = false;
    const char *first_reason = "";
    size_t search_offset = 0;
    if (s->count > 0 && (offsets == NULL || rules == NULL))
        ok = false;
    for (size_t r = 0; ok && r < s->count; r++) {
        mc_room *room = &s->rooms[r];
        if (room->free_count > 0) {
            any_free = true;
            continue;
        }
        const char *reason = "";
        rules[r] = room_rule(w, r, &reason);
        if (rules[r] == MC_RULE_BLACKOUT && first_reason[0] == '\0')
            first_reason = reason;
        room->why_none = rules[r];
        offsets[r] = why_words(w, rules[r], room->id, reason, &text, &ok);
    }
    if (ok && !any_free) {
        s->why_none = s->count == 0 ? MC_RULE_NO_ROOM : mci_rules_summary(rules, s->count);
        search_offset = why_words(w, s->why_none, NULL, first_reason, &text, &ok);
    }
    if (ok) {
        block->why_text = text.data;
        for (size_t r = 0; r < s->count; r++)
            s->rooms[r].why_none_message =
                s->rooms[r].free_count > 0 ? "" : block->why_text + offsets[r];
        s->why_none_message = any_free ? "" : block->why_text + search_offset;
    } else {
        free(text.data);
    }
    free(offsets);
    free(rules);
    return ok ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
}

mc_status mci_rooms_availability(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                                 const mc_room_query *q, int64_t now_ms, mc_room_search **out,
                                 mc_error *err)
{
    int64_t day;
    int32_t from, to;
    mc_status st = validate(q, &day, &from, &to, err);
    if (st != MC_OK)
        return st;
    mci_building *b = NULL;
    st = mci_building_load(db, q->building_id, &b, err);
    if (st != MC_OK)
        return st;
    search_block *block = calloc(1, sizeof *block);
    mc_room_search *s = block ? &block->pub : NULL;
    arena text = {0};
    room_offsets *offsets = NULL;
    busy_list busy = {0};
    room_blackouts own_blackouts = {0};
    bool ok = true;
    size_t building = arena_add(&text, q->building_id, &ok);
    size_t timezone = arena_add(&text, b->timezone, &ok);
    if (block == NULL || !ok)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");

    /* The day's blocks inside the asked window. */
    mci_block all[MCI_MAX_DAY_BLOCKS], blocks[MCI_MAX_DAY_BLOCKS];
    size_t nall = mci_day_blocks(&b->zone, day, b->hours, all), n = 0;
    for (size_t i = 0; i < nall; i++)
        if (all[i].local_min >= from && all[i].local_min + 60 <= to)
            blocks[n++] = all[i];
    int64_t today = mci_building_local_day(b, now_ms);
    bool in_window = day >= today && day <= today + b->booking_window_days;
    int64_t earliest = now_ms + (int64_t)b->min_notice_min * MCI_MS_PER_MIN;

    if (st == MC_OK)
        st = load_rooms(db, stmts, q, s, &text, &offsets, &busy, &own_blackouts, err);
    if (st == MC_OK && n > 0)
        st = load_busy(db, stmts, user_id, blocks[0].start_ms, blocks[n - 1].start_ms + 3600000, s,
                       offsets, text.data, &busy, err);
    for (size_t r = 0; st == MC_OK && r < s->count; r++)
        for (size_t k = 0; k < b->blackout_count; k++)
            if (!busy_add(&busy, r, b->blackouts[k].start_ms, b->blackouts[k].end_ms))
                st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (block != NULL)
        block->arena = text.data;
    if (st == MC_OK)
        st = fix_pointers(block, offsets, building, timezone, err);

    if (st == MC_OK && busy.count > 0 && !group_by_room(&busy, s->count))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mci_interval *scratch = busy.count ? malloc(busy.count * sizeof *scratch) : NULL;
    if (st == MC_OK && busy.count > 0 && scratch == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if (st == MC_OK && n > 0 && s->count > 0 &&
        (block->slots = calloc(n * s->count, sizeof *block->slots)) == NULL)
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    mc_local_time block_start[MCI_MAX_DAY_BLOCKS]; /* each block's start, shown once per room */
    for (size_t i = 0; i < n; i++)
        mci_local_time_fill(&b->zone, blocks[i].start_ms, &block_start[i]);
    size_t j = 0;
    for (size_t r = 0; st == MC_OK && r < s->count; r++) {
        size_t m = 0;
        while (j < busy.count && busy.items[j].room == r)
            scratch[m++] = busy.items[j++].iv;
        m = mci_intervals_merge(scratch, m);
        uint32_t mask = in_window ? mci_free_mask(blocks, n, scratch, m, earliest) : 0;
        mc_room *room = &s->rooms[r];
        room->free = block->slots ? block->slots + r * n : NULL;
        for (size_t i = 0; i < n; i++)
            if (mask & (1u << i))
                room->free[room->free_count++] =
                    (mc_slot){blocks[i].start_ms, blocks[i].local_min, block_start[i]};
    }
    if (st == MC_OK) {
        why_context w = {b,     q,      blocks,   n,    nall, day,
                         today, now_ms, earliest, from, to,   &own_blackouts};
        st = explain(block, &w, err);
    }
    free(scratch);
    free(busy.items);
    free(offsets);
    room_blackouts_free(&own_blackouts);
    mci_building_free(b);
    if (st != MC_OK) {
        if (block != NULL)
            block->arena = text.data;
        mc_room_search_free(s);
        return st;
    }
    *out = s;
    return MC_OK;
}

mc_status mc_rooms_search(mc_client *c, const mc_room_query *q, mc_room_search **out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    *out = NULL;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_rooms_availability(r->db, r->stmts, r->user_id, q, mci_client_now(c), out, err);
    mci_read_end(c->readers, r);
    return st;
}
