/* rules/booking_rules.h - which room blocks exist and may be booked now, as pure decisions (no
 * I/O). */
#ifndef MS_BOOKING_RULES_H
#define MS_BOOKING_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/zone.h"

/* A booking is 1 to this many consecutive 60-minute blocks. */
#define MS_BOOKING_HOURS_MAX 24

/* A building's opening hours per ISO weekday (index 1..7; 0 unused), local minutes. */
typedef struct ms_open_hours {
    bool open[8];
    int open_min[8];
    int close_min[8];
} ms_open_hours;

/* A building's booking settings. */
typedef struct ms_booking_policy {
    int64_t window_days;       /* a block's local date is at most today + this */
    int64_t min_notice_min;    /* a booking starts at least this long after now */
    int64_t cancel_cutoff_min; /* cancelling earlier than this before the start refunds */
} ms_booking_policy;

typedef enum ms_block_verdict {
    MS_BLOCK_OK,
    MS_BLOCK_MISALIGNED,    /* not on a local hour boundary: no block starts there */
    MS_BLOCK_OUTSIDE_HOURS, /* closed then, or the second occurrence of a repeated hour */
    MS_BLOCK_TOO_SOON,      /* starts sooner than min_notice_min after now (or in the past) */
    MS_BLOCK_BEYOND_WINDOW, /* a block's local date is past today + window_days */
    MS_BLOCK_CLOSED_DAY,    /* the building is closed all that local weekday */
    MS_BLOCK_PAST,          /* the booking starts before now */
} ms_block_verdict;

/*
 * Does a block start at utc_ms? It must be on a local hour boundary (else
 * MISALIGNED), be that local hour's first occurrence, and lie within the
 * opening hours of its local weekday: open_min <= local start and local start
 * + 60 <= close_min (else OUTSIDE_HOURS).
 */
ms_block_verdict ms_block_offered(const ms_zone *zone, const ms_open_hours *hours, int64_t utc_ms);

/*
 * May a booking of `count` blocks starting at start_ms (the interval [start,
 * start + count h)) be made at now? Checked in this order: every hour of it is
 * an offered block (the first one's misalignment reported as MISALIGNED, a block
 * on a weekday the building is closed all day as CLOSED_DAY, any other failure
 * as OUTSIDE_HOURS); start >= now (PAST); start >= now + min notice (TOO_SOON); the
 * local date of every block <= the local date of now + window_days
 * (BEYOND_WINDOW). Busy slots and blackouts are the caller's (they need the
 * database).
 */
ms_block_verdict ms_booking_check(const ms_zone *zone, const ms_open_hours *hours,
                                  const ms_booking_policy *policy, int64_t now_ms, int64_t start_ms,
                                  int64_t count);

/*
 * The blocks offered on local date y-m-d, in order: their start instants (and
 * local start minutes when local_min is not NULL). A local hour that does not
 * exist is left out; one that happens twice appears once, at its first
 * occurrence. Returns how many (at most 24), writing at most cap.
 */
size_t ms_blocks_of_day(const ms_zone *zone, const ms_open_hours *hours, int y, int m, int d,
                        int64_t *starts, int *local_min, size_t cap);

#endif
