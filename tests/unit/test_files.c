/*
 * tests/unit/test_files.c - the files the core writes on the device: the store with its WAL and
 * shared memory, the default secure storage and the photo copies are 0600 in 0700 directories
 * under any umask and over directories made before; an empty or non-database store is
 * MC_ERR_STORE_DAMAGED with the session token gone, and mc_store_remove() recovers from it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <membercore/membercore.h>

#include "handle/handle.h"
#include "linux/platform_linux.h"
#include "tempdir.h"
#include "tickets/photos.h"

static char *dir;

static void setup(void)
{
    dir = tempdir_new();
}

static void teardown(void)
{
    tempdir_free(dir);
    dir = NULL;
}

/* The permission bits of path; -1 when it does not exist. */
static int mode_of(const char *base, const char *name)
{
    char *path = tempdir_path(base, name);
    struct stat st;
    int mode = stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
    free(path);
    return mode;
}

static mc_client *open_client(const char *data_dir)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = data_dir;
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    return client;
}

static mc_status open_expecting_failure(const char *data_dir, mc_error *err)
{
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = data_dir;
    mc_client *client = (mc_client *)0x1;
    mc_status st = mc_client_open(&cfg, &client, err);
    ck_assert_ptr_null(client);
    return st;
}

static void write_file(const char *base, const char *name, const void *bytes, size_t len)
{
    char *path = tempdir_path(base, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    fclose(f);
    free(path);
}

/* The store, with the WAL and shared memory an open client keeps beside it, is 0600 and the
 * data directory 0700 under the umask given. */
static void check_store_private_under_umask(mode_t mask)
{
    umask(mask);
    char *data = tempdir_path(dir, "data");
    mc_client *client = open_client(data);
    ck_assert_int_eq(mode_of(data, "membercore.db"), 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db-wal"), 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db-shm"), 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db.creating"), -1); /* renamed into place */
    ck_assert_int_eq(mode_of(dir, "data"), 0700);
    ck_assert_int_eq(mode_of(data, "secure"), 0700);
    mc_client_free(client);
    free(data);
}

START_TEST(test_store_is_private_under_umask_022)
{
    check_store_private_under_umask(022);
}
END_TEST

START_TEST(test_store_is_private_under_umask_0)
{
    check_store_private_under_umask(0);
}
END_TEST

/* A data directory made before (0755), with a store, WAL and secure directory an older version
 * left to the umask: each is made private by the next open. */
START_TEST(test_existing_loose_files_are_made_private)
{
    umask(022);
    char *data = tempdir_path(dir, "data");
    mc_client_free(open_client(data));
    char *store = tempdir_path(data, "membercore.db");
    char *secure = tempdir_path(data, "secure");
    ck_assert_int_eq(chmod(data, 0755), 0);
    ck_assert_int_eq(chmod(store, 0644), 0);
    ck_assert_int_eq(chmod(secure, 0755), 0);
    write_file(data, "membercore.db-wal", "", 0);
    char *wal = tempdir_path(data, "membercore.db-wal");
    ck_assert_int_eq(chmod(wal, 0644), 0);

    mc_client *client = open_client(data);
    ck_assert_int_eq(mode_of(dir, "data"), 0700);
    ck_assert_int_eq(mode_of(data, "membercore.db"), 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db-wal"), 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db-shm"), 0600);
    ck_assert_int_eq(mode_of(data, "secure"), 0700);
    mc_client_free(client);
    free(wal);
    free(secure);
    free(store);
    free(data);
}
END_TEST

/* A data directory that existed (0755, empty) before the first open ends 0700. */
START_TEST(test_existing_data_dir_ends_0700)
{
    umask(022);
    char *data = tempdir_path(dir, "data");
    ck_assert_int_eq(mkdir(data, 0755), 0);
    ck_assert_int_eq(mode_of(dir, "data"), 0755);
    mc_client *client = open_client(data);
    ck_assert_int_eq(mode_of(dir, "data"), 0700);
    ck_assert_int_eq(mode_of(data, "membercore.db"), 0600);
    mc_client_free(client);
    free(data);
}
END_TEST

/* The default secure storage writes 0600 files in a 0700 directory under umask 0, also when
 * the directory was made 0777 before. */
START_TEST(test_secure_storage_is_private_under_umask_0)
{
    umask(0);
    char *data = tempdir_path(dir, "data");
    ck_assert_int_eq(mkdir(data, 0777), 0);
    char *secure = tempdir_path(data, "secure");
    ck_assert_int_eq(mkdir(secure, 0777), 0);
    mc_client *client = open_client(data);
    ck_assert_int_eq(
        client->platform.secure_set(client->secure_context, MC_SECURE_KEY_SESSION, "mcs_secret"),
        MC_OK);
    ck_assert_int_eq(mode_of(data, "secure"), 0700);
    ck_assert_int_eq(mode_of(secure, MC_SECURE_KEY_SESSION), 0600);
    ck_assert_int_eq(mode_of(secure, MC_SECURE_KEY_SESSION ".tmp"), -1);
    mc_client_free(client);
    free(secure);
    free(data);
}
END_TEST

/* A ticket photo's copy is 0600 in a 0700 directory under umask 0, also when the directory
 * was made 0777 before. */
START_TEST(test_photo_copies_are_private_under_umask_0)
{
    umask(0);
    char *data = tempdir_path(dir, "data");
    mc_client *client = open_client(data);
    char *photos = tempdir_path(data, "membercore.db-photos");
    ck_assert_int_eq(mkdir(photos, 0777), 0);
    char png[4096];
    snprintf(png, sizeof png, "%s/photos/python.png", getenv("FIXTURES_DIR"));
    const char *paths[] = {png};
    mci_photo_copy *copies = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mci_photos_copy(client, paths, 1, &copies, &err) == MC_OK, "%s", err.message);
    struct stat st;
    ck_assert_int_eq(stat(copies[0].local_path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    ck_assert_int_eq(mode_of(data, "membercore.db-photos"), 0700);
    mci_photos_free(copies, 1);
    mc_client_free(client);
    free(photos);
    free(data);
}
END_TEST

/* A data directory with a member's session token in the default secure storage. */
static char *data_dir_with_token(void)
{
    char *data = tempdir_path(dir, "data");
    mc_client *client = open_client(data);
    ck_assert_int_eq(client->platform.secure_set(client->secure_context, MC_SECURE_KEY_SESSION,
                                                 "mcs_old_session"),
                     MC_OK);
    ck_assert(mc_auth_is_signed_in(client));
    mc_client_free(client);
    return data;
}

static void assert_token_gone(const char *data)
{
    char *secure = tempdir_path(data, "secure");
    mcp_file_store *store = NULL;
    ck_assert_int_eq(mcp_file_store_new(secure, &store, NULL), MC_OK);
    char value[256];
    ck_assert_int_eq(mcp_file_store_get(store, MC_SECURE_KEY_SESSION, value, sizeof value),
                     MC_ERR_NOT_FOUND);
    mcp_file_store_free(store);
    free(secure);
}

/* The damaged store is refused with its own code and a message naming the file, what is wrong
 * and the way out; the token is gone; mc_store_remove() then lets a fresh, signed-out client
 * open. */
static void check_damaged_store(const void *content, size_t len, const char *why)
{
    char *data = data_dir_with_token();
    char *store = tempdir_path(data, "membercore.db");
    ck_assert_int_eq(unlink(store), 0);
    write_file(data, "membercore.db", content, len);

    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(open_expecting_failure(data, &err), MC_ERR_STORE_DAMAGED);
    ck_assert_int_eq(err.code, MC_ERR_STORE_DAMAGED);
    ck_assert_msg(strstr(err.message, store) != NULL, "'%s' names the store", err.message);
    ck_assert_msg(strstr(err.message, "damaged") != NULL, "'%s'", err.message);
    ck_assert_msg(strstr(err.message, why) != NULL, "'%s' says %s", err.message, why);
    ck_assert_msg(strstr(err.message, "mc_store_remove") != NULL, "'%s'", err.message);
    assert_token_gone(data);
    /* Not silently recreated: the same file, refused again. */
    struct stat st;
    ck_assert_int_eq(stat(store, &st), 0);
    ck_assert_int_eq(st.st_size, (off_t)len);
    ck_assert_int_eq(open_expecting_failure(data, &err), MC_ERR_STORE_DAMAGED);

    ck_assert_msg(mc_store_remove(data, &err) == MC_OK, "%s", err.message);
    mc_client *client = open_client(data);
    ck_assert(!mc_auth_is_signed_in(client));
    mc_client_free(client);
    free(store);
    free(data);
}

START_TEST(test_zero_length_store_is_damaged_and_token_dropped)
{
    check_damaged_store("", 0, "empty");
}
END_TEST

START_TEST(test_non_database_store_is_damaged_and_token_dropped)
{
    char junk[8192];
    memset(junk, 'x', sizeof junk);
    check_damaged_store(junk, sizeof junk, "not a database");
}
END_TEST

/* mc_store_remove takes the store, its WAL and shared memory, a half-made store and the photo
 * copies, and keeps the directory and the secure storage; nothing there is fine; a bad argument
 * is named. */
START_TEST(test_store_remove_takes_the_store_and_its_companions)
{
    char *data = data_dir_with_token();
    write_file(data, "membercore.db-wal", "w", 1);
    write_file(data, "membercore.db-shm", "s", 1);
    write_file(data, "membercore.db.creating", "c", 1);
    char *photos = tempdir_path(data, "membercore.db-photos");
    ck_assert_int_eq(mkdir(photos, 0700), 0);
    write_file(photos, "pho_1.jpg", "j", 1);
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_store_remove(data, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(mode_of(data, "membercore.db"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db-wal"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db-shm"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db.creating"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db-photos"), -1);
    ck_assert_int_eq(mode_of(dir, "data"), 0700);
    ck_assert_int_eq(mode_of(data, "secure/" MC_SECURE_KEY_SESSION), 0600);
    ck_assert_int_eq(mc_store_remove(data, &err), MC_OK);
    ck_assert_int_eq(mc_store_remove(NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "data_dir"));
    ck_assert_int_eq(mc_store_remove("", &err), MC_ERR_INVALID_ARG);
    free(photos);
    free(data);
}
END_TEST

/* A first open cut short leaves a half-made store beside the place of the store: the next
 * open starts over and opens a good store. */
START_TEST(test_half_made_store_is_made_again)
{
    char *data = tempdir_path(dir, "data");
    ck_assert_int_eq(mkdir(data, 0700), 0);
    write_file(data, "membercore.db.creating", "", 0);
    write_file(data, "membercore.db.creating-wal", "junk", 4);
    mc_client *client = open_client(data);
    ck_assert_int_eq(mode_of(data, "membercore.db.creating"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db.creating-wal"), -1);
    ck_assert_int_eq(mode_of(data, "membercore.db"), 0600);
    mc_client_free(client);
    free(data);
}
END_TEST

static Suite *files_suite(void)
{
    Suite *s = suite_create("files");
    TCase *tc = tcase_create("files");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_store_is_private_under_umask_022);
    tcase_add_test(tc, test_store_is_private_under_umask_0);
    tcase_add_test(tc, test_existing_loose_files_are_made_private);
    tcase_add_test(tc, test_existing_data_dir_ends_0700);
    tcase_add_test(tc, test_secure_storage_is_private_under_umask_0);
    tcase_add_test(tc, test_photo_copies_are_private_under_umask_0);
    tcase_add_test(tc, test_zero_length_store_is_damaged_and_token_dropped);
    tcase_add_test(tc, test_non_database_store_is_damaged_and_token_dropped);
    tcase_add_test(tc, test_store_remove_takes_the_store_and_its_companions);
    tcase_add_test(tc, test_half_made_store_is_made_again);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(files_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
