/*
 * tests/unit/test_phone.c - phone numbers as people type them become E.164, or a clear error.
 *
 * Pure: mc_phone_normalize does no I/O. The shared vectors (tests/vectors/phones.tsv)
 * are checked line by line, then the cases they do not cover.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

static void expect_phone(const char *input, const char *expected)
{
    char out[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_phone_normalize(input, out, sizeof out, &err);
    ck_assert_msg(st == MC_OK, "'%s' should give %s but failed: %s", input, expected, err.message);
    ck_assert_str_eq(out, expected);
}

static void expect_rejected(const char *input, const char *message_part)
{
    char out[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_phone_normalize(input, out, sizeof out, &err);
    ck_assert_msg(st == MC_ERR_INVALID_ARG, "'%s' should be rejected, got %s (%s)", input,
                  mc_status_name(st), out);
    ck_assert_int_eq(err.code, MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "phone") != NULL, "message names the field: %s", err.message);
    if (message_part != NULL)
        ck_assert_msg(strstr(err.message, message_part) != NULL, "'%s' lacks '%s'", err.message,
                      message_part);
}

/* Every line of the shared vectors gives its E.164 form or is rejected. */
START_TEST(test_phone_vectors_from_shared_table)
{
    const char *path = getenv("VECTORS_DIR");
    ck_assert_msg(path != NULL, "VECTORS_DIR is not set");
    char file[4096];
    snprintf(file, sizeof file, "%s/phones.tsv", path);
    FILE *f = fopen(file, "r");
    ck_assert_msg(f != NULL, "cannot open %s", file);
    char line[512];
    int checked = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        ck_assert_msg(tab != NULL, "malformed vector line: %s", line);
        *tab = '\0';
        const char *expected = tab + 1;
        if (strcmp(expected, "ERROR") == 0)
            expect_rejected(line, NULL);
        else
            expect_phone(line, expected);
        checked++;
    }
    fclose(f);
    ck_assert_int_ge(checked, 16);
}
END_TEST

/* The international prefix 00 counts as '+'. */
START_TEST(test_phone_double_zero_is_international_prefix)
{
    expect_phone("0044 7700 900001", "+447700900001");
    expect_phone("0091 98765 43210", "+919876543210");
}
END_TEST

/* A '+' anywhere but first is an error, and so is a second one. */
START_TEST(test_phone_plus_only_leads)
{
    expect_rejected("98765+43210", "'+'");
    expect_rejected("++919876543210", "'+'");
}
END_TEST

/* Indian mobiles must be ten digits starting 6-9, with or without +91 or 0. */
START_TEST(test_phone_indian_mobile_rules)
{
    expect_phone("6123456789", "+916123456789");
    expect_rejected("5123456789", "Indian");
    expect_rejected("+91 98765 4321", "Indian");
    expect_rejected("+91 98765 432101", "Indian");
}
END_TEST

/* E.164 length bounds for countries checked by shape only: 8 to 15 digits. */
START_TEST(test_phone_e164_length_bounds)
{
    expect_phone("+49301234", "+49301234");
    expect_rejected("+4930123", "digits");
    expect_phone("+679123456789012", "+679123456789012");
    expect_rejected("+6791234567890123", "digits");
    expect_rejected("+1 2345 6789 0123 4567 8901 2345", "digits");
}
END_TEST

/* India: 10-digit national numbers; a landline (2-5) cannot get the SMS code. */
START_TEST(test_phone_india_plan)
{
    expect_phone("+91 70000 12345", "+917000012345");
    expect_rejected("+91 20 2612 3456", "landline");
    expect_rejected("+91 1234567890", "Indian mobile");
    expect_rejected("+91 98765 43210 1", "Indian mobile");
}
END_TEST

/* UK: the national significant number's length and prefix; only mobiles (7x) sign in. */
START_TEST(test_phone_uk_plan)
{
    expect_phone("+44 7911 123456", "+447911123456");
    expect_phone("+44 7624 123456", "+447624123456"); /* Isle of Man mobile */
    expect_phone("+44 (0)7700 900001", "+447700900001");
    expect_phone("0044 (0) 7700 900001", "+447700900001");
    expect_rejected("+44 20 7946 0018", "UK landline");   /* London */
    expect_rejected("+44 1632 960123", "UK landline");    /* geographic */
    expect_rejected("+44 800 123 4567", "UK landline");   /* freephone */
    expect_rejected("+44 7600 123456", "UK landline");    /* pager */
    expect_rejected("+44 7012 345678", "UK landline");    /* personal number */
    expect_rejected("+44 7700 90000", "not a UK number"); /* 9 digits */
    expect_rejected("+44 7700 9000011", "not a UK number");
    expect_rejected("+44 4123 456789", "not a UK number"); /* 4x is unused */
    expect_rejected("+44 6123 456789", "not a UK number");
}
END_TEST

/* NANP: NPA-NXX-XXXX with N = 2-9 and no N11 code; "+1 555 0100" is too short. */
START_TEST(test_phone_nanp_plan)
{
    expect_phone("+1 (212) 555-0123", "+12125550123"); /* fictional 555-01xx: well-formed */
    expect_phone("+1 416 555 7788", "+14165557788");   /* Canada shares the plan */
    expect_rejected("+1 555 0100", "North American");
    expect_rejected("+1 (115) 555-2671", "North American"); /* area code 1xx */
    expect_rejected("+1 (415) 155-2671", "North American"); /* exchange 1xx */
    expect_rejected("+1 (911) 555-2671", "North American"); /* N11 area code */
    expect_rejected("+1 (415) 411-2671", "North American"); /* N11 exchange */
    expect_rejected("+1 (415) 555-26712", "North American");
}
END_TEST

/* Letters, emoji and NULL are rejected with a message; a small buffer is refused. */
START_TEST(test_phone_bad_input_is_named)
{
    expect_rejected("", "empty");
    expect_rejected("   ", "empty");
    expect_rejected("98765 4321x", "'x'");
    expect_rejected("98765\xF0\x9F\x93\x9E", "not a digit");
    /* A tab is no separator (DOMAIN.md; the stub refuses it too): found by tests/fuzz/fuzz_phone,
     * where the core took "\t\t98007  90000" as +919800790000 and the stub refused it. */
    expect_rejected("98765\t43210", "not a digit");
    char out[MC_PHONE_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_phone_normalize(NULL, out, sizeof out, &err), MC_ERR_INVALID_ARG);
    char small[8];
    ck_assert_int_eq(mc_phone_normalize("9876543210", small, sizeof small, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "MC_PHONE_MAX"));
    /* err may be NULL */
    ck_assert_int_eq(mc_phone_normalize("abc", out, sizeof out, NULL), MC_ERR_INVALID_ARG);
}
END_TEST

static Suite *phone_suite(void)
{
    Suite *s = suite_create("phone");
    TCase *tc = tcase_create("normalize");
    tcase_add_test(tc, test_phone_vectors_from_shared_table);
    tcase_add_test(tc, test_phone_double_zero_is_international_prefix);
    tcase_add_test(tc, test_phone_plus_only_leads);
    tcase_add_test(tc, test_phone_indian_mobile_rules);
    tcase_add_test(tc, test_phone_e164_length_bounds);
    tcase_add_test(tc, test_phone_india_plan);
    tcase_add_test(tc, test_phone_uk_plan);
    tcase_add_test(tc, test_phone_nanp_plan);
    tcase_add_test(tc, test_phone_bad_input_is_named);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(phone_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
