/* sync/backoff.h - how long to wait before retrying after a failed sync. Pure. */
#ifndef MCI_SYNC_BACKOFF_H
#define MCI_SYNC_BACKOFF_H

#include <stdint.h>

#define MCI_BACKOFF_BASE_MS 1000
#define MCI_BACKOFF_CAP_MS  (5 * 60 * 1000)

/*
 * The wait after `failures` consecutive failures (1, 2, ...): exponential
 * from 1 s, capped at 5 min, with "equal jitter": uniformly in [d/2, d]
 * chosen by random32, so clients that failed together do not retry together
 * but none retries sooner than half the schedule.
 */
int64_t mci_backoff_ms(int failures, uint32_t random32);

#endif
