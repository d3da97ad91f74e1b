/*
 * tests/unit/test_slots.c - the availability engine (pure): building-local hours map to
 * UTC on every date, DST days of Europe/London included (the shared vectors), and a
 * block is free exactly when it overlaps no reservation, hold or blackout and is not
 * too soon. Tables of cases, no SQLite, no sockets.
 */
#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking/why.h"
#include "rules/slots.h"
#include "rules/zone.h"

#define H(hh, mm) ((int64_t)(hh)*3600000LL + (int64_t)(mm)*60000LL)

/* "YYYY-MM-DDTHH:MM:SSZ" -> ms */
static int64_t iso(const char *s)
{
    int y, mo, d, h, mi, sec;
    ck_assert_int_eq(sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec), 6);
    return mci_days_from_civil(y, mo, d) * MCI_MS_PER_DAY + H(h, mi) + sec * 1000LL;
}

static int64_t day(const char *date)
{
    int64_t days;
    ck_assert(mci_parse_date(date, &days));
    return days;
}

static const mci_zone_transition ist_t[] = {{0, 330}};
static const mci_zone ist = {ist_t, 1};

static mci_zone_transition london_t[16];
static mci_zone london;
static cJSON *vectors;

static void load_vectors(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/europe-london-dst.json", getenv("VECTORS_DIR"));
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    vectors = cJSON_Parse(buf);
    ck_assert_ptr_nonnull(vectors);
    /* the offset before the first listed change */
    london_t[0] = (mci_zone_transition){INT64_MIN / 2, 0};
    size_t count = 1;
    const cJSON *t = NULL;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(vectors, "transitions"))
    {
        london_t[count].at_ms = iso(cJSON_GetObjectItem(t, "at_utc")->valuestring);
        london_t[count].offset_min = cJSON_GetObjectItem(t, "offset_after_min")->valueint;
        count++;
    }
    london = (mci_zone){london_t, count};
}

static void unload_vectors(void)
{
    cJSON_Delete(vectors);
}

static const mci_hours always_open[8] = {{0, 0},    {0, 1440}, {0, 1440}, {0, 1440},
                                         {0, 1440}, {0, 1440}, {0, 1440}, {0, 1440}};
/* BLR-1: 08:00-22:00 Monday to Saturday, closed Sunday */
static const mci_hours blr_hours[8] = {{0, 0},      {480, 1320}, {480, 1320}, {480, 1320},
                                       {480, 1320}, {480, 1320}, {480, 1320}, {0, 0}};

/* The offsets Europe/London had on each side of every listed change. */
START_TEST(test_london_offsets_match_vectors)
{
    const cJSON *t = NULL;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(vectors, "transitions"))
    {
        int64_t at = iso(cJSON_GetObjectItem(t, "at_utc")->valuestring);
        ck_assert_int_eq(mci_zone_offset_at(&london, at - 1),
                         cJSON_GetObjectItem(t, "offset_before_min")->valueint);
        ck_assert_int_eq(mci_zone_offset_at(&london, at),
                         cJSON_GetObjectItem(t, "offset_after_min")->valueint);
    }
}
END_TEST

/* A 24-hour room on both DST days and an ordinary day offers exactly the vectors' blocks. */
START_TEST(test_london_dst_days_match_vectors)
{
    const cJSON *d = NULL;
    int days_checked = 0;
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(vectors, "days"))
    {
        mci_block blocks[MCI_MAX_DAY_BLOCKS];
        size_t n = mci_day_blocks(&london, day(cJSON_GetObjectItem(d, "date")->valuestring),
                                  always_open, blocks);
        const cJSON *expected = cJSON_GetObjectItem(d, "blocks");
        ck_assert_int_eq((int)n, cJSON_GetObjectItem(d, "blocks_for_a_24h_room")->valueint);
        ck_assert_int_eq((int)n, cJSON_GetArraySize(expected));
        for (size_t i = 0; i < n; i++) {
            const cJSON *b = cJSON_GetArrayItem(expected, (int)i);
            int32_t local;
            ck_assert(mci_parse_hhmm(cJSON_GetObjectItem(b, "local")->valuestring, &local));
            ck_assert_int_eq(blocks[i].local_min, local);
            ck_assert_int_eq(blocks[i].start_ms,
                             iso(cJSON_GetObjectItem(b, "start_utc")->valuestring));
        }
        days_checked++;
    }
    ck_assert_int_ge(days_checked, 3);
}
END_TEST

/* Local to UTC: skipped times have no instant, repeated ones two, others one. */
START_TEST(test_local_to_utc_skipped_and_repeated)
{
    int64_t out[2];
    ck_assert_int_eq(
        mci_zone_local_to_utc(&london, day("2027-03-28") * MCI_MS_PER_DAY + H(1, 30), out), 0);
    ck_assert_int_eq(
        mci_zone_local_to_utc(&london, day("2027-10-31") * MCI_MS_PER_DAY + H(1, 30), out), 2);
    ck_assert_int_eq(out[0], iso("2027-10-31T00:30:00Z"));
    ck_assert_int_eq(out[1], iso("2027-10-31T01:30:00Z"));
    ck_assert_int_eq(mci_zone_local_to_utc(&ist, day("2027-01-04") * MCI_MS_PER_DAY + H(8, 0), out),
                     1);
    ck_assert_int_eq(out[0], iso("2027-01-04T02:30:00Z"));
}
END_TEST

/* BLR-1: 14 blocks on a Monday from 08:00 IST; none on Sunday. */
START_TEST(test_opening_hours_bound_the_blocks)
{
    mci_block blocks[MCI_MAX_DAY_BLOCKS];
    size_t n = mci_day_blocks(&ist, day("2027-01-04"), blr_hours, blocks); /* Monday */
    ck_assert_int_eq((int)n, 14);
    ck_assert_int_eq(blocks[0].local_min, 480);
    ck_assert_int_eq(blocks[0].start_ms, iso("2027-01-04T02:30:00Z"));
    ck_assert_int_eq(blocks[13].local_min, 21 * 60);
    ck_assert_int_eq((int)mci_day_blocks(&ist, day("2027-01-10"), blr_hours, blocks), 0);
    /* opening at 08:30 starts at 09:00; closing at 21:30 ends the last block at 21:00 */
    mci_hours odd[8];
    for (int i = 0; i < 8; i++)
        odd[i] = (mci_hours){510, 1290};
    n = mci_day_blocks(&ist, day("2027-01-04"), odd, blocks);
    ck_assert_int_eq(blocks[0].local_min, 540);
    ck_assert_int_eq(blocks[n - 1].local_min, 20 * 60);
}
END_TEST

typedef struct overlap_case {
    const char *why;
    int64_t busy_start, busy_end; /* local offsets from the day's 00:00 IST, ms */
    uint32_t expected_mask;       /* over the 14 blocks 08:00..21:00 */
} overlap_case;

/* Reservations and blackouts remove exactly the blocks they overlap; touching is free. */
START_TEST(test_overlap_table)
{
    int64_t d = day("2027-01-04");
    int64_t midnight = d * MCI_MS_PER_DAY - 330 * MCI_MS_PER_MIN; /* local 00:00 in UTC */
    static const overlap_case cases[] = {
        {"nothing booked", 0, 0, (1u << 14) - 1},
        {"10:00-11:00 exactly", H(10, 0), H(11, 0), ((1u << 14) - 1) & ~(1u << 2)},
        {"ends at 10:00: touches the 10:00 block only", H(9, 0), H(10, 0),
         ((1u << 14) - 1) & ~(1u << 1)},
        {"10:30-10:45 inside a block", H(10, 30), H(10, 45), ((1u << 14) - 1) & ~(1u << 2)},
        {"10:59-11:01 straddles two", H(10, 59), H(11, 1),
         ((1u << 14) - 1) & ~(1u << 2) & ~(1u << 3)},
        {"across midnight from the day before", -H(2, 0), H(9, 0), ((1u << 14) - 1) & ~1u},
        {"across the next midnight", H(21, 30), H(26, 0), ((1u << 14) - 1) & ~(1u << 13)},
        {"before opening", H(5, 0), H(8, 0), (1u << 14) - 1},
        {"after closing", H(22, 0), H(23, 0), (1u << 14) - 1},
        {"whole-day blackout", -H(1, 0), H(25, 0), 0},
    };
    mci_block blocks[MCI_MAX_DAY_BLOCKS];
    size_t n = mci_day_blocks(&ist, d, blr_hours, blocks);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mci_interval busy[1] = {{midnight + cases[i].busy_start, midnight + cases[i].busy_end}};
        size_t nb = cases[i].busy_end > cases[i].busy_start ? 1 : 0;
        uint32_t mask = mci_free_mask(blocks, n, busy, nb, 0);
        ck_assert_msg(mask == cases[i].expected_mask, "%s: mask 0x%x, expected 0x%x", cases[i].why,
                      mask, cases[i].expected_mask);
    }
}
END_TEST

/* Many overlapping busy intervals merge; the sweep sees them all. */
START_TEST(test_merge_then_sweep)
{
    int64_t d = day("2027-01-04");
    int64_t m = d * MCI_MS_PER_DAY - 330 * MCI_MS_PER_MIN;
    mci_interval busy[] = {
        {m + H(15, 0), m + H(16, 0)}, {m + H(9, 0), m + H(9, 30)},  {m + H(9, 15), m + H(10, 0)},
        {m + H(12, 0), m + H(14, 0)}, {m + H(13, 0), m + H(13, 5)}, {m + H(14, 0), m + H(14, 0)},
    };
    size_t n = mci_intervals_merge(busy, 6);
    ck_assert_int_eq((int)n, 3); /* 09:00-10:00, 12:00-14:00 (the empty one touches), 15:00-16:00 */
    ck_assert_int_eq(busy[0].end_ms, m + H(10, 0));
    mci_block blocks[MCI_MAX_DAY_BLOCKS];
    size_t nb = mci_day_blocks(&ist, d, blr_hours, blocks);
    uint32_t mask = mci_free_mask(blocks, nb, busy, n, 0);
    /* blocks: 08 09 10 11 12 13 14 15 16 ... -> 09, 12, 13, 15 taken */
    ck_assert_uint_eq(mask, ((1u << 14) - 1) & ~(1u << 1) & ~(1u << 4) & ~(1u << 5) & ~(1u << 7));
}
END_TEST

/* Now inside a block, and a minimum notice: blocks that start too soon are not offered. */
START_TEST(test_now_and_minimum_notice)
{
    int64_t d = day("2027-01-04");
    int64_t m = d * MCI_MS_PER_DAY - 330 * MCI_MS_PER_MIN;
    mci_block blocks[MCI_MAX_DAY_BLOCKS];
    size_t n = mci_day_blocks(&ist, d, blr_hours, blocks);
    /* now 10:20, no notice: 10:00 has started, 11:00 is the first free */
    uint32_t mask = mci_free_mask(blocks, n, NULL, 0, m + H(10, 20));
    ck_assert_uint_eq(mask & 0x7u, 0);
    ck_assert(mask & (1u << 3));
    /* now 10:50 with 15 minutes' notice: 11:00 is too soon */
    mask = mci_free_mask(blocks, n, NULL, 0, m + H(10, 50) + 15 * MCI_MS_PER_MIN);
    ck_assert_uint_eq(mask & 0xFu, 0);
    ck_assert(mask & (1u << 4));
    /* exactly on the boundary is allowed */
    mask = mci_free_mask(blocks, n, NULL, 0, m + H(11, 0));
    ck_assert(mask & (1u << 3));
}
END_TEST

/* Dates and times as people type them: real dates only, HH:MM up to 24:00. */
START_TEST(test_date_and_time_parsing)
{
    int64_t days;
    int32_t minutes;
    ck_assert(mci_parse_date("2028-02-29", &days));
    ck_assert(!mci_parse_date("2027-02-29", &days));
    ck_assert(!mci_parse_date("2027-13-01", &days));
    ck_assert(!mci_parse_date("2027-1-01", &days));
    ck_assert(!mci_parse_date("27-01-01xx", &days));
    ck_assert(!mci_parse_date(NULL, &days));
    ck_assert(mci_parse_hhmm("24:00", &minutes));
    ck_assert_int_eq(minutes, 1440);
    ck_assert(!mci_parse_hhmm("24:01", &minutes));
    ck_assert(!mci_parse_hhmm("9:00", &minutes));
    ck_assert(!mci_parse_hhmm("09:60", &minutes));
    int y, mo, dd;
    mci_civil_from_days(mci_days_from_civil(2027, 10, 31), &y, &mo, &dd);
    ck_assert(y == 2027 && mo == 10 && dd == 31);
    ck_assert_int_eq(mci_weekday(day("2027-01-04")), 1);
    ck_assert_int_eq(mci_weekday(day("2027-01-10")), 7);
    ck_assert_int_eq(mci_weekday(day("1969-12-31")), 3);
}
END_TEST

/* A refused block's rule: started, within the notice, blacked out (which one), else taken. */
START_TEST(test_block_refusal_order)
{
    const int64_t H = 3600000;
    mci_interval blackouts[] = {{10 * H, 12 * H}, {20 * H, 21 * H}};
    size_t which = 99;
    ck_assert_int_eq(mci_block_refusal(9 * H, 10 * H, 11 * H, blackouts, 2, &which), MC_RULE_PAST);
    ck_assert_int_eq(mci_block_refusal(10 * H, 10 * H, 11 * H, blackouts, 2, &which),
                     MC_RULE_TOO_SOON);
    ck_assert_int_eq(mci_block_refusal(11 * H, 10 * H, 11 * H, blackouts, 2, &which),
                     MC_RULE_BLACKOUT);
    ck_assert_int_eq((int)which, 0);
    ck_assert_int_eq(mci_block_refusal(20 * H, 10 * H, 11 * H, blackouts, 2, &which),
                     MC_RULE_BLACKOUT);
    ck_assert_int_eq((int)which, 1);
    ck_assert_int_eq(mci_block_refusal(12 * H, 10 * H, 11 * H, blackouts, 2, NULL), MC_RULE_TAKEN);
    ck_assert_int_eq(mci_block_refusal(19 * H, 10 * H, 11 * H, blackouts, 2, NULL), MC_RULE_TAKEN);
}
END_TEST

/* Many rules become one: shared, else the most frequent that still holds later. */
START_TEST(test_rules_summary)
{
    ck_assert_int_eq(mci_rules_summary(NULL, 0), MC_RULE_NONE);
    mc_rule all_taken[] = {MC_RULE_TAKEN, MC_RULE_TAKEN};
    ck_assert_int_eq(mci_rules_summary(all_taken, 2), MC_RULE_TAKEN);
    mc_rule past_then_taken[] = {MC_RULE_PAST, MC_RULE_PAST, MC_RULE_PAST, MC_RULE_TAKEN};
    ck_assert_int_eq(mci_rules_summary(past_then_taken, 4), MC_RULE_TAKEN);
    mc_rule mixed[] = {MC_RULE_TAKEN, MC_RULE_BLACKOUT, MC_RULE_BLACKOUT};
    ck_assert_int_eq(mci_rules_summary(mixed, 3), MC_RULE_BLACKOUT);
    mc_rule tie[] = {MC_RULE_TAKEN, MC_RULE_BLACKOUT};
    ck_assert_int_eq(mci_rules_summary(tie, 2), MC_RULE_BLACKOUT);
    mc_rule late[] = {MC_RULE_PAST, MC_RULE_TOO_SOON};
    ck_assert_int_eq(mci_rules_summary(late, 2), MC_RULE_TOO_SOON);
    mc_rule over[] = {MC_RULE_PAST};
    ck_assert_int_eq(mci_rules_summary(over, 1), MC_RULE_PAST);
    ck_assert_str_eq(mc_rule_name(MC_RULE_BEYOND_WINDOW), "beyond_window");
    ck_assert_str_eq(mc_rule_name((mc_rule)99), "unknown");
}
END_TEST

/* The words of each rule, with the particulars a member needs. */
START_TEST(test_why_words)
{
    mci_why_facts f = {"BLR-1", NULL,  "2027-01-10", 7,  {480, 1320},  360,
                       480,     false, 15,           30, "2027-02-03", "Republic Day"};
    char out[256];
    mci_why_words(MC_RULE_CLOSED, &f, out, sizeof out);
    ck_assert_str_eq(out, "BLR-1 is closed on Sundays");
    f.weekday = 2;
    mci_why_words(MC_RULE_OUTSIDE_HOURS, &f, out, sizeof out);
    ck_assert_str_eq(out,
                     "BLR-1 is open 08:00-22:00 on Tuesdays: no block between 06:00 and 08:00");
    mci_why_words(MC_RULE_BLACKOUT, &f, out, sizeof out);
    ck_assert_str_eq(out, "BLR-1 is blacked out on 2027-01-10: Republic Day");
    f.room_id = "BLR-1-BOARD";
    f.blackout_reason = "";
    mci_why_words(MC_RULE_BLACKOUT, &f, out, sizeof out);
    ck_assert_str_eq(out, "BLR-1-BOARD is blacked out on 2027-01-10");
    mci_why_words(MC_RULE_TAKEN, &f, out, sizeof out);
    ck_assert_str_eq(out, "every block asked for on 2027-01-10 is taken");
    f.room_id = NULL;
    mci_why_words(MC_RULE_TAKEN, &f, out, sizeof out);
    ck_assert_str_eq(out, "every block asked for on 2027-01-10 is taken in every room");
    mci_why_words(MC_RULE_TOO_SOON, &f, out, sizeof out);
    ck_assert_str_eq(out, "too soon: the blocks left on 2027-01-10 start within the minimum notice "
                          "(15 min)");
    mci_why_words(MC_RULE_BEYOND_WINDOW, &f, out, sizeof out);
    ck_assert_str_eq(out, "2027-01-10 is beyond the booking window: BLR-1 takes bookings 30 days "
                          "ahead (until 2027-02-03)");
    mci_why_words(MC_RULE_PAST, &f, out, sizeof out);
    ck_assert_str_eq(out, "2027-01-10 is in the past");
    f.is_today = true;
    mci_why_words(MC_RULE_PAST, &f, out, sizeof out);
    ck_assert_str_eq(out, "the blocks asked for on 2027-01-10 are past");
}
END_TEST

/* A wait in words: seconds, then whole minutes rounded up, hours, days; said once. */
START_TEST(test_duration_words)
{
    char out[32];
    ck_assert_str_eq(mc_duration_format(0, out, sizeof out), "0 s");
    ck_assert_str_eq(mc_duration_format(-5, out, sizeof out), "0 s");
    ck_assert_str_eq(mc_duration_format(1, out, sizeof out), "1 s");
    ck_assert_str_eq(mc_duration_format(30, out, sizeof out), "30 s");
    ck_assert_str_eq(mc_duration_format(59, out, sizeof out), "59 s");
    ck_assert_str_eq(mc_duration_format(60, out, sizeof out), "1 min");
    ck_assert_str_eq(mc_duration_format(61, out, sizeof out), "2 min");
    ck_assert_str_eq(mc_duration_format(300, out, sizeof out), "5 min");
    ck_assert_str_eq(mc_duration_format(3144, out, sizeof out), "53 min");
    ck_assert_str_eq(mc_duration_format(3540, out, sizeof out), "59 min");
    ck_assert_str_eq(mc_duration_format(3541, out, sizeof out), "1 h");
    ck_assert_str_eq(mc_duration_format(3600, out, sizeof out), "1 h");
    ck_assert_str_eq(mc_duration_format(3601, out, sizeof out), "1 h 1 min");
    ck_assert_str_eq(mc_duration_format(3900, out, sizeof out), "1 h 5 min");
    ck_assert_str_eq(mc_duration_format(82800, out, sizeof out), "23 h");
    ck_assert_str_eq(mc_duration_format(82801, out, sizeof out), "1 d");
    ck_assert_str_eq(mc_duration_format(86400 + 4 * 3600, out, sizeof out), "1 d 4 h");
    ck_assert_str_eq(mc_duration_format(3 * 86400, out, sizeof out), "3 d");
    char small[4];
    ck_assert_str_eq(mc_duration_format(3144, small, sizeof small), "53 ");
    ck_assert_ptr_null(mc_duration_format(5, NULL, 0));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("slots");
    TCase *tc = tcase_create("engine");
    tcase_add_checked_fixture(tc, load_vectors, unload_vectors);
    tcase_add_test(tc, test_london_offsets_match_vectors);
    tcase_add_test(tc, test_london_dst_days_match_vectors);
    tcase_add_test(tc, test_local_to_utc_skipped_and_repeated);
    tcase_add_test(tc, test_opening_hours_bound_the_blocks);
    tcase_add_test(tc, test_overlap_table);
    tcase_add_test(tc, test_merge_then_sweep);
    tcase_add_test(tc, test_now_and_minimum_notice);
    tcase_add_test(tc, test_date_and_time_parsing);
    tcase_add_test(tc, test_block_refusal_order);
    tcase_add_test(tc, test_rules_summary);
    tcase_add_test(tc, test_why_words);
    tcase_add_test(tc, test_duration_words);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
