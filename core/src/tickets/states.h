/*
 * tickets/states.h - what a member may do to a ticket in its status, in words when not
 * (docs/tickets-protocol.md, "States"), and the status a queued resolve or reopen leaves.
 * Pure: the caller gives the status (with its own pending changes applied) and the clock.
 */
#ifndef MCI_TICKETS_STATES_H
#define MCI_TICKETS_STATES_H

#include <stdint.h>

#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/tickets.h"

/* What the member's ticket is, for the checks. */
typedef struct mci_ticket_facts {
    const char *name;           /* "T-1001", or "your ticket" before the server numbered it */
    mc_ticket_status status;    /* with this device's queued resolve/reopen applied */
    int64_t reopen_until_ms;    /* 0: unknown (resolved here, not yet on the server) */
    mc_local_time reopen_until; /* reopen_until_ms in the building's time */
} mci_ticket_facts;

/* MC_OK, or MC_ERR_STATE: a closed ticket takes no comment. */
mc_status mci_ticket_check_comment(const mci_ticket_facts *t, mc_error *err);

/* MC_OK, or MC_ERR_STATE: already resolved, or closed. */
mc_status mci_ticket_check_resolve(const mci_ticket_facts *t, mc_error *err);

/* MC_OK, or MC_ERR_STATE: not resolved, closed, or now_ms past the reopen window (the
 * message gives the date it ended in the building's time). */
mc_status mci_ticket_check_reopen(const mci_ticket_facts *t, int64_t now_ms, mc_error *err);

/* The status after a reopen: assigned when it has an assignee, else open. */
mc_ticket_status mci_ticket_reopened_status(const char *assignee_name);

#endif
