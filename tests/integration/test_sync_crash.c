/*
 * tests/integration/test_sync_crash.c - kill -9 at random points during sync, 100 times:
 * after every kill the store passes PRAGMA integrity_check, no committed write is lost,
 * and once the queue drains every mutation's effect is on the server exactly once.
 */
#include <check.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define KILLS  100
#define EVENTS 4

static int sequence_and_integrity(const char *dir, char *integrity, size_t cap)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/membercore.db", dir);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    snprintf(integrity, cap, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    int seq = 0;
    if (sqlite3_prepare_v2(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", -1, &stmt,
                           NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        seq = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return seq;
}

/* Count the 'W's (one per committed write) in what the child has written so far. */
static int count_writes(const char *buf, ssize_t n)
{
    int writes = 0;
    for (ssize_t i = 0; i < n; i++)
        writes += buf[i] == 'W';
    return writes;
}

/* Start the child with its stdout on a pipe; wait for its first committed write (start-up
 * time depends on the machine's load, not on the code under test), let it run delay_us
 * more; SIGKILL it; count the writes it reported as committed. */
static int run_and_kill(const char *child, char *const argv[], useconds_t delay_us)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(child, argv);
        _exit(127);
    }
    close(fds[1]);
    int writes = 0;
    char buf[4096];
    ssize_t n;
    struct pollfd ready = {.fd = fds[0], .events = POLLIN};
    while (writes == 0 && poll(&ready, 1, 60000) == 1 && (n = read(fds[0], buf, sizeof buf)) > 0)
        writes += count_writes(buf, n);
    ck_assert_msg(writes > 0, "the child committed no write within 60 s");
    usleep(delay_us);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the child ended on its own (status %d) before the kill", status);
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        writes += count_writes(buf, n);
    close(fds[0]);
    return writes;
}

START_TEST(test_kill_9_during_sync_loses_and_duplicates_nothing)
{
    const char *child = getenv("SYNC_CRASH_CHILD");
    ck_assert_msg(child != NULL, "SYNC_CRASH_CHILD is not set");
    stub_process *stub = stub_start(true);
    ck_assert_ptr_nonnull(stub);
    char *dir = tempdir_new();
    char *events[EVENTS];
    for (int e = 0; e < EVENTS; e++)
        events[e] = helper_create_event(stub, "Crash drill", 100000);
    mc_client *c = helper_open_client(dir, stub_url(stub));
    helper_sign_in(c, stub, "+919800000001");
    ck_assert_int_eq(mc_sync_once(c, NULL, NULL), MC_OK);
    mc_client_free(c);

    /* Some of the kills land while requests are slow or failing. */
    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults",
                                  "{\"rate\":0.2,\"seed\":7,\"kinds\":[\"delay\",\"drop_after\","
                                  "\"truncate\"],\"delay_ms\":20}",
                                  NULL, NULL),
                     200);

    char *argv[3 + EVENTS + 1];
    argv[0] = (char *)child;
    argv[1] = dir;
    argv[2] = (char *)stub_url(stub);
    for (int e = 0; e < EVENTS; e++)
        argv[3 + e] = events[e];
    argv[3 + EVENTS] = NULL;

    srand((unsigned)time(NULL));
    int reported = 0;
    for (int k = 0; k < KILLS; k++) {
        /* between 20 and 150 ms after the first write: anywhere in the write/sync loop */
        reported += run_and_kill(child, argv, (useconds_t)(20000 + rand() % 130000));
        char integrity[64];
        int committed = sequence_and_integrity(dir, integrity, sizeof integrity);
        ck_assert_msg(strcmp(integrity, "ok") == 0, "kill %d: integrity_check says %s", k,
                      integrity);
        ck_assert_msg(committed >= reported,
                      "kill %d: %d writes reported committed but only %d in the store", k, reported,
                      committed);
        /* At most one committed write per kill can have gone unreported. */
        ck_assert_int_le(committed, reported + k + 1);
    }

    ck_assert_int_eq(stub_request(stub, "POST", "/v1/test/faults", "{\"rate\":0}", NULL, NULL),
                     200);
    c = helper_open_client(dir, stub_url(stub));
    ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
    mc_client_free(c);
    char integrity[64];
    int committed = sequence_and_integrity(dir, integrity, sizeof integrity);
    char client_id[64];
    helper_client_id(dir, client_id);
    int total, max_count, keys;
    helper_effects(stub, client_id, &total, &max_count, &keys);
    fprintf(stderr, "%d kills, %d writes committed, %d effects on the server\n", KILLS, committed,
            total);
    ck_assert_int_ge(committed, KILLS); /* every run committed one write or more */
    ck_assert_msg(keys == committed, "%d writes committed but %d reached the server", committed,
                  keys);
    ck_assert_msg(max_count == 1, "a write was applied %d times", max_count);
    ck_assert_int_eq(total, committed);
    cJSON *server = helper_server_view(stub, "+919800000001");
    cJSON *local = helper_local_view(dir);
    ck_assert(helper_views_equal(server, local));
    cJSON_Delete(server);
    cJSON_Delete(local);

    for (int e = 0; e < EVENTS; e++)
        free(events[e]);
    tempdir_free(dir);
    ck_assert_int_eq(stub_stop(stub), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync_crash");
    TCase *tc = tcase_create("kill9");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, test_kill_9_during_sync_loses_and_duplicates_nothing);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
