/* tests/integration/notify_helpers.c - deliveries by the simulated providers and inbox look-ups
 * for the notifications hub's integration tests (notify_helpers.h). */
#include "notify_helpers.h"

#include <check.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The running test's members (each test runs in a process of its own). */
static mc_client *members[8];
static int member_count;

mc_client *notify_member(helper_fixture *f, const char *name, const char *phone)
{
    ck_assert_int_lt(member_count, 8);
    return members[member_count++] = helper_fixture_member(f, name, phone);
}

void notify_fixture_stop(helper_fixture *f)
{
    while (member_count > 0)
        mc_client_free(members[--member_count]);
    helper_fixture_stop(f);
}

cJSON *notify_deliveries(const stub_process *stub, const char *phone, const char *kind)
{
    char path[256], *answer = NULL;
    char *escaped = curl_easy_escape(NULL, phone, 0);
    snprintf(path, sizeof path, "/v1/test/deliveries?phone=%s%s%s", escaped,
             kind != NULL ? "&kind=" : "", kind != NULL ? kind : "");
    curl_free(escaped);
    int status = stub_request(stub, "GET", path, NULL, NULL, &answer);
    ck_assert_msg(status == 200, "GET %s: %d %s", path, status, answer ? answer : "");
    cJSON *body = cJSON_Parse(answer);
    free(answer);
    cJSON *list = cJSON_DetachItemFromObject(body, "deliveries");
    cJSON_Delete(body);
    ck_assert_msg(cJSON_IsArray(list), "GET %s: no deliveries array", path);
    return list;
}

static bool field_is(const cJSON *item, const char *name, const char *want)
{
    if (want == NULL)
        return true;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, name);
    return cJSON_IsString(v) && strcmp(v->valuestring, want) == 0;
}

int notify_count(const cJSON *deliveries, const char *notification_id, const char *channel,
                 const char *status)
{
    int n = 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, deliveries)
    {
        if (field_is(d, "notification_id", notification_id) && field_is(d, "channel", channel) &&
            field_is(d, "status", status))
            n++;
    }
    return n;
}

void notify_expect_channels(const stub_process *stub, const char *phone,
                            const char *notification_id, int push, int email, int sms)
{
    cJSON *all = notify_deliveries(stub, phone, NULL);
    char *text = cJSON_PrintUnformatted(all);
    const int want[] = {push, email, sms};
    const char *const channels[] = {"push", "email", "sms"};
    for (int i = 0; i < 3; i++) {
        int sent = notify_count(all, notification_id, channels[i], "sent");
        ck_assert_msg(sent == want[i], "%s of %s: %d sent, want %d; deliveries %s", channels[i],
                      notification_id, sent, want[i], text);
    }
    int every = notify_count(all, notification_id, NULL, NULL);
    ck_assert_msg(every == push + email + sms, "%s: %d deliveries, want %d; deliveries %s",
                  notification_id, every, push + email + sms, text);
    free(text);
    cJSON_Delete(all);
}

const mc_notification *notify_find_kind(mc_client *c, const char *kind, int64_t after_ms,
                                        mc_notification_list **list)
{
    mc_error err = MC_ERROR_INIT;
    *list = NULL;
    ck_assert_msg(mc_notifications_list(c, false, list, &err) == MC_OK, "inbox: %s", err.message);
    for (size_t i = 0; i < (*list)->count; i++) {
        const mc_notification *n = &(*list)->items[i];
        if (strcmp(n->kind, kind) == 0 && n->created_at_ms >= after_ms)
            return n; /* newest first */
    }
    return NULL;
}

int notify_count_kind(mc_client *c, const char *kind, const char *link_id)
{
    mc_notification_list *list = NULL;
    ck_assert_int_eq(mc_notifications_list(c, false, &list, NULL), MC_OK);
    int n = 0;
    for (size_t i = 0; i < list->count; i++) {
        mc_link_target target;
        const mc_notification *x = &list->items[i];
        n += strcmp(x->kind, kind) == 0 &&
             (link_id == NULL || (mc_link_parse(x->deep_link, &target, NULL) == MC_OK &&
                                  strcmp(target.id, link_id) == 0));
    }
    mc_notification_list_free(list);
    return n;
}

char *notify_user_id(mc_client *c)
{
    mc_account *account = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mc_account_get(c, &account, &err) == MC_OK, "account: %s", err.message);
    char *id = strdup(account->user_id);
    mc_account_free(account);
    return id;
}
