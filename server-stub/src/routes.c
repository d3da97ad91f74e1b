/* routes.c - the table of every route memberstub serves (openapi.yaml describes each). */
#include "routes.h"

#include <string.h>

/* method, path, handler, needs_auth, test_only, json_body */
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
};

#define ROUTE_COUNT (sizeof routes / sizeof routes[0])

static bool served(const ms_route *r, bool test_mode)
{
    return test_mode || !r->test_only;
}

const ms_route *ms_route_find(const char *method, const char *path, bool test_mode,
                              bool *path_known)
{
    *path_known = false;
    for (size_t i = 0; i < ROUTE_COUNT; i++) {
        const ms_route *r = &routes[i];
        if (!served(r, test_mode) || strcmp(r->path, path) != 0)
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
        if (!served(r, test_mode) || strcmp(r->path, path) != 0)
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
