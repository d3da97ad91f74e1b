/* routes/table.c - the table of every route memberstub serves (openapi.yaml describes each). */
#include "routes/routes.h"

#include "domain/photos.h"

#include <string.h>

/* method, path, handler, needs_auth, test_only, json_body[, body_max] */
static const ms_route routes[] = {
    {"GET", "/v1/health", ms_handle_health, false, false, false},
    {"POST", "/v1/auth/otp/request", ms_handle_otp_request, false, false, true},
    {"POST", "/v1/auth/otp/verify", ms_handle_otp_verify, false, false, true},
    {"POST", "/v1/auth/logout", ms_handle_logout, true, false, false},
    {"GET", "/v1/me", ms_handle_me, true, false, false},
    {"PUT", "/v1/me/profile", ms_handle_profile, true, false, true},
    {"PUT", "/v1/me/intent", ms_handle_intent, true, false, true},
    {"GET", "/v1/test/sms/latest", ms_handle_test_sms_latest, false, true, false},
    {"GET", "/v1/test/clock", ms_handle_test_clock_get, false, true, false},
    {"POST", "/v1/test/clock", ms_handle_test_clock_set, false, true, true},
    {"GET", "/v1/sync/pull", ms_handle_sync_pull, true, false, false},
    {"POST", "/v1/sync/push", ms_handle_sync_push, true, false, true},
    {"GET", "/v1/test/faults", ms_handle_test_faults_get, false, true, false},
    {"POST", "/v1/test/faults", ms_handle_test_faults_set, false, true, true},
    {"POST", "/v1/test/sync/compact", ms_handle_test_sync_compact, false, true, false},
    {"POST", "/v1/test/sync/epoch", ms_handle_test_sync_epoch, false, true, false},
    {"GET", "/v1/test/sync/view", ms_handle_test_sync_view, false, true, false},
    {"GET", "/v1/test/effects", ms_handle_test_effects, false, true, false},
    {"GET", "/v1/test/push_tokens", ms_handle_test_push_tokens, false, true, false},
    {"GET", "/v1/test/pushes", ms_handle_test_pushes, false, true, false},
    {"GET", "/v1/test/deliveries", ms_handle_test_deliveries, false, true, false},
    {"GET", "/v1/test/sms", ms_handle_test_sms, false, true, false},
    {"POST", "/v1/test/push/dead", ms_handle_test_push_dead, false, true, true},
    {"POST", "/v1/test/events", ms_handle_test_event_create, false, true, true},
    {"POST", "/v1/test/notifications", ms_handle_test_notification_create, false, true, true},
    {"DELETE", "/v1/test/notifications/{id}", ms_handle_test_notification_delete, false, true,
     false},
    {"POST", "/v1/bookings", ms_handle_booking_create, true, false, true},
    {"POST", "/v1/payments/razorpay/confirm", ms_handle_razorpay_confirm, true, false, true},
    {"POST", "/v1/desk_bookings", ms_handle_desk_booking_create, true, false, true},
    {"POST", "/v1/desk_bookings/{id}/payment", ms_handle_desk_booking_payment, true, false, true},
    {"POST", "/v1/test/razorpay/pay", ms_handle_test_razorpay_pay, false, true, true},
    {"GET", "/v1/test/emails", ms_handle_test_emails, false, true, false},
    {"POST", "/v1/test/blackouts", ms_handle_test_blackout_create, false, true, true},
    {"GET", "/v1/test/blocks", ms_handle_test_blocks, false, true, false},
    {"POST", "/v1/passes/quote", ms_handle_pass_quote, true, false, true},
    {"POST", "/v1/passes/checkout", ms_handle_pass_checkout, true, false, true},
    {"POST", "/v1/invoices/{id}/pay", ms_handle_invoice_pay, true, false, false},
    {"POST", "/v1/webhooks/razorpay", ms_handle_razorpay_webhook, false, false, false},
    {"POST", "/v1/test/door/scan", ms_handle_test_door_scan, false, true, true},
    {"POST", "/v1/test/open_space", ms_handle_test_open_space, false, true, true},
    {"POST", "/v1/test/razorpay/webhook", ms_handle_test_razorpay_webhook, false, true, true},
    {"GET", "/v1/tickets/{ticket_id}/photos/{photo_id}/upload", ms_handle_photo_upload_get, true,
     false, false},
    {"PATCH", "/v1/tickets/{ticket_id}/photos/{photo_id}/upload", ms_handle_photo_upload_patch,
     true, false, false, MS_UPLOAD_BODY_MAX},
    {"GET", "/v1/tickets/{ticket_id}/photos/{photo_id}", ms_handle_photo_get, true, false, false},
    {"GET", "/v1/test/uploads", ms_handle_test_uploads, false, true, false},
    {"POST", "/v1/test/invoices", ms_handle_test_invoice_issue, false, true, true},
    {"POST", "/v1/test/events/{id}", ms_handle_test_event_change, false, true, true},
    {"POST", "/v1/test/announcements", ms_handle_test_announce, false, true, true},
    {"POST", "/v1/test/offers", ms_handle_test_offer_create, false, true, true},
    {"POST", "/v1/offers/{id}/redeem", ms_handle_offer_redeem, true, false, false},
    {"GET", "/v1/staff/tickets", ms_handle_staff_tickets, true, false, false},
    {"GET", "/v1/staff/tickets/{id}", ms_handle_staff_ticket, true, false, false},
    {"GET", "/v1/staff/colleagues", ms_handle_staff_colleagues, true, false, false},
    {"POST", "/v1/staff/tickets/{id}/assign", ms_handle_staff_assign, true, false, true},
    {"POST", "/v1/staff/tickets/{id}/status", ms_handle_staff_status, true, false, true},
    {"POST", "/v1/staff/tickets/{id}/comments", ms_handle_staff_comment, true, false, true},
    {"GET", "/v1/staff/visitors", ms_handle_reception_visitors, true, false, false},
    {"POST", "/v1/staff/visitors/checkin", ms_handle_reception_checkin, true, false, true},
    {"POST", "/v1/staff/visitors/walk_in", ms_handle_reception_walk_in, true, false, true},
};

#define ROUTE_COUNT (sizeof routes / sizeof routes[0])

static bool served(const ms_route *r, bool test_mode)
{
    return test_mode || !r->test_only;
}

/*
 * path matches the route's pattern: equal, segment by segment, where each "{...}" segment
 * of the pattern takes any one non-empty segment (no '/'). The first such segment's start
 * and length into *param, *param_len (NULL for patterns without one).
 */
static bool matches(const char *pattern, const char *path, const char **param, size_t *param_len)
{
    *param = NULL;
    *param_len = 0;
    for (;;) {
        const char *brace = strchr(pattern, '{');
        if (!brace)
            return strcmp(pattern, path) == 0;
        size_t prefix = (size_t)(brace - pattern);
        if (strncmp(pattern, path, prefix) != 0)
            return false;
        const char *segment = path + prefix;
        size_t len = strcspn(segment, "/");
        if (len == 0)
            return false;
        if (!*param) {
            *param = segment;
            *param_len = len;
        }
        pattern = strchr(brace, '}') + 1;
        path = segment + len;
    }
}

const char *ms_route_segment(const char *path, int n, char *out, size_t cap)
{
    const char *p = path;
    for (int i = 0; i <= n; i++) {
        if (*p != '/')
            return NULL;
        p++;
        size_t len = strcspn(p, "/");
        if (i == n) {
            if (len == 0 || len >= cap)
                return NULL;
            memcpy(out, p, len);
            out[len] = '\0';
            return out;
        }
        p += len;
    }
    return NULL;
}

const char *ms_route_param(const ms_route *route, const char *path, char *out, size_t cap)
{
    const char *param;
    size_t len;
    if (!matches(route->path, path, &param, &len) || !param || len >= cap)
        return NULL;
    memcpy(out, param, len);
    out[len] = '\0';
    return out;
}

const ms_route *ms_route_find(const char *method, const char *path, bool test_mode,
                              bool *path_known)
{
    *path_known = false;
    for (size_t i = 0; i < ROUTE_COUNT; i++) {
        const ms_route *r = &routes[i];
        const char *param;
        size_t len;
        if (!served(r, test_mode) || !matches(r->path, path, &param, &len))
            continue;
        *path_known = true;
        if (strcmp(r->method, method) == 0)
            return r;
    }
    return NULL;
}

void ms_route_methods(const char *path, bool test_mode, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ROUTE_COUNT; i++) {
        const ms_route *r = &routes[i];
        const char *param;
        size_t len;
        if (!served(r, test_mode) || !matches(r->path, path, &param, &len))
            continue;
        int n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "", r->method);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
}

void ms_routes_print(FILE *out)
{
    for (size_t i = 0; i < ROUTE_COUNT; i++)
        fprintf(out, "%s %s\n", routes[i].method, routes[i].path);
}
