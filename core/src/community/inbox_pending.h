/*
 * community/inbox_pending.h - the inbox's reads the server has not confirmed, layered over
 * notification_row: marks of one notification (notification.read) and marks of all, or of a
 * category, up to an instant (notification.read_all), queued and not refused.
 *
 * The marks of all are few: they are loaded once per read (the newest instant each covers,
 * per category) and bound into the statements, so the SQL stays on the indexes (a page, the
 * partial index of unread ones) whatever the inbox's size.
 *
 * Parameters, the same in every statement that uses them (?1 to ?3 are a page's cursor and
 * limit): ?4 the member, ?5 to ?10 the newest mark covering each category in
 * mc_notification_category order (other, billing, support, bookings, events, announcements),
 * ?11 the newest mark of all categories, ?12 the newest mark of any.
 */
#ifndef MCI_COMMUNITY_INBOX_PENDING_H
#define MCI_COMMUNITY_INBOX_PENDING_H

#include <sqlite3.h>
#include <stdint.h>

#include "membercore/community.h"
#include "membercore/error.h"
#include "store/stmt_cache.h"

/* No mark covers: below every created_at_ms. */
#define MCI_COVER_NONE INT64_MIN

/* Queued marks of all: a notification of category c made at or before upto[c] reads read. */
typedef struct mci_read_covers {
    int64_t upto[MC_NOTIFY_CATEGORY_COUNT]; /* upto[MC_NOTIFY_OTHER]: marks of all only */
    int64_t all;                            /* the newest mark of every category */
    int64_t max;                            /* the newest of upto[] */
} mci_read_covers;

/* A queued mark-read of notification_row `n` alone. */
#define MCI_PENDING_READ                                                                           \
    "EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'notification.read' AND o.entity_id = n.id "    \
    "AND o.user_id = ?4 AND o.state IN (0, 1, 3))"

/* notification_row `n` is covered by a queued mark of all or of its category. */
#define MCI_COVERED                                                                                \
    "(n.created_at_ms <= CASE n.category WHEN 'billing' THEN ?6 WHEN 'support' THEN ?7 "           \
    "WHEN 'bookings' THEN ?8 WHEN 'events' THEN ?9 WHEN 'announcements' THEN ?10 ELSE ?5 END)"

/* The member's queued marks of all into *out (statements from stmts on db: a reader's or
 * the writer's). MC_ERR_STORAGE. */
mc_status mci_read_covers_load(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                               mci_read_covers *out, mc_error *err);

/* Bind ?4 to ?12 of stmt (those it has). user_id is bound static: it must outlive the step. */
void mci_read_covers_bind(sqlite3_stmt *stmt, const char *user_id, const mci_read_covers *covers);

#endif
