/*
 * tests/integration/notify_helpers.h - what the notifications hub's integration tests share:
 * the simulated providers' deliveries (GET /v1/test/deliveries), counted per notification and
 * channel, and a member's inbox searched by kind.
 */
#ifndef TESTS_NOTIFY_HELPERS_H
#define TESTS_NOTIFY_HELPERS_H

#include <cJSON.h>
#include <membercore/membercore.h>

#include "stub_process.h"
#include "sync_helpers.h"

/* helper_fixture_member, kept to be freed by notify_fixture_stop (at most 8 a test). */
mc_client *notify_member(helper_fixture *f, const char *name, const char *phone);

/* Free the test's members, then helper_fixture_stop. */
void notify_fixture_stop(helper_fixture *f);

/* GET /v1/test/deliveries?phone=...[&kind=...]: the deliveries array (the caller deletes it;
 * aborts the test on a failed request). kind NULL: every kind. */
cJSON *notify_deliveries(const stub_process *stub, const char *phone, const char *kind);

/* How many of deliveries are for notification_id (NULL: any) on channel (NULL: any) with
 * status (NULL: any). */
int notify_count(const cJSON *deliveries, const char *notification_id, const char *channel,
                 const char *status);

/* Require notification_id's deliveries to phone to be exactly push, email and sms sent ones
 * (0 or 1 each: "once"), and nothing else (no held, no other status). */
void notify_expect_channels(const stub_process *stub, const char *phone,
                            const char *notification_id, int push, int email, int sms);

/* The newest notification of kind in c's inbox (after its last sync), or NULL; with
 * after_ms, only one made at or after that instant. The caller frees *list (it owns the
 * returned item). */
const mc_notification *notify_find_kind(mc_client *c, const char *kind, int64_t after_ms,
                                        mc_notification_list **list);

/* How many notifications of kind c's inbox holds that link to link_id (NULL: any). */
int notify_count_kind(mc_client *c, const char *kind, const char *link_id);

/* The user id of c's member (mc_account_get). The caller frees it. */
char *notify_user_id(mc_client *c);

#endif
