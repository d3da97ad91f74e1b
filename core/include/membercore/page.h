/*
 * membercore/page.h - paging: how every list a screen shows is read a page at a time.
 *
 * One convention for every paged list (mc_notifications_page,
 * mc_events_page, mc_bookings_page, mc_invoices_page, mc_passes_page,
 * mc_credentials_page, mc_credits_get_page):
 *
 *   mc_page page = {.limit = 50, .cursor = NULL};    // NULL page: the same
 *   mc_notification_list *list = NULL;
 *   mc_notifications_page(client, false, &page, &list, &err);
 *   ... show list->items ...
 *   // next page: .cursor = list->next_cursor (NULL: this was the last page);
 *   // copy it, or keep the list until the next call returns, then free it.
 *
 * Cursors are keyset cursors: they name the last item shown (its sort key and
 * id), never an offset, so a page costs the same however deep it is, and
 * items added or removed meanwhile neither repeat nor skip the items after
 * the cursor (a new item sorting before the cursor appears when the list is
 * read from the top again). A cursor is opaque text, valid only for the list
 * (and filter) that returned it, across restarts of the app too.
 */
#ifndef MEMBERCORE_PAGE_H
#define MEMBERCORE_PAGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Items in a page when the request asks for 0. */
#define MC_PAGE_DEFAULT_LIMIT 50
/* Most items a page holds; a larger limit is lowered to this. */
#define MC_PAGE_MAX_LIMIT 500

typedef struct mc_page {
    /* Items wanted: 0 means MC_PAGE_DEFAULT_LIMIT; above MC_PAGE_MAX_LIMIT is
     * capped; negative is MC_ERR_INVALID_ARG. */
    int32_t limit;
    /* NULL or "": the first page; otherwise a next_cursor the same list
     * returned (the caller keeps it alive for the call). A cursor that is not
     * one is MC_ERR_INVALID_ARG. */
    const char *cursor;
} mc_page;

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_PAGE_H */
