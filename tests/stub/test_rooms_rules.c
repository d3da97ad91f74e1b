/*
 * tests/stub/test_rooms_rules.c - memberstub's pure room rules: the zone rules against
 * tests/vectors/europe-london-dst.json (transitions, and the blocks of the change days), the span
 * the transitions cover, civil dates, which blocks are offered (alignment, repeated hours,
 * opening hours), the booking checks (min notice, window), and the Razorpay payment signature
 * against tests/vectors/razorpay.json. No sockets, no database.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rules/booking_rules.h"
#include "rules/razorpay.h"
#include "rules/zone.h"

#define H MS_HOUR_MS
#define M MS_MINUTE_MS

/* The JSON of a file in $VECTORS_DIR. */
static cJSON *vector(const char *name)
{
    const char *dir = getenv("VECTORS_DIR");
    ck_assert_msg(dir && dir[0], "VECTORS_DIR is not set (meson test sets it)");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char text[256 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *json = cJSON_Parse(text);
    ck_assert_msg(json != NULL, "%s is not JSON", path);
    return json;
}

/* "2027-03-28T01:00:00Z" as ms since the epoch. */
static int64_t utc(const char *iso)
{
    int y, mo, d, h, mi, s;
    ck_assert_int_eq(sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s), 6);
    return ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H + mi * M + s * 1000LL;
}

/* y-m-d hh:mm on the zone's wall clock, as the first instant showing it. */
static int64_t local(const ms_zone *z, int y, int mo, int d, int h, int mi)
{
    int64_t t;
    ck_assert(
        ms_zone_first_instant(z, ms_days_from_civil(y, mo, d) * MS_DAY_MS + h * H + mi * M, &t));
    return t;
}

static const ms_zone *london(void)
{
    const ms_zone *z = ms_zone_find("Europe/London");
    ck_assert_ptr_nonnull(z);
    return z;
}

static const ms_zone *kolkata(void)
{
    const ms_zone *z = ms_zone_find("Asia/Kolkata");
    ck_assert_ptr_nonnull(z);
    return z;
}

/* Every day open from open_min to close_min (closed_weekday 0: none closed). */
static ms_open_hours hours_of(int open_min, int close_min, int closed_weekday)
{
    ms_open_hours h;
    memset(&h, 0, sizeof h);
    for (int wd = 1; wd <= 7; wd++) {
        h.open[wd] = wd != closed_weekday;
        h.open_min[wd] = open_min;
        h.close_min[wd] = close_min;
    }
    return h;
}

/* ---- civil dates and zones -------------------------------------------------------------- */

START_TEST(test_civil_dates_round_trip)
{
    ck_assert(ms_days_from_civil(1970, 1, 1) == 0);
    ck_assert(ms_days_from_civil(2027, 1, 4) == 20822);
    ck_assert_int_eq(ms_weekday_of_days(ms_days_from_civil(2027, 1, 4)), 1);  /* Monday */
    ck_assert_int_eq(ms_weekday_of_days(ms_days_from_civil(2027, 3, 28)), 7); /* Sunday */
    ck_assert_int_eq(ms_weekday_of_days(ms_days_from_civil(1969, 12, 31)), 3);
    for (int64_t day = -800000; day < 800000; day += 37) {
        int y, m, d;
        ms_civil_from_days(day, &y, &m, &d);
        ck_assert(ms_days_from_civil(y, m, d) == day);
    }
    ck_assert(ms_floor_div(-1, 1000) == -1 && ms_floor_div(1999, 1000) == 1);
    ck_assert_int_eq(ms_utc_year(utc("2026-12-31T23:59:59Z")), 2026);
    ck_assert_int_eq(ms_utc_year(utc("2027-01-01T00:00:00Z")), 2027);
}
END_TEST

/* The London rule reproduces every offset change of the vectors, and no other. */
START_TEST(test_london_transitions_match_the_vectors)
{
    cJSON *v = vector("europe-london-dst.json");
    const cJSON *want = cJSON_GetObjectItem(v, "transitions");
    ms_zone_transition got[16];
    int n = ms_zone_transitions(london(), utc("2026-01-01T00:00:00Z"), utc("2029-01-01T00:00:00Z"),
                                got, 16);
    ck_assert_int_eq(n, 1 + cJSON_GetArraySize(want));
    ck_assert(got[0].at_ms == utc("2026-01-01T00:00:00Z"));
    ck_assert_int_eq(got[0].offset_min, 0);
    int i = 1;
    const cJSON *t;
    cJSON_ArrayForEach(t, want)
    {
        int64_t at = utc(cJSON_GetObjectItem(t, "at_utc")->valuestring);
        int before = cJSON_GetObjectItem(t, "offset_before_min")->valueint;
        int after = cJSON_GetObjectItem(t, "offset_after_min")->valueint;
        ck_assert(got[i].at_ms == at);
        ck_assert_int_eq(got[i].offset_min, after);
        ck_assert_str_eq(got[i].abbrev, after == 60 ? "BST" : "GMT"); /* what members read */
        ck_assert_int_eq(ms_zone_offset_min(london(), at - 1), before);
        ck_assert_int_eq(ms_zone_offset_min(london(), at), after);
        i++;
    }
    /* The first entry's offset also applies before it; a span starting in summer says so. */
    n = ms_zone_transitions(london(), utc("2027-07-01T00:00:00Z"), utc("2027-12-01T00:00:00Z"), got,
                            16);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(got[0].offset_min, 60);
    ck_assert_str_eq(got[0].abbrev, "BST");
    ck_assert_str_eq(got[1].abbrev, "GMT");
    ck_assert(got[1].at_ms == utc("2027-10-31T01:00:00Z") && got[1].offset_min == 0);
    /* Too small a buffer is an error, not a short list. */
    ck_assert_int_eq(ms_zone_transitions(london(), utc("2026-01-01T00:00:00Z"),
                                         utc("2029-01-01T00:00:00Z"), got, 3),
                     -1);
    cJSON_Delete(v);
}
END_TEST

START_TEST(test_kolkata_is_a_fixed_offset)
{
    ms_zone_transition got[4];
    ck_assert_int_eq(ms_zone_transitions(kolkata(), 0, utc("2030-01-01T00:00:00Z"), got, 4), 1);
    ck_assert_int_eq(got[0].offset_min, 330);
    ck_assert_str_eq(got[0].abbrev, "IST");
    for (int64_t t = utc("2026-01-01T00:00:00Z"); t < utc("2029-01-01T00:00:00Z"); t += 7 * H)
        ck_assert_int_eq(ms_zone_offset_min(kolkata(), t), 330);
    ck_assert_ptr_null(ms_zone_find("Europe/Paris"));
    ck_assert_ptr_null(ms_zone_find(NULL));
    ck_assert_str_eq(ms_zone_name(kolkata()), "Asia/Kolkata");
}
END_TEST

/* The span sent to clients holds [now - 400 days, now + 800 days] whatever the day. */
START_TEST(test_transitions_cover_400_days_back_and_800_ahead)
{
    for (int64_t now = utc("2024-01-01T00:00:00Z"); now < utc("2032-01-01T00:00:00Z");
         now += MS_DAY_MS / 2) {
        int64_t from, to;
        ms_zone_cover(ms_utc_year(now), &from, &to);
        ck_assert(from <= now - 400 * MS_DAY_MS);
        ck_assert(to >= now + 800 * MS_DAY_MS);
    }
    /* Six years of London: a leading entry and two changes a year. */
    int64_t from, to;
    ms_zone_transition got[32];
    ms_zone_cover(2027, &from, &to);
    ck_assert(from == utc("2025-01-01T00:00:00Z") && to == utc("2031-01-01T00:00:00Z"));
    ck_assert_int_eq(ms_zone_transitions(london(), from, to, got, 32), 13);
}
END_TEST

/* Wall clock to instants: a skipped time has none, a repeated one its first. */
START_TEST(test_local_times_map_to_their_first_instant)
{
    int64_t t;
    int64_t day = ms_days_from_civil(2027, 3, 28) * MS_DAY_MS;
    ck_assert(!ms_zone_first_instant(london(), day + H, &t));
    ck_assert(!ms_zone_first_instant(london(), day + H + 59 * M, &t));
    ck_assert(ms_zone_first_instant(london(), day + 2 * H, &t) && t == utc("2027-03-28T01:00:00Z"));
    day = ms_days_from_civil(2027, 10, 31) * MS_DAY_MS;
    ck_assert(ms_zone_first_instant(london(), day + H, &t) && t == utc("2027-10-31T00:00:00Z"));
    ck_assert(ms_zone_first_instant(london(), day + 2 * H, &t) && t == utc("2027-10-31T02:00:00Z"));
    ms_local l;
    ms_zone_local(london(), utc("2027-10-31T01:30:00Z"), &l);
    ck_assert_int_eq(l.minute, 90); /* the second 01:30 */
    ck_assert_int_eq(l.offset_min, 0);
    ms_zone_local(kolkata(), utc("2027-01-04T18:29:00Z"), &l);
    ck_assert_int_eq(l.day_of_month, 4);
    ck_assert_int_eq(l.minute, 23 * 60 + 59);
    char text[32];
    ms_local_format_date(&l, text, sizeof text);
    ck_assert_str_eq(text, "Mon 4 Jan 2027");
    ms_local_format_time(&l, text, sizeof text);
    ck_assert_str_eq(text, "23:59");
    ms_local_format_month(&l, text, sizeof text);
    ck_assert_str_eq(text, "2027-01");
}
END_TEST

/* A 24-hour room's blocks on the change days and an ordinary day, exactly as the vectors. */
START_TEST(test_blocks_of_the_change_days_match_the_vectors)
{
    cJSON *v = vector("europe-london-dst.json");
    ms_open_hours all_day = hours_of(0, 1440, 0);
    const cJSON *day;
    int days = 0;
    cJSON_ArrayForEach(day, cJSON_GetObjectItem(v, "days"))
    {
        int y, m, d;
        ck_assert_int_eq(
            sscanf(cJSON_GetObjectItem(day, "date")->valuestring, "%d-%d-%d", &y, &m, &d), 3);
        int64_t starts[24];
        int minutes[24];
        size_t n = ms_blocks_of_day(london(), &all_day, y, m, d, starts, minutes, 24);
        const cJSON *blocks = cJSON_GetObjectItem(day, "blocks");
        ck_assert_int_eq((int)n, cJSON_GetObjectItem(day, "blocks_for_a_24h_room")->valueint);
        ck_assert_int_eq((int)n, cJSON_GetArraySize(blocks));
        for (size_t i = 0; i < n; i++) {
            const cJSON *b = cJSON_GetArrayItem(blocks, (int)i);
            char label[24];
            snprintf(label, sizeof label, "%02d:%02d", minutes[i] / 60, minutes[i] % 60);
            ck_assert_str_eq(label, cJSON_GetObjectItem(b, "local")->valuestring);
            ck_assert(starts[i] == utc(cJSON_GetObjectItem(b, "start_utc")->valuestring));
            /* And each one is an offered block. */
            ck_assert_int_eq(ms_block_offered(london(), &all_day, starts[i]), MS_BLOCK_OK);
        }
        days++;
    }
    ck_assert_int_eq(days, 3);
    /* The second 01:00 of 2027-10-31 is not a block; the hour between is no block start. */
    ck_assert_int_eq(ms_block_offered(london(), &all_day, utc("2027-10-31T01:00:00Z")),
                     MS_BLOCK_OUTSIDE_HOURS);
    ck_assert_int_eq(ms_block_offered(london(), &all_day, utc("2027-10-31T00:30:00Z")),
                     MS_BLOCK_MISALIGNED);
    cJSON_Delete(v);
}
END_TEST

/* Opening and closing edges, closed days, the half-hour zone's alignment. */
START_TEST(test_blocks_respect_opening_hours)
{
    ms_open_hours blr = hours_of(8 * 60, 22 * 60, 7); /* BLR-1: 08-22, closed Sunday */
    const ms_zone *z = kolkata();
    ck_assert_int_eq(ms_block_offered(z, &blr, local(z, 2027, 1, 5, 8, 0)), MS_BLOCK_OK);
    ck_assert_int_eq(ms_block_offered(z, &blr, local(z, 2027, 1, 5, 21, 0)), MS_BLOCK_OK);
    ck_assert_int_eq(ms_block_offered(z, &blr, local(z, 2027, 1, 5, 7, 0)), MS_BLOCK_OUTSIDE_HOURS);
    ck_assert_int_eq(ms_block_offered(z, &blr, local(z, 2027, 1, 5, 22, 0)),
                     MS_BLOCK_OUTSIDE_HOURS);
    ck_assert_int_eq(ms_block_offered(z, &blr, local(z, 2027, 1, 10, 10, 0)),
                     MS_BLOCK_OUTSIDE_HOURS); /* Sunday */
    /* IST hours start at :30 UTC; a UTC hour is no block there. */
    ck_assert_int_eq(ms_block_offered(z, &blr, utc("2027-01-05T05:00:00Z")), MS_BLOCK_MISALIGNED);
    ck_assert_int_eq(ms_block_offered(z, &blr, utc("2027-01-05T04:30:00Z")), MS_BLOCK_OK);
    ck_assert_int_eq(ms_block_offered(z, &blr, utc("2027-01-05T04:30:00Z") + 1),
                     MS_BLOCK_MISALIGNED);
    int64_t starts[24];
    ck_assert_int_eq((int)ms_blocks_of_day(z, &blr, 2027, 1, 5, starts, NULL, 24), 14);
    ck_assert(starts[0] == local(z, 2027, 1, 5, 8, 0));
    ck_assert_int_eq((int)ms_blocks_of_day(z, &blr, 2027, 1, 10, starts, NULL, 24), 0);
}
END_TEST

/* The booking check: every block, min notice to the millisecond, the window's last day. */
START_TEST(test_booking_check_edges)
{
    const ms_zone *z = kolkata();
    ms_open_hours blr = hours_of(8 * 60, 22 * 60, 7);
    ms_booking_policy p = {30, 15, 120};
    int64_t now = utc("2027-01-04T04:30:00Z"); /* Monday 10:00 IST */
    int64_t eleven = local(z, 2027, 1, 4, 11, 0);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, eleven, 1), MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, eleven - 15 * M, eleven, 1), MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, eleven - 15 * M + 1, eleven, 1),
                     MS_BLOCK_TOO_SOON);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 4, 10, 0), 1),
                     MS_BLOCK_TOO_SOON);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 4, 9, 0), 1),
                     MS_BLOCK_PAST);
    /* Sunday: BLR-1 is closed all day (a closed day, not hours missed). */
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 10, 10, 0), 1),
                     MS_BLOCK_CLOSED_DAY);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 9, 7, 0), 1),
                     MS_BLOCK_OUTSIDE_HOURS);
    /* Today + 30 is the last day; the day after is beyond. */
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 2, 3, 21, 0), 1),
                     MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 2, 4, 8, 0), 1),
                     MS_BLOCK_BEYOND_WINDOW);
    /* A block past closing, or a misaligned start. */
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 5, 21, 0), 2),
                     MS_BLOCK_OUTSIDE_HOURS);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 5, 8, 0), 14),
                     MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(z, &blr, &p, now, local(z, 2027, 1, 5, 10, 30), 1),
                     MS_BLOCK_MISALIGNED);
    /* London, 24 hours: across midnight is fine; into the window's next day is not. */
    ms_open_hours lon = hours_of(0, 1440, 0);
    now = utc("2027-01-04T10:00:00Z");
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-01-07T23:00:00Z"), 3),
                     MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-02-03T23:00:00Z"), 1),
                     MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-02-03T23:00:00Z"), 2),
                     MS_BLOCK_BEYOND_WINDOW);
    /* Through the repeated hour: its second occurrence is no block. */
    now = utc("2027-10-20T10:00:00Z");
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-10-30T23:00:00Z"), 2),
                     MS_BLOCK_OK);
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-10-30T23:00:00Z"), 3),
                     MS_BLOCK_OUTSIDE_HOURS);
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-10-31T01:00:00Z"), 1),
                     MS_BLOCK_OUTSIDE_HOURS);
    /* Through the skipped hour: 00:00 and 02:00 local are consecutive blocks. */
    now = utc("2027-03-20T10:00:00Z");
    ck_assert_int_eq(ms_booking_check(london(), &lon, &p, now, utc("2027-03-28T00:00:00Z"), 2),
                     MS_BLOCK_OK);
}
END_TEST

/* ---- Razorpay --------------------------------------------------------------------------- */

START_TEST(test_razorpay_signatures_match_the_vectors)
{
    cJSON *v = vector("razorpay.json");
    const cJSON *s;
    int n = 0;
    cJSON_ArrayForEach(s, cJSON_GetObjectItem(v, "payment_signatures"))
    {
        const char *order = cJSON_GetObjectItem(s, "order_id")->valuestring;
        const char *payment = cJSON_GetObjectItem(s, "payment_id")->valuestring;
        const char *secret = cJSON_GetObjectItem(s, "key_secret")->valuestring;
        const char *want = cJSON_GetObjectItem(s, "signature")->valuestring;
        char got[MS_RZP_SIGNATURE_MAX];
        ck_assert_int_eq(ms_razorpay_signature(secret, order, payment, got), 0);
        ck_assert_str_eq(got, want);
        ck_assert(ms_razorpay_verify(secret, order, payment, want));
        /* One character off, cut short, too long, upper case, another key or payment: wrong. */
        char bad[80];
        snprintf(bad, sizeof bad, "%s", want);
        bad[10] = bad[10] == '0' ? '1' : '0';
        ck_assert(!ms_razorpay_verify(secret, order, payment, bad));
        snprintf(bad, sizeof bad, "%.63s", want);
        ck_assert(!ms_razorpay_verify(secret, order, payment, bad));
        snprintf(bad, sizeof bad, "%s0", want);
        ck_assert(!ms_razorpay_verify(secret, order, payment, bad));
        snprintf(bad, sizeof bad, "%s", want);
        for (char *c = bad; *c; c++)
            if (*c >= 'a' && *c <= 'f')
                *c = (char)(*c - 'a' + 'A');
        ck_assert(!ms_razorpay_verify(secret, order, payment, bad));
        ck_assert(!ms_razorpay_verify("another secret", order, payment, want));
        ck_assert(!ms_razorpay_verify(secret, order, "pay_other", want));
        ck_assert(!ms_razorpay_verify(secret, order, payment, ""));
        n++;
    }
    ck_assert_int_eq(n, 3);
    cJSON_Delete(v);
}
END_TEST

START_TEST(test_razorpay_ids_look_like_razorpay_ids)
{
    ms_rng *rng = ms_rng_new();
    ck_assert_ptr_nonnull(rng);
    char a[MS_RZP_ID_MAX], b[MS_RZP_ID_MAX];
    ck_assert_int_eq(ms_razorpay_id(rng, "order_", a), 0);
    ck_assert_int_eq(ms_razorpay_id(rng, "order_", b), 0);
    ck_assert_int_eq((int)strlen(a), 20);
    ck_assert(strncmp(a, "order_", 6) == 0);
    for (const char *c = a + 6; *c; c++)
        ck_assert(strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", *c));
    ck_assert_str_ne(a, b);
    ck_assert_int_eq(ms_razorpay_id(rng, "pay_", a), 0);
    ck_assert_int_eq((int)strlen(a), 18);
    ms_rng_free(rng);
}
END_TEST

static Suite *rooms_rules_suite(void)
{
    Suite *s = suite_create("rooms_rules");
    TCase *zones = tcase_create("zones");
    tcase_add_test(zones, test_civil_dates_round_trip);
    tcase_add_test(zones, test_london_transitions_match_the_vectors);
    tcase_add_test(zones, test_kolkata_is_a_fixed_offset);
    tcase_add_test(zones, test_transitions_cover_400_days_back_and_800_ahead);
    tcase_add_test(zones, test_local_times_map_to_their_first_instant);
    suite_add_tcase(s, zones);
    TCase *blocks = tcase_create("blocks");
    tcase_add_test(blocks, test_blocks_of_the_change_days_match_the_vectors);
    tcase_add_test(blocks, test_blocks_respect_opening_hours);
    tcase_add_test(blocks, test_booking_check_edges);
    suite_add_tcase(s, blocks);
    TCase *razorpay = tcase_create("razorpay");
    tcase_add_test(razorpay, test_razorpay_signatures_match_the_vectors);
    tcase_add_test(razorpay, test_razorpay_ids_look_like_razorpay_ids);
    suite_add_tcase(s, razorpay);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rooms_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
