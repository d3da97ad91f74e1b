/*
 * tests/unit/test_validate.c - the profile and intent forms reject bad input with the field named.
 *
 * Pure checks (auth/validate.c), run before anything reaches the network.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "auth/validate.h"
#include "rules/email.h"

static const mc_profile good_profile = {"Meera Iyer", "meera@example.com", "Iyer Labs",
                                        "Bengaluru"};

static void expect_profile_error(mc_profile p, const char *field)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_profile_validate(&p, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, field) != NULL, "'%s' should name %s", err.message, field);
}

/* Email addresses: the shapes people type, and the broken ones. */
START_TEST(test_email_validation_accepts_real_addresses_only)
{
    ck_assert(mci_email_valid("asha.rao@acme.example"));
    ck_assert(mci_email_valid("a+tag@sub.domain.in"));
    ck_assert(!mci_email_valid(""));
    ck_assert(!mci_email_valid("no-at-sign.example"));
    ck_assert(!mci_email_valid("@example.com"));
    ck_assert(!mci_email_valid("two@@example.com"));
    ck_assert(!mci_email_valid("a@b@example.com"));
    ck_assert(!mci_email_valid("a@localhost"));
    ck_assert(!mci_email_valid("a@example."));
    ck_assert(!mci_email_valid("a@.example.com"));
    ck_assert(!mci_email_valid("a@example..com"));
    ck_assert(!mci_email_valid("a b@example.com"));
    ck_assert(!mci_email_valid(NULL));
}
END_TEST

/* Every profile field is required, bounded, and named when wrong. */
START_TEST(test_profile_fields_are_required_and_named)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_profile_validate(&good_profile, &err), MC_OK);
    mc_profile p = good_profile;
    p.name = NULL;
    expect_profile_error(p, "name");
    p = good_profile;
    p.name = "   ";
    expect_profile_error(p, "name");
    p = good_profile;
    p.email = "meera";
    expect_profile_error(p, "email");
    p = good_profile;
    p.company = "";
    expect_profile_error(p, "company");
    p = good_profile;
    p.city = NULL;
    expect_profile_error(p, "city");
    ck_assert_int_eq(mci_profile_validate(NULL, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* Lengths count characters, not bytes: 100 Devanagari letters are a valid name. */
START_TEST(test_profile_lengths_count_characters)
{
    char name[100 * 3 + 4];
    name[0] = '\0';
    for (int i = 0; i < 100; i++)
        strcat(name, "\xE0\xA4\x85"); /* U+0905 DEVANAGARI LETTER A */
    mc_profile p = good_profile;
    p.name = name;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_profile_validate(&p, &err), MC_OK);
    strcat(name, "\xE0\xA4\x85");
    expect_profile_error(p, "name");
    p.name = "bad \xC0\xAF utf8";
    expect_profile_error(p, "UTF-8");
}
END_TEST

/* On-demand needs nothing more; offices need all four details, in range. */
START_TEST(test_intent_details_required_for_offices)
{
    mc_error err = MC_ERROR_INIT;
    mc_intent_details d = {MC_INTENT_ON_DEMAND, NULL, 0, NULL, {0, ""}};
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_OK);
    mc_intent_details office = {
        MC_INTENT_PRIVATE_OFFICE, "Fintech", 12, "within 3 months", {5000000, "INR"}};
    ck_assert_int_eq(mci_intent_validate(&office, &err), MC_OK);
    d = office;
    d.industry = "";
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "industry"));
    d = office;
    d.employees = 0;
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "employees"));
    d = office;
    d.timeline = NULL;
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "timeline"));
    d = office;
    d.budget.minor = -5;
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "budget"));
    d = office;
    memcpy(d.budget.currency, "inr", 4);
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "budget.currency"));
    d = office;
    d.intent = MC_INTENT_NONE;
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    d.intent = (mc_intent)42;
    ck_assert_int_eq(mci_intent_validate(&d, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "intent"));
}
END_TEST

/* An OTP is exactly six ASCII digits. */
START_TEST(test_otp_code_is_six_digits)
{
    ck_assert(mci_otp_code_valid("012345"));
    ck_assert(!mci_otp_code_valid("12345"));
    ck_assert(!mci_otp_code_valid("1234567"));
    ck_assert(!mci_otp_code_valid("12a456"));
    ck_assert(!mci_otp_code_valid(" 12345"));
    ck_assert(!mci_otp_code_valid(NULL));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("forms");
    tcase_add_test(tc, test_email_validation_accepts_real_addresses_only);
    tcase_add_test(tc, test_profile_fields_are_required_and_named);
    tcase_add_test(tc, test_profile_lengths_count_characters);
    tcase_add_test(tc, test_intent_details_required_for_offices);
    tcase_add_test(tc, test_otp_code_is_six_digits);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
