/* rules/seed_dates.h - the seed's timeline: every instant and date the seed writes, dated from
 * the server clock at seeding. Pure: no I/O. */
#ifndef MS_SEED_DATES_H
#define MS_SEED_DATES_H

#include <stdbool.h>
#include <stdint.h>

/* "2027-01-05", "January 2027", "14 January", "January" fit. */
#define MS_SEED_TEXT_MAX 32

/* A span [start_ms, end_ms). */
typedef struct ms_seed_span {
    int64_t start_ms, end_ms;
} ms_seed_span;

/*
 * The seed's story, told at `now_ms` (DOMAIN.md "Seed data"; the choices are in
 * docs/rooms-protocol.md, "The seed's timeline"). Civil dates are in the zone of the building
 * a row belongs to (Asia/Kolkata for BLR-1, MUM-1 and ACME; Europe/London for LON-1 and
 * HART). The past is past and the future is future at now_ms: every state agrees with its
 * dates (an overdue invoice's due date is past, a paid one was paid before now, notifications
 * and ledger lines are not after now, bookings lie on open local hours inside the booking
 * window, a monthly reset is at the start of the local month). At 2027-01-04T04:30Z (the
 * suites' T0, a Monday 10:00 in Bengaluru) it is the seed the suites were written against.
 */
typedef struct ms_seed_dates {
    int64_t now_ms;
    /* 00:00 UTC on 1 January two years before: the seeded accounts' creation. */
    int64_t long_ago_ms;
    /* "Yesterday": a day before now, but not before the middle of the local month so far (so
     * a booking made then is in the month of the current balance). */
    int64_t recent_ms;
    int zone_year; /* the UTC year of now */

    /* Events (BLR-1 ones on open days). */
    ms_seed_span networking; /* 18:00-19:00, 10 days on */
    ms_seed_span diwali;     /* 17:00-20:00, the next 28 October at least 30 days on */
    ms_seed_span breakfast;  /* MUM-1 08:30-10:00, 17 days on */
    ms_seed_span social;     /* LON-1 18:00-21:00, the last Thursday of the month 24 days on */
    ms_seed_span fireside;   /* 18:00-19:30, 3 days on */
    char networking_day[MS_SEED_TEXT_MAX]; /* "14 January" */
    char social_day[MS_SEED_TEXT_MAX];     /* "28 January" */
    char social_month[MS_SEED_TEXT_MAX];   /* "January" */

    /* Asha's bookings: BLR-1-BOARD 10:00-12:00 on the next open day, BLR-1-FOCUS 15:00-16:00
     * on the open day after it; both made (and the focus room's order paid) recently. */
    ms_seed_span board, focus;
    int64_t order_paid_ms;

    /* Credits: each company's local month ("YYYY-MM") and its start (the monthly reset). */
    char acme_month[8], hart_month[8];
    int64_t acme_reset_ms, hart_reset_ms;

    /* Blackouts: BLR-1 the whole of the next 26 January (Republic Day); BLR-1-HUDDLE
     * 08:00-14:00 on the first open day 4 days on; LON-1-THAMES 06:00-12:00 5 days on. */
    ms_seed_span republic_day, huddle_upgrade, thames_clean;

    /* Notifications (all before now). */
    int64_t visitor_asha_ms, visitor_vikram_ms, visitor_olivia_ms;
    int64_t wifi_resolved_ms, pantry_note_ms, ac_assigned_ms;
    /* "You are going" to the Networking Hour / the Winter Social: after the RSVPs. */
    int64_t networking_note_ms, social_note_ms;

    /* Contracts ("YYYY-MM-DD"): Asha from 9 months back, Vikram 6, Olivia 3 (London), a year
     * each. */
    char contract_start[3][16], contract_end[3][16];

    /* ACME's invoices (Bengaluru's calendar; "this" month is now's, "last" the one before):
     * [0] parking for the month before last, issued the 1st of last month 10:00, due by the end
     * of the 15th, never paid (overdue); [1] last month's membership, issued then too, due by
     * the end of the 10th, paid the 8th 12:00; [2] this month's membership, issued the 3rd
     * 10:00 (or recently if that is later), due by the end of the 10th (issued, or overdue once
     * that is past); [3] last month's extra room hours, issued the 2nd 10:00 (or recently),
     * due by the end of the 11th, paid recently. */
    int64_t issued_ms[4], due_ms[4], paid_ms[4]; /* paid_ms 0: not paid */
    bool overdue[4];
    /* numbers: the server's numbering gives them (per series, in issue order) */
    char month_before_last[MS_SEED_TEXT_MAX];  /* "November 2026" */
    char last_month[MS_SEED_TEXT_MAX];         /* "December 2026" */
    char this_month[MS_SEED_TEXT_MAX];         /* "January 2027" */
    char this_month_name[MS_SEED_TEXT_MAX];    /* "January" */
    char membership_due_day[MS_SEED_TEXT_MAX]; /* "10 January" */
} ms_seed_dates;

/* The timeline at now_ms (any instant from 1971 to 9999). */
void ms_seed_dates_at(int64_t now_ms, ms_seed_dates *out);

#endif
