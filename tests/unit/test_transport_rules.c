/*
 * tests/unit/test_transport_rules.c - which server URLs the client accepts (http only to a
 * loopback host, https everywhere else), the origin a session token is bound to, and the TLS
 * pins' form; through mci_url_origin/mci_tls_pins_join (pure) and mc_client_open's refusal.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "net/url.h"
#include "tempdir.h"

#define PIN_A "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
#define PIN_B "sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg="

static void expect_origin(const char *url, const char *origin)
{
    char out[MCI_ORIGIN_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mci_url_origin(url, out, &err) == MC_OK, "%s: %s", url, err.message);
    ck_assert_str_eq(out, origin);
}

static void expect_refused(const char *url, const char *words)
{
    char out[MCI_ORIGIN_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_msg(mci_url_origin(url, out, &err) == MC_ERR_INVALID_ARG, "accepted %s", url);
    ck_assert_msg(strstr(err.message, words) != NULL, "%s: '%s' lacks '%s'", url, err.message,
                  words);
}

START_TEST(test_loopback_http_and_any_https_accepted)
{
    expect_origin("http://127.0.0.1:8080", "http://127.0.0.1:8080");
    expect_origin("http://127.1.2.3:9/api/", "http://127.1.2.3:9");
    expect_origin("http://localhost", "http://localhost:80");
    expect_origin("http://[::1]:4000", "http://[::1]:4000");
    expect_origin("https://API.Example.com", "https://api.example.com:443");
    expect_origin("https://api.example.com:8443/v2", "https://api.example.com:8443");
    expect_origin("https://10.0.0.7", "https://10.0.0.7:443");
}
END_TEST

START_TEST(test_plain_http_elsewhere_refused)
{
    const char *rule = "plain http:// is only for a loopback server";
    expect_refused("http://api.example.com", rule);
    expect_refused("http://10.0.0.7:8080", rule);
    expect_refused("http://128.0.0.1", rule);
    expect_refused("http://127.0.0.1.example.com", rule);
    expect_refused("http://localhost.example.com", rule);
    expect_refused("http://[::2]", rule);
    expect_refused("http://1270.0.0.1", rule);
    expect_refused("http://127.0.0.256", rule);
    expect_refused("ftp://example.com", "must start with https://");
    expect_refused("HTTPS://example.com", "must start with https://");
    expect_refused("http://127.0.0.1@example.com", "user name or password");
    expect_refused("https://user:pw@example.com", "user name or password");
    expect_refused("https://example.com/?a=1", "query or a fragment");
    expect_refused("https://", "no valid host");
    expect_refused("https://exa mple.com", "no valid host");
    expect_refused("https://example.com:0", "invalid port");
    expect_refused("https://example.com:65536", "invalid port");
    expect_refused("https://example.com:", "invalid port");
    expect_refused("https://example.com:8a", "invalid port");
}
END_TEST

/* The same rule at mc_client_open, before anything is created. */
START_TEST(test_client_open_refuses_plain_http_to_a_remote_host)
{
    char *dir = tempdir_new();
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = dir;
    cfg.server_url = "http://api.example.com";
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(client);
    ck_assert_msg(strstr(err.message, "plain http:// is only for a loopback server") != NULL, "%s",
                  err.message);

    cfg.server_url = "https://api.example.com";
    const char *one[] = {PIN_A};
    cfg.tls_pins = one;
    cfg.tls_pin_count = 1;
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "at least 2 pins") != NULL, "%s", err.message);

    const char *two[] = {PIN_A, PIN_B};
    cfg.tls_pins = two;
    cfg.tls_pin_count = 2;
    cfg.tls_ca_file = "/nonexistent/ca.pem";
    ck_assert_int_eq(mc_client_open(&cfg, &client, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "config.tls_ca_file /nonexistent/ca.pem cannot be read") !=
                      NULL,
                  "%s", err.message);

    cfg.tls_ca_file = NULL;
    ck_assert_msg(mc_client_open(&cfg, &client, &err) == MC_OK, "%s", err.message);
    mc_client_free(client);
    tempdir_free(dir);
}
END_TEST

START_TEST(test_pins_in_libcurl_form)
{
    char *joined = NULL;
    mc_error err = MC_ERROR_INIT;
    const char *two[] = {PIN_A, PIN_B};
    ck_assert_int_eq(mci_tls_pins_join(two, 2, &joined, &err), MC_OK);
    ck_assert_str_eq(joined, "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;"
                             "sha256//YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg=");
    free(joined);
    ck_assert_int_eq(mci_tls_pins_join(NULL, 0, &joined, &err), MC_OK);
    ck_assert_ptr_null(joined);

    ck_assert_int_eq(mci_tls_pins_join(NULL, 2, &joined, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mci_tls_pins_join(two, 1, &joined, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "at least 2 pins") != NULL, "%s", err.message);
    const char *same[] = {PIN_A, PIN_A};
    ck_assert_int_eq(mci_tls_pins_join(same, 2, &joined, &err), MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, "tls_pins[1] repeats tls_pins[0]") != NULL, "%s",
                  err.message);
    const char *bad[] = {"sha1/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                         "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                         "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
                         "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF;=",
                         "sha256/",
                         NULL};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *pins[] = {PIN_A, bad[i]};
        ck_assert_int_eq(mci_tls_pins_join(pins, 2, &joined, &err), MC_ERR_INVALID_ARG);
        ck_assert_msg(strstr(err.message, "tls_pins[1] is not \"sha256/\"") != NULL, "%s",
                      err.message);
        ck_assert_ptr_null(joined);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("transport rules");
    TCase *tc = tcase_create("urls and pins");
    tcase_add_test(tc, test_loopback_http_and_any_https_accepted);
    tcase_add_test(tc, test_plain_http_elsewhere_refused);
    tcase_add_test(tc, test_client_open_refuses_plain_http_to_a_remote_host);
    tcase_add_test(tc, test_pins_in_libcurl_form);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
