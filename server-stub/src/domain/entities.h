/* domain/entities.h - the synced entity kinds: who may see each, its data object, the snapshot
 * order. */
#ifndef MS_ENTITIES_H
#define MS_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "domain/users.h"

/* The kinds of docs/sync-protocol.md, rooms-protocol.md, passes-protocol.md,
 * tickets-protocol.md, notifications-protocol.md and today-desks-community.md, in snapshot order.
 */
typedef enum ms_kind {
    MS_KIND_PROFILE,
    MS_KIND_COMPANY,
    MS_KIND_BUILDING,
    MS_KIND_ROOM,
    MS_KIND_RESERVATION,
    MS_KIND_EVENT,
    MS_KIND_RSVP,
    MS_KIND_NOTIFICATION,
    MS_KIND_ROOM_BUSY,
    MS_KIND_CREDIT_LEDGER,
    MS_KIND_PASS,
    MS_KIND_INVOICE,
    MS_KIND_CREDENTIAL,
    MS_KIND_MEMBERSHIP,
    MS_KIND_TICKET_CATEGORY,
    MS_KIND_TICKET,
    MS_KIND_VISITOR,
    MS_KIND_NOTIFICATION_PREFS,
    MS_KIND_DESK,
    MS_KIND_DESK_BUSY,
    MS_KIND_DESK_BOOKING,
    MS_KIND_ANNOUNCEMENT,
    MS_KIND_OFFER,
    MS_KIND_COUNT
} ms_kind;

/* Who sees a kind's changes (the change log's scope). */
typedef enum ms_visibility {
    MS_VISIBLE_TO_ALL,     /* scope "*" */
    MS_VISIBLE_TO_COMPANY, /* scope "c:<company id>": the company's members */
    MS_VISIBLE_TO_USER,    /* scope "u:<user id>": one user */
    MS_VISIBLE_TO_BILLED,  /* an invoice: "c:<company>" when billed to one, else "u:<buyer>" */
} ms_visibility;

/* The kind's wire name ("profile", ...). */
const char *ms_kind_name(ms_kind kind);
ms_visibility ms_kind_visibility(ms_kind kind);
/*
 * The snapshot's keyset query of kind: the next id after :after that :user (of :company)
 * may see, one indexed search (tests/stub/test_stub_db.c checks every kind's plan).
 */
const char *ms_kind_snapshot_sql(ms_kind kind);

/* Who is looking: the user and the company they are a member of ("" if none). */
typedef struct ms_viewer {
    char user_id[MS_ID_MAX];
    char company_id[MS_ID_MAX];
} ms_viewer;

/* The viewer for user_id. 0 / -1. */
int ms_viewer_load(sqlite3 *db, const char *user_id, ms_viewer *out);

/*
 * The data object of entity (kind, id), exactly as pull sends it. owner is the
 * user whose entity it is for the user-scoped kinds (profile, reservation,
 * rsvp, notification, pass, credential: its holder; membership; ticket: its member; visitor: its
 * host; desk_booking: its member; desk: the viewer, for `mine`, or NULL for a hot desk's change,
 * whose scope is everyone's, while a dedicated desk's change is its member's; announcement,
 * offer: the member it is for, whose read state or redemption it carries; for an announcement
 * NULL is the operator's view, unread) and is ignored
 * for the others (for credit_ledger, change-log writers pass the company id,
 * which decides the scope; an invoice's scope comes from the invoice). 0 and *out (caller
 * deletes), 1 when there is no such entity, -1 on error.
 */
int ms_entity_data(sqlite3 *db, ms_kind kind, const char *owner, const char *id, cJSON **out);

/*
 * The first id of kind visible to viewer that sorts after `after` ("" for the
 * first), ids compared as bytes: the snapshot's keyset order. 1 with the id
 * in out, 0 when there is none, -1 on error.
 */
int ms_entity_next(sqlite3 *db, const ms_viewer *viewer, ms_kind kind, const char *after, char *out,
                   size_t cap);

/* How many entities (all kinds) viewer may see. 0 / -1. */
int ms_entity_count(sqlite3 *db, const ms_viewer *viewer, int64_t *out);

#endif
