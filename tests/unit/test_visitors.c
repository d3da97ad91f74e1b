/*
 * tests/unit/test_visitors.c - the visitors module without a server: the invitation's
 * checks (name, window, the date against the building's days in its local time) and the
 * visitor's moves as plain functions; then against a real store file: inviting offline
 * (queued with its pending row, nothing kept when a check fails), the upcoming list's
 * order and the pending overlay (a queued cancel or decision shows at once, a refused one
 * rolls back), invite again, and the walk-in's 15 minutes by the injected clock.
 */
#include <cJSON.h>
#include <check.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>
#include <membercore/visitors.h>

#include "handle/handle.h"
#include "rules/zone.h"
#include "tempdir.h"
#include "unit_store.h"
#include "visitors/rules.h"

/* Friday 4 Dec 2026, 10:00 IST (04:30 UTC). */
#define T0        1796358600000LL
#define MINUTE_MS 60000LL
#define BLR1_HOURS                                                                                 \
    "[{\"weekday\":1,\"open_min\":480,\"close_min\":1320},"                                        \
    "{\"weekday\":2,\"open_min\":480,\"close_min\":1320},{\"weekday\":3,\"open_min\":480,"         \
    "\"close_min\":1320},{\"weekday\":4,\"open_min\":480,\"close_min\":1320},{\"weekday\":5,"      \
    "\"open_min\":480,\"close_min\":1320},{\"weekday\":6,\"open_min\":480,\"close_min\":1320}]"

/* ---- pure ----------------------------------------------------------------------------- */

START_TEST(test_status_names)
{
    ck_assert_str_eq(mc_visitor_status_name(MC_VISITOR_INVITED), "invited");
    ck_assert_str_eq(mc_visitor_status_name(MC_VISITOR_AWAITING_APPROVAL), "awaiting_approval");
    ck_assert_str_eq(mc_visitor_status_name(MC_VISITOR_DECLINED), "declined");
    ck_assert_str_eq(mc_visitor_status_name((mc_visitor_status)42), "unknown");
    ck_assert_str_eq(mc_visitor_status_name((mc_visitor_status)0), "unknown");
    for (int s = MC_VISITOR_INVITED; s <= MC_VISITOR_DECLINED; s++)
        ck_assert_int_eq(mci_visitor_status_of(mc_visitor_status_name((mc_visitor_status)s)), s);
    ck_assert_int_eq(mci_visitor_status_of("teleported"), 0);
    ck_assert_int_eq(mci_visitor_status_of(NULL), 0);
}
END_TEST

START_TEST(test_window_checks)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_visitor_check_window(-1, -1, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_window(600, 720, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_window(0, 1440, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_window(720, 600, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "12:00-10:00") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_window(600, 600, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mci_visitor_check_window(-1, 600, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "both") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_window(1440, 1441, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mci_visitor_check_window(-5, 60, &err), MC_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_name_checks)
{
    mc_error err = MC_ERROR_INIT;
    char *name = NULL;
    ck_assert_int_eq(mci_visitor_check_name("name", "  Ravi Kumar \n", &name, &err), MC_OK);
    ck_assert_str_eq(name, "Ravi Kumar");
    free(name);
    ck_assert_int_eq(mci_visitor_check_name("name", " \t ", &name, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(name);
    ck_assert_msg(strstr(err.message, "empty") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_name("name", NULL, &name, &err), MC_ERR_INVALID_ARG);
    char longest[3 * MC_VISITOR_NAME_MAX + 4] = "";
    for (int i = 0; i < MC_VISITOR_NAME_MAX; i++)
        strcat(longest, "\xc3\xa9"); /* é: 100 characters, 200 bytes */
    ck_assert_int_eq(mci_visitor_check_name("name", longest, &name, &err), MC_OK);
    free(name);
    strcat(longest, "e");
    ck_assert_int_eq(mci_visitor_check_name("name", longest, &name, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "101 characters") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_name("name", "Ravi\xff", &name, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "UTF-8") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_name("name", "Ravi\nKumar", &name, &err),
                     MC_ERR_INVALID_ARG);
}
END_TEST

/* BLR-1's week: Monday to Saturday 08:00-22:00, closed on Sunday. */
static void blr1_hours(mci_hours hours[8])
{
    memset(hours, 0, 8 * sizeof *hours);
    for (int d = 1; d <= 6; d++)
        hours[d] = (mci_hours){480, 1320};
}

START_TEST(test_date_checks)
{
    mci_hours hours[8];
    blr1_hours(hours);
    mci_visitor_day_rules rules = {"BLR-1", hours, mci_days_from_civil(2026, 12, 4)};
    mc_error err = MC_ERROR_INIT;
    int64_t day = 0;
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2026-12-04", &day, &err), MC_OK);
    ck_assert_int_eq(day, rules.today);
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2026-12-07", NULL, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2026-12-06", NULL, &err), MC_ERR_STATE);
    ck_assert_str_eq(err.message, "BLR-1 is closed on Sunday 6 Dec");
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2026-12-03", NULL, &err), MC_ERR_STATE);
    ck_assert_str_eq(err.message, "2026-12-03 is in the past at BLR-1 (today there is Fri 4 Dec)");
    /* 60 days ahead is Tuesday 2 Feb; the day after is too far */
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2027-02-02", NULL, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_date(&rules, "2027-02-03", NULL, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "more than 60 days ahead") != NULL &&
                      strstr(err.message, "Tue 2 Feb") != NULL,
                  "%s", err.message);
    static const char *const malformed[] = {"2026-13-01", "2026-12-4",  "04-12-2026",
                                            "",           "2026-02-30", "2026-12-04T10:00"};
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        ck_assert_int_eq(mci_visitor_check_date(&rules, malformed[i], NULL, &err),
                         MC_ERR_INVALID_ARG);
        ck_assert_msg(strstr(err.message, "YYYY-MM-DD") != NULL, "%s", err.message);
    }
    ck_assert_int_eq(mci_visitor_check_date(&rules, NULL, NULL, &err), MC_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_moves)
{
    ck_assert_int_eq(mci_visitor_move_of("cancel"), MCI_VISITOR_MOVE_CANCEL);
    ck_assert_int_eq(mci_visitor_move_of("approve"), MCI_VISITOR_MOVE_APPROVE);
    ck_assert_int_eq(mci_visitor_move_of("decline"), MCI_VISITOR_MOVE_DECLINE);
    ck_assert_int_eq(mci_visitor_move_of("maybe"), MCI_VISITOR_MOVE_NONE);
    ck_assert_int_eq(mci_visitor_move_of(NULL), MCI_VISITOR_MOVE_NONE);
    ck_assert_int_eq(mci_visitor_after(MC_VISITOR_INVITED, MCI_VISITOR_MOVE_CANCEL),
                     MC_VISITOR_CANCELLED);
    ck_assert_int_eq(mci_visitor_after(MC_VISITOR_AWAITING_APPROVAL, MCI_VISITOR_MOVE_APPROVE),
                     MC_VISITOR_ARRIVED);
    ck_assert_int_eq(mci_visitor_after(MC_VISITOR_AWAITING_APPROVAL, MCI_VISITOR_MOVE_DECLINE),
                     MC_VISITOR_DECLINED);
    ck_assert_int_eq(mci_visitor_after(MC_VISITOR_ARRIVED, MCI_VISITOR_MOVE_NONE),
                     MC_VISITOR_ARRIVED);

    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_visitor_check_cancel("Ravi", MC_VISITOR_INVITED, &err), MC_OK);
    ck_assert_int_eq(mci_visitor_check_cancel("Ravi", MC_VISITOR_ARRIVED, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "Ravi has already arrived") != NULL, "%s", err.message);
    ck_assert_int_eq(mci_visitor_check_cancel("Ravi", MC_VISITOR_CANCELLED, &err), MC_ERR_STATE);

    mc_local_time due = {.hour = 10, .minute = 42, .label = "IST"};
    int64_t due_ms = T0 + 15 * MINUTE_MS;
    ck_assert_int_eq(mci_visitor_check_decide("Meera", MC_VISITOR_AWAITING_APPROVAL, false, due_ms,
                                              &due, due_ms - 1, &err),
                     MC_OK);
    ck_assert_int_eq(mci_visitor_check_decide("Meera", MC_VISITOR_AWAITING_APPROVAL, false, due_ms,
                                              &due, due_ms, &err),
                     MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "declined automatically at 10:42 IST") != NULL, "%s",
                  err.message);
    ck_assert_int_eq(
        mci_visitor_check_decide("Meera", MC_VISITOR_INVITED, false, 0, &due, due_ms - 1, &err),
        MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "awaiting approval") != NULL, "%s", err.message);
    ck_assert_int_eq(
        mci_visitor_check_decide("Meera", MC_VISITOR_DECLINED, true, 0, &due, due_ms + 1, &err),
        MC_ERR_STATE);
    ck_assert_str_eq(err.message,
                     "Meera was declined automatically: nobody answered within 15 minutes");
}
END_TEST

/* ---- against a real store ------------------------------------------------------------- */

static char *dir;
static int64_t now;
static mc_client *client;

static void pull_one(const char *kind, const char *id, const char *data)
{
    unit_store_pull(client, now, kind, id, data);
}

static void store_setup(void)
{
    dir = tempdir_new();
    now = T0;
    client = unit_store_open(dir, &now);
    pull_one("building", "BLR-1",
             "{\"id\":\"BLR-1\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":[{\"at_ms\":"
             "0,\"offset_min\":330,\"abbrev\":\"IST\"}]},\"hours\":" BLR1_HOURS "}");
}

static void store_teardown(void)
{
    mc_client_free(client);
    client = NULL;
    tempdir_free(dir);
}

static int count_rows(const char *sql)
{
    return unit_store_count(client, sql);
}

static void exec(const char *sql)
{
    pthread_mutex_lock(&client->lock);
    ck_assert_int_eq(sqlite3_exec(client->db, sql, NULL, NULL, NULL), SQLITE_OK);
    pthread_mutex_unlock(&client->lock);
}

static char *invite(const char *name, const char *date, int32_t from, int32_t to)
{
    static char id[4][MC_VISITOR_ID_CAP];
    static int next;
    char *out = id[next++ % 4];
    mc_visitor_invitation inv = {name, "ravi@example.com", "98123 45678", NULL, date, from, to};
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_visitor_invite(client, &inv, out, MC_VISITOR_ID_CAP, &err) == MC_OK, "%s",
                  err.message);
    return out;
}

START_TEST(test_invite_offline_is_queued_and_listed)
{
    char *id = invite("  Ravi Kumar ", "2026-12-07", 600, 720);
    ck_assert_int_eq(strlen(id), 36);
    ck_assert(strncmp(id, "vis_", 4) == 0);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_visitor"), 1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE kind = 'visitor.invite' AND "
                                "json_extract(payload, '$.phone') = '+919812345678' AND "
                                "json_extract(payload, '$.building_id') = 'BLR-1' AND "
                                "json_extract(payload, '$.window.from_min') = 600 AND "
                                "json_extract(payload, '$.name') = 'Ravi Kumar'"),
                     1);
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_visitors_list(client, true, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    mc_visitor *v = &list->items[0];
    ck_assert_str_eq(v->id, id);
    ck_assert_str_eq(v->name, "Ravi Kumar");
    ck_assert_str_eq(v->phone, "+919812345678");
    ck_assert_str_eq(v->building_id, "BLR-1");
    ck_assert_int_eq(v->status, MC_VISITOR_INVITED);
    ck_assert(v->pending);
    ck_assert(!v->walk_in);
    ck_assert_str_eq(v->host_id, "usr_1");
    ck_assert_int_eq(v->window_from.hour, 10);
    ck_assert_int_eq(v->window_to.hour, 12);
    ck_assert_int_eq(v->window_from.day, 7);
    ck_assert_str_eq(v->window_from.label, "IST");
    ck_assert_str_eq(v->window_from.iso8601, "2026-12-07T10:00:00+05:30");
    mc_visitor_list_free(list);

    mc_visitor *one = NULL;
    ck_assert_int_eq(mc_visitor_get(client, id, &one, &err), MC_OK);
    ck_assert_str_eq(one->email, "ravi@example.com");
    mc_visitor_free(one);
    ck_assert_int_eq(mc_visitor_get(client, "vis_nobody", &one, &err), MC_ERR_NOT_FOUND);
    ck_assert_ptr_null(one);
}
END_TEST

START_TEST(test_refused_invitations_keep_nothing)
{
    mc_error err = MC_ERROR_INIT;
    char id[MC_VISITOR_ID_CAP] = "";
    static const struct {
        mc_visitor_invitation inv;
        mc_status st;
        const char *words;
    } cases[] = {
        {{"Ravi", "ravi@example.com", NULL, NULL, "2026-12-06", -1, -1},
         MC_ERR_STATE,
         "BLR-1 is closed on Sunday 6 Dec"},
        {{"Ravi", "ravi@example.com", NULL, NULL, "2026-12-03", -1, -1}, MC_ERR_STATE, "past"},
        {{"Ravi", "ravi@example.com", NULL, NULL, "2027-03-01", -1, -1}, MC_ERR_STATE, "60 days"},
        {{"Ravi", "ravi@example", NULL, NULL, "2026-12-07", -1, -1}, MC_ERR_INVALID_ARG, "email"},
        {{"Ravi", "", NULL, NULL, "2026-12-07", -1, -1}, MC_ERR_INVALID_ARG, "email is required"},
        {{"", "ravi@example.com", NULL, NULL, "2026-12-07", -1, -1}, MC_ERR_INVALID_ARG, "name"},
        {{"Ravi", "ravi@example.com", "12345", NULL, "2026-12-07", -1, -1},
         MC_ERR_INVALID_ARG,
         "the visitor's phone"},
        {{"Ravi", "ravi@example.com", NULL, NULL, "7 Dec", -1, -1},
         MC_ERR_INVALID_ARG,
         "YYYY-MM-DD"},
        {{"Ravi", "ravi@example.com", NULL, NULL, "2026-12-07", 720, 600},
         MC_ERR_INVALID_ARG,
         "window"},
        {{"Ravi", "ravi@example.com", NULL, "PUNE-9", "2026-12-07", -1, -1},
         MC_ERR_NOT_FOUND,
         "no building \"PUNE-9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ck_assert_int_eq(mc_visitor_invite(client, &cases[i].inv, id, sizeof id, &err),
                         cases[i].st);
        ck_assert_msg(strstr(err.message, cases[i].words) != NULL, "case %zu: %s", i, err.message);
    }
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox"), 0);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_visitor"), 0);
    ck_assert_int_eq(mc_visitor_invite(client, &cases[0].inv, id, 8, &err), MC_ERR_INVALID_ARG);
}
END_TEST

/* A visitor in server truth. */
static void pull_visitor(const char *id, const char *name, const char *date, const char *window,
                         const char *source, const char *status, int64_t due_ms)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"host_user_id\":\"usr_1\",\"building_id\":\"BLR-1\","
             "\"name\":\"%s\",\"email\":\"v@example.com\",\"phone\":null,\"date\":\"%s\","
             "\"window\":%s,\"source\":\"%s\",\"status\":\"%s\",\"created_at_ms\":%lld,"
             "\"updated_at_ms\":%lld,\"arrived_at_ms\":null,\"checked_in_by\":null,"
             "\"approval_due_ms\":%lld,\"decided_at_ms\":null,\"decline_reason\":null,"
             "\"credential_id\":null}",
             id, name, date, window, source, status, (long long)T0, (long long)T0,
             (long long)due_ms);
    pull_one("visitor", id, data);
}

START_TEST(test_upcoming_order_and_history)
{
    pull_visitor("vis_a", "Zoe", "2026-12-08", "null", "invitation", "invited", 0);
    pull_visitor("vis_b", "Anil", "2026-12-08", "{\"from_min\":540,\"to_min\":600}", "invitation",
                 "invited", 0);
    pull_visitor("vis_c", "Old", "2026-12-01", "null", "invitation", "arrived", 0);
    pull_visitor("vis_d", "Gone", "2026-12-09", "null", "invitation", "cancelled", 0);
    pull_visitor("vis_e", "Here", "2026-12-04", "null", "invitation", "arrived", 0);
    invite("Bina", "2026-12-07", 900, 960);
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_visitors_list(client, true, &list, &err), MC_OK);
    const char *want[] = {"Here", "Bina", "Anil", "Zoe"};
    ck_assert_uint_eq(list->count, 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(list->items[i].name, want[i]);
    ck_assert(!list->items[0].pending);
    mc_visitor_list_free(list);
    ck_assert_int_eq(mc_visitors_list(client, false, &list, &err), MC_OK);
    const char *all[] = {"Gone", "Anil", "Zoe", "Bina", "Here", "Old"};
    ck_assert_uint_eq(list->count, 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(list->items[i].name, all[i]);
    mc_visitor_list_free(list);
}
END_TEST

/* Today is each building's own: at 01:00 IST on Friday it is still Thursday in London. */
START_TEST(test_upcoming_is_each_buildings_today)
{
    now = T0 - 9 * 60 * MINUTE_MS; /* Thursday 19:30 UTC: Friday 01:00 IST */
    pull_one("building", "LON-1",
             "{\"id\":\"LON-1\",\"zone\":{\"name\":\"Europe/London\",\"transitions\":[{"
             "\"at_ms\":0,\"offset_min\":0,\"abbrev\":\"GMT\"}]},\"hours\":" BLR1_HOURS "}");
    pull_visitor("vis_blr", "Bengaluru Thursday", "2026-12-03", "null", "invitation", "invited", 0);
    char data[512];
    snprintf(data, sizeof data,
             "{\"id\":\"vis_lon\",\"host_user_id\":\"usr_1\",\"building_id\":\"LON-1\","
             "\"name\":\"London Thursday\",\"email\":\"l@example.com\",\"date\":"
             "\"2026-12-03\",\"window\":{\"from_min\":1200,\"to_min\":1260},\"source\":"
             "\"invitation\",\"status\":\"invited\",\"created_at_ms\":%lld}",
             (long long)now);
    pull_one("visitor", "vis_lon", data);
    mc_visitor_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_visitors_list(client, true, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, "vis_lon");
    ck_assert_str_eq(list->items[0].window_from.label, "GMT");
    ck_assert_int_eq(list->items[0].window_from.hour, 20);
    ck_assert_int_eq(list->items[0].window_from.utc_ms, 1796328000000LL); /* 20:00 UTC */
    mc_visitor_list_free(list);
}
END_TEST

static mc_visitor *get(const char *id)
{
    mc_visitor *v = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_visitor_get(client, id, &v, &err) == MC_OK, "%s", err.message);
    return v;
}

START_TEST(test_cancel_shows_at_once_and_a_refusal_rolls_back)
{
    pull_visitor("vis_a", "Zoe", "2026-12-08", "null", "invitation", "invited", 0);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_visitor_cancel(client, "vis_a", &err), MC_OK);
    mc_visitor *v = get("vis_a");
    ck_assert_int_eq(v->status, MC_VISITOR_CANCELLED);
    ck_assert(v->pending);
    mc_visitor_free(v);
    ck_assert_int_eq(mc_visitor_cancel(client, "vis_a", &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "Zoe is cancelled already") != NULL, "%s", err.message);
    mc_visitor_list *list = NULL;
    ck_assert_int_eq(mc_visitors_list(client, true, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 0);
    mc_visitor_list_free(list);
    /* the server refuses the cancel: the invitation is back as it was */
    exec("UPDATE outbox SET state = 2, error_server_code = 'invalid_transition'");
    v = get("vis_a");
    ck_assert_int_eq(v->status, MC_VISITOR_INVITED);
    ck_assert(!v->pending);
    mc_visitor_free(v);
    /* an invitation still queued here may be cancelled too; refused, it disappears */
    char *id = invite("Bina", "2026-12-07", -1, -1);
    ck_assert_int_eq(mc_visitor_cancel(client, id, &err), MC_OK);
    v = get(id);
    ck_assert_int_eq(v->status, MC_VISITOR_CANCELLED);
    mc_visitor_free(v);
    exec("UPDATE outbox SET state = 2 WHERE kind = 'visitor.invite'");
    ck_assert_int_eq(mc_visitor_get(client, id, &v, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_visitor_cancel(client, "vis_nobody", &err), MC_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_invite_again_copies_the_person)
{
    pull_visitor("vis_a", "Zoe Fernandes", "2026-12-01", "null", "invitation", "arrived", 0);
    char id[MC_VISITOR_ID_CAP];
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(
        mc_visitor_invite_again(client, "vis_a", "2026-12-10", 600, 660, id, sizeof id, &err),
        MC_OK);
    ck_assert_str_ne(id, "vis_a");
    mc_visitor *v = get(id);
    ck_assert_str_eq(v->name, "Zoe Fernandes");
    ck_assert_str_eq(v->email, "v@example.com");
    ck_assert_str_eq(v->phone, "");
    ck_assert_str_eq(v->date, "2026-12-10");
    ck_assert_int_eq(v->window_to_min, 660);
    ck_assert(v->pending);
    mc_visitor_free(v);
    ck_assert_int_eq(
        mc_visitor_invite_again(client, "vis_a", "2026-12-13", -1, -1, id, sizeof id, &err),
        MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "closed on Sunday 13 Dec") != NULL, "%s", err.message);
    ck_assert_int_eq(
        mc_visitor_invite_again(client, "vis_zz", "2026-12-10", -1, -1, id, sizeof id, &err),
        MC_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_walk_in_decision_and_its_fifteen_minutes)
{
    int64_t due = T0 + 15 * MINUTE_MS; /* 10:15 IST */
    pull_visitor("vis_w", "Meera", "2026-12-04", "null", "walk_in", "awaiting_approval", due);
    pull_visitor("vis_x", "Kabir", "2026-12-04", "null", "walk_in", "awaiting_approval", due);
    mc_visitor *v = get("vis_w");
    ck_assert(v->walk_in);
    ck_assert_int_eq(v->approval_due_ms, due);
    ck_assert_int_eq(v->approval_due.hour, 10);
    ck_assert_int_eq(v->approval_due.minute, 15);
    mc_visitor_free(v);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_visitor_decide(client, "vis_w", true, &err), MC_OK);
    v = get("vis_w");
    ck_assert_int_eq(v->status, MC_VISITOR_ARRIVED);
    ck_assert_int_eq(v->checkin, MC_VISITOR_CHECKIN_RECEPTION);
    ck_assert(v->pending);
    mc_visitor_free(v);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE kind = 'visitor.decide' AND "
                                "json_extract(payload, '$.decision') = 'approve'"),
                     1);
    ck_assert_int_eq(mc_visitor_decide(client, "vis_w", false, &err), MC_ERR_STATE);
    ck_assert_int_eq(mc_visitor_cancel(client, "vis_x", &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "awaiting your approval") != NULL, "%s", err.message);
    now = due; /* the device's clock reaches 10:15 */
    ck_assert_int_eq(mc_visitor_decide(client, "vis_x", false, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "declined automatically at 10:15 IST") != NULL, "%s",
                  err.message);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE entity_id = 'vis_x'"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("visitors");
    TCase *pure = tcase_create("pure");
    tcase_add_test(pure, test_status_names);
    tcase_add_test(pure, test_window_checks);
    tcase_add_test(pure, test_name_checks);
    tcase_add_test(pure, test_date_checks);
    tcase_add_test(pure, test_moves);
    suite_add_tcase(s, pure);
    TCase *store = tcase_create("store");
    tcase_add_checked_fixture(store, store_setup, store_teardown);
    tcase_set_timeout(store, 30);
    tcase_add_test(store, test_invite_offline_is_queued_and_listed);
    tcase_add_test(store, test_refused_invitations_keep_nothing);
    tcase_add_test(store, test_upcoming_order_and_history);
    tcase_add_test(store, test_upcoming_is_each_buildings_today);
    tcase_add_test(store, test_cancel_shows_at_once_and_a_refusal_rolls_back);
    tcase_add_test(store, test_invite_again_copies_the_person);
    tcase_add_test(store, test_walk_in_decision_and_its_fifteen_minutes);
    suite_add_tcase(s, store);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
