/*
 * tickets/parse.h - a ticket as the wire carries it (docs/tickets-protocol.md) into an
 * mc_ticket: its fields, timeline and photos, the SLA badge, its local times.
 *
 * The SLA badge only compares a clock with the server's instants (the server computes
 * every target in the building's hours; the device never does). Member reads and the
 * staff routes' answers (staff.c) both parse with these.
 */
#ifndef MCI_TICKETS_PARSE_H
#define MCI_TICKETS_PARSE_H

#include <cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "catalog/zones.h"
#include "membercore/tickets.h"

/* The wire names of mc_ticket_status, mc_ticket_priority, mc_ticket_location_kind
 * (NULL or unknown: open, normal, none). Pure. */
mc_ticket_status mci_ticket_status_of(const char *name);
mc_ticket_priority mci_ticket_priority_of(const char *name);
mc_ticket_location_kind mci_ticket_location_kind_of(const char *name);

/*
 * The badge at now_ms for a ticket in status with the server's instants (0: none) and
 * its outcome ("met", "breached", or NULL/"" while unresolved). Pure.
 * No resolution target: NONE. Resolved or closed: the server's outcome (without one,
 * resolved_at_ms against resolution_due_ms). Otherwise BREACHED after
 * resolution_due_ms, AT_RISK from at_risk_from_ms, else ON_TRACK.
 */
mc_sla_state mci_ticket_sla_state(mc_ticket_status status, int64_t now_ms, int64_t at_risk_from_ms,
                                  int64_t resolution_due_ms, int64_t resolved_at_ms,
                                  const char *outcome);

/*
 * Fill *out (zeroed first) from obj, the wire ticket object, with the badge at now_ms.
 * member_view: the entries of role "member" read "You" as their author (the member's
 * own); false keeps the names (staff). Internal notes (type "note" or internal true)
 * are left out of the timeline (staff.c reads them itself). Local times stay zero and
 * category_path "" (mci_ticket_localize, mci_ticket_category_path fill them).
 * Errors: MC_ERR_SERVER (not an object, no id), MC_ERR_NO_MEMORY. On failure *out
 * holds what was read so far: free it with mci_ticket_clear. Pure.
 */
mc_status mci_ticket_from_json(const cJSON *obj, int64_t now_ms, bool member_view, mc_ticket *out,
                               mc_error *err);

/* Every local time of item (an mc_ticket, timeline included) in its building's zone:
 * an mci_localize_fn for mci_zone_book_each. Errors: the book's. */
mc_status mci_ticket_localize(mci_zone_book *book, void *item, mc_error *err);

/* *out = "Cleaning/Washroom" for category_id from the synced tree on db (malloc'd; the
 * id itself when the tree does not have it). Errors: MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_ticket_category_path(sqlite3 *db, mci_stmt_cache *stmts, const char *category_id,
                                   char **out, mc_error *err);

/*
 * All of the above on a reader of its own: obj parsed with the client's clock, its
 * local times and its category path from the local store (for an answer of the
 * server's, such as a staff route's). Errors: as mci_ticket_from_json's, and
 * MC_ERR_STORAGE. On failure *out is cleared.
 */
mc_status mci_ticket_from_json_in(mc_client *c, const cJSON *obj, bool member_view, mc_ticket *out,
                                  mc_error *err);

/* Free what t holds and zero it (not t itself). NULL is a no-op. */
void mci_ticket_clear(mc_ticket *t);

/* Free what an entry or a photo holds (not the struct). */
void mci_ticket_entry_clear(mc_ticket_entry *e);
void mci_ticket_photo_clear(mc_ticket_photo *p);

#endif
