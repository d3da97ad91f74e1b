/*
 * tests/integration/test_wire.c - the core against a real memberstub whose answers carry the
 * escape \u0000 (the stub's test-mode fault nul_escape puts it into an answer's first string):
 * the sync round fails with MC_ERR_SERVER naming the field and nothing of the page is stored;
 * once the answers are clean again the same client syncs everything.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA "+919800000001"

static void set_fault_kinds(const stub_process *stub, const char *body)
{
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults", body, NULL, NULL), 200);
}

START_TEST(test_pull_page_with_nul_escape_is_refused_and_nothing_stored)
{
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *root = tempdir_new();
    char *dir = tempdir_path(root, "asha");
    mc_client *c = helper_open_client(dir, stub_url(stub));
    /* Before signing in, so no sync round ever sees a clean page. */
    set_fault_kinds(stub, "{\"rate\":1,\"seed\":1,\"kinds\":[\"nul_escape\"]}");
    helper_sign_in(c, stub, ASHA);
    for (int round = 0; round < 2; round++) {
        mc_error err = MC_ERROR_INIT;
        ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_ERR_SERVER);
        ck_assert_msg(strstr(err.message, "\\u0000") != NULL, "%s", err.message);
        ck_assert_msg(strstr(err.message, "field '") != NULL, "%s", err.message);
    }
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM entity"), 0);
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM meta WHERE key = 'sync.cursor' "
                                             "AND value <> ''"),
                     0);
    /* Clean answers again: the same client takes the whole page. */
    set_fault_kinds(stub, "{\"rate\":0}");
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "%s", err.message);
    ck_assert_int_gt(helper_local_count(dir, "SELECT count(*) FROM entity"), 0);
    cJSON *server = helper_server_view(stub, ASHA);
    cJSON *local = helper_local_view(dir);
    ck_assert(helper_views_equal(server, local));
    cJSON_Delete(server);
    cJSON_Delete(local);
    mc_client_free(c);
    free(dir);
    tempdir_free(root);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

static Suite *wire_suite(void)
{
    Suite *s = suite_create("wire");
    TCase *tc = tcase_create("nul_escape");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_pull_page_with_nul_escape_is_refused_and_nothing_stored);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(wire_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
