/*
 * tests/integration/test_desks.c - hot desks by the day end to end against a real memberstub
 * (docs/today-desks-community.md, "Desks"): booked offline with the plan's desk days and with
 * credits, pending until the sync confirms them with a door code on the device (and the door
 * checks the desk in); refused on sync when another member took the desk first, rolled back
 * with the rule's words; two members racing offline for one desk-day: exactly one confirmed;
 * Razorpay (a forged signature refused, a real one confirms); cancelling gives the desk day or
 * the credits back; a desk not checked in is released at the building's 11:00 cut-off (the
 * stub's test clock) and the member is told. Each test runs its own memberstub with its clock
 * at T0; time moves by the test clock and the clients' injected clock, never by sleeping.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <membercore/access.h>
#include <membercore/desks.h>
#include <membercore/membercore.h>

#include "notify_helpers.h"
#include "stub_process.h"
#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA   "+919800000001" /* ACME, BLR-1, 8 desk days a month */
#define VIKRAM "+919800000002" /* ACME, BLR-1, dedicated desk BLR-1-D14 */
#define OLIVIA "+447700900001" /* HART, LON-1, 5 desk days a month */
/* Nothing listens there: a client pointed at it is offline. */
#define DEAD_SERVER "http://127.0.0.1:1"

#define MINUTE_MS 60000LL
#define HOUR_MS   (60 * MINUTE_MS)
/* Monday 4 January 2027, 10:00 in Bengaluru (04:30 UTC). */
#define T0           1799037000000LL
#define TUE_0000_IST 1799087400000LL
#define TUE_1100_IST (TUE_0000_IST + 660 * MINUTE_MS)

static helper_fixture fx;

static void setup(void)
{
    helper_fixture_start(&fx, T0);
}

static void teardown(void)
{
    notify_fixture_stop(&fx);
}

static mc_client *member(const char *name, const char *phone)
{
    return notify_member(&fx, name, phone);
}

static void sync_ok(mc_client *c)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(c, NULL, &err) == MC_OK, "sync: %s", err.message);
}

static mc_desk_booking *book(mc_client *c, const char *desk, const char *date, mc_desk_payment pay)
{
    mc_desk_booking *b = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_desk_book(c, desk, date, pay, &b, &err) == MC_OK, "book %s: %s", desk,
                  err.message);
    return b;
}

/* The booking as c now shows it (aborts when it is not there). */
static mc_desk_booking *shown(mc_client *c, const char *id)
{
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_bookings_list(c, NULL, &list, &err), MC_OK);
    mc_desk_booking *found = NULL;
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].id, id) == 0) {
            found = malloc(sizeof *found);
            *found = list->items[i];
            list->items[i] = list->items[--list->count];
        }
    mc_desk_booking_list_free(list);
    ck_assert_msg(found != NULL, "desk booking %s is not listed", id);
    return found;
}

static size_t listed(mc_client *c)
{
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_bookings_list(c, NULL, &list, &err), MC_OK);
    size_t n = list->count;
    mc_desk_booking_list_free(list);
    return n;
}

static mc_desk_search *search(mc_client *c, const char *building, const char *date)
{
    mc_desk_query q = {building, date, NULL, NULL, 0};
    mc_desk_search *s = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_desks_search(c, &q, &s, &err) == MC_OK, "%s", err.message);
    return s;
}

static bool is_free(const mc_desk_search *s, const char *desk_id)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->desks[i].id, desk_id) == 0)
            return true;
    return false;
}

/* The door at building scanning c's code of credential at the clients' clock, way in. */
static bool door_grants(mc_client *c, const char *building, const char *credential)
{
    char payload[MC_ACCESS_PAYLOAD_MAX], body[256];
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_credential_payload(c, credential, payload, sizeof payload, NULL, &err) ==
                      MC_OK,
                  "%s", err.message);
    snprintf(body, sizeof body, "{\"building\":\"%s\",\"payload\":\"%s\",\"direction\":\"in\"}",
             building, payload);
    char *answer = NULL;
    ck_assert_int_eq(stub_request(fx.stub, "POST", "/v1/test/door/scan", body, NULL, &answer), 200);
    cJSON *doc = cJSON_Parse(answer);
    free(answer);
    bool granted = cJSON_IsTrue(cJSON_GetObjectItem(doc, "granted"));
    cJSON_Delete(doc);
    return granted;
}

/* Plan and credits bookings made offline are pending, hold their desk here at once and
 * spend a desk day or credits; the sync confirms them with a door code on the device and a
 * desk.confirmed notification; the door checks the desk in, and a checked-in desk is kept
 * past the cut-off. */
START_TEST(test_offline_plan_and_credits_confirmed_on_sync)
{
    mc_client *asha = member("asha", ASHA);
    mc_desk_search *s = search(asha, NULL, "2027-01-05");
    ck_assert_int_eq(s->desk_days_left, 8);
    ck_assert_int_eq(s->day_credits, 4);
    ck_assert_int_eq(s->day_price.minor, 70800); /* 600 + 18% GST */
    ck_assert_str_eq(s->checkin_by.iso8601, "2027-01-05T11:00:00+05:30");
    int32_t credits = s->credits_left;
    ck_assert_int_ge(credits, 8);
    ck_assert(is_free(s, "BLR-1-D07"));
    ck_assert(!is_free(s, "BLR-1-D14")); /* a dedicated desk is never searched */
    mc_desk_search_free(s);

    mc_desk_booking *plan = book(asha, "BLR-1-D07", "2027-01-05", MC_DESK_PAY_PLAN);
    mc_desk_booking *paid = book(asha, "BLR-1-D08", "2027-01-06", MC_DESK_PAY_CREDITS);
    ck_assert_int_eq(plan->status, MC_DESK_BOOKING_PENDING);
    ck_assert(plan->pending);
    ck_assert_int_eq(paid->credits, 4);
    s = search(asha, NULL, "2027-01-05");
    ck_assert(!is_free(s, "BLR-1-D07"));
    ck_assert_int_eq(s->desk_days_left, 7);
    ck_assert_int_eq(s->credits_left, credits - 4);
    mc_desk_search_free(s);

    mc_sync_report report = {0};
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_sync_once(asha, &report, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(report.pushed, 2);
    ck_assert_int_eq(report.rejected, 0);
    ck_assert(report.changed_kinds & MC_KIND_DESK_BOOKING);
    mc_desk_booking *b = shown(asha, plan->id);
    ck_assert_int_eq(b->status, MC_DESK_BOOKING_CONFIRMED);
    ck_assert(!b->pending);
    ck_assert(b->door_code_ready);
    ck_assert_str_ne(b->credential_id, "");
    ck_assert_str_eq(b->desk_name, "D07");
    ck_assert_int_eq(b->desk_days, 1);
    ck_assert_str_eq(b->checkin_by.iso8601, "2027-01-05T11:00:00+05:30");
    mc_desk_booking *c2 = shown(asha, paid->id);
    ck_assert_int_eq(c2->status, MC_DESK_BOOKING_CONFIRMED);
    ck_assert_int_eq(c2->paid_by, MC_DESK_PAY_CREDITS);
    ck_assert_int_eq(c2->credits, 4);
    mc_desk_booking_free(c2);
    s = search(asha, NULL, "2027-01-05");
    ck_assert_int_eq(s->desk_days_left, 7); /* the server's count now, nothing queued */
    ck_assert_int_eq(s->credits_left, credits - 4);
    mc_desk_search_free(s);

    /* the member is told, and the link names the desk day */
    mc_notification_list *inbox = NULL;
    const mc_notification *n = notify_find_kind(asha, "desk.confirmed", 0, &inbox);
    ck_assert_ptr_nonnull(n);
    ck_assert_int_eq(n->link_kind, MC_LINK_DESK);
    ck_assert_msg(strcmp(n->link_text, "opens desk D07 on Tue 5 Jan") == 0 ||
                      strcmp(n->link_text, "opens desk D08 on Wed 6 Jan") == 0,
                  "%s", n->link_text);
    mc_notification_list_free(inbox);

    /* the door code works offline on the day: the door checks the desk in, so it is kept */
    helper_fixture_set_now(&fx, TUE_0000_IST + 9 * HOUR_MS);
    ck_assert(door_grants(asha, "BLR-1", b->credential_id));
    helper_fixture_set_now(&fx, TUE_1100_IST + MINUTE_MS);
    sync_ok(asha);
    mc_desk_booking *kept = shown(asha, plan->id);
    ck_assert_int_eq(kept->status, MC_DESK_BOOKING_CONFIRMED);
    ck_assert(kept->checked_in);
    ck_assert_str_eq(kept->checked_in_at.iso8601, "2027-01-05T09:00:00+05:30");
    mc_desk_booking_free(kept);
    mc_desk_booking_free(b);
    mc_desk_booking_free(plan);
    mc_desk_booking_free(paid);
}
END_TEST

typedef struct rejection {
    int count;
    mc_rule rule;
    char server_code[64];
    char message[256];
    char entity_id[64];
} rejection;

static void on_rejected(void *context, const mc_sync_event *ev)
{
    rejection *r = context;
    r->count++;
    r->rule = ev->rule;
    snprintf(r->server_code, sizeof r->server_code, "%s", ev->server_code ? ev->server_code : "");
    snprintf(r->message, sizeof r->message, "%s", ev->message ? ev->message : "");
    snprintf(r->entity_id, sizeof r->entity_id, "%s", ev->entity_id ? ev->entity_id : "");
}

static uint64_t listen(mc_client *c, rejection *r)
{
    uint64_t token = 0;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_listener_add(c, MC_SYNC_EVENT_MUTATION_REJECTED, MC_DELIVER_IMMEDIATE,
                                          on_rejected, r, &token, &err),
                     MC_OK);
    return token;
}

/* Asha books D03 offline; Olivia books it and syncs first: Asha's sync is refused with the
 * rule's words, her booking rolled back and the desk shown taken; her desk day is whole. */
START_TEST(test_taken_first_by_another_rolls_back)
{
    mc_client *asha = member("asha", ASHA), *olivia = member("olivia", OLIVIA);
    rejection r = {0};
    listen(asha, &r);
    mc_desk_booking *mine = book(asha, "BLR-1-D03", "2027-01-05", MC_DESK_PAY_PLAN);
    mc_desk_booking *theirs = book(olivia, "BLR-1-D03", "2027-01-05", MC_DESK_PAY_PLAN);
    sync_ok(olivia);
    mc_desk_booking *won = shown(olivia, theirs->id);
    ck_assert_int_eq(won->status, MC_DESK_BOOKING_CONFIRMED);
    mc_desk_booking_free(won);

    mc_sync_report report = {0};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_sync_once(asha, &report, &err), MC_OK);
    ck_assert_int_eq(report.rejected, 1);
    ck_assert_int_eq(r.count, 1);
    ck_assert_int_eq(r.rule, MC_RULE_TAKEN);
    ck_assert_str_eq(r.server_code, "desk_taken");
    ck_assert_str_eq(r.entity_id, mine->id);
    ck_assert_msg(strstr(r.message, "D03 is taken on") != NULL, "%s", r.message);
    ck_assert_int_eq(listed(asha), 0);
    mc_desk_search *s = search(asha, NULL, "2027-01-05");
    ck_assert(!is_free(s, "BLR-1-D03"));
    ck_assert_int_eq(s->desk_days_left, 8);
    mc_desk_search_free(s);
    /* booking it again now is refused here, at once */
    mc_desk_booking *again = NULL;
    ck_assert_int_eq(mc_desk_book(asha, "BLR-1-D03", "2027-01-05", MC_DESK_PAY_PLAN, &again, &err),
                     MC_ERR_CONFLICT);
    ck_assert_int_eq(err.rule, MC_RULE_TAKEN);
    mc_desk_booking_free(mine);
    mc_desk_booking_free(theirs);
}
END_TEST

typedef struct sync_job {
    mc_client *c;
    pthread_barrier_t *barrier;
    mc_sync_report report;
    mc_status st;
} sync_job;

static void *sync_thread(void *arg)
{
    sync_job *j = arg;
    mc_error err = MC_ERROR_INIT;
    pthread_barrier_wait(j->barrier);
    j->st = mc_sync_once(j->c, &j->report, &err);
    return NULL;
}

/* Two members book the same desk-day offline, then both sync at once: exactly one is
 * confirmed, the other refused and rolled back; the desk is held once. */
START_TEST(test_race_offline_exactly_one_confirmed)
{
    mc_client *asha = member("asha", ASHA), *olivia = member("olivia", OLIVIA);
    rejection ra = {0}, ro = {0};
    listen(asha, &ra);
    listen(olivia, &ro);
    mc_desk_booking *a = book(asha, "BLR-1-D05", "2027-01-07", MC_DESK_PAY_CREDITS);
    mc_desk_booking *o = book(olivia, "BLR-1-D05", "2027-01-07", MC_DESK_PAY_PLAN);
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, 2);
    sync_job jobs[2] = {{asha, &barrier, {0}, MC_OK}, {olivia, &barrier, {0}, MC_OK}};
    pthread_t threads[2];
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL, sync_thread, &jobs[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    ck_assert_int_eq(jobs[0].st, MC_OK);
    ck_assert_int_eq(jobs[1].st, MC_OK);
    ck_assert_int_eq(jobs[0].report.pushed + jobs[1].report.pushed, 1);
    ck_assert_int_eq(jobs[0].report.rejected + jobs[1].report.rejected, 1);
    ck_assert_int_eq(ra.count + ro.count, 1);
    ck_assert_int_eq(ra.count ? ra.rule : ro.rule, MC_RULE_TAKEN);
    sync_ok(asha);
    sync_ok(olivia);
    ck_assert_uint_eq(listed(asha) + listed(olivia), 1);
    mc_client *winner = ra.count ? olivia : asha;
    mc_desk_booking *w = shown(winner, ra.count ? o->id : a->id);
    ck_assert_int_eq(w->status, MC_DESK_BOOKING_CONFIRMED);
    mc_desk_booking_free(w);
    mc_desk_search *s = search(asha, "BLR-1", "2027-01-07");
    ck_assert(!is_free(s, "BLR-1-D05"));
    mc_desk_search_free(s);
    mc_desk_booking_free(a);
    mc_desk_booking_free(o);
}
END_TEST

/* Razorpay: online; the server holds the desk and opens an order for the day's price with
 * tax; a forged signature is refused, a real one confirms with the door code here. A member
 * with a dedicated desk is refused a hot one. */
START_TEST(test_razorpay_and_the_dedicated_desk)
{
    mc_client *asha = member("asha", ASHA);
    mc_desk_booking *b = book(asha, "BLR-1-D09", "2027-01-08", MC_DESK_PAY_RAZORPAY);
    ck_assert_int_eq(b->status, MC_DESK_BOOKING_PENDING_PAYMENT);
    ck_assert_str_ne(b->order_id, "");
    ck_assert_str_ne(b->razorpay_key_id, "");
    ck_assert_int_eq(b->amount.minor, 70800);
    ck_assert_str_eq(b->amount.currency, "INR");
    ck_assert_int_eq(b->paid_by, MC_DESK_PAY_RAZORPAY);
    mc_desk_search *s = search(asha, NULL, "2027-01-08");
    ck_assert(!is_free(s, "BLR-1-D09")); /* held while she pays */
    mc_desk_search_free(s);
    char body[256];
    mc_error err = MC_ERROR_INIT;
    mc_desk_booking *paid = NULL;
    for (int forge = 1; forge >= 0; forge--) {
        snprintf(body, sizeof body, "{\"order_id\":\"%s\",\"forge\":%s}", b->order_id,
                 forge ? "true" : "false");
        char *answer = NULL;
        ck_assert_int_eq(
            stub_request(fx.stub, "POST", "/v1/test/razorpay/pay", body, NULL, &answer), 200);
        cJSON *p = cJSON_Parse(answer);
        free(answer);
        const char *pay_id = cJSON_GetObjectItem(p, "payment_id")->valuestring;
        const char *sig = cJSON_GetObjectItem(p, "signature")->valuestring;
        mc_status st = mc_desk_confirm_payment(asha, b->id, b->order_id, pay_id, sig, &paid, &err);
        if (forge) {
            ck_assert_int_eq(st, MC_ERR_PAYMENT_FAILED);
            ck_assert_ptr_null(paid);
        } else {
            for (int i = 0; i < 2; i++) { /* twice is harmless */
                ck_assert_msg(st == MC_OK, "%s", err.message);
                ck_assert_int_eq(paid->status, MC_DESK_BOOKING_CONFIRMED);
                ck_assert(paid->door_code_ready);
                ck_assert_str_eq(paid->desk_name, "D09");
                mc_desk_booking_free(paid);
                paid = NULL;
                if (i == 0)
                    st =
                        mc_desk_confirm_payment(asha, b->id, b->order_id, pay_id, sig, &paid, &err);
            }
        }
        cJSON_Delete(p);
    }
    mc_desk_booking_free(b);

    mc_client *vikram = member("vikram", VIKRAM);
    mc_desk *own = NULL;
    ck_assert_int_eq(mc_desk_mine(vikram, &own, &err), MC_OK);
    ck_assert_ptr_nonnull(own);
    ck_assert_str_eq(own->id, "BLR-1-D14");
    mc_desk_free(own);
    ck_assert_int_eq(
        mc_desk_book(vikram, "BLR-1-D01", "2027-01-08", MC_DESK_PAY_RAZORPAY, &b, &err),
        MC_ERR_FORBIDDEN);
    ck_assert_msg(strstr(err.message, "D14") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_desk_mine(asha, &own, &err), MC_OK);
    ck_assert_ptr_null(own);

    /* offline: a card booking needs the server, a plan one does not */
    mc_client_free(helper_fixture_member(&fx, "olivia", OLIVIA));
    char *sub = tempdir_path(fx.dir, "olivia");
    mc_client *offline = helper_open_client_at(sub, DEAD_SERVER, &fx.now);
    free(sub);
    ck_assert_int_eq(
        mc_desk_book(offline, "BLR-1-D10", "2027-01-08", MC_DESK_PAY_RAZORPAY, &b, &err),
        MC_ERR_OFFLINE);
    ck_assert_ptr_null(b);
    b = book(offline, "BLR-1-D10", "2027-01-11", MC_DESK_PAY_PLAN);
    ck_assert_int_eq(b->status, MC_DESK_BOOKING_PENDING);
    mc_desk_booking_free(b);
    mc_client_free(offline);
}
END_TEST

/* Cancelling before the cut-off: shown cancelled at once, the desk free and the desk day or
 * the credits back after the sync. */
START_TEST(test_cancel_gives_back)
{
    mc_client *asha = member("asha", ASHA);
    mc_desk_search *s = search(asha, NULL, "2027-01-06");
    int32_t credits = s->credits_left;
    mc_desk_search_free(s);
    mc_desk_booking *plan = book(asha, "BLR-1-D02", "2027-01-05", MC_DESK_PAY_PLAN);
    mc_desk_booking *paid = book(asha, "BLR-1-D04", "2027-01-06", MC_DESK_PAY_CREDITS);
    sync_ok(asha);
    s = search(asha, NULL, "2027-01-06");
    ck_assert_int_eq(s->credits_left, credits - 4);
    ck_assert_int_eq(s->desk_days_left, 7);
    mc_desk_search_free(s);
    mc_error err = MC_ERROR_INIT;
    mc_desk_booking *x = NULL;
    ck_assert_int_eq(mc_desk_cancel(asha, paid->id, &x, &err), MC_OK);
    ck_assert_int_eq(x->status, MC_DESK_BOOKING_CANCELLED);
    ck_assert(x->pending);
    mc_desk_booking_free(x);
    ck_assert_int_eq(mc_desk_cancel(asha, plan->id, NULL, &err), MC_OK);
    sync_ok(asha);
    x = shown(asha, paid->id);
    ck_assert_int_eq(x->status, MC_DESK_BOOKING_CANCELLED);
    ck_assert(!x->pending);
    ck_assert(!x->door_code_ready);
    mc_desk_booking_free(x);
    s = search(asha, NULL, "2027-01-06");
    ck_assert_int_eq(s->credits_left, credits);
    ck_assert_int_eq(s->desk_days_left, 8);
    ck_assert(is_free(s, "BLR-1-D04"));
    mc_desk_search_free(s);
    mc_desk_booking_free(plan);
    mc_desk_booking_free(paid);
}
END_TEST

/* A desk not checked in by 11:00 on its day is released: after the sync the member sees it
 * released at 11:00 IST, the desk free for others the rest of the day, its door code gone,
 * and the notification that says so; cancelling it then is refused. */
START_TEST(test_release_at_the_cutoff)
{
    mc_client *asha = member("asha", ASHA);
    mc_desk_booking *b = book(asha, "BLR-1-D11", "2027-01-05", MC_DESK_PAY_PLAN);
    sync_ok(asha);
    mc_desk_booking *c = shown(asha, b->id);
    ck_assert(c->door_code_ready);
    mc_desk_booking_free(c);
    helper_fixture_set_now(&fx, TUE_1100_IST - MINUTE_MS);
    sync_ok(asha);
    c = shown(asha, b->id);
    ck_assert_int_eq(c->status, MC_DESK_BOOKING_CONFIRMED);
    mc_desk_booking_free(c);
    helper_fixture_set_now(&fx, TUE_1100_IST + 5 * MINUTE_MS);
    sync_ok(asha);
    c = shown(asha, b->id);
    ck_assert_int_eq(c->status, MC_DESK_BOOKING_RELEASED);
    ck_assert(!c->door_code_ready);
    ck_assert_str_eq(c->released_at.iso8601, "2027-01-05T11:00:00+05:30");
    mc_desk_booking_free(c);
    mc_notification_list *inbox = NULL;
    const mc_notification *n = notify_find_kind(asha, "desk.released", 0, &inbox);
    ck_assert_ptr_nonnull(n);
    ck_assert_int_eq(n->link_kind, MC_LINK_DESK);
    ck_assert_str_eq(n->link_id, b->id);
    ck_assert_str_eq(n->link_text, "opens desk D11 on Tue 5 Jan");
    ck_assert_msg(strstr(n->body, "11:00") != NULL, "%s", n->body);
    mc_notification_list_free(inbox);
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_desk_cancel(asha, b->id, NULL, &err), MC_ERR_STATE);
    /* free for others the rest of the day: Olivia may take it (today, after the cut-off,
     * is refused: a desk booked now would be released at once) */
    mc_client *olivia = member("olivia", OLIVIA);
    mc_desk_search *s = search(olivia, "BLR-1", "2027-01-05");
    ck_assert_int_eq(s->why_none, MC_RULE_AFTER_CUTOFF);
    mc_desk_search_free(s);
    mc_desk_booking_free(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("desks");
    TCase *tc = tcase_create("desks");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_offline_plan_and_credits_confirmed_on_sync);
    tcase_add_test(tc, test_taken_first_by_another_rolls_back);
    tcase_add_test(tc, test_race_offline_exactly_one_confirmed);
    tcase_add_test(tc, test_razorpay_and_the_dedicated_desk);
    tcase_add_test(tc, test_cancel_gives_back);
    tcase_add_test(tc, test_release_at_the_cutoff);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
