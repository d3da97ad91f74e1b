/* rules/seed_dates.c - the seed's timeline: every instant and date the seed writes, dated from
 * the server clock at seeding. Pure: no I/O. */
#include "rules/seed_dates.h"

#include <stdio.h>

#include "rules/zone.h"

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

/* y-m moved by delta months. */
static void add_months(int *y, int *m, int delta)
{
    int64_t index = (int64_t)*y * 12 + (*m - 1) + delta;
    *y = (int)ms_floor_div(index, 12);
    *m = (int)(index - (int64_t)*y * 12) + 1;
}

/* The first instant of local minute `minute` of local day `day` (an hour later if a clock
 * change skipped it). */
static int64_t at_local(const ms_zone *zone, int64_t day, int minute)
{
    int64_t wall = day * MS_DAY_MS + minute * MS_MINUTE_MS, utc;
    if (!ms_zone_first_instant(zone, wall, &utc))
        ms_zone_first_instant(zone, wall + MS_HOUR_MS, &utc);
    return utc;
}

static ms_seed_span span_local(const ms_zone *zone, int64_t day, int from_min, int to_min)
{
    ms_seed_span s = {at_local(zone, day, from_min), at_local(zone, day, to_min)};
    return s;
}

/* BLR-1 is closed on Sundays and on its Republic Day blackout. */
static int64_t blr_open_from(int64_t day, int64_t republic_day)
{
    while (ms_weekday_of_days(day) == 7 || day == republic_day)
        day++;
    return day;
}

static void day_month(int64_t day, char *out, size_t cap)
{
    int y, m, d;
    ms_civil_from_days(day, &y, &m, &d);
    snprintf(out, cap, "%d %s", d, month_names[m - 1]);
}

static void month_year(int y, int m, char *out, size_t cap)
{
    snprintf(out, cap, "%s %d", month_names[m - 1], y);
}

static void iso_date(int64_t day, char *out, size_t cap)
{
    int y, m, d;
    ms_civil_from_days(day, &y, &m, &d);
    snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* at_ms, but not before a minute after recent_ms nor after now. */
static int64_t after_recent(const ms_seed_dates *t, int64_t at_ms)
{
    return min64(max64(at_ms, t->recent_ms + MS_MINUTE_MS), t->now_ms);
}

/* The contract of `index`: from the 1st of the month `back` months before local's, a year. */
static void contract(ms_seed_dates *out, int index, const ms_local *local, int back)
{
    int y = local->year, m = local->month;
    add_months(&y, &m, -back);
    int64_t start = ms_days_from_civil(y, m, 1);
    add_months(&y, &m, 12);
    iso_date(start, out->contract_start[index], sizeof out->contract_start[index]);
    iso_date(ms_days_from_civil(y, m, 1) - 1, out->contract_end[index],
             sizeof out->contract_end[index]);
}

static void events(ms_seed_dates *out, const ms_zone *ist, const ms_zone *lon, const ms_local *blr,
                   const ms_local *ldn, int64_t republic)
{
    int64_t today = blr->day;
    int64_t networking = blr_open_from(today + 10, republic);
    out->networking = span_local(ist, networking, 18 * 60, 19 * 60);
    day_month(networking, out->networking_day, sizeof out->networking_day);
    out->fireside = span_local(ist, blr_open_from(today + 3, republic), 18 * 60, 19 * 60 + 30);
    int64_t diwali = ms_days_from_civil(blr->year, 10, 28);
    if (diwali < today + 30)
        diwali = ms_days_from_civil(blr->year + 1, 10, 28);
    out->diwali = span_local(ist, blr_open_from(diwali, republic), 17 * 60, 20 * 60);
    out->breakfast = span_local(ist, today + 17, 8 * 60 + 30, 10 * 60);

    /* The last Thursday of the London month 24 days on. */
    int y, m, d;
    ms_civil_from_days(ldn->day + 24, &y, &m, &d);
    int next_y = y, next_m = m;
    add_months(&next_y, &next_m, 1);
    int64_t social = ms_days_from_civil(next_y, next_m, 1) - 1;
    while (ms_weekday_of_days(social) != 4)
        social--;
    out->social = span_local(lon, social, 18 * 60, 21 * 60);
    day_month(social, out->social_day, sizeof out->social_day);
    snprintf(out->social_month, sizeof out->social_month, "%s", month_names[m - 1]);
}

static void invoices(ms_seed_dates *out, const ms_zone *ist, const ms_local *blr)
{
    int ly = blr->year, lm = blr->month;
    add_months(&ly, &lm, -1);
    int by = ly, bm = lm;
    add_months(&by, &bm, -1);
    month_year(by, bm, out->month_before_last, sizeof out->month_before_last);
    month_year(ly, lm, out->last_month, sizeof out->last_month);
    month_year(blr->year, blr->month, out->this_month, sizeof out->this_month);
    snprintf(out->this_month_name, sizeof out->this_month_name, "%s", month_names[blr->month - 1]);
    day_month(ms_days_from_civil(blr->year, blr->month, 10), out->membership_due_day,
              sizeof out->membership_due_day);

    int64_t last_1st = ms_days_from_civil(ly, lm, 1);
    int64_t this_1st = ms_days_from_civil(blr->year, blr->month, 1);
    /* Parking, the month before last: due by the end of the 15th, never paid. */
    out->issued_ms[0] = at_local(ist, last_1st, 10 * 60);
    out->due_ms[0] = at_local(ist, last_1st + 15, 0);
    /* Last month's membership: due by the end of the 10th, paid the 8th at noon. */
    out->issued_ms[1] = out->issued_ms[0];
    out->due_ms[1] = at_local(ist, last_1st + 10, 0);
    out->paid_ms[1] = at_local(ist, last_1st + 7, 12 * 60);
    /* This month's membership: due by the end of the 10th. */
    out->issued_ms[2] = min64(at_local(ist, this_1st + 2, 10 * 60), out->recent_ms);
    out->due_ms[2] = at_local(ist, this_1st + 10, 0);
    /* Last month's extra room hours: due by the end of the 11th, paid recently. */
    out->issued_ms[3] = min64(at_local(ist, this_1st + 1, 10 * 60), out->recent_ms);
    out->due_ms[3] = at_local(ist, this_1st + 11, 0);
    out->paid_ms[3] = out->recent_ms;
    for (int i = 0; i < 4; i++)
        out->overdue[i] = out->paid_ms[i] == 0 && out->due_ms[i] <= out->now_ms;
}

void ms_seed_dates_at(int64_t now_ms, ms_seed_dates *out)
{
    *out = (ms_seed_dates){0};
    const ms_zone *ist = ms_zone_find("Asia/Kolkata");
    const ms_zone *lon = ms_zone_find("Europe/London");
    ms_local blr, ldn;
    ms_zone_local(ist, now_ms, &blr);
    ms_zone_local(lon, now_ms, &ldn);
    out->now_ms = now_ms;
    out->zone_year = ms_utc_year(now_ms);
    out->long_ago_ms = ms_days_from_civil(out->zone_year - 2, 1, 1) * MS_DAY_MS;

    /* The credit months and their resets. */
    ms_local_format_month(&blr, out->acme_month, sizeof out->acme_month);
    ms_local_format_month(&ldn, out->hart_month, sizeof out->hart_month);
    out->acme_reset_ms = at_local(ist, ms_days_from_civil(blr.year, blr.month, 1), 0);
    out->hart_reset_ms = at_local(lon, ms_days_from_civil(ldn.year, ldn.month, 1), 0);
    out->recent_ms =
        max64(now_ms - MS_DAY_MS, out->acme_reset_ms + (now_ms - out->acme_reset_ms) / 2);

    int64_t republic = ms_days_from_civil(blr.year, 1, 26);
    if (republic < blr.day)
        republic = ms_days_from_civil(blr.year + 1, 1, 26);
    out->republic_day = span_local(ist, republic, 0, 0);
    out->republic_day.end_ms = at_local(ist, republic + 1, 0);
    out->huddle_upgrade = span_local(ist, blr_open_from(blr.day + 4, republic), 8 * 60, 14 * 60);
    out->thames_clean = span_local(lon, ldn.day + 5, 6 * 60, 12 * 60);

    int64_t board = blr_open_from(blr.day + 1, republic);
    out->board = span_local(ist, board, 10 * 60, 12 * 60);
    out->focus = span_local(ist, blr_open_from(board + 1, republic), 15 * 60, 16 * 60);
    out->order_paid_ms = min64(out->recent_ms + MS_MINUTE_MS, now_ms);

    events(out, ist, lon, &blr, &ldn, republic);

    out->visitor_asha_ms = now_ms - 10 * MS_MINUTE_MS;
    out->visitor_vikram_ms = now_ms - 20 * MS_MINUTE_MS;
    out->visitor_olivia_ms = now_ms - 1000 * 1000LL;
    out->wifi_resolved_ms = now_ms - 2 * MS_DAY_MS;
    out->pantry_note_ms = now_ms - 47000 * 1000LL;
    /* "You are going": after the RSVP (made recently). */
    out->networking_note_ms = after_recent(out, now_ms - 37000 * 1000LL);
    out->social_note_ms = after_recent(out, out->pantry_note_ms);
    out->ac_assigned_ms = now_ms - 137000 * 1000LL;

    contract(out, 0, &blr, 9);
    contract(out, 1, &blr, 6);
    contract(out, 2, &ldn, 3);
    invoices(out, ist, &blr);
}
