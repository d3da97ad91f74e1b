/*
 * membercore/tickets.h - facility tickets: categories with SLAs, filing offline with
 * photos, the timeline, comments, resolve and reopen.
 *
 *   categories : mc_ticket_categories_list()   the synced two-level tree, local
 *   file       : mc_ticket_file()               saved and queued at once, offline too;
 *                                                photos copied beside the store
 *   follow     : mc_tickets_page(), mc_ticket_get()   local store, instant
 *   act        : mc_ticket_comment(), mc_ticket_resolve(), mc_ticket_reopen()  queued
 *
 * Writes follow the sync engine's rules (membercore/sync.h): recorded locally and
 * queued in one transaction, sent exactly once, refusals reported by
 * MC_SYNC_EVENT_MUTATION_REJECTED. A photo's bytes upload after the write that
 * declares it reached the server, in chunks that resume where they stopped (across
 * an app kill too), each photo exactly once; MC_SYNC_EVENT_UPLOAD_PROGRESS reports
 * the bytes sent. The wire contract is docs/tickets-protocol.md.
 *
 * The server computes every SLA instant (in the building's opening hours); the
 * library only compares the clock with them for the badge (mc_sla_state).
 */
#ifndef MEMBERCORE_TICKETS_H
#define MEMBERCORE_TICKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits a member meets, checked on the device before anything is queued (and
 * again by the server). */
#define MC_TICKET_TEXT_MAX_CHARS  2000     /* description or comment, in characters */
#define MC_TICKET_PHOTOS_MAX      5        /* photos on one ticket or one comment */
#define MC_TICKET_PHOTO_MAX_BYTES 10485760 /* 10 MiB per photo */
#define MC_TICKET_REOPEN_DAYS     7        /* reopen within, and auto-close after */

typedef enum mc_ticket_priority {
    MC_TICKET_PRIORITY_LOW = 0,
    MC_TICKET_PRIORITY_NORMAL = 1,
    MC_TICKET_PRIORITY_HIGH = 2,
    MC_TICKET_PRIORITY_URGENT = 3,
} mc_ticket_priority;

typedef enum mc_ticket_status {
    MC_TICKET_OPEN = 0,        /* filed; waiting for staff (or still on this device: pending) */
    MC_TICKET_ASSIGNED = 1,    /* a staff member has it */
    MC_TICKET_IN_PROGRESS = 2, /* being worked on */
    MC_TICKET_RESOLVED = 3,    /* fixed; reopenable until reopen_until_ms */
    MC_TICKET_CLOSED = 4,      /* final: closed 7 days after resolution */
} mc_ticket_status;

/* The SLA badge: the clock compared with the server's instants. */
typedef enum mc_sla_state {
    MC_SLA_NONE = 0,     /* no SLA yet (the ticket is not on the server) */
    MC_SLA_ON_TRACK = 1, /* before at_risk_from_ms */
    MC_SLA_AT_RISK = 2,  /* 80% of the resolution time has run */
    MC_SLA_BREACHED = 3, /* unresolved past resolution_due_ms, or resolved late */
    MC_SLA_MET = 4,      /* resolved in time */
} mc_sla_state;

/* "low", "normal", "high", "urgent" / "open", "assigned", "in_progress", "resolved",
 * "closed" / "none", "on_track", "at_risk", "breached", "met"; "unknown" otherwise.
 * Static strings; pure, any thread. */
const char *mc_ticket_priority_name(mc_ticket_priority priority);
const char *mc_ticket_status_name(mc_ticket_status status);
const char *mc_sla_state_name(mc_sla_state state);

/* The priority named "low".."urgent" (case-insensitive) into *out.
 * Errors: MC_ERR_INVALID_ARG naming the word. Pure, any thread. */
mc_status mc_ticket_priority_parse(const char *name, mc_ticket_priority *out, mc_error *err);

/* ---- Categories --------------------------------------------------------- */

typedef struct mc_ticket_category {
    char *id;               /* "cleaning.washroom" */
    char *parent_id;        /* "" for a top level */
    char *name;             /* "Washroom" */
    char *path;             /* "Cleaning/Washroom" ("Cleaning" for a top level) */
    bool leaf;              /* tickets are filed under leaves only */
    char *team;             /* leaf: the team it routes to ("Housekeeping"); "" for a top level */
    int32_t response_min;   /* leaf: SLA minutes to a first response (normal priority) */
    int32_t resolution_min; /* leaf: SLA minutes to resolution (normal priority) */
} mc_ticket_category;

typedef struct mc_ticket_category_list {
    /* Tree order: each top level (by position) followed by its leaves (by position). */
    mc_ticket_category *items;
    size_t count;
} mc_ticket_category_list;

/*
 * The category tree as last synced. Free with mc_ticket_category_list_free().
 * An empty list (count 0) before the first sync. Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_ticket_categories_list(mc_client *client, mc_ticket_category_list **out,
                                    mc_error *err);

/*
 * The leaf named by `name`: its id ("cleaning.washroom") or its path
 * ("Cleaning/Washroom", also "Cleaning → Washroom"; case-insensitive, spaces around the
 * separator ignored). *out is one item (count 1), freed with
 * mc_ticket_category_list_free(). Errors: MC_ERR_NOT_FOUND (no such category, or a top
 * level: the message names it and the leaves under it), MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_ticket_category_find(mc_client *client, const char *name,
                                  mc_ticket_category_list **out, mc_error *err);

/* Free a category list and everything it holds. NULL is a no-op. Any thread. */
void mc_ticket_category_list_free(mc_ticket_category_list *list);

/* ---- Filing ------------------------------------------------------------- */

typedef enum mc_ticket_location_kind {
    MC_TICKET_LOCATION_NONE = 0,  /* the building as a whole */
    MC_TICKET_LOCATION_ROOM = 1,  /* a meeting room of the building: location_id */
    MC_TICKET_LOCATION_CABIN = 2, /* a cabin by name: location_name ("Cabin 1019") */
    MC_TICKET_LOCATION_DESK = 3,  /* a desk by name: location_name */
} mc_ticket_location_kind;

/* "none", "room", "cabin", "desk"; "unknown" otherwise. Static; pure, any thread. */
const char *mc_ticket_location_kind_name(mc_ticket_location_kind kind);

typedef struct mc_ticket_draft {
    const char *category_id; /* a leaf's id, or its path as mc_ticket_category_find reads it */
    mc_ticket_priority priority;
    const char *description; /* 1..MC_TICKET_TEXT_MAX_CHARS characters, UTF-8; trimmed */
    const char *building_id; /* NULL or "": the member's own building */
    mc_ticket_location_kind location_kind;
    const char *location_id;   /* ROOM: the room's id */
    const char *location_name; /* CABIN, DESK: 1..80 characters */
    /* Paths of up to MC_TICKET_PHOTOS_MAX image files, each JPEG or PNG by its bytes
     * (the name does not count) and at most MC_TICKET_PHOTO_MAX_BYTES. Each is copied
     * into the library's own storage beside the store (streamed, never held whole),
     * so the caller may delete its file once this returns. */
    const char *const *photo_paths;
    size_t photo_count;
} mc_ticket_draft;

/*
 * File a ticket: checked, saved and queued at once (no network needed); the
 * ticket shows as pending until the server has it, then its photos upload.
 * On success out_id (if not NULL) receives the new ticket's id ("tkt_" + 32 hex;
 * out_id_cap at least 40). Nothing is kept when any check fails.
 * Errors: MC_ERR_INVALID_ARG with a message naming what was wrong: an empty or
 * over-long description, a sixth photo, a file that is not a JPEG or PNG image,
 * one over 10 MiB, a file that cannot be read (its path named), a bad location;
 * MC_ERR_NOT_FOUND (no such category leaf, building or room on this device);
 * MC_ERR_UNAUTHORIZED (nobody signed in); MC_ERR_STORAGE (including no space for
 * the photo copies). Never blocks on the network. Any thread.
 */
mc_status mc_ticket_file(mc_client *client, const mc_ticket_draft *draft, char *out_id,
                         size_t out_id_cap, mc_error *err);

/* ---- Reading ------------------------------------------------------------ */

typedef enum mc_ticket_entry_type {
    MC_TICKET_ENTRY_CREATED = 0,
    MC_TICKET_ENTRY_STATUS = 1,  /* from -> to */
    MC_TICKET_ENTRY_COMMENT = 2, /* text, maybe photos */
    MC_TICKET_ENTRY_PHOTO = 3,   /* a photo arrived at the server */
} mc_ticket_entry_type;

/* "created", "status", "comment", "photo"; "unknown" otherwise. Static; pure, any thread. */
const char *mc_ticket_entry_type_name(mc_ticket_entry_type type);

typedef struct mc_ticket_entry {
    char *id;
    mc_ticket_entry_type type;
    int64_t at_ms;
    mc_local_time at;      /* at_ms in the ticket's building's local time */
    char *author_role;     /* "member", "staff", "system" */
    char *author_name;     /* "Kiran Das"; "You" for the member's own entries */
    mc_ticket_status from; /* STATUS entries */
    mc_ticket_status to;
    char *text;       /* COMMENT: the text; STATUS: words for the change; else "" */
    char **photo_ids; /* photos attached to this entry */
    size_t photo_count;
    bool pending; /* made on this device, not yet on the server */
} mc_ticket_entry;

/* One photo of a ticket. Exactly one of three states: uploaded; failed (the server
 * refused its upload for good, MC_SYNC_EVENT_UPLOAD_FAILED was emitted once, it will
 * never be sent); otherwise waiting to upload. Its strings belong to the ticket and are
 * freed with it (mc_ticket_free); never NULL. */
typedef struct mc_ticket_photo {
    char *id;
    char *comment_id;   /* "" for the ticket's own photos */
    char *content_type; /* "image/jpeg", "image/png" */
    int64_t bytes;
    bool uploaded;      /* the server has all of it */
    int64_t sent_bytes; /* bytes the server has confirmed so far (bytes when uploaded) */
    char *local_path;   /* the copy kept on this device until uploaded; "" after */
    bool failed;        /* not uploaded and never will be: the server refused it */
    char *failure;      /* why, in words ("photo is not a JPEG or PNG image"); "" unless failed */
} mc_ticket_photo;

typedef struct mc_ticket {
    char *id;
    char *number; /* "T-1001"; "" until the server has it */
    char *building_id;
    char *category_id;
    char *category_path; /* "Cleaning/Washroom" */
    mc_ticket_priority priority;
    char *description;
    mc_ticket_location_kind location_kind;
    char *location_id;       /* ROOM */
    char *location_name;     /* the room's, cabin's or desk's name; "" for NONE */
    mc_ticket_status status; /* including the member's pending resolve or reopen */
    char *assignee_name;     /* "" when unassigned */
    int64_t created_at_ms;
    mc_local_time created_at;
    int64_t updated_at_ms;
    mc_local_time updated_at;
    int64_t resolved_at_ms; /* 0 unless resolved or closed */
    mc_local_time resolved_at;
    int64_t closed_at_ms; /* 0 unless closed */
    mc_local_time closed_at;
    int64_t reopen_until_ms; /* RESOLVED: the member may reopen until then; 0 otherwise */
    mc_local_time reopen_until;
    /* The server's SLA instants (0 while pending) and the badge now. */
    int64_t response_due_ms;
    mc_local_time response_due;
    int64_t resolution_due_ms;
    mc_local_time resolution_due;
    int64_t at_risk_from_ms;
    int64_t responded_at_ms; /* 0: no staff response yet */
    mc_sla_state sla;
    mc_ticket_entry *timeline; /* oldest first; mc_ticket_get only (NULL in lists) */
    size_t timeline_count;
    mc_ticket_photo *photos; /* mc_ticket_get only (NULL in lists) */
    size_t photo_count;
    int32_t photos_waiting; /* photos not yet uploaded (failed ones not counted) */
    int32_t photos_failed;  /* photos whose upload the server refused for good (lists too) */
    bool pending;           /* a change of this ticket is waiting for the server */
} mc_ticket;

typedef struct mc_ticket_list {
    mc_ticket *items;
    size_t count;
    char *next_cursor; /* membercore/page.h; NULL: no more */
} mc_ticket_list;

/*
 * The member's tickets, one page (membercore/page.h; page NULL: the first page
 * of MC_PAGE_DEFAULT_LIMIT): active ones first (open, assigned, in progress),
 * then resolved, then closed; newest first within each. Items carry no timeline
 * or photos. Free with mc_ticket_list_free(). Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_tickets_page(mc_client *client, const mc_page *page, mc_ticket_list **out,
                          mc_error *err);

/* Free a ticket list. NULL is a no-op. Any thread. */
void mc_ticket_list_free(mc_ticket_list *list);

/*
 * One ticket with its timeline and photos, by id or by number ("T-1001"), from
 * the local store. Free with mc_ticket_free(). Errors: MC_ERR_NOT_FOUND (not one
 * of the member's tickets on this device), MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_ticket_get(mc_client *client, const char *id_or_number, mc_ticket **out,
                        mc_error *err);

/* Free a ticket and everything it holds. NULL is a no-op. Any thread. */
void mc_ticket_free(mc_ticket *ticket);

/* ---- Acting on a ticket (queued, offline too) -------------------------- */

/*
 * Comment on a ticket (id or number), with up to MC_TICKET_PHOTOS_MAX photos
 * (checked and copied as for mc_ticket_file; photo_paths may be NULL when
 * photo_count is 0). Errors: MC_ERR_INVALID_ARG (text, photos, as for filing),
 * MC_ERR_NOT_FOUND, MC_ERR_STATE (the ticket is closed: the message says so),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Never blocks on the network. Any thread.
 */
mc_status mc_ticket_comment(mc_client *client, const char *id_or_number, const char *text,
                            const char *const *photo_paths, size_t photo_count, mc_error *err);

/*
 * Mark a ticket resolved from the member's side (open, assigned or in progress).
 * Errors: MC_ERR_STATE (already resolved or closed), MC_ERR_NOT_FOUND,
 * MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Never blocks on the
 * network. Any thread.
 */
mc_status mc_ticket_resolve(mc_client *client, const char *id_or_number, mc_error *err);

/*
 * Reopen a resolved ticket within MC_TICKET_REOPEN_DAYS of its resolution.
 * Errors: MC_ERR_STATE (not resolved; closed; or the 7 days have passed: the
 * message gives the date it ended, in the building's time), MC_ERR_NOT_FOUND,
 * MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Never blocks on the
 * network. Any thread.
 */
mc_status mc_ticket_reopen(mc_client *client, const char *id_or_number, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_TICKETS_H */
