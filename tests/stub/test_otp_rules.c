/*
 * tests/stub/test_otp_rules.c - the OTP rules of DOMAIN.md section 1 as memberstub decides
 * them (pure functions, no database, no sockets), and the crypto helpers they rely on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "rules/otp_rules.h"
#include "domain/otp_store.h"

/* 2027-01-04T04:30:00Z */
#define T0  1799037000000LL
#define SEC 1000LL
#define MIN (60 * SEC)

static ms_otp_state fresh_code(void)
{
    ms_otp_state s = {true, false, T0, 0};
    return s;
}

/* A code is accepted up to the last millisecond of its 5 minutes and expired at 5:00 exactly. */
START_TEST(test_otp_expires_after_five_minutes)
{
    ms_otp_state s = fresh_code();
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 5 * MIN - 1, true).outcome, MS_OTP_ACCEPTED);
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 5 * MIN, true).outcome, MS_OTP_EXPIRED);
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 5 * MIN, false).outcome, MS_OTP_EXPIRED);
}
END_TEST

/* The right code, in time, is accepted at once. */
START_TEST(test_otp_right_code_is_accepted)
{
    ms_otp_state s = fresh_code();
    ck_assert_int_eq(ms_otp_verify(&s, T0, true).outcome, MS_OTP_ACCEPTED);
}
END_TEST

/* Each wrong answer counts; the fifth leaves 0 attempts; then even the right code is dead. */
START_TEST(test_otp_wrong_attempts_count_down_to_dead)
{
    ms_otp_state s = fresh_code();
    for (int i = 1; i <= MS_OTP_MAX_ATTEMPTS; i++) {
        ms_otp_verdict v = ms_otp_verify(&s, T0 + i * SEC, false);
        ck_assert_int_eq(v.outcome, MS_OTP_WRONG);
        ck_assert_int_eq(v.attempts, i);
        ck_assert_int_eq(v.attempts_left, MS_OTP_MAX_ATTEMPTS - i);
        s.attempts = v.attempts;
    }
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 10 * SEC, true).outcome, MS_OTP_EXHAUSTED);
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 10 * SEC, false).outcome, MS_OTP_EXHAUSTED);
}
END_TEST

/* A dead code says "exhausted" even after it would also have expired (dead is checked first). */
START_TEST(test_otp_dead_is_reported_before_expired)
{
    ms_otp_state s = fresh_code();
    s.attempts = MS_OTP_MAX_ATTEMPTS;
    ck_assert_int_eq(ms_otp_verify(&s, T0 + 10 * MIN, true).outcome, MS_OTP_EXHAUSTED);
}
END_TEST

/* A wrong answer after expiry is "expired" and does not count as an attempt. */
START_TEST(test_otp_wrong_answer_after_expiry_is_not_counted)
{
    ms_otp_state s = fresh_code();
    ms_otp_verdict v = ms_otp_verify(&s, T0 + 6 * MIN, false);
    ck_assert_int_eq(v.outcome, MS_OTP_EXPIRED);
    ck_assert_int_eq(v.attempts, 0);
}
END_TEST

/* A consumed code cannot be used again: it reads as "expired" (none outstanding). */
START_TEST(test_otp_consumed_code_is_expired)
{
    ms_otp_state s = fresh_code();
    s.consumed = true;
    ck_assert_int_eq(ms_otp_verify(&s, T0 + SEC, true).outcome, MS_OTP_EXPIRED);
}
END_TEST

/* With no code ever sent, verification says "expired". */
START_TEST(test_otp_without_code_is_expired)
{
    ms_otp_state s = {false, false, 0, 0};
    ck_assert_int_eq(ms_otp_verify(&s, T0, true).outcome, MS_OTP_EXPIRED);
}
END_TEST

/* The first code for a phone is always allowed. */
/* The per-address and overall caps: refused while the cap-th most recent code is inside the hour,
 * until it leaves (rounded up to whole seconds, at least 1). */
START_TEST(test_otp_cap_frees_when_the_cap_th_code_leaves_the_hour)
{
    ck_assert(ms_otp_may_issue_capped(false, 0, T0).allowed);
    ms_otp_issue_decision d = ms_otp_may_issue_capped(true, T0, T0);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 3600);
    d = ms_otp_may_issue_capped(true, T0, T0 + 59 * 60 * 1000 + 1);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 60);
    d = ms_otp_may_issue_capped(true, T0, T0 + MS_OTP_WINDOW_MS - 1);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 1);
    ck_assert(ms_otp_may_issue_capped(true, T0, T0 + MS_OTP_WINDOW_MS).allowed);
}
END_TEST

START_TEST(test_otp_first_code_is_allowed)
{
    ms_otp_issue_decision d = ms_otp_may_issue(NULL, 0, T0);
    ck_assert(d.allowed);
    ck_assert_int_eq(d.retry_after_s, 0);
}
END_TEST

/* A new code waits 30 s after the previous one; the wait is reported rounded up. */
START_TEST(test_otp_resend_waits_thirty_seconds)
{
    int64_t issued[] = {T0};
    ms_otp_issue_decision d = ms_otp_may_issue(issued, 1, T0 + 1);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 30); /* 29.999 s */
    d = ms_otp_may_issue(issued, 1, T0 + 29 * SEC);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 1);
    d = ms_otp_may_issue(issued, 1, T0 + 30 * SEC - 1);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 1); /* 1 ms */
    d = ms_otp_may_issue(issued, 1, T0 + 30 * SEC);
    ck_assert(d.allowed);
}
END_TEST

/* Five codes in a rolling hour; the sixth waits until the oldest leaves the window. */
START_TEST(test_otp_five_codes_per_rolling_hour)
{
    int64_t issued[] = {T0, T0 + 1 * MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN};
    ms_otp_issue_decision d = ms_otp_may_issue(issued, 4, T0 + 4 * MIN);
    ck_assert(d.allowed); /* the fifth */
    d = ms_otp_may_issue(issued, 5, T0 + 5 * MIN);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 55 * 60);
    d = ms_otp_may_issue(issued, 5, T0 + 60 * MIN - 1);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 1);
    d = ms_otp_may_issue(issued, 5, T0 + 60 * MIN);
    ck_assert(d.allowed);
}
END_TEST

/* Codes sent more than an hour ago do not count toward the cap. */
START_TEST(test_otp_codes_older_than_an_hour_do_not_count)
{
    int64_t issued[10];
    for (int i = 0; i < 10; i++)
        issued[i] = T0 - 2 * 60 * MIN + i * MIN;
    ck_assert(ms_otp_may_issue(issued, 10, T0).allowed);
}
END_TEST

/* The order the issue times are given in does not matter. */
START_TEST(test_otp_issue_times_in_any_order)
{
    int64_t issued[] = {T0 + 3 * MIN, T0, T0 + 4 * MIN, T0 + 1 * MIN, T0 + 2 * MIN};
    ms_otp_issue_decision d = ms_otp_may_issue(issued, 5, T0 + 5 * MIN);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 55 * 60);
}
END_TEST

/* When the cooldown and the cap both apply, the later of the two waits is reported. */
START_TEST(test_otp_reports_the_longer_wait)
{
    /* Cap: the oldest leaves at T0 + 60 min; cooldown: last + 30 s. */
    int64_t issued[] = {T0, T0 + 59 * MIN + 50 * SEC, T0 + 59 * MIN + 52 * SEC,
                        T0 + 59 * MIN + 54 * SEC, T0 + 59 * MIN + 56 * SEC};
    ms_otp_issue_decision d = ms_otp_may_issue(issued, 5, T0 + 59 * MIN + 58 * SEC);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 28); /* cooldown (28 s) beats cap (2 s) */
    d = ms_otp_may_issue(issued, 5, T0 + 59 * MIN + 57 * SEC);
    ck_assert_int_eq(d.retry_after_s, 29);
}
END_TEST

/* With more than five codes inside the hour, the fifth newest decides when one may be sent. */
START_TEST(test_otp_cap_counts_the_newest_five)
{
    int64_t issued[] = {T0,           T0 + 10 * MIN, T0 + 20 * MIN, T0 + 30 * MIN, T0 + 40 * MIN,
                        T0 + 50 * MIN};
    ms_otp_issue_decision d = ms_otp_may_issue(issued, 6, T0 + 55 * MIN);
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.retry_after_s, 15 * 60); /* T0 + 10 min leaves at T0 + 70 min */
}
END_TEST

/* The constant-time comparison compares every byte, and nothing past n. */
START_TEST(test_ct_equal_compares_whole_buffers)
{
    uint8_t a[32], b[32];
    for (int i = 0; i < 32; i++)
        a[i] = b[i] = (uint8_t)(i * 7);
    ck_assert(ms_ct_equal(a, b, sizeof a));
    b[0] ^= 1;
    ck_assert(!ms_ct_equal(a, b, sizeof a));
    b[0] ^= 1;
    b[31] ^= 0x80;
    ck_assert(!ms_ct_equal(a, b, sizeof a));
    ck_assert(ms_ct_equal(a, b, 31));
    ck_assert(ms_ct_equal(a, b, 0));
}
END_TEST

/* The stored OTP hash is keyed and bound to the phone: other key, phone or code, other hash. */
START_TEST(test_otp_hash_is_keyed_and_bound_to_the_phone)
{
    uint8_t key[MS_KEY_LEN] = {1}, other_key[MS_KEY_LEN] = {2};
    uint8_t h1[MS_SHA256_LEN], h2[MS_SHA256_LEN];
    ck_assert_int_eq(ms_otp_hash(key, "+919876543210", "123456", h1), 0);
    ck_assert_int_eq(ms_otp_hash(key, "+919876543210", "123456", h2), 0);
    ck_assert(ms_ct_equal(h1, h2, sizeof h1));
    ck_assert_int_eq(ms_otp_hash(key, "+919876543211", "123456", h2), 0);
    ck_assert(!ms_ct_equal(h1, h2, sizeof h1));
    ck_assert_int_eq(ms_otp_hash(key, "+919876543210", "123457", h2), 0);
    ck_assert(!ms_ct_equal(h1, h2, sizeof h1));
    ck_assert_int_eq(ms_otp_hash(other_key, "+919876543210", "123456", h2), 0);
    ck_assert(!ms_ct_equal(h1, h2, sizeof h1));
}
END_TEST

/* Codes from the CSPRNG are six ASCII digits and all ten digits turn up in every position. */
START_TEST(test_otp_codes_are_six_random_digits)
{
    ms_rng *rng = ms_rng_new();
    ck_assert_ptr_nonnull(rng);
    unsigned seen[6] = {0};
    for (int i = 0; i < 500; i++) {
        char code[7];
        ck_assert_int_eq(ms_rng_digits6(rng, code), 0);
        ck_assert_uint_eq(strlen(code), 6);
        for (int k = 0; k < 6; k++) {
            ck_assert(code[k] >= '0' && code[k] <= '9');
            seen[k] |= 1u << (code[k] - '0');
        }
    }
    for (int k = 0; k < 6; k++)
        ck_assert_uint_eq(seen[k], 0x3FF);
    ms_rng_free(rng);
}
END_TEST

/* The wait a 429 names, as a member reads it: seconds, then whole minutes rounded up. */
START_TEST(test_otp_wait_in_words)
{
    char out[32];
    const struct {
        int32_t seconds;
        const char *words;
    } cases[] = {{0, "0 s"},    {20, "20 s"},        {59, "59 s"},
                 {60, "1 min"}, {61, "2 min"},       {3144, "53 min"},
                 {3600, "1 h"}, {3660, "1 h 1 min"}, {3601, "1 h 1 min"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ms_otp_wait_words(cases[i].seconds, out, sizeof out);
        ck_assert_str_eq(out, cases[i].words);
    }
}
END_TEST

static Suite *otp_rules_suite(void)
{
    Suite *s = suite_create("otp_rules");
    TCase *verify = tcase_create("verify");
    tcase_add_test(verify, test_otp_expires_after_five_minutes);
    tcase_add_test(verify, test_otp_right_code_is_accepted);
    tcase_add_test(verify, test_otp_wrong_attempts_count_down_to_dead);
    tcase_add_test(verify, test_otp_dead_is_reported_before_expired);
    tcase_add_test(verify, test_otp_wrong_answer_after_expiry_is_not_counted);
    tcase_add_test(verify, test_otp_consumed_code_is_expired);
    tcase_add_test(verify, test_otp_without_code_is_expired);
    suite_add_tcase(s, verify);
    TCase *issue = tcase_create("issue");
    tcase_add_test(issue, test_otp_first_code_is_allowed);
    tcase_add_test(issue, test_otp_cap_frees_when_the_cap_th_code_leaves_the_hour);
    tcase_add_test(issue, test_otp_resend_waits_thirty_seconds);
    tcase_add_test(issue, test_otp_five_codes_per_rolling_hour);
    tcase_add_test(issue, test_otp_codes_older_than_an_hour_do_not_count);
    tcase_add_test(issue, test_otp_issue_times_in_any_order);
    tcase_add_test(issue, test_otp_reports_the_longer_wait);
    tcase_add_test(issue, test_otp_cap_counts_the_newest_five);
    tcase_add_test(issue, test_otp_wait_in_words);
    suite_add_tcase(s, issue);
    TCase *crypto = tcase_create("crypto");
    tcase_add_test(crypto, test_ct_equal_compares_whole_buffers);
    tcase_add_test(crypto, test_otp_hash_is_keyed_and_bound_to_the_phone);
    tcase_add_test(crypto, test_otp_codes_are_six_random_digits);
    suite_add_tcase(s, crypto);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(otp_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
