/*
 * test_qr_draw.c - memberctl draws a QR code in the terminal with half blocks:
 * two module rows per line, the 4-module quiet zone all round, the light
 * modules as blocks by default (a light-on-dark terminal) and the dark ones
 * with --invert; nothing is drawn below an odd last row.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/qr_draw.h"

/* A drawing written with one letter a cell: U upper half, L lower half, F
 * full block, '.' a space; '|' ends a line. The caller frees it. */
static char *cells(const char *pattern)
{
    char *text = malloc(strlen(pattern) * 3 + 1);
    ck_assert_ptr_nonnull(text);
    text[0] = '\0';
    for (const char *p = pattern; *p != '\0'; p++) {
        switch (*p) {
        case 'U':
            strcat(text, "\u2580");
            break;
        case 'L':
            strcat(text, "\u2584");
            break;
        case 'F':
            strcat(text, "\u2588");
            break;
        case '.':
            strcat(text, " ");
            break;
        default:
            strcat(text, "\n");
            break;
        }
    }
    return text;
}

/* The drawing of modules is exactly pattern (see cells). */
static void check_drawing(const uint8_t *modules, int32_t width, bool invert, const char *pattern)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(out);
    qr_draw_text(modules, width, invert, out);
    ck_assert_int_eq(fclose(out), 0);
    char *want = cells(pattern);
    ck_assert_str_eq(text, want);
    free(want);
    free(text);
}

START_TEST(test_one_dark_module_with_its_quiet_zone)
{
    /* 9 x 9 modules with the quiet zone: 5 lines of 9 cells; the dark module is
     * row 4, column 4; nothing below row 8. */
    const uint8_t one[] = {1};
    check_drawing(one, 1, false,
                  "FFFFFFFFF|"
                  "FFFFFFFFF|"
                  "FFFFLFFFF|"
                  "FFFFFFFFF|"
                  "UUUUUUUUU|");
}
END_TEST

START_TEST(test_inverted_draws_the_dark_modules)
{
    const uint8_t one[] = {1};
    check_drawing(one, 1, true,
                  ".........|"
                  ".........|"
                  "....U....|"
                  ".........|"
                  ".........|");
}
END_TEST

START_TEST(test_every_pair_of_rows)
{
    /* 2 x 2: dark, light / light, dark: the code's rows 0-1 are line 2 (rows 4-5). */
    const uint8_t checker[] = {1, 0, 0, 1};
    check_drawing(checker, 2, true,
                  "..........|"
                  "..........|"
                  "....UL....|"
                  "..........|"
                  "..........|");
    check_drawing(checker, 2, false,
                  "FFFFFFFFFF|"
                  "FFFFFFFFFF|"
                  "FFFFLUFFFF|"
                  "FFFFFFFFFF|"
                  "FFFFFFFFFF|");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memberctl_qr_draw");
    TCase *tc = tcase_create("qr_draw");
    tcase_add_test(tc, test_one_dark_module_with_its_quiet_zone);
    tcase_add_test(tc, test_inverted_draws_the_dark_modules);
    tcase_add_test(tc, test_every_pair_of_rows);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
