/*
 * tickets/tickets.h - what the tickets module's files share: the category tree read from
 * a connection, and a member's ticket looked up by id or number with this device's
 * queued changes applied (server truth in ticket_row, or a filing still in
 * pending_ticket).
 */
#ifndef MCI_TICKETS_TICKETS_H
#define MCI_TICKETS_TICKETS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "membercore/tickets.h"
#include "read/page.h"
#include "read/read.h"
#include "store/stmt_cache.h"

/* The tree in tree order into *out (count 0 before the first sync). Errors:
 * MC_ERR_STORAGE, MC_ERR_NO_MEMORY (then *out is NULL). */
mc_status mci_ticket_tree_read(sqlite3 *db, mci_stmt_cache *stmts, mc_ticket_category_list **out,
                               mc_error *err);

/* A member's ticket as this device knows it. */
typedef struct mci_ticket_ref {
    char id[48];
    char number[32]; /* "" until the server numbered it */
    char building_id[64];
    bool on_server;          /* in server truth (else a filing waiting in the outbox) */
    bool assigned;           /* it has an assignee */
    mc_ticket_status status; /* with the queued resolve/reopen applied, in order */
    int64_t reopen_until_ms;
    bool pending; /* a change of it is queued here */
} mci_ticket_ref;

/* The member user_id's ticket id_or_number ("tkt_...", "T-1001", case-insensitive) into
 * *out. Errors: MC_ERR_NOT_FOUND (naming what was asked), MC_ERR_STORAGE. */
mc_status mci_ticket_lookup(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                            const char *id_or_number, mci_ticket_ref *out, mc_error *err);

/* The name a message gives the ticket: its number, or "your ticket" before it has one. */
const char *mci_ticket_ref_name(const mci_ticket_ref *t);

/* A page of the member's tickets as mc_tickets_page reads them (active ones first, each rank
 * newest first; queued changes layered on; the SLA state at now_ms; local times filled), on
 * a reader the caller holds; open_only: the active ones only (and a resolved one whose reopen
 * is queued). Errors: MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_tickets_read(mci_reader *r, int64_t now_ms, bool open_only, const mci_page *page,
                           mc_ticket_list *list, mc_error *err);

#endif
