/*
 * tests/stub/test_passes_rules.c - memberstub's pure pass rules: the code truncation against
 * RFC 6238's SHA-256 values (tests/vectors/totp-rfc6238-sha256.json), the QR payloads (worked
 * examples computed independently, docs/passes-protocol.md), reading payloads back, the webhook
 * signature against tests/vectors/razorpay.json, the price table (tiers, the discount and GST
 * rounded half up), the date rules and dates. No sockets, no database.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rules/access_codes.h"
#include "rules/pass_rules.h"
#include "rules/razorpay.h"
#include "rules/zone.h"

/* The JSON of a file in $VECTORS_DIR. */
static cJSON *vector(const char *name)
{
    const char *dir = getenv("VECTORS_DIR");
    ck_assert_msg(dir && dir[0], "VECTORS_DIR is not set (meson test sets it)");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char text[64 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *json = cJSON_Parse(text);
    ck_assert_msg(json != NULL, "%s is not JSON", path);
    return json;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, key);
    ck_assert_msg(cJSON_IsString(f), "no string '%s'", key);
    return f->valuestring;
}

static int64_t num(const cJSON *o, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, key);
    ck_assert_msg(cJSON_IsNumber(f), "no number '%s'", key);
    return (int64_t)f->valuedouble;
}

/* ---- codes ------------------------------------------------------------------------------ */

/* The truncation is RFC 4226's: RFC 6238's SHA-256 values, 8 digits, come out exactly. */
START_TEST(test_truncation_matches_rfc6238_sha256_vectors)
{
    cJSON *v = vector("totp-rfc6238-sha256.json");
    const char *secret = str(v, "secret_ascii");
    ck_assert_int_eq(num(v, "digits"), MS_ACCESS_CODE_DIGITS);
    ck_assert_int_eq(num(v, "step_s") * 1000, MS_ACCESS_STEP_MS);
    int checked = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "vectors"))
    {
        int64_t unix_time = num(c, "unix_time");
        /* The step of the instant is the vector's counter. */
        ck_assert_int_eq(ms_access_step(unix_time * 1000), num(c, "step"));
        ck_assert_int_eq(ms_access_step(unix_time * 1000 + 999), num(c, "step"));
        char code[MS_ACCESS_CODE_DIGITS + 1];
        ck_assert_int_eq(
            ms_access_totp((const uint8_t *)secret, strlen(secret), (uint64_t)num(c, "step"), code),
            0);
        ck_assert_msg(strcmp(code, str(c, "totp")) == 0, "step %" PRId64 ": %s, want %s",
                      num(c, "step"), code, str(c, "totp"));
        checked++;
    }
    ck_assert_int_eq(checked, 6);
    cJSON_Delete(v);
}
END_TEST

/* The truncation by hand: the offset from the last nibble, the top bit dropped, zero-padded. */
START_TEST(test_truncation_by_hand)
{
    uint8_t mac[32] = {0};
    char code[MS_ACCESS_CODE_DIGITS + 1];
    /* offset 0: 0x7fffffff = 2147483647 -> 83647 mod 1e8 = 47483647. */
    mac[0] = 0xff, mac[1] = 0xff, mac[2] = 0xff, mac[3] = 0xff;
    ms_access_truncate(mac, code);
    ck_assert_str_eq(code, "47483647");
    /* offset 15 (the last nibble), bytes 15..18 = 00 00 00 07: zero-padded. */
    memset(mac, 0, sizeof mac);
    mac[31] = 0x0f;
    mac[18] = 0x07;
    ms_access_truncate(mac, code);
    ck_assert_str_eq(code, "00000007");
    /* The top bit of the first byte never counts. */
    mac[15] = 0x80;
    ms_access_truncate(mac, code);
    ck_assert_str_eq(code, "00000007");
}
END_TEST

/*
 * Worked examples (docs/passes-protocol.md), computed independently (Python's hmac): secret =
 * the bytes 0x00..0x1f, credential "crd_0123456789abcdef".
 */
START_TEST(test_payloads_match_the_worked_examples)
{
    uint8_t secret[32];
    for (int i = 0; i < 32; i++)
        secret[i] = (uint8_t)i;
    static const struct {
        int64_t step;
        const char *payload;
    } cases[] = {
        {0, "MC1|crd_0123456789abcdef|0|55949235"},
        {59966700, "MC1|crd_0123456789abcdef|59966700|28320717"},
        {59966701, "MC1|crd_0123456789abcdef|59966701|10854630"},
        {-1, "MC1|crd_0123456789abcdef|G|06844078"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[MS_ACCESS_PAYLOAD_MAX];
        ck_assert_int_eq(ms_access_payload(secret, sizeof secret, "crd_0123456789abcdef",
                                           cases[i].step, out, sizeof out),
                         0);
        ck_assert_str_eq(out, cases[i].payload);
        ms_access_parsed p;
        ck_assert(ms_access_parse(out, &p));
        ck_assert_str_eq(p.credential_id, "crd_0123456789abcdef");
        ck_assert(p.guest == (cases[i].step < 0));
        ck_assert_int_eq(p.step, cases[i].step < 0 ? -1 : cases[i].step);
        ck_assert(ms_access_verify(secret, sizeof secret, &p));
        /* Another secret, or a code off by one digit, does not verify. */
        secret[0] ^= 1;
        ck_assert(!ms_access_verify(secret, sizeof secret, &p));
        secret[0] ^= 1;
        p.code[7] = p.code[7] == '9' ? '0' : (char)(p.code[7] + 1);
        ck_assert(!ms_access_verify(secret, sizeof secret, &p));
    }
    /* 2027-01-04T04:30:00Z is step 59967900. */
    ck_assert_int_eq(ms_access_step(1799037000000LL), 59967900);
    ck_assert_int_eq(ms_access_step(1799037029999LL), 59967900);
    ck_assert_int_eq(ms_access_step(1799037030000LL), 59967901);
}
END_TEST

/* A payload fits QR version 4 at level M: at most 62 bytes, for the longest id and step. */
START_TEST(test_payloads_fit_qr_version_4)
{
    uint8_t secret[32] = {1};
    char out[MS_ACCESS_PAYLOAD_MAX];
    const char *longest = "crd_0123456789abcdef0123456789abcdef012"; /* 39 characters */
    ck_assert_int_eq(strlen(longest), MS_ACCESS_ID_LEN_MAX);
    /* The step of the year 9999 has 10 digits: 4 + 39 + 1 + 10 + 1 + 8 = 63 > 62. */
    ck_assert_int_eq(
        ms_access_payload(secret, 32, longest, 253402300799999LL / 30000, out, sizeof out), -1);
    /* The server's ids (20 characters) with any step up to the year 9999 fit. */
    ck_assert_int_eq(ms_access_payload(secret, 32, "crd_0123456789abcdef",
                                       253402300799999LL / 30000, out, sizeof out),
                     0);
    ck_assert_uint_le(strlen(out), MS_ACCESS_PAYLOAD_LEN_MAX);
    /* No id a payload cannot carry back. */
    ck_assert_int_eq(ms_access_payload(secret, 32, "crd|x", 5, out, sizeof out), -1);
    ck_assert_int_eq(ms_access_payload(secret, 32, "", 5, out, sizeof out), -1);
    ck_assert_int_eq(ms_access_payload(secret, 32, "crd x", 5, out, sizeof out), -1);
}
END_TEST

/* Anything else is malformed. */
START_TEST(test_malformed_payloads_are_refused)
{
    static const char *const bad[] = {
        "",
        "MC1",
        "MC1|",
        "MC1|crd_1|5",
        "MC1|crd_1|5|1234567",
        "MC1|crd_1|5|123456789",
        "MC1|crd_1|5|1234567a",
        "MC2|crd_1|5|12345678",
        "mc1|crd_1|5|12345678",
        "MC1||5|12345678",
        "MC1|crd_1||12345678",
        "MC1|crd_1|05|12345678",
        "MC1|crd_1|-5|12345678",
        "MC1|crd_1|+5|12345678",
        "MC1|crd_1|5x|12345678",
        "MC1|crd_1|g|12345678",
        "MC1|crd_1|GG|12345678",
        "MC1|crd_1|1234567890123456|12345678",
        "MC1|crd 1|5|12345678",
        "MC1|crd_1|5|12345678|",
        "MC1|crd_1|5|12345678 ",
        " MC1|crd_1|5|12345678",
        "MC1|crd_0123456789abcdef0123456789abcdef0123|5|12345678",
        "MC1|crd_0123456789abcdef0123456789abcdef01|1234567890123|12345678",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ms_access_parsed p;
        ck_assert_msg(!ms_access_parse(bad[i], &p), "accepted \"%s\"", bad[i]);
    }
    ms_access_parsed p;
    ck_assert(ms_access_parse("MC1|crd_1|0|00000000", &p));
    ck_assert(!p.guest && p.step == 0);
    ck_assert(ms_access_parse("MC1|crd_1|G|00000000", &p));
    ck_assert(p.guest && p.step == -1);
}
END_TEST

/* The webhook signature is hex HMAC-SHA256 of the raw body with the webhook secret. */
START_TEST(test_webhook_signature_matches_the_vector)
{
    cJSON *v = vector("razorpay.json");
    int checked = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(v, "webhook_signatures"))
    {
        const char *secret = str(c, "webhook_secret"), *body = str(c, "raw_body");
        const char *want = str(c, "x_razorpay_signature");
        char got[MS_RZP_SIGNATURE_MAX];
        ck_assert_int_eq(ms_razorpay_webhook_signature(secret, body, strlen(body), got), 0);
        ck_assert_str_eq(got, want);
        ck_assert(ms_razorpay_webhook_verify(secret, body, strlen(body), want));
        /* One byte more or less of body, another secret, or no header: refused. */
        ck_assert(!ms_razorpay_webhook_verify(secret, body, strlen(body) - 1, want));
        ck_assert(!ms_razorpay_webhook_verify("whsec_other", body, strlen(body), want));
        ck_assert(!ms_razorpay_webhook_verify(secret, body, strlen(body), NULL));
        char upper[MS_RZP_SIGNATURE_MAX];
        snprintf(upper, sizeof upper, "%s", want);
        for (char *p = upper; *p; p++)
            if (*p >= 'a' && *p <= 'f')
                *p = (char)(*p - 'a' + 'A');
        ck_assert(!ms_razorpay_webhook_verify(secret, body, strlen(body), upper));
        checked++;
    }
    ck_assert_int_eq(checked, 1);
    cJSON_Delete(v);
}
END_TEST

/* ---- prices ----------------------------------------------------------------------------- */

/*
 * The rounding table (docs/passes-protocol.md): the tier is the largest `passes` <= n; discount
 * = round half up of subtotal x pct / 100; GST = (taxable x 18 + 50) / 100.
 */
START_TEST(test_price_table)
{
    static const ms_pass_tier tiers[] = {{10, 15}, {1, 0}, {5, 10}}; /* any order */
    static const struct {
        int64_t n, unit;
        int64_t subtotal, discount, gst, total, tier, pct;
    } rows[] = {
        /* rupees with GST 18%: BLR-1 800, MUM-1 900, and 2500 */
        {1, 80000, 80000, 0, 14400, 94400, 1, 0},
        {4, 80000, 320000, 0, 57600, 377600, 1, 0},
        {5, 80000, 400000, 40000, 64800, 424800, 5, 10},
        {9, 90000, 810000, 81000, 131220, 860220, 5, 10},
        {10, 250000, 2500000, 375000, 382500, 2507500, 10, 15},
        {12, 80000, 960000, 144000, 146880, 962880, 10, 15},
        /* halves round up: 5 x 99 999 = 499 995, 10% = 49 999.5 -> 50 000; 449 995 x 18% =
         * 80 999.1 -> 80 999 */
        {5, 99999, 499995, 50000, 80999, 530994, 5, 10},
        /* 15% of 10 x 333 = 499.5 -> 500; 2 830 x 18% = 509.4 -> 509 */
        {10, 333, 3330, 500, 509, 3339, 10, 15},
        /* GST exactly half a paisa: 25 x 18% = 4.5 -> 5 */
        {1, 25, 25, 0, 5, 30, 1, 0},
        /* just under half: 1 x 2 = 2, 18% = 0.36 -> 0 */
        {1, 2, 2, 0, 0, 2, 1, 0},
        /* 10% of 5 x 1 = 0.5 -> 1; 4 x 18% = 0.72 -> 1 */
        {5, 1, 5, 1, 1, 5, 5, 10},
        /* 5 x 3 = 15, 10% = 1.5 -> 2; 13 x 18% = 2.34 -> 2 */
        {5, 3, 15, 2, 2, 15, 5, 10},
        /* no pass: nothing */
        {0, 80000, 0, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ms_pass_price p = ms_pass_price_of(rows[i].n, rows[i].unit, tiers, 3, 1800);
        ck_assert_msg(
            p.subtotal_minor == rows[i].subtotal && p.discount_minor == rows[i].discount &&
                p.tax_minor == rows[i].gst && p.total_minor == rows[i].total &&
                p.tier_passes == rows[i].tier && p.discount_pct == rows[i].pct,
            "row %zu: %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " tier %" PRId64 "/%" PRId64, i,
            p.subtotal_minor, p.discount_minor, p.tax_minor, p.total_minor, p.tier_passes,
            p.discount_pct);
        ck_assert(p.total_minor == p.subtotal_minor - p.discount_minor + p.tax_minor);
    }
    /* No tiers: no discount. */
    ms_pass_price p = ms_pass_price_of(7, 100, NULL, 0, 1800);
    ck_assert(p.tier_passes == 0 && p.discount_minor == 0 && p.tax_minor == 126);
    /* London: pence with VAT 20%. One pass at 25.00: 5.00 VAT; five: 10% off 125.00 = 112.50,
     * VAT 22.50, total 135.00. */
    p = ms_pass_price_of(1, 2500, tiers, 3, 2000);
    ck_assert(p.tax_minor == 500 && p.total_minor == 3000);
    p = ms_pass_price_of(5, 2500, tiers, 3, 2000);
    ck_assert(p.discount_minor == 1250 && p.tax_minor == 2250 && p.total_minor == 13500);
    /* the one tax computation: half a minor unit rounds up */
    ck_assert_int_eq(ms_tax_of(25, 1800), 5);     /* 4.5 */
    ck_assert_int_eq(ms_tax_of(3, 2000), 1);      /* 0.6 */
    ck_assert_int_eq(ms_tax_of(1250, 1250), 156); /* 156.25 */
    /* round half up by itself */
    ck_assert_int_eq(ms_div_round_half_up(5, 10), 1);
    ck_assert_int_eq(ms_div_round_half_up(4, 10), 0);
    ck_assert_int_eq(ms_div_round_half_up(15, 10), 2);
    ck_assert_int_eq(ms_div_round_half_up(0, 100), 0);
}
END_TEST

/* ---- dates ------------------------------------------------------------------------------ */

/* Past, window (today + 30 is the last day) and closed weekdays, by the building-local date. */
START_TEST(test_date_rules)
{
    ms_open_hours blr;
    memset(&blr, 0, sizeof blr);
    for (int wd = 1; wd <= 6; wd++) { /* Monday to Saturday */
        blr.open[wd] = true;
        blr.open_min[wd] = 480;
        blr.close_min[wd] = 1320;
    }
    int64_t today = ms_days_from_civil(2027, 1, 4); /* a Monday */
    ck_assert_uint_eq(ms_pass_date_rules(today, today, 30, &blr), 0);
    ck_assert_uint_eq(ms_pass_date_rules(today - 2, today, 30, &blr), MS_PASS_PAST_DATE);
    ck_assert_uint_eq(ms_pass_date_rules(today + 30, today, 30, &blr), 0); /* Wed 3 Feb */
    ck_assert_uint_eq(ms_pass_date_rules(today + 31, today, 30, &blr), MS_PASS_BEYOND_WINDOW);
    ck_assert_uint_eq(ms_pass_date_rules(today + 6, today, 30, &blr), MS_PASS_CLOSED); /* Sun */
    ck_assert_uint_eq(ms_pass_date_rules(today - 1, today, 30, &blr),
                      MS_PASS_PAST_DATE | MS_PASS_CLOSED); /* Sun 3 Jan: both */
    ck_assert_uint_eq(ms_pass_date_rules(today + 34, today, 30, &blr),
                      MS_PASS_BEYOND_WINDOW | MS_PASS_CLOSED); /* Sun 7 Feb */
    /* The rule names, in the order they are reported. */
    static const char *const names[] = {"past_date", "beyond_window", "blackout",
                                        "closed",    "capacity",      "duplicate"};
    for (int i = 0; i < MS_PASS_RULE_COUNT; i++) {
        ms_pass_rule bit;
        ck_assert_str_eq(ms_pass_rule_at(i, &bit), names[i]);
        ck_assert_uint_eq(bit, 1u << i);
    }
    ck_assert_ptr_null(ms_pass_rule_at(MS_PASS_RULE_COUNT, NULL));
}
END_TEST

START_TEST(test_dates_are_read_strictly)
{
    int64_t d;
    ck_assert(ms_parse_date("2027-01-05", &d) && d == ms_days_from_civil(2027, 1, 5));
    ck_assert(ms_parse_date("2028-02-29", &d));
    static const char *const bad[] = {"2027-02-29",  "2027-1-05",  "2027-01-5",  "27-01-05",
                                      "2027/01/05",  "2027-13-01", "2027-00-10", "2027-01-32",
                                      "2027-01-05T", "",           "1969-12-31", "２０２７-01-05"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!ms_parse_date(bad[i], &d), "accepted \"%s\"", bad[i]);
}
END_TEST

static Suite *passes_rules_suite(void)
{
    Suite *s = suite_create("passes_rules");
    TCase *codes = tcase_create("codes");
    tcase_add_test(codes, test_truncation_matches_rfc6238_sha256_vectors);
    tcase_add_test(codes, test_truncation_by_hand);
    tcase_add_test(codes, test_payloads_match_the_worked_examples);
    tcase_add_test(codes, test_payloads_fit_qr_version_4);
    tcase_add_test(codes, test_malformed_payloads_are_refused);
    tcase_add_test(codes, test_webhook_signature_matches_the_vector);
    suite_add_tcase(s, codes);
    TCase *prices = tcase_create("prices");
    tcase_add_test(prices, test_price_table);
    tcase_add_test(prices, test_date_rules);
    tcase_add_test(prices, test_dates_are_read_strictly);
    suite_add_tcase(s, prices);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(passes_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
