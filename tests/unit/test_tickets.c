/*
 * tests/unit/test_tickets.c - the tickets module without a server: a wire ticket read into
 * an mc_ticket (timeline, photos, internal notes left out) and its SLA badge at chosen
 * clocks, the wire names, the image sniffer on real JPEG and PNG bytes, the category tree
 * and finding a leaf, the member's moves checked against a ticket's status; then against a
 * real store file: filing offline with real photo files (copied, hashed, queued; nothing
 * left when a file is not an image), the list's order and pages, the pending overlay.
 */
#include <cJSON.h>
#include <check.h>
#include <dirent.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <membercore/membercore.h>

#include "account/account.h"
#include "account/session.h"
#include "handle/handle.h"
#include "rules/image.h"
#include "sync/pull.h"
#include "tempdir.h"
#include "unit_store.h"
#include "tickets/parse.h"
#include "tickets/states.h"
#include "tickets/tree.h"

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

/* ---- The image sniffer ---------------------------------------------------------------- */

static unsigned char *read_fixture(const char *name, size_t *len)
{
    const char *fixtures = getenv("FIXTURES_DIR");
    ck_assert_msg(fixtures != NULL, "FIXTURES_DIR is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/photos/%s", fixtures, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    unsigned char *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

static char *fixture_path(const char *name)
{
    static char path[8][4096];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, sizeof path[0], "%s/photos/%s", getenv("FIXTURES_DIR"), name);
    return p;
}

/* Real JPEG and PNG files are known by their bytes, with their dimensions. */
START_TEST(test_sniffer_knows_real_images)
{
    size_t len = 0;
    unsigned char *jpg = read_fixture("python.jpg", &len);
    mci_image_info info = mci_image_sniff(jpg, len);
    ck_assert_int_eq(info.type, MCI_IMAGE_JPEG);
    ck_assert_uint_eq(info.width, 16);
    ck_assert_uint_eq(info.height, 16);
    ck_assert_str_eq(mci_image_content_type(info.type), "image/jpeg");
    /* cut before its frame header: not an image */
    ck_assert_int_eq(mci_image_sniff(jpg, 30).type, MCI_IMAGE_NONE);
    free(jpg);
    unsigned char *png = read_fixture("python.png", &len);
    info = mci_image_sniff(png, len);
    ck_assert_int_eq(info.type, MCI_IMAGE_PNG);
    ck_assert_uint_eq(info.width, 16);
    ck_assert_str_eq(mci_image_content_type(info.type), "image/png");
    png[16] = png[17] = png[18] = png[19] = 0; /* width 0 */
    info = mci_image_sniff(png, len);
    ck_assert_int_eq(info.type, MCI_IMAGE_NONE);
    ck_assert_msg(strstr(info.why, "dimensions") != NULL, "why: %s", info.why);
    free(png);
}
END_TEST

/* A text file named .jpg, a GIF, nothing: not a JPEG or PNG, with the reason. */
START_TEST(test_sniffer_refuses_the_rest)
{
    size_t len = 0;
    unsigned char *text = read_fixture("not-an-image.jpg", &len);
    mci_image_info info = mci_image_sniff(text, len);
    ck_assert_int_eq(info.type, MCI_IMAGE_NONE);
    ck_assert_msg(strstr(info.why, "its bytes are neither") != NULL, "why: %s", info.why);
    free(text);
    unsigned char *gif = read_fixture("python.gif", &len);
    ck_assert_int_eq(mci_image_sniff(gif, len).type, MCI_IMAGE_NONE);
    free(gif);
    ck_assert_int_eq(mci_image_sniff(NULL, 0).type, MCI_IMAGE_NONE);
    static const unsigned char soi_then_sos[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08};
    ck_assert_int_eq(mci_image_sniff(soi_then_sos, sizeof soi_then_sos).type, MCI_IMAGE_NONE);
}
END_TEST

/* ---- The category tree ---------------------------------------------------------------- */

static mc_ticket_category cat(const char *id, const char *parent, const char *name,
                              const char *path)
{
    mc_ticket_category c = {(char *)id,        (char *)parent, (char *)name, (char *)path,
                            parent[0] != '\0', (char *)"",     15,           60};
    return c;
}

/* By id, by path with "/" or "→", any case, spaces ignored; a top level names its leaves. */
START_TEST(test_tree_find)
{
    mc_ticket_category items[] = {
        cat("cleaning", "", "Cleaning", "Cleaning"),
        cat("cleaning.washroom", "cleaning", "Washroom", "Cleaning/Washroom"),
        cat("cleaning.pantry", "cleaning", "Pantry", "Cleaning/Pantry"),
        cat("it", "", "IT", "IT"),
        cat("it.wifi", "it", "Wi-Fi", "IT/Wi-Fi"),
    };
    mc_ticket_category_list tree = {items, 5};
    size_t i = 99;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mci_ticket_category_match(&tree, "Cleaning/Washroom", &i, &err), MC_OK);
    ck_assert_uint_eq(i, 1);
    ck_assert_int_eq(mci_ticket_category_match(&tree, " it \xE2\x86\x92 WI-FI ", &i, &err), MC_OK);
    ck_assert_uint_eq(i, 4);
    ck_assert_int_eq(mci_ticket_category_match(&tree, "cleaning.pantry", &i, &err), MC_OK);
    ck_assert_uint_eq(i, 2);
    ck_assert_int_eq(mci_ticket_category_match(&tree, "Cleaning", &i, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "Cleaning/Washroom and Cleaning/Pantry") != NULL,
                  "message: %s", err.message);
    ck_assert_int_eq(mci_ticket_category_match(&tree, "Cleaning/Roof", &i, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "Cleaning has Cleaning/Washroom") != NULL, "message: %s",
                  err.message);
    ck_assert_int_eq(mci_ticket_category_match(&tree, "Plumbing/Tap", &i, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "Cleaning and IT") != NULL, "message: %s", err.message);
    ck_assert_int_eq(mci_ticket_category_match(&tree, "  ", &i, &err), MC_ERR_INVALID_ARG);
    mc_ticket_category_list empty = {NULL, 0};
    ck_assert_int_eq(mci_ticket_category_match(&empty, "IT/Wi-Fi", &i, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "sync") != NULL, "message: %s", err.message);
}
END_TEST

/* ---- The member's moves --------------------------------------------------------------- */

START_TEST(test_moves_checked_against_status)
{
    mc_error err = MC_ERROR_INIT;
    mci_ticket_facts t = {"T-1001", MC_TICKET_OPEN, 0, {0}};
    ck_assert_int_eq(mci_ticket_check_comment(&t, &err), MC_OK);
    ck_assert_int_eq(mci_ticket_check_resolve(&t, &err), MC_OK);
    ck_assert_int_eq(mci_ticket_check_reopen(&t, 0, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "T-1001 is open, not resolved") != NULL, "message: %s",
                  err.message);
    t.status = MC_TICKET_RESOLVED;
    t.reopen_until_ms = T_DUE;
    t.reopen_until = (mc_local_time){.utc_ms = T_DUE,
                                     .year = 2027,
                                     .month = 1,
                                     .day = 3,
                                     .hour = 18,
                                     .minute = 30,
                                     .label = "IST"};
    ck_assert_int_eq(mci_ticket_check_resolve(&t, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "already resolved") != NULL, "message: %s", err.message);
    ck_assert_int_eq(mci_ticket_check_reopen(&t, T_DUE, &err), MC_OK);
    ck_assert_int_eq(mci_ticket_check_reopen(&t, T_DUE + 1, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "ended 2027-01-03 18:30 IST") != NULL, "message: %s",
                  err.message);
    t.status = MC_TICKET_CLOSED;
    ck_assert_int_eq(mci_ticket_check_comment(&t, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "T-1001 is closed") != NULL, "message: %s", err.message);
    ck_assert_int_eq(mci_ticket_check_reopen(&t, 0, &err), MC_ERR_STATE);
    ck_assert_int_eq(mci_ticket_check_resolve(&t, &err), MC_ERR_STATE);
    ck_assert_int_eq(mci_ticket_reopened_status("Kiran Das"), MC_TICKET_ASSIGNED);
    ck_assert_int_eq(mci_ticket_reopened_status(""), MC_TICKET_OPEN);
}
END_TEST

/* ---- Against a real store --------------------------------------------------------------- */

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
    now = T_FILED;
    client = unit_store_open(dir, &now);
    pull_one("building", "BLR-1",
             "{\"id\":\"BLR-1\",\"zone\":{\"name\":\"Asia/Kolkata\",\"transitions\":[{\"at_ms\":"
             "0,\"offset_min\":330,\"abbrev\":\"IST\"}]}}");
    pull_one("ticket_category", "it",
             "{\"id\":\"it\",\"parent_id\":null,\"name\":\"IT\",\"position\":2,\"team\":null,"
             "\"sla\":null}");
    pull_one("ticket_category", "it.wifi",
             "{\"id\":\"it.wifi\",\"parent_id\":\"it\",\"name\":\"Wi-Fi\",\"position\":1,"
             "\"team\":\"IT desk\",\"sla\":{\"response_min\":10,\"resolution_min\":60}}");
    pull_one("ticket_category", "cleaning",
             "{\"id\":\"cleaning\",\"parent_id\":null,\"name\":\"Cleaning\",\"position\":1,"
             "\"team\":null,\"sla\":null}");
    pull_one("ticket_category", "cleaning.pantry",
             "{\"id\":\"cleaning.pantry\",\"parent_id\":\"cleaning\",\"name\":\"Pantry\","
             "\"position\":3,\"team\":\"Housekeeping\",\"sla\":{\"response_min\":30,"
             "\"resolution_min\":90}}");
    pull_one("ticket_category", "cleaning.washroom",
             "{\"id\":\"cleaning.washroom\",\"parent_id\":\"cleaning\",\"name\":\"Washroom\","
             "\"position\":1,\"team\":\"Housekeeping\",\"sla\":{\"response_min\":15,"
             "\"resolution_min\":60}}");
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

/* Files in the photo directory (a .part counts too). */
static int photo_files(void)
{
    char *photos = tempdir_path(dir, "membercore.db-photos");
    DIR *d = opendir(photos);
    free(photos);
    int n = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d != NULL)
        closedir(d);
    return n;
}

/* The synced tree in tree order, with paths; find answers a leaf, refuses a top level. */
START_TEST(test_categories_from_the_store)
{
    mc_ticket_category_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_ticket_categories_list(client, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 5);
    const char *want[] = {"Cleaning", "Cleaning/Washroom", "Cleaning/Pantry", "IT", "IT/Wi-Fi"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_str_eq(list->items[i].path, want[i]);
    ck_assert(!list->items[0].leaf);
    ck_assert(list->items[1].leaf);
    ck_assert_str_eq(list->items[1].team, "Housekeeping");
    ck_assert_int_eq(list->items[4].response_min, 10);
    mc_ticket_category_list_free(list);
    ck_assert_int_eq(mc_ticket_category_find(client, "it/wi-fi", &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    ck_assert_str_eq(list->items[0].id, "it.wifi");
    mc_ticket_category_list_free(list);
    ck_assert_int_eq(mc_ticket_category_find(client, "IT", &list, &err), MC_ERR_NOT_FOUND);
    ck_assert_ptr_null(list);
    ck_assert_msg(strstr(err.message, "pick one of IT/Wi-Fi") != NULL, "message: %s", err.message);
    /* a draft may name its category by path: the leaf's id is queued */
    mc_ticket_draft d = {.category_id = "it \xE2\x86\x92 wi-fi", .description = "Slow"};
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_OK);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE json_extract(payload, "
                                "'$.category_id') = 'it.wifi'"),
                     1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_ticket WHERE category_id = "
                                "'it.wifi'"),
                     1);
}
END_TEST

/* Filed offline with two real photos: listed pending at once, photos copied with their
 * sha256 and queued; the queued write declares them. */
START_TEST(test_file_offline_with_photos)
{
    const char *photos[] = {fixture_path("python.jpg"), fixture_path("python.png")};
    mc_ticket_draft d = {.category_id = "cleaning.washroom",
                         .priority = MC_TICKET_PRIORITY_HIGH,
                         .description = "  The tap in the washroom leaks  ",
                         .location_kind = MC_TICKET_LOCATION_CABIN,
                         .location_name = "Cabin 1019",
                         .photo_paths = photos,
                         .photo_count = 2};
    char id[64];
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_ticket_file(client, &d, id, sizeof id, &err) == MC_OK, "%s", err.message);
    ck_assert_uint_eq(strlen(id), 36);
    ck_assert(strncmp(id, "tkt_", 4) == 0);
    ck_assert_int_eq(photo_files(), 2);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox WHERE kind = 'ticket.create'"), 1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM upload WHERE state = 'waiting' AND "
                                "sha256 = '0171178ae901e108f56305aff7e36268a690bc49933a24b1aaa58"
                                "7fda00f4d3b' AND content_type = 'image/jpeg' AND bytes = 543"),
                     1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM upload u JOIN outbox o ON o.mutation_id = "
                                "u.mutation_id WHERE json_extract(o.payload, '$.photos[1].sha256') "
                                "= u.sha256 AND u.content_type = 'image/png'"),
                     1);

    mc_ticket_list *list = NULL;
    ck_assert_int_eq(mc_tickets_page(client, NULL, &list, &err), MC_OK);
    ck_assert_uint_eq(list->count, 1);
    mc_ticket *t = &list->items[0];
    ck_assert_str_eq(t->id, id);
    ck_assert_str_eq(t->number, "");
    ck_assert(t->pending);
    ck_assert_int_eq(t->status, MC_TICKET_OPEN);
    ck_assert_str_eq(t->description, "The tap in the washroom leaks");
    ck_assert_str_eq(t->category_path, "Cleaning/Washroom");
    ck_assert_int_eq(t->photos_waiting, 2);
    ck_assert_int_eq(t->sla, MC_SLA_NONE);
    ck_assert_str_eq(t->created_at.label, "IST");
    mc_ticket_list_free(list);

    mc_ticket *one = NULL;
    ck_assert_int_eq(mc_ticket_get(client, id, &one, &err), MC_OK);
    ck_assert_uint_eq(one->photo_count, 2);
    ck_assert_str_eq(one->photos[0].content_type, "image/jpeg");
    ck_assert_int_eq(one->photos[0].sent_bytes, 0);
    ck_assert(!one->photos[0].uploaded);
    struct stat info;
    ck_assert_int_eq(stat(one->photos[1].local_path, &info), 0);
    ck_assert_int_eq(info.st_size, 1020);
    ck_assert_uint_eq(one->timeline_count, 1);
    ck_assert_int_eq(one->timeline[0].type, MC_TICKET_ENTRY_CREATED);
    ck_assert(one->timeline[0].pending);
    ck_assert_uint_eq(one->timeline[0].photo_count, 2);
    ck_assert_str_eq(one->location_name, "Cabin 1019");
    mc_ticket_free(one);

    /* a comment and a resolve queued on it show as pending entries */
    ck_assert_int_eq(mc_ticket_comment(client, id, "Still dripping", NULL, 0, &err), MC_OK);
    ck_assert_int_eq(mc_ticket_resolve(client, id, &err), MC_OK);
    ck_assert_int_eq(mc_ticket_resolve(client, id, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "already resolved") != NULL, "message: %s", err.message);
    ck_assert_int_eq(mc_ticket_get(client, id, &one, &err), MC_OK);
    ck_assert_uint_eq(one->timeline_count, 3);
    ck_assert_str_eq(one->timeline[1].text, "Still dripping");
    ck_assert_int_eq(one->timeline[2].to, MC_TICKET_RESOLVED);
    ck_assert_int_eq(one->status, MC_TICKET_RESOLVED);
    mc_ticket_free(one);
}
END_TEST

/* A refused photo (text named .jpg, a sixth photo) or a bad field: nothing kept at all. */
START_TEST(test_refused_filing_keeps_nothing)
{
    const char *photos[] = {fixture_path("python.jpg"), fixture_path("not-an-image.jpg")};
    mc_ticket_draft d = {.category_id = "cleaning.washroom",
                         .priority = MC_TICKET_PRIORITY_NORMAL,
                         .description = "Leak",
                         .photo_paths = photos,
                         .photo_count = 2};
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "not-an-image.jpg is not a JPEG or PNG image") != NULL,
                  "message: %s", err.message);
    ck_assert_int_eq(photo_files(), 0);
    /* an unknown category after the photos were copied: the copies go too */
    d.photo_count = 1;
    d.category_id = "cleaning.roof";
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_NOT_FOUND);
    ck_assert_int_eq(photo_files(), 0);
    d.category_id = "cleaning";
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "Cleaning/Washroom") != NULL, "message: %s", err.message);
    d.category_id = "cleaning.washroom";
    const char *six[] = {photos[0], photos[0], photos[0], photos[0], photos[0], photos[0]};
    d.photo_paths = six;
    d.photo_count = 6;
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "too many photos") != NULL, "message: %s", err.message);
    d.photo_count = 0;
    char *long_text = malloc(2002 * 3);
    long_text[0] = '\0';
    for (int i = 0; i < 2001; i++)
        strcat(long_text, "\xC3\xA9"); /* é: 2001 characters, 4002 bytes */
    d.description = long_text;
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "2001 characters, at most 2000") != NULL, "message: %s",
                  err.message);
    long_text[2000 * 2] = '\0'; /* exactly 2000 characters */
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_OK);
    free(long_text);
    d.description = "Leak";
    d.location_kind = MC_TICKET_LOCATION_ROOM;
    d.location_id = "BLR-1-NOPE";
    ck_assert_int_eq(mc_ticket_file(client, &d, NULL, 0, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "no room \"BLR-1-NOPE\"") != NULL, "message: %s",
                  err.message);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM outbox"), 1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM pending_ticket"), 1);
    ck_assert_int_eq(count_rows("SELECT count(*) FROM upload"), 0);
    ck_assert_int_eq(photo_files(), 0);
}
END_TEST

static void pull_ticket(const char *id, const char *number, const char *status, int64_t created,
                        int64_t reopen_until)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"id\":\"%s\",\"number\":\"%s\",\"building_id\":\"BLR-1\",\"category_id\":"
             "\"it.wifi\",\"priority\":\"normal\",\"description\":\"d\",\"location\":null,"
             "\"status\":\"%s\",\"assignee_name\":null,\"created_at_ms\":%lld,"
             "\"updated_at_ms\":%lld,\"resolved_at_ms\":%s,\"closed_at_ms\":null,"
             "\"reopen_until_ms\":%lld,\"sla\":{\"basis\":\"business_hours\","
             "\"response_due_ms\":%lld,\"resolution_due_ms\":%lld,\"at_risk_from_ms\":%lld,"
             "\"responded_at_ms\":null,\"outcome\":null},\"timeline\":[],\"photos\":[]}",
             id, number, status, (long long)created, (long long)created,
             reopen_until ? "1799000000000" : "null", (long long)reopen_until,
             (long long)(created + 600000), (long long)(created + 3600000),
             (long long)(created + 2880000));
    pull_one("ticket", id, data);
}

/* Active first (a pending filing among them), then resolved, then closed; newest first;
 * pages of one walk them once each. */
START_TEST(test_list_order_and_pages)
{
    pull_ticket("tkt_a", "T-1001", "closed", T_FILED - 5000, 0);
    pull_ticket("tkt_b", "T-1002", "resolved", T_FILED - 4000, T_FILED + 86400000);
    pull_ticket("tkt_c", "T-1003", "open", T_FILED - 3000, 0);
    pull_ticket("tkt_d", "T-1004", "in_progress", T_FILED - 1000, 0);
    pull_ticket("tkt_e", "T-1005", "resolved", T_FILED - 500, T_FILED + 86400000);
    mc_ticket_draft d = {.category_id = "it.wifi", .description = "No Wi-Fi"};
    char pending_id[64];
    mc_error err = MC_ERROR_INIT;
    now = T_FILED - 2000; /* filed between tkt_c and tkt_d */
    ck_assert_int_eq(mc_ticket_file(client, &d, pending_id, sizeof pending_id, &err), MC_OK);
    now = T_FILED;
    const char *want[] = {"T-1004", "", "T-1003", "T-1005", "T-1002", "T-1001"};
    mc_page page = {.limit = 1};
    char *cursor = NULL;
    for (size_t i = 0; i < 6; i++) {
        page.cursor = cursor;
        mc_ticket_list *list = NULL;
        ck_assert_msg(mc_tickets_page(client, &page, &list, &err) == MC_OK, "%s", err.message);
        ck_assert_uint_eq(list->count, 1);
        ck_assert_str_eq(list->items[0].number, want[i]);
        free(cursor);
        cursor = list->next_cursor ? strdup(list->next_cursor) : NULL;
        ck_assert_msg((cursor == NULL) == (i == 5), "page %zu", i);
        mc_ticket_list_free(list);
    }
    /* a queued reopen moves T-1005 to open at once; T-1002's window has passed */
    ck_assert_int_eq(mc_ticket_reopen(client, "t-1005", &err), MC_OK);
    mc_ticket *t = NULL;
    ck_assert_int_eq(mc_ticket_get(client, "T-1005", &t, &err), MC_OK);
    ck_assert_int_eq(t->status, MC_TICKET_OPEN);
    ck_assert(t->pending);
    mc_ticket_free(t);
    now = T_FILED + 86400000 + 1;
    ck_assert_int_eq(mc_ticket_reopen(client, "T-1002", &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "T-1002 can no longer be reopened") != NULL &&
                      strstr(err.message, "IST") != NULL,
                  "message: %s", err.message);
    ck_assert_int_eq(mc_ticket_comment(client, "T-1001", "Hello?", NULL, 0, &err), MC_ERR_STATE);
    ck_assert_msg(strstr(err.message, "T-1001 is closed") != NULL, "message: %s", err.message);
    /* a notification's link to a ticket reads its number */
    pull_one("notification", "N-1",
             "{\"id\":\"N-1\",\"category\":\"support\",\"title\":\"T-1003 assigned: Wi-Fi\","
             "\"body\":\"b\",\"deep_link\":\"membercore://tickets/tkt_c\","
             "\"created_at_ms\":1799000000000,\"read\":false}");
    mc_notification_list *inbox = NULL;
    ck_assert_int_eq(mc_notifications_list(client, false, &inbox, &err), MC_OK);
    ck_assert_uint_eq(inbox->count, 1);
    ck_assert_int_eq(inbox->items[0].link_kind, MC_LINK_TICKET);
    ck_assert_str_eq(inbox->items[0].link_text, "opens ticket T-1003");
    ck_assert_str_eq(inbox->items[0].link_id, "tkt_c");
    mc_notification_list_free(inbox);
    ck_assert_int_eq(mc_ticket_get(client, "T-9999", &t, &err), MC_ERR_NOT_FOUND);
    ck_assert_msg(strstr(err.message, "T-9999") != NULL, "message: %s", err.message);
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
    tcase_add_test(tc, test_sniffer_knows_real_images);
    tcase_add_test(tc, test_sniffer_refuses_the_rest);
    tcase_add_test(tc, test_tree_find);
    tcase_add_test(tc, test_moves_checked_against_status);
    suite_add_tcase(s, tc);
    TCase *store = tcase_create("store");
    tcase_add_checked_fixture(store, store_setup, store_teardown);
    tcase_add_test(store, test_categories_from_the_store);
    tcase_add_test(store, test_file_offline_with_photos);
    tcase_add_test(store, test_refused_filing_keeps_nothing);
    tcase_add_test(store, test_list_order_and_pages);
    suite_add_tcase(s, store);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
