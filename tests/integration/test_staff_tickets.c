/*
 * tests/integration/test_staff_tickets.c - a facility ticket in staff hands, end to end through
 * the public API against a real memberstub: a member files it (mc_ticket_file) and syncs;
 * Kiran Das (staff, BLR-1) finds it in the queue, assigns it to himself, starts it, replies
 * and leaves an internal note, and resolves it (membercore/staff.h); after each step the
 * member's sync shows the new status, the reply but never the note, and a support
 * notification that opens the ticket. Tom Reed (staff, LON-1) gets not found for it, whatever
 * he tries; the member gets forbidden from the staff calls; a refused move names the rule;
 * the queue's SLA badge follows the clock (on track, at risk, breached).
 *
 * Both clocks (the stub's and the clients') are set to the same instant; nothing sleeps.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_helpers.h"
#include "tempdir.h"

#define ASHA  "+919800000001"
#define KIRAN "+919800000010"
#define TOM   "+447700900010"
/* Monday 2027-01-04 10:00 in Bengaluru: BLR-1 is open */
#define T0        1799037000000LL
#define MINUTE_MS 60000LL

static helper_fixture f;

static void setup(void)
{
    helper_fixture_start(&f, T0);
}

static void teardown(void)
{
    helper_fixture_stop(&f);
}

static void advance(int64_t ms)
{
    helper_fixture_set_now(&f, f.now + ms);
}

static void sync_now(mc_client *c)
{
    ck_assert_int_eq(helper_sync_until_drained(c, 5), MC_OK);
}

/* The member's ticket as their device now holds it (after a sync). */
static mc_ticket *members_ticket(mc_client *member, const char *id)
{
    sync_now(member);
    mc_ticket *t = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_get(member, id, &t, &err) == MC_OK, "ticket: %s", err.message);
    return t;
}

/* Whether the member's timeline has an entry of type with text (NULL: any). */
static bool has_entry(const mc_ticket *t, mc_ticket_entry_type type, const char *text)
{
    for (size_t i = 0; i < t->timeline_count; i++)
        if (t->timeline[i].type == type && (text == NULL || strcmp(t->timeline[i].text, text) == 0))
            return true;
    return false;
}

/* Whether any timeline entry mentions needle. */
static bool timeline_mentions(const mc_ticket *t, const char *needle)
{
    for (size_t i = 0; i < t->timeline_count; i++)
        if (strstr(t->timeline[i].text, needle) != NULL)
            return true;
    return false;
}

/* The member's support notifications that open ticket id (named by its number). */
static size_t support_notifications(mc_client *member, const char *id)
{
    mc_notification_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_notifications_list(member, false, &list, &err), MC_OK);
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const mc_notification *x = &list->items[i];
        if (x->category == MC_NOTIFY_SUPPORT && x->link_kind == MC_LINK_TICKET &&
            strstr(x->deep_link, id) != NULL && strcmp(x->link_id, id) == 0 &&
            strcmp(x->link_text, "opens ticket T-1001") == 0)
            n++;
    }
    mc_notification_list_free(list);
    return n;
}

START_TEST(test_staff_work_a_members_ticket_end_to_end)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_client *tom = helper_fixture_member(&f, "tom", TOM);
    mc_error err = MC_ERROR_INIT;

    /* The member files it; the sync takes it to the server. */
    mc_ticket_draft draft = {.category_id = "cleaning.washroom",
                             .priority = MC_TICKET_PRIORITY_HIGH,
                             .description = "The second-floor washroom is out of soap"};
    char id[40];
    ck_assert_msg(mc_ticket_file(asha, &draft, id, sizeof id, &err) == MC_OK, "file: %s",
                  err.message);
    mc_ticket *mine = members_ticket(asha, id);
    ck_assert_str_eq(mine->number, "T-1001");
    ck_assert_int_eq(mine->status, MC_TICKET_OPEN);
    mc_ticket_free(mine);
    size_t told = support_notifications(asha, id);
    ck_assert_uint_ge(told, 1); /* received */

    /* The queue: it is there, with the member and the server's SLA instant. */
    mc_staff_ticket_list *queue = NULL;
    ck_assert_msg(mc_staff_tickets_list(kiran, MC_STAFF_QUEUE_ACTIVE, &queue, &err) == MC_OK,
                  "queue: %s", err.message);
    ck_assert_uint_eq(queue->count, 1);
    ck_assert_str_eq(queue->items[0].ticket.id, id);
    ck_assert_str_eq(queue->items[0].ticket.number, "T-1001");
    ck_assert_str_eq(queue->items[0].reporter_name, "Asha Rao");
    ck_assert_str_eq(queue->items[0].assignee_id, "");
    ck_assert_str_eq(queue->items[0].ticket.category_path, "Cleaning/Washroom");
    ck_assert_int_eq(queue->items[0].ticket.resolution_due_ms, T0 + 30 * MINUTE_MS);
    ck_assert_str_eq(queue->items[0].ticket.resolution_due.label, "IST");
    ck_assert_int_eq(queue->items[0].ticket.resolution_due.hour, 10);
    ck_assert_int_eq(queue->items[0].ticket.resolution_due.minute, 30);
    ck_assert_int_eq(queue->items[0].ticket.sla, MC_SLA_ON_TRACK);
    ck_assert_ptr_null(queue->items[0].ticket.timeline);
    mc_staff_ticket_list_free(queue);

    /* Starting an open ticket is refused with the rule's words. */
    mc_staff_ticket *t = NULL;
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, "T-1001", MC_TICKET_IN_PROGRESS, &t, &err),
                     MC_ERR_STATE);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err.message, "assign it first") != NULL, "%s", err.message);

    /* Assign to himself: the member sees who has it. */
    advance(5 * MINUTE_MS);
    ck_assert_int_eq(mc_staff_ticket_assign(kiran, "T-1001", NULL, &t, &err), MC_OK);
    ck_assert_int_eq(t->ticket.status, MC_TICKET_ASSIGNED);
    ck_assert_str_eq(t->ticket.assignee_name, "Kiran Das");
    ck_assert_int_eq(t->ticket.responded_at_ms, T0 + 5 * MINUTE_MS);
    mc_staff_ticket_free(t);
    mine = members_ticket(asha, id);
    ck_assert_int_eq(mine->status, MC_TICKET_ASSIGNED);
    ck_assert_str_eq(mine->assignee_name, "Kiran Das");
    mc_ticket_free(mine);
    ck_assert_uint_eq(support_notifications(asha, id), ++told);

    /* Start. */
    advance(5 * MINUTE_MS);
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, id, MC_TICKET_IN_PROGRESS, &t, &err), MC_OK);
    ck_assert_int_eq(t->ticket.status, MC_TICKET_IN_PROGRESS);
    mc_staff_ticket_free(t);
    mine = members_ticket(asha, id);
    ck_assert_int_eq(mine->status, MC_TICKET_IN_PROGRESS);
    mc_ticket_free(mine);
    ck_assert_uint_eq(support_notifications(asha, id), ++told);

    /* A reply and an internal note: staff see both; the member only the reply. */
    ck_assert_int_eq(mc_staff_ticket_comment(kiran, id, "Refilling it now.", false, &t, &err),
                     MC_OK);
    mc_staff_ticket_free(t);
    ck_assert_int_eq(
        mc_staff_ticket_comment(kiran, id, "Dispenser lid is cracked; order one.", true, &t, &err),
        MC_OK);
    ck_assert_uint_eq(t->note_count, 1);
    ck_assert_str_eq(t->notes[0].text, "Dispenser lid is cracked; order one.");
    ck_assert_str_eq(t->notes[0].author_name, "Kiran Das");
    ck_assert_str_eq(t->notes[0].at.label, "IST");
    bool reply_seen = false;
    for (size_t i = 0; i < t->ticket.timeline_count; i++) {
        ck_assert(strstr(t->ticket.timeline[i].text, "cracked") == NULL);
        if (t->ticket.timeline[i].type == MC_TICKET_ENTRY_COMMENT) {
            reply_seen = true;
            ck_assert_str_eq(t->ticket.timeline[i].author_name, "Kiran Das");
        }
    }
    ck_assert(reply_seen);
    mc_staff_ticket_free(t);
    mine = members_ticket(asha, id);
    ck_assert(has_entry(mine, MC_TICKET_ENTRY_COMMENT, "Refilling it now."));
    ck_assert(!timeline_mentions(mine, "cracked"));
    mc_ticket_free(mine);
    ck_assert_uint_eq(support_notifications(asha, id), ++told); /* the reply; the note: none */

    /* Resolve within the SLA: met. */
    advance(10 * MINUTE_MS);
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, "T-1001", MC_TICKET_RESOLVED, &t, &err),
                     MC_OK);
    ck_assert_int_eq(t->ticket.status, MC_TICKET_RESOLVED);
    ck_assert_int_eq(t->ticket.sla, MC_SLA_MET);
    mc_staff_ticket_free(t);
    mine = members_ticket(asha, id);
    ck_assert_int_eq(mine->status, MC_TICKET_RESOLVED);
    ck_assert_int_eq(mine->sla, MC_SLA_MET);
    ck_assert(!timeline_mentions(mine, "cracked"));
    mc_ticket_free(mine);
    ck_assert_uint_eq(support_notifications(asha, id), ++told);

    /* Tom, at LON-1: not found, by id or number, for every call; his queue is empty. */
    const char *names[] = {id, "T-1001"};
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(mc_staff_ticket_get(tom, names[i], &t, &err), MC_ERR_NOT_FOUND);
        ck_assert_int_eq(mc_staff_ticket_assign(tom, names[i], NULL, &t, &err), MC_ERR_NOT_FOUND);
        ck_assert_int_eq(mc_staff_ticket_set_status(tom, names[i], MC_TICKET_OPEN, &t, &err),
                         MC_ERR_NOT_FOUND);
        ck_assert_int_eq(mc_staff_ticket_comment(tom, names[i], "hi", true, &t, &err),
                         MC_ERR_NOT_FOUND);
        ck_assert_ptr_null(t);
    }
    ck_assert_int_eq(mc_staff_tickets_list(tom, MC_STAFF_QUEUE_ALL, &queue, &err), MC_OK);
    ck_assert_uint_eq(queue->count, 0);
    mc_staff_ticket_list_free(queue);

    /* The member is no staff. */
    ck_assert_int_eq(mc_staff_tickets_list(asha, MC_STAFF_QUEUE_ACTIVE, &queue, &err),
                     MC_ERR_FORBIDDEN);
    ck_assert_ptr_null(queue);
    ck_assert_msg(strstr(err.message, "staff only") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_staff_ticket_get(asha, id, &t, &err), MC_ERR_FORBIDDEN);

    mc_client_close(asha);
    mc_client_free(asha);
    mc_client_close(kiran);
    mc_client_free(kiran);
    mc_client_close(tom);
    mc_client_free(tom);
}
END_TEST

START_TEST(test_staff_calls_check_their_arguments)
{
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_staff_ticket *t = NULL;
    mc_staff_ticket_list *list = NULL;
    mc_staff_colleague_list *colleagues = NULL;
    mc_staff_queue q;
    ck_assert_int_eq(mc_staff_queue_parse("In-Progress", &q, &err), MC_OK);
    ck_assert_int_eq(q, MC_STAFF_QUEUE_IN_PROGRESS);
    ck_assert_str_eq(mc_staff_queue_name(q), "in_progress");
    ck_assert_int_eq(mc_staff_queue_parse("urgent", &q, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "urgent") != NULL, "%s", err.message);
    ck_assert_int_eq(mc_staff_tickets_list(kiran, (mc_staff_queue)42, &list, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_staff_ticket_get(kiran, "../me", &t, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_staff_ticket_get(kiran, "", &t, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_staff_ticket_get(kiran, "T-4242", &t, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, "T-1001", MC_TICKET_CLOSED, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_staff_ticket_comment(kiran, "T-1001", "   ", false, &t, &err),
                     MC_ERR_INVALID_ARG);
    char *long_text = malloc(2002);
    ck_assert_ptr_nonnull(long_text);
    memset(long_text, 'x', 2001);
    long_text[2001] = '\0';
    ck_assert_int_eq(mc_staff_ticket_comment(kiran, "T-1001", long_text, false, &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "2000") != NULL, "%s", err.message);
    free(long_text);
    ck_assert_int_eq(mc_staff_ticket_assign(kiran, "T-1001", "usr_5eed000000000011", &t, &err),
                     MC_ERR_NOT_FOUND); /* no such ticket yet */
    ck_assert_int_eq(mc_staff_colleagues_list(kiran, &colleagues, &err), MC_OK);
    ck_assert_uint_eq(colleagues->count, 2);
    ck_assert_str_eq(colleagues->items[0].name, "Kiran Das");
    ck_assert_str_eq(colleagues->items[1].name, "Priya Nair");
    mc_staff_colleague_list_free(colleagues);
    mc_client_close(kiran);
    mc_client_free(kiran);
}
END_TEST

START_TEST(test_assign_to_someone_not_of_the_building_is_invalid)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_ticket_draft draft = {.category_id = "it.wifi",
                             .priority = MC_TICKET_PRIORITY_NORMAL,
                             .description = "Wi-Fi drops every few minutes"};
    char id[40];
    ck_assert_int_eq(mc_ticket_file(asha, &draft, id, sizeof id, &err), MC_OK);
    sync_now(asha);
    mc_staff_ticket *t = NULL;
    ck_assert_int_eq(mc_staff_ticket_assign(kiran, id, "usr_5eed000000000011", &t, &err),
                     MC_ERR_INVALID_ARG);
    ck_assert_str_eq(err.server_code, "not_a_colleague");
    ck_assert_ptr_null(t);
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, id, MC_TICKET_OPEN, &t, &err), MC_ERR_STATE);
    ck_assert_str_eq(err.server_code, "invalid_transition");
    mc_client_close(asha);
    mc_client_free(asha);
    mc_client_close(kiran);
    mc_client_free(kiran);
}
END_TEST

/* The queue's badge is the server's instants against the desk's clock: on track, at risk
 * from 80% of the business minutes, breached after the due time; resolved late stays
 * breached (the server's outcome). */
START_TEST(test_queue_badges_follow_the_clock)
{
    mc_client *asha = helper_fixture_member(&f, "asha", ASHA);
    mc_client *kiran = helper_fixture_member(&f, "kiran", KIRAN);
    mc_error err = MC_ERROR_INIT;
    mc_ticket_draft draft = {.category_id = "cleaning.washroom", /* 60 minutes; high: 30 */
                             .priority = MC_TICKET_PRIORITY_HIGH,
                             .description = "Washroom floor is wet"};
    char id[40];
    ck_assert_int_eq(mc_ticket_file(asha, &draft, id, sizeof id, &err), MC_OK);
    sync_now(asha);
    const int64_t minutes[] = {0, 23, 24, 30, 31};
    const mc_sla_state want[] = {MC_SLA_ON_TRACK, MC_SLA_ON_TRACK, MC_SLA_AT_RISK, MC_SLA_AT_RISK,
                                 MC_SLA_BREACHED};
    for (size_t i = 0; i < 5; i++) {
        helper_fixture_set_now(&f, T0 + minutes[i] * MINUTE_MS);
        mc_staff_ticket_list *queue = NULL;
        ck_assert_int_eq(mc_staff_tickets_list(kiran, MC_STAFF_QUEUE_ACTIVE, &queue, &err), MC_OK);
        ck_assert_uint_eq(queue->count, 1);
        ck_assert_msg(queue->items[0].ticket.sla == want[i], "at +%d min: %s, wanted %s",
                      (int)minutes[i], mc_sla_state_name(queue->items[0].ticket.sla),
                      mc_sla_state_name(want[i]));
        mc_staff_ticket_list_free(queue);
    }
    mc_staff_ticket *t = NULL;
    ck_assert_int_eq(mc_staff_ticket_assign(kiran, id, NULL, &t, &err), MC_OK);
    mc_staff_ticket_free(t);
    ck_assert_int_eq(mc_staff_ticket_set_status(kiran, id, MC_TICKET_RESOLVED, &t, &err), MC_OK);
    ck_assert_int_eq(t->ticket.sla, MC_SLA_BREACHED);
    mc_staff_ticket_free(t);
    mc_client_close(asha);
    mc_client_free(asha);
    mc_client_close(kiran);
    mc_client_free(kiran);
}
END_TEST

static Suite *staff_tickets_suite(void)
{
    Suite *s = suite_create("staff_tickets");
    TCase *tc = tcase_create("staff");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_staff_work_a_members_ticket_end_to_end);
    tcase_add_test(tc, test_staff_calls_check_their_arguments);
    tcase_add_test(tc, test_assign_to_someone_not_of_the_building_is_invalid);
    tcase_add_test(tc, test_queue_badges_follow_the_clock);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(staff_tickets_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
