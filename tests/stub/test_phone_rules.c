/*
 * tests/stub/test_phone_rules.c - the stub's own phone rule (rules/phone.c) against the shared
 * vectors, as the core's is (tests/unit/test_phone.c): the stub is an independent oracle.
 *
 * Pure: ms_phone_e164 does no I/O. The vectors (tests/vectors/phones.tsv) line by line, then the
 * messages a request sees (the API's 400s quote them).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/phone.h"

static void expect_phone(const char *typed, const char *expected)
{
    char out[MS_PHONE_MAX], why[256] = "";
    ck_assert_msg(ms_phone_e164(typed, out, why, sizeof why), "'%s' should give %s but failed: %s",
                  typed, expected, why);
    ck_assert_str_eq(out, expected);
}

static void expect_rejected(const char *typed, const char *message)
{
    char out[MS_PHONE_MAX], why[256] = "";
    ck_assert_msg(!ms_phone_e164(typed, out, why, sizeof why), "'%s' should be rejected, got %s",
                  typed, out);
    ck_assert_msg(strstr(why, "phone") != NULL, "the message names the field: %s", why);
    if (message)
        ck_assert_str_eq(why, message);
}

/* Every line of the shared vectors gives its E.164 form or is rejected. */
START_TEST(test_phone_vectors_from_shared_table)
{
    const char *dir = getenv("VECTORS_DIR");
    ck_assert_msg(dir && dir[0], "VECTORS_DIR is not set (meson test sets it)");
    char path[4096];
    snprintf(path, sizeof path, "%s/phones.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[512];
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        ck_assert_msg(tab != NULL, "malformed vector line: %s", line);
        *tab = '\0';
        if (strcmp(tab + 1, "ERROR") == 0)
            expect_rejected(line, NULL);
        else
            expect_phone(line, tab + 1);
        checked++;
    }
    fclose(f);
    ck_assert_int_ge(checked, 16);
}
END_TEST

/* "00" stands for '+'; a trunk 0 before an Indian mobile is dropped. */
START_TEST(test_phone_prefixes)
{
    expect_phone("0044 7700 900001", "+447700900001");
    expect_phone("0091 98765 43210", "+919876543210");
    expect_phone("0 98765 43210", "+919876543210");
    expect_phone("+1.415.555.2671", "+14155552671");
}
END_TEST

/* The messages a 400 quotes, each naming what was wrong. */
START_TEST(test_phone_messages)
{
    expect_rejected("", "phone is empty");
    expect_rejected(" - ", "phone is empty");
    expect_rejected("98765+43210", "phone may have '+' only before the country code");
    expect_rejected("++919876543210", "phone may have '+' only before the country code");
    expect_rejected("98765 4321x", "phone contains 'x': only digits, spaces, dashes, dots, "
                                   "parentheses and a leading '+' are allowed");
    expect_rejected("98765\t43210", "phone contains a character that is not a digit");
    expect_rejected("12345", "phone '12345' is not a 10-digit Indian mobile (starting 6-9); give "
                             "other numbers with their country code, e.g. +44...");
    expect_rejected("+0123456789", "phone's country code cannot start with 0");
    expect_rejected("+1234567", "phone has 7 digits; E.164 numbers have 8 to 15");
    expect_rejected("+1234567890123456", "phone has 16 digits; E.164 numbers have 8 to 15");
    expect_rejected("+91 1876543210", "phone is not an Indian mobile: +91 numbers have 10 digits "
                                      "starting with 6, 7, 8 or 9");
    expect_rejected("+1 234 567 890 123 456 789 012 345",
                    "phone has too many digits (E.164 allows at most 15)");
    expect_rejected("+91 20 2612 3456", "phone is an Indian landline: the sign-in code goes by "
                                        "SMS, so give a mobile (10 digits starting with 6, 7, 8 "
                                        "or 9)");
    expect_rejected("+44 20 7946 0018", "phone is a UK landline or service number: the sign-in "
                                        "code goes by SMS, so give a mobile (+44 7xxx xxxxxx)");
    expect_rejected("+44 7700 90000", "phone is not a UK number: +44 mobiles have 10 digits "
                                      "starting with 7 (+44 7xxx xxxxxx)");
    expect_rejected("+1 555 0100", "phone is not a North American number: +1 is followed by 10 "
                                   "digits, NPA-NXX-XXXX, area code and exchange each starting "
                                   "with 2-9");
}
END_TEST

/* The national plans of India, the UK and NANP in full; other countries by E.164's shape. */
START_TEST(test_phone_national_plans)
{
    expect_phone("+91 70000 12345", "+917000012345");
    expect_rejected("+91 1234567890", NULL);
    expect_phone("+44 7911 123456", "+447911123456");
    expect_phone("+44 7624 123456", "+447624123456");
    expect_phone("+44 (0)7700 900001", "+447700900001");
    const char *uk_not_mobile[] = {"+44 1632 960123", "+44 800 123 4567", "+44 7600 123456",
                                   "+44 7012 345678", "+44 1632 96012"};
    for (size_t i = 0; i < sizeof uk_not_mobile / sizeof uk_not_mobile[0]; i++) {
        char out[MS_PHONE_MAX], why[256] = "";
        ck_assert(!ms_phone_e164(uk_not_mobile[i], out, why, sizeof why));
        ck_assert_msg(strstr(why, "UK landline") != NULL, "%s: %s", uk_not_mobile[i], why);
    }
    expect_rejected("+44 4123 456789", NULL);
    expect_rejected("+44 7700 9000011", NULL);
    expect_phone("+1 (212) 555-0123", "+12125550123");
    expect_phone("+1 416 555 7788", "+14165557788");
    expect_rejected("+1 (115) 555-2671", NULL);
    expect_rejected("+1 (415) 155-2671", NULL);
    expect_rejected("+1 (911) 555-2671", NULL);
    expect_rejected("+1 (415) 411-2671", NULL);
    expect_phone("+49 30 1234", "+49301234");
    expect_phone("+679 123 456 789 012", "+679123456789012");
}
END_TEST

static Suite *phone_rules_suite(void)
{
    Suite *s = suite_create("stub phone rules");
    TCase *tc = tcase_create("e164");
    tcase_add_test(tc, test_phone_vectors_from_shared_table);
    tcase_add_test(tc, test_phone_prefixes);
    tcase_add_test(tc, test_phone_messages);
    tcase_add_test(tc, test_phone_national_plans);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(phone_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
