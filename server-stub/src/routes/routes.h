/* routes/routes.h - the table of every route memberstub serves, and the handlers it names. */
#ifndef MS_ROUTES_H
#define MS_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "api/api.h"
#include "domain/entities.h"
#include "domain/payments.h"

typedef struct ms_route {
    const char *method;
    /* Exact, or with "{...}" segments: any one non-empty segment in each place (ms_route_param
     * gives the first; a handler reads later ones with ms_route_segment). */
    const char *path;
    ms_handler handler;
    /* Needs "Authorization: Bearer <token>" of a live session (else 401). */
    bool needs_auth;
    /* Served only with --test-mode; otherwise 404 like any unknown route. */
    bool test_only;
    /* The body must be a JSON object (else 400 invalid_json); others ignore it. */
    bool json_body;
    /* The largest body this route takes (bytes); 0 means MS_HTTP_BODY_MAX (64 KiB). */
    size_t body_max;
} ms_route;

/*
 * The route for method and path, or NULL. When NULL, *path_known says whether
 * another method is served at path (405 rather than 404).
 */
const ms_route *ms_route_find(const char *method, const char *path, bool test_mode,
                              bool *path_known);
/* Room for the value of a route's "{id}" segment. */
#define MS_ROUTE_PARAM_MAX 256

/*
 * The decoded value of the route's "{id}" segment in path, copied into out
 * (cap bytes) and returned; NULL when the route has none or it does not fit.
 */
const char *ms_route_param(const ms_route *route, const char *path, char *out, size_t cap);
/* The n-th segment (0-based, between '/') of path, copied into out (cap bytes) and
 * returned; NULL when path has fewer segments or it does not fit. Not decoded. */
const char *ms_route_segment(const char *path, int n, char *out, size_t cap);
/* The methods served at path, comma separated (for the Allow header), into out. */
void ms_route_methods(const char *path, bool test_mode, char *out, size_t cap);
/* Print every route, test routes included, as "METHOD PATH" lines. */
void ms_routes_print(FILE *out);

/* routes/health.c */
void ms_handle_health(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/auth.c */
void ms_handle_otp_request(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_otp_verify(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_logout(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/me.c */
void ms_handle_me(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_profile(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_intent(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/sms_clock.c */
void ms_handle_test_sms_latest(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_clock_get(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_clock_set(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/sync.c */
void ms_handle_sync_pull(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_sync_push(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/sync.c */
void ms_handle_test_faults_get(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_faults_set(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_sync_compact(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_sync_epoch(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_sync_view(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_effects(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_push_tokens(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_pushes(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/notify.c: the notifications hub's deliveries, SMS texts, dead push tokens. */
void ms_handle_test_deliveries(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_sms(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_push_dead(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_event_create(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_notification_create(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_notification_delete(ms_app *app, ms_request *req, ms_reply *reply);
/* Answer 200 {key: the entity kind/id as owner pulls it}, or 500. */
void ms_test_reply_entity(ms_app *app, const char *key, ms_kind kind, const char *owner,
                          const char *id, ms_reply *reply);
/* An optional free-text field (default "" when absent or null); false after a 400. */
bool ms_test_optional_text(ms_reply *reply, const cJSON *json, const char *name, size_t max_chars,
                           char *out, size_t cap);
/* routes/test/causes.c */
void ms_handle_test_invoice_issue(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_event_change(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/community.c: announcements and partner offers (docs/today-desks-community.md). */
void ms_handle_test_announce(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_offer_create(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/offers.c */
void ms_handle_offer_redeem(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/bookings.c */
void ms_handle_booking_create(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/desks.c: hot desks paid by card (docs/today-desks-community.md). */
void ms_handle_desk_booking_create(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_desk_booking_payment(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_razorpay_confirm(ms_app *app, ms_request *req, ms_reply *reply);
/*
 * The caller's payment of order (signature over order->id and payment_id, checked first, in
 * constant time) settles it: true when paid now or before; false after answering 402
 * payment_failed, 409 hold_expired (message lapsed: what it paid for lapsed first) or 500.
 */
bool ms_order_confirm(ms_app *app, const ms_order *order, const char *payment_id,
                      const char *signature, const char *lapsed, ms_reply *reply);
/* routes/test/rooms.c */
void ms_handle_test_razorpay_pay(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_emails(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_blackout_create(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_blocks(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/passes.c */
void ms_handle_pass_quote(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_pass_checkout(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_invoice_pay(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/webhooks.c */
void ms_handle_razorpay_webhook(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/passes.c */
void ms_handle_test_door_scan(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_open_space(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_test_razorpay_webhook(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/staff.c */
void ms_handle_staff_tickets(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_staff_ticket(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_staff_colleagues(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_staff_assign(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_staff_status(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_staff_comment(ms_app *app, ms_request *req, ms_reply *reply);

/* routes/reception.c: the front desk's visitors (staff; docs/notifications-protocol.md). */
void ms_handle_reception_visitors(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_reception_checkin(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_reception_walk_in(ms_app *app, ms_request *req, ms_reply *reply);

/* routes/uploads.c */
void ms_handle_photo_upload_get(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_photo_upload_patch(ms_app *app, ms_request *req, ms_reply *reply);
void ms_handle_photo_get(ms_app *app, ms_request *req, ms_reply *reply);
/* routes/test/uploads.c */
void ms_handle_test_uploads(ms_app *app, ms_request *req, ms_reply *reply);

#endif
