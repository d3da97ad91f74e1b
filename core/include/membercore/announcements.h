/*
 * membercore/announcements.h - the operator's announcements: a building's or
 * everyone's, pinned ones first, each with an optional expiry and the member's
 * read state (marked offline, like a notification). Posting one also sends the
 * `announcement` notification linking to it. docs/today-desks-community.md is
 * the wire contract.
 */
#ifndef MEMBERCORE_ANNOUNCEMENTS_H
#define MEMBERCORE_ANNOUNCEMENTS_H

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

typedef struct mc_announcement {
    char *id;
    char *building_id; /* "" for an operator-wide one */
    char *title;
    char *body;
    bool pinned;
    int64_t published_at_ms;
    mc_local_time published_at; /* in its building's local time (the member's for "") */
    int64_t expires_at_ms;      /* 0: no expiry */
    mc_local_time expires_at;   /* all zeros when none */
    bool read;                  /* including the member's pending mark */
    bool pending;               /* read is not yet confirmed by the server */
} mc_announcement;

typedef struct mc_announcement_list {
    mc_announcement *items; /* pinned first, then newest first */
    size_t count;
    size_t unread_count; /* over all the live ones, not only this page */
    char *next_cursor;   /* membercore/page.h; NULL: no more (always NULL unpaged) */
} mc_announcement_list;

/*
 * The live announcements (not expired by the client's clock) for the member's
 * building and operator-wide ones, from the local store. Free with
 * mc_announcement_list_free(). Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Any thread.
 */
mc_status mc_announcements_list(mc_client *client, mc_announcement_list **out, mc_error *err);
/* One page of it (membercore/page.h; page NULL: the first page). Errors: as
 * above, and MC_ERR_INVALID_ARG for a bad page. */
mc_status mc_announcements_page(mc_client *client, const mc_page *page, mc_announcement_list **out,
                                mc_error *err);
/* Free an mc_announcement_list and everything it holds. NULL is a no-op. Any thread. */
void mc_announcement_list_free(mc_announcement_list *list);

/*
 * Mark one announcement read: at once locally (pending) and queued
 * (`announcement.read`). Marking a read one again is MC_OK and queues nothing.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND, MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE. Any thread.
 */
mc_status mc_announcement_mark_read(mc_client *client, const char *announcement_id, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_ANNOUNCEMENTS_H */
