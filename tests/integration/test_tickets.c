/*
 * tests/integration/test_tickets.c - a member's facility tickets against a real memberstub:
 * filed offline with a photo, then on the server exactly once with its number, its photo
 * uploaded and a notification that opens it; exactly once with the fault injector on;
 * comment, resolve and reopen round trips; refusals as MC_ERR codes with words, on the
 * device (closed, already resolved, the reopen window passed) and from the server (a
 * comment on a ticket closed meanwhile, a filing under a category the server does not
 * have: rolled back, its photo's upload failed).
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA        "+919800000001"
#define DEAD_SERVER "http://127.0.0.1:1"
/* Monday 2026-12-07 10:00 IST: BLR-1 is open. */
#define T0     1796617800000LL
#define DAY_MS 86400000LL

static helper_fixture fx;

static void setup(void)
{
    helper_fixture_start(&fx, T0);
}

static void teardown(void)
{
    helper_fixture_stop(&fx);
}

static char *photo(const char *name)
{
    static char path[4][4096];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/photos/%s", getenv("FIXTURES_DIR"), name);
    return p;
}

/* What the listener saw of refusals. */
typedef struct refusals {
    int count;
    mc_status code;
    char kind[64], server_code[64], message[512], entity_id[64];
} refusals;

static void on_refused(void *context, const mc_sync_event *ev)
{
    refusals *r = context;
    r->count++;
    r->code = ev->code;
    snprintf(r->kind, sizeof r->kind, "%s", ev->mutation_kind ? ev->mutation_kind : "");
    snprintf(r->server_code, sizeof r->server_code, "%s", ev->server_code ? ev->server_code : "");
    snprintf(r->message, sizeof r->message, "%s", ev->message ? ev->message : "");
    snprintf(r->entity_id, sizeof r->entity_id, "%s", ev->entity_id ? ev->entity_id : "");
}

static void listen_refusals(mc_client *c, refusals *r)
{
    memset(r, 0, sizeof *r);
    uint64_t token;
    ck_assert_int_eq(mc_sync_listener_add(c, MC_SYNC_EVENT_MUTATION_REJECTED, MC_DELIVER_IMMEDIATE,
                                          on_refused, r, &token, NULL),
                     MC_OK);
}

static int stub_count(const char *sql)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/stub.db", stub_dir(fx.stub));
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt *stmt = NULL;
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s",
                  sqlite3_errmsg(db));
    ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static void sync_ok(mc_client *c)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
}

static mc_ticket *get(mc_client *c, const char *id)
{
    mc_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_get(c, id, &t, &err) == MC_OK, "get %s: %s", id, err.message);
    return t;
}

static void file(mc_client *c, const char *category, const char *text, const char *const *photos,
                 size_t count, char id[64])
{
    mc_ticket_draft d = {.category_id = category,
                         .priority = MC_TICKET_PRIORITY_HIGH,
                         .description = text,
                         .photo_paths = photos,
                         .photo_count = count};
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_file(c, &d, id, 64, &err) == MC_OK, "file: %s", err.message);
}

/* Filed with no network: pending at once, its photo kept; when the network returns the
 * ticket reaches the server once, numbered, its photo uploaded, and a notification opens
 * it by number. */
START_TEST(test_filed_offline_then_on_the_server_once)
{
    mc_client *c = helper_fixture_member(&fx, "asha", ASHA);
    mc_error err = MC_ERROR_INIT;
    mc_ticket_category_list *leaf = NULL;
    ck_assert_msg(mc_ticket_category_find(c, "Cleaning → Washroom", &leaf, &err) == MC_OK, "%s",
                  err.message);
    ck_assert_str_eq(leaf->items[0].id, "cleaning.washroom");
    ck_assert_str_eq(leaf->items[0].team, "Housekeeping");
    ck_assert_int_eq(leaf->items[0].resolution_min, 60);
    mc_ticket_category_list_free(leaf);
    mc_client_free(c);

    /* in the basement: the server is unreachable */
    char *dir = tempdir_path(fx.dir, "asha");
    c = helper_open_client_at(dir, DEAD_SERVER, &fx.now);
    const char *photos[] = {photo("python.jpg")};
    char id[64];
    file(c, "cleaning.washroom", "The washroom tap on floor 2 leaks", photos, 1, id);
    mc_ticket_list *list = NULL;
    ck_assert_int_eq(mc_tickets_page(c, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].number, "");
    ck_assert(list->items[0].pending);
    ck_assert_int_eq(list->items[0].photos_waiting, 1);
    mc_ticket_list_free(list);
    ck_assert_int_eq(mc_sync_once(c, NULL, &err), MC_ERR_OFFLINE);
    mc_client_free(c);
    ck_assert_int_eq(stub_count("SELECT count(*) FROM tickets"), 0);

    /* back online */
    c = helper_open_client_at(dir, stub_url(fx.stub), &fx.now);
    ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
    sync_ok(c); /* a second round changes nothing */
    ck_assert_int_eq(mc_tickets_page(c, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    mc_ticket *t = &list->items[0];
    ck_assert_str_eq(t->id, id);
    ck_assert_msg(strncmp(t->number, "T-", 2) == 0, "number %s", t->number);
    ck_assert(!t->pending);
    ck_assert_int_eq(t->status, MC_TICKET_OPEN);
    ck_assert_int_eq(t->photos_waiting, 0);
    ck_assert_int_gt(t->resolution_due_ms, T0);
    ck_assert_int_eq(t->sla, MC_SLA_ON_TRACK);
    ck_assert_str_eq(t->resolution_due.label, "IST");
    ck_assert_str_eq(t->category_path, "Cleaning/Washroom");
    char number[32];
    snprintf(number, sizeof number, "%s", t->number);
    mc_ticket_list_free(list);

    mc_ticket *one = get(c, number);
    ck_assert_str_eq(one->id, id);
    ck_assert_uint_eq(one->photo_count, 1);
    ck_assert(one->photos[0].uploaded);
    ck_assert_int_eq(one->photos[0].sent_bytes, 543);
    ck_assert_str_eq(one->photos[0].local_path, "");
    ck_assert_str_eq(one->description, "The washroom tap on floor 2 leaks");
    ck_assert_uint_ge(one->timeline_count, 1);
    ck_assert_int_eq(one->timeline[0].type, MC_TICKET_ENTRY_CREATED);
    ck_assert_str_eq(one->timeline[0].author_name, "You");
    ck_assert(!one->timeline[0].pending);
    mc_ticket_free(one);

    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM tickets WHERE id = '%s'", id);
    ck_assert_int_eq(stub_count(sql), 1);
    ck_assert_int_eq(stub_count("SELECT count(*) FROM tickets"), 1);
    char client_id[64];
    helper_client_id(dir, client_id);
    int total, max_count, keys;
    helper_effects(fx.stub, client_id, &total, &max_count, &keys);
    ck_assert_int_eq(max_count, 1);

    /* the filing's notification opens the ticket, by its number */
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(c, false, &inbox, &err), MC_OK);
    bool found = false;
    for (size_t i = 0; i < inbox->count; i++)
        if (inbox->items[i].link_kind == MC_LINK_TICKET) {
            char want[64];
            snprintf(want, sizeof want, "opens ticket %s", number);
            ck_assert_str_eq(inbox->items[i].link_text, want);
            ck_assert_int_eq(inbox->items[i].category, MC_NOTIFY_SUPPORT);
            found = true;
        }
    ck_assert_msg(found, "no notification links the ticket");
    mc_notification_list_free(inbox);
    mc_client_free(c);
    free(dir);
}
END_TEST

/* With 30% of requests failing, dropped or duplicated, every ticket and comment reaches
 * the server exactly once and the device converges on the server's view. */
START_TEST(test_exactly_once_under_faults)
{
    mc_client *c = helper_fixture_member(&fx, "asha", ASHA);
    char *dir = tempdir_path(fx.dir, "asha");
    helper_set_faults(fx.stub, 0.3, 11);
    const char *photos[] = {photo("python.png")};
    char ids[6][64];
    mc_error err = MC_ERROR_INIT;
    for (int i = 0; i < 6; i++) {
        char text[64];
        snprintf(text, sizeof text, "Fault drill ticket %d", i);
        file(c, i % 2 ? "it.wifi" : "cleaning.pantry", text, photos, i == 0 ? 1 : 0, ids[i]);
        ck_assert_int_eq(mc_ticket_comment(c, ids[i], "Any news?", NULL, 0, &err), MC_OK);
        mc_sync_once(c, NULL, &err); /* may fail: faults */
    }
    for (int i = 0; i < 60 && helper_sync_until_drained(c, 1) != MC_OK; i++)
        ;
    helper_set_faults(fx.stub, 0, 0);
    ck_assert_int_eq(helper_sync_until_drained(c, 10), MC_OK);
    sync_ok(c);
    ck_assert_int_eq(stub_count("SELECT count(*) FROM tickets"), 6);
    ck_assert_int_eq(
        stub_count("SELECT count(*) FROM ticket_entries WHERE type = 'comment' AND text = "
                   "'Any news?'"),
        6);
    ck_assert_int_eq(stub_count("SELECT count(*) FROM ticket_photos WHERE complete = 1"), 1);
    char client_id[64];
    helper_client_id(dir, client_id);
    int total, max_count, keys;
    helper_effects(fx.stub, client_id, &total, &max_count, &keys);
    ck_assert_int_eq(max_count, 1);
    mc_ticket_list *list = NULL;
    ck_assert_int_eq(mc_tickets_page(c, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 6);
    for (size_t i = 0; i < list->count; i++) {
        ck_assert(!list->items[i].pending);
        ck_assert_msg(strncmp(list->items[i].number, "T-", 2) == 0, "ticket %zu unnumbered", i);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(list->items[i].number, list->items[j].number);
    }
    mc_ticket_list_free(list);
    cJSON *server = helper_server_view(fx.stub, ASHA);
    cJSON *local = helper_local_view(dir);
    ck_assert(helper_views_equal(server, local));
    cJSON_Delete(server);
    cJSON_Delete(local);
    mc_client_free(c);
    free(dir);
}
END_TEST

/* Comment, resolve and reopen go round: pending at once, then the server's; the device
 * refuses in words what the ticket's status forbids; the server's refusal of a comment on
 * a ticket it closed meanwhile comes back as an event with its code. */
START_TEST(test_comment_resolve_reopen_round_trips)
{
    mc_client *c = helper_fixture_member(&fx, "asha", ASHA);
    refusals refused;
    listen_refusals(c, &refused);
    char id[64];
    file(c, "it.wifi", "No Wi-Fi in Cabin 1019", NULL, 0, id);
    sync_ok(c);
    mc_error err = MC_ERROR_INIT;

    ck_assert_int_eq(mc_ticket_comment(c, id, "  Still down after a restart  ", NULL, 0, &err),
                     MC_OK);
    mc_ticket *t = get(c, id);
    ck_assert(t->pending);
    ck_assert(t->timeline[t->timeline_count - 1].pending);
    ck_assert_str_eq(t->timeline[t->timeline_count - 1].text, "Still down after a restart");
    mc_ticket_free(t);
    sync_ok(c);
    t = get(c, id);
    ck_assert(!t->pending);
    int comments = 0;
    for (size_t i = 0; i < t->timeline_count; i++)
        if (t->timeline[i].type == MC_TICKET_ENTRY_COMMENT) {
            comments++;
            ck_assert_str_eq(t->timeline[i].text, "Still down after a restart");
            ck_assert_str_eq(t->timeline[i].author_name, "You");
            ck_assert(!t->timeline[i].pending);
        }
    ck_assert_int_eq(comments, 1);
    char number[32];
    snprintf(number, sizeof number, "%s", t->number);
    mc_ticket_free(t);

    /* resolve: at once here, then the server's, with its reopen window and outcome */
    ck_assert_int_eq(mc_ticket_resolve(c, number, &err), MC_OK);
    t = get(c, number);
    ck_assert_int_eq(t->status, MC_TICKET_RESOLVED);
    ck_assert(t->pending);
    mc_ticket_free(t);
    sync_ok(c);
    t = get(c, number);
    ck_assert_int_eq(t->status, MC_TICKET_RESOLVED);
    ck_assert(!t->pending);
    ck_assert_int_eq(t->reopen_until_ms, t->resolved_at_ms + 7 * DAY_MS);
    ck_assert_int_eq(t->sla, MC_SLA_MET);
    mc_ticket_free(t);
    ck_assert_int_eq(mc_ticket_resolve(c, number, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "already resolved") != NULL, "%s", err.message);

    /* reopen: back to open (nobody assigned) */
    ck_assert_int_eq(mc_ticket_reopen(c, number, &err), MC_OK);
    sync_ok(c);
    t = get(c, number);
    ck_assert_int_eq(t->status, MC_TICKET_OPEN);
    ck_assert_int_eq(t->sla, MC_SLA_ON_TRACK);
    mc_ticket_free(t);
    ck_assert_int_eq(mc_ticket_reopen(c, number, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "is open, not resolved") != NULL, "%s", err.message);

    /* resolved again; eight days on, before the device hears of the close */
    ck_assert_int_eq(mc_ticket_resolve(c, number, &err), MC_OK);
    sync_ok(c);
    helper_fixture_set_now(&fx, T0 + 8 * DAY_MS);
    ck_assert_int_eq(mc_ticket_reopen(c, number, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "can no longer be reopened") != NULL &&
                      strstr(err.message, "IST") != NULL,
                  "%s", err.message);
    /* a comment the device still allows; the server closed the ticket meanwhile */
    ck_assert_int_eq(mc_ticket_comment(c, number, "Thanks!", NULL, 0, &err), MC_OK);
    sync_ok(c);
    ck_assert_int_eq(refused.count, 1);
    ck_assert_str_eq(refused.kind, "ticket.comment");
    ck_assert_str_eq(refused.server_code, "ticket_closed");
    ck_assert_int_eq(refused.code, MC_ERR_STATE);
    ck_assert_str_eq(refused.entity_id, id);
    t = get(c, number);
    ck_assert_int_eq(t->status, MC_TICKET_CLOSED);
    ck_assert(!t->pending);
    for (size_t i = 0; i < t->timeline_count; i++)
        ck_assert_str_ne(t->timeline[i].text, "Thanks!");
    mc_ticket_free(t);
    ck_assert_int_eq(mc_ticket_comment(c, number, "Hello?", NULL, 0, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "is closed") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_ticket_reopen(c, number, &err), MC_ERR_STATE);
    ck_assert_int_eq(
        stub_count("SELECT count(*) FROM ticket_entries WHERE type = 'comment' AND text = "
                   "'Thanks!'"),
        0);
    mc_client_free(c);
}
END_TEST

/* A filing the server refuses (a category it does not have): the pending ticket goes, the
 * app hears why, its photo is never sent. */
START_TEST(test_refused_filing_rolls_back)
{
    mc_client *c = helper_fixture_member(&fx, "asha", ASHA);
    refusals refused;
    listen_refusals(c, &refused);
    char *dir = tempdir_path(fx.dir, "asha");
    char *db_path = tempdir_path(dir, "membercore.db");
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    ck_assert_int_eq(sqlite3_exec(db,
                                  "INSERT INTO ticket_category_row VALUES ('cleaning.roof', "
                                  "'cleaning', 'Roof', 9, 'Housekeeping', 30, 120)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    free(db_path);
    const char *photos[] = {photo("python.jpg")};
    char id[64];
    file(c, "cleaning.roof", "The roof leaks", photos, 1, id);
    mc_ticket *t = get(c, id);
    ck_assert(t->pending);
    mc_ticket_free(t);
    sync_ok(c);
    ck_assert_int_eq(refused.count, 1);
    ck_assert_str_eq(refused.kind, "ticket.create");
    ck_assert_str_eq(refused.server_code, "unknown_category");
    ck_assert_int_eq(refused.code, MC_ERR_NOT_FOUND);
    ck_assert_str_eq(refused.entity_id, id);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_ticket_get(c, id, &t, &err), MC_ERR_NOT_FOUND);
    mc_ticket_list *list = NULL;
    ck_assert_int_eq(mc_tickets_page(c, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    mc_ticket_list_free(list);
    ck_assert_int_eq(helper_local_count(dir, "SELECT count(*) FROM upload WHERE state = 'failed'"),
                     1);
    ck_assert_int_eq(stub_count("SELECT count(*) FROM tickets"), 0);
    mc_client_free(c);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tickets");
    TCase *tc = tcase_create("member");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_filed_offline_then_on_the_server_once);
    tcase_add_test(tc, test_exactly_once_under_faults);
    tcase_add_test(tc, test_comment_resolve_reopen_round_trips);
    tcase_add_test(tc, test_refused_filing_rolls_back);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
