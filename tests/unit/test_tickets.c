/*
 * tests/unit/test_tickets.c - the tickets module's pure parts: a wire ticket read into an
 * mc_ticket (timeline, photos, internal notes left out) and its SLA badge at chosen clocks,
 * the wire names.
 */
#include <cJSON.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tickets/parse.h"

/* Due 10:00, at risk from 09:48 (UTC ms of an arbitrary day). */
#define T_FILED 1799000000000LL
#define T_RISK  (T_FILED + 48 * 60000LL)
#define T_DUE   (T_FILED + 60 * 60000LL)
#define T_RESP  (T_FILED + 15 * 60000LL)

static const char wire_ticket[] =
    "{\"id\":\"tkt_0123456789abcdef0123456789abcdef\",\"number\":\"T-1001\","
    "\"building_id\":\"BLR-1\",\"category_id\":\"cleaning.washroom\",\"priority\":\"high\","
    "\"description\":\"Tap leaking\",\"location\":{\"kind\":\"cabin\",\"id\":null,"
    "\"name\":\"Cabin 1019\"},\"status\":\"assigned\",\"assignee_name\":\"Kiran Das\","
    "\"created_at_ms\":1799000000000,\"updated_at_ms\":1799000300000,\"resolved_at_ms\":null,"
    "\"closed_at_ms\":null,\"reopen_until_ms\":null,"
    "\"sla\":{\"basis\":\"business_hours\",\"response_due_ms\":1799000900000,"
    "\"resolution_due_ms\":1799003600000,\"at_risk_from_ms\":1799002880000,"
    "\"responded_at_ms\":1799000300000,\"outcome\":null},"
    "\"timeline\":[{\"id\":\"ent_1\",\"at_ms\":1799000000000,\"type\":\"created\","
    "\"author\":{\"role\":\"member\",\"name\":\"Asha Rao\"},\"from\":null,\"to\":\"open\","
    "\"text\":null,\"photo_ids\":[\"pho_a\"]},"
    "{\"id\":\"ent_2\",\"at_ms\":1799000300000,\"type\":\"status\",\"author\":{\"role\":"
    "\"staff\",\"name\":\"Kiran Das\"},\"from\":\"open\",\"to\":\"assigned\",\"text\":null,"
    "\"photo_ids\":[]},"
    "{\"id\":\"ent_3\",\"at_ms\":1799000350000,\"type\":\"note\",\"internal\":true,"
    "\"author\":{\"role\":\"staff\",\"name\":\"Kiran Das\"},\"text\":\"secret\"},"
    "{\"id\":\"ent_4\",\"at_ms\":1799000400000,\"type\":\"comment\",\"author\":{\"role\":"
    "\"staff\",\"name\":\"Kiran Das\"},\"from\":null,\"to\":null,\"text\":\"On my way\","
    "\"photo_ids\":[]}],"
    "\"photos\":[{\"id\":\"pho_a\",\"comment_id\":null,\"content_type\":\"image/jpeg\","
    "\"bytes\":2048,\"sha256\":\"ab\",\"uploaded\":true,\"uploaded_at_ms\":1799000100000},"
    "{\"id\":\"pho_b\",\"comment_id\":\"cmt_1\",\"content_type\":\"image/png\",\"bytes\":4096,"
    "\"sha256\":\"cd\",\"uploaded\":false,\"uploaded_at_ms\":null}]}";

/* Every field of the wire ticket lands; internal notes never do; "You" for the member. */
START_TEST(test_wire_ticket_parses)
{
    cJSON *obj = cJSON_Parse(wire_ticket);
    ck_assert_ptr_nonnull(obj);
    mc_ticket t;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ticket_from_json(obj, T_FILED + 60000, true, &t, &err), MC_OK);
    ck_assert_str_eq(t.number, "T-1001");
    ck_assert_str_eq(t.building_id, "BLR-1");
    ck_assert_int_eq(t.priority, MC_TICKET_PRIORITY_HIGH);
    ck_assert_int_eq(t.location_kind, MC_TICKET_LOCATION_CABIN);
    ck_assert_str_eq(t.location_name, "Cabin 1019");
    ck_assert_str_eq(t.location_id, "");
    ck_assert_int_eq(t.status, MC_TICKET_ASSIGNED);
    ck_assert_str_eq(t.assignee_name, "Kiran Das");
    ck_assert_int_eq(t.resolution_due_ms, T_DUE);
    ck_assert_int_eq(t.responded_at_ms, T_FILED + 300000);
    ck_assert_int_eq(t.resolved_at_ms, 0);
    ck_assert_int_eq(t.sla, MC_SLA_ON_TRACK);
    ck_assert_uint_eq(t.timeline_count, 3); /* the internal note is left out */
    ck_assert_str_eq(t.timeline[0].author_name, "You");
    ck_assert_uint_eq(t.timeline[0].photo_count, 1);
    ck_assert_str_eq(t.timeline[0].photo_ids[0], "pho_a");
    ck_assert_int_eq(t.timeline[1].type, MC_TICKET_ENTRY_STATUS);
    ck_assert_int_eq(t.timeline[1].from, MC_TICKET_OPEN);
    ck_assert_int_eq(t.timeline[1].to, MC_TICKET_ASSIGNED);
    ck_assert_str_eq(t.timeline[1].text, "Assigned");
    ck_assert_str_eq(t.timeline[2].text, "On my way");
    ck_assert_str_eq(t.timeline[2].author_name, "Kiran Das");
    for (size_t i = 0; i < t.timeline_count; i++)
        ck_assert_msg(strstr(t.timeline[i].text, "secret") == NULL, "a note leaked");
    ck_assert_uint_eq(t.photo_count, 2);
    ck_assert(t.photos[0].uploaded);
    ck_assert_int_eq(t.photos[0].sent_bytes, 2048);
    ck_assert_str_eq(t.photos[1].comment_id, "cmt_1");
    ck_assert_int_eq(t.photos[1].sent_bytes, 0);
    ck_assert_int_eq(t.photos_waiting, 1);
    mci_ticket_clear(&t);

    /* staff keep the member's name */
    ck_assert_int_eq(mci_ticket_from_json(obj, T_FILED, false, &t, &err), MC_OK);
    ck_assert_str_eq(t.timeline[0].author_name, "Asha Rao");
    mci_ticket_clear(&t);
    cJSON_Delete(obj);
}
END_TEST

/* The badge is the clock against the server's instants, at the edges. */
START_TEST(test_sla_badge_at_chosen_clocks)
{
    cJSON *obj = cJSON_Parse(wire_ticket);
    mc_ticket t;
    mc_error err = MC_ERROR_INIT;
    static const struct {
        int64_t now;
        mc_sla_state want;
    } clocks[] = {
        {T_FILED, MC_SLA_ON_TRACK}, {T_RISK - 1, MC_SLA_ON_TRACK}, {T_RISK, MC_SLA_AT_RISK},
        {T_DUE, MC_SLA_AT_RISK},    {T_DUE + 1, MC_SLA_BREACHED},
    };
    for (size_t i = 0; i < sizeof clocks / sizeof *clocks; i++) {
        ck_assert_int_eq(mci_ticket_from_json(obj, clocks[i].now, true, &t, &err), MC_OK);
        ck_assert_msg(t.sla == clocks[i].want, "at +%lld ms: %s, wanted %s",
                      (long long)(clocks[i].now - T_FILED), mc_sla_state_name(t.sla),
                      mc_sla_state_name(clocks[i].want));
        mci_ticket_clear(&t);
    }
    /* resolved: the server's outcome, whatever the clock */
    cJSON *sla = cJSON_GetObjectItem(obj, "sla");
    cJSON_ReplaceItemInObject(obj, "status", cJSON_CreateString("resolved"));
    cJSON_ReplaceItemInObject(sla, "outcome", cJSON_CreateString("breached"));
    ck_assert_int_eq(mci_ticket_from_json(obj, T_FILED, true, &t, &err), MC_OK);
    ck_assert_int_eq(t.sla, MC_SLA_BREACHED);
    mci_ticket_clear(&t);
    cJSON_ReplaceItemInObject(sla, "outcome", cJSON_CreateString("met"));
    ck_assert_int_eq(mci_ticket_from_json(obj, T_DUE + 86400000, true, &t, &err), MC_OK);
    ck_assert_int_eq(t.sla, MC_SLA_MET);
    mci_ticket_clear(&t);
    /* no SLA yet: none, never one made up */
    cJSON_DeleteItemFromObject(obj, "sla");
    cJSON_ReplaceItemInObject(obj, "status", cJSON_CreateString("open"));
    ck_assert_int_eq(mci_ticket_from_json(obj, T_DUE + 1, true, &t, &err), MC_OK);
    ck_assert_int_eq(t.sla, MC_SLA_NONE);
    ck_assert_int_eq(t.resolution_due_ms, 0);
    mci_ticket_clear(&t);
    cJSON_Delete(obj);
    ck_assert_int_eq(mci_ticket_sla_state(MC_TICKET_CLOSED, 0, T_RISK, T_DUE, T_DUE + 1, NULL),
                     MC_SLA_BREACHED);
}
END_TEST

/* A ticket without an id is the server's fault, said so. */
START_TEST(test_wire_ticket_without_id_is_refused)
{
    cJSON *obj = cJSON_Parse("{\"number\":\"T-1\"}");
    mc_ticket t;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ticket_from_json(obj, 0, true, &t, &err), MC_ERR_SERVER);
    ck_assert_msg(strstr(err.message, "id") != NULL, "message: %s", err.message);
    mci_ticket_clear(&t);
    cJSON_Delete(obj);
}
END_TEST

/* The names both ways. */
START_TEST(test_ticket_names)
{
    ck_assert_str_eq(mc_ticket_status_name(MC_TICKET_IN_PROGRESS), "in_progress");
    ck_assert_str_eq(mc_ticket_status_name((mc_ticket_status)9), "unknown");
    ck_assert_str_eq(mc_ticket_priority_name(MC_TICKET_PRIORITY_URGENT), "urgent");
    ck_assert_str_eq(mc_sla_state_name(MC_SLA_AT_RISK), "at_risk");
    ck_assert_str_eq(mc_ticket_location_kind_name(MC_TICKET_LOCATION_DESK), "desk");
    mc_ticket_priority p = MC_TICKET_PRIORITY_LOW;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_ticket_priority_parse("High", &p, &err), MC_OK);
    ck_assert_int_eq(p, MC_TICKET_PRIORITY_HIGH);
    ck_assert_int_eq(mc_ticket_priority_parse("asap", &p, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "asap") != NULL, "message: %s", err.message);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tickets");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, test_wire_ticket_parses);
    tcase_add_test(tc, test_sla_badge_at_chosen_clocks);
    tcase_add_test(tc, test_wire_ticket_without_id_is_refused);
    tcase_add_test(tc, test_ticket_names);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
