/*
 * tests/stub/test_openapi_routes.c - the contract and the server agree: every route
 * `memberstub --list-routes` prints is described in server-stub/openapi.yaml, and the
 * document describes no route the server does not serve.
 */
#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROUTES 256

typedef struct route {
    char method[16]; /* upper case */
    char path[200];
} route;

typedef struct route_list {
    route items[MAX_ROUTES];
    int count;
} route_list;

static void add(route_list *list, const char *method, const char *path)
{
    ck_assert_int_lt(list->count, MAX_ROUTES);
    route *r = &list->items[list->count++];
    snprintf(r->method, sizeof r->method, "%s", method);
    for (char *p = r->method; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    snprintf(r->path, sizeof r->path, "%s", path);
}

static bool contains(const route_list *list, const route *r)
{
    for (int i = 0; i < list->count; i++)
        if (strcmp(list->items[i].method, r->method) == 0 &&
            strcmp(list->items[i].path, r->path) == 0)
            return true;
    return false;
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    ck_assert_msg(v && v[0], "%s is not set (meson test sets it)", name);
    return v;
}

/* "METHOD PATH" lines from memberstub --list-routes. */
static void served_routes(route_list *out)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s' --list-routes", env("MEMBERSTUB"));
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char line[256], method[16], path[200];
    while (fgets(line, sizeof line, p))
        if (sscanf(line, "%15s %199s", method, path) == 2)
            add(out, method, path);
    ck_assert_int_eq(pclose(p), 0);
    ck_assert_int_gt(out->count, 0);
}

/*
 * The operations under `paths:` in the OpenAPI document: path keys are written
 * "  /v1/...:" and their operations "    get:" (two and four spaces).
 */
static void documented_routes(route_list *out)
{
    FILE *f = fopen(env("OPENAPI"), "r");
    ck_assert_msg(f != NULL, "cannot open %s", env("OPENAPI"));
    char line[512], path[200] = "";
    bool in_paths = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != ' ' && line[0] != '#') {
            in_paths = strcmp(line, "paths:") == 0;
            continue;
        }
        if (!in_paths)
            continue;
        size_t len = strlen(line);
        if (strncmp(line, "  /", 3) == 0 && line[len - 1] == ':') {
            snprintf(path, sizeof path, "%.*s", (int)(len - 3), line + 2);
            continue;
        }
        static const char *methods[] = {"get", "post", "put", "patch", "delete"};
        for (int i = 0; i < 5; i++) {
            char key[16];
            snprintf(key, sizeof key, "    %s:", methods[i]);
            if (strcmp(line, key) == 0 && path[0])
                add(out, methods[i], path);
        }
    }
    fclose(f);
    ck_assert_int_gt(out->count, 0);
}

/* How many routes of `routes` are not in `in`; each is printed after `label`. */
static int missing_from(const route_list *routes, const route_list *in, const char *label)
{
    int missing = 0;
    for (int i = 0; i < routes->count; i++) {
        if (!contains(in, &routes->items[i])) {
            fprintf(stderr, "%s: %s %s\n", label, routes->items[i].method, routes->items[i].path);
            missing++;
        }
    }
    return missing;
}

/* Every route the server serves (test routes included) is described in openapi.yaml. */
START_TEST(test_every_served_route_is_in_openapi)
{
    static route_list served, documented;
    served_routes(&served);
    documented_routes(&documented);
    int missing = missing_from(&served, &documented, "not in openapi.yaml");
    ck_assert_msg(missing == 0, "%d served route(s) missing from openapi.yaml", missing);
}
END_TEST

/* openapi.yaml describes no operation that the server does not serve. */
START_TEST(test_openapi_describes_only_served_routes)
{
    static route_list served, documented;
    served_routes(&served);
    documented_routes(&documented);
    int extra = missing_from(&documented, &served, "documented but not served");
    ck_assert_msg(extra == 0, "%d documented route(s) are not served", extra);
}
END_TEST

/* --list-routes includes the test-mode routes (they are part of the contract too). */
START_TEST(test_list_routes_includes_test_routes)
{
    static route_list served;
    served_routes(&served);
    route clock = {"POST", "/v1/test/clock"};
    route sms = {"GET", "/v1/test/sms/latest"};
    ck_assert(contains(&served, &clock));
    ck_assert(contains(&served, &sms));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("openapi_routes");
    TCase *tc = tcase_create("contract");
    tcase_add_test(tc, test_every_served_route_is_in_openapi);
    tcase_add_test(tc, test_openapi_describes_only_served_routes);
    tcase_add_test(tc, test_list_routes_includes_test_routes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
