/* base/clock.h - the server clock: real time, or the instant a test set (test mode). */
#ifndef MS_CLOCK_H
#define MS_CLOCK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Until a test sets it, the clock follows real time. Once set (or advanced),
 * it stands still at that instant until set or advanced again, so tests are
 * deterministic and never sleep.
 */
typedef struct ms_clock {
    pthread_mutex_t lock;
    bool frozen;
    int64_t frozen_ms;
} ms_clock;

void ms_clock_init(ms_clock *clock);
void ms_clock_destroy(ms_clock *clock);
/* The last instant the clock may be set to: 9999-12-31T23:59:59.999Z. */
#define MS_CLOCK_MAX_MS 253402300799999LL

/* Milliseconds since the Unix epoch, UTC. */
int64_t ms_clock_now(ms_clock *clock);
void ms_clock_set(ms_clock *clock, int64_t now_ms);
/* Move forward by delta_ms from the current server time; returns the new time. */
int64_t ms_clock_advance(ms_clock *clock, int64_t delta_ms);

#endif
