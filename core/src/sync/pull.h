/* sync/pull.h - fetching the server's changes page by page and applying each page atomically. */
#ifndef MCI_SYNC_PULL_H
#define MCI_SYNC_PULL_H

#include <cJSON.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "handle/handle.h"
#include "membercore/sync.h"
#include "sync/page_size.h"

typedef struct mci_page_result {
    int32_t applied;        /* upserts + tombstones */
    uint32_t kinds;         /* MC_KIND_* bits touched */
    bool has_more;          /* more pages before the head */
    int64_t snapshot_total; /* the server's estimate, or -1 */
} mci_page_result;

/*
 * Apply one pull page in ONE transaction: its upserts and tombstones, the
 * profile of user_id (which also refreshes the account row), the outbox rows
 * it acknowledges, and the new cursor. Applying the same page twice gives the
 * same state. The caller holds the client lock. MC_ERR_SERVER if the page is
 * malformed (nothing applied).
 */
mc_status mci_pull_apply(sqlite3 *db, const cJSON *page, const char *user_id, int64_t now_ms,
                         mci_page_result *result, mc_error *err);

/* Progress of a snapshot across pages (zero it before a round). */
typedef struct mci_snapshot_progress {
    bool active;
    int64_t done;
    int64_t total; /* -1 unknown */
} mci_snapshot_progress;

/*
 * Fetch and apply the next page of page_size->limit changes. On 410 cursor_reset, wipes
 * server truth and says so in the report (the next call starts the snapshot). A page the
 * server did not answer in time shrinks page_size (the error is returned; the retry asks
 * for less); a page that arrived counts towards growing it back. Emits PROGRESS while a
 * snapshot is being pulled.
 */
mc_status mci_pull_next(mc_client *client, const char *token, const char *user_id,
                        mci_page_size *page_size, mc_sync_report *report, bool *has_more,
                        mci_snapshot_progress *progress, mc_error *err);

#endif
