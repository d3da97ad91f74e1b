/* net/url.c - the server URL rules (http only to loopback), a URL's origin, and the TLS pins in
 * libcurl's form. Pure. */
#include "net/url.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#define PIN_PREFIX     "sha256/"
#define PIN_BASE64_LEN 44 /* 32 bytes: 43 characters and one '=' */

/* A dotted quad whose first number is 127 (each part 0-255, no sign, no empty part). */
static bool is_loopback_ipv4(const char *host, size_t len)
{
    int parts = 0;
    size_t i = 0;
    unsigned first = 0;
    while (i < len) {
        unsigned value = 0;
        size_t digits = 0;
        while (i < len && isdigit((unsigned char)host[i]) && digits < 4) {
            value = value * 10 + (unsigned)(host[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || digits > 3 || value > 255)
            return false;
        if (parts == 0)
            first = value;
        parts++;
        if (i < len) {
            if (host[i] != '.' || parts == 4)
                return false;
            i++;
            if (i == len)
                return false;
        }
    }
    return parts == 4 && first == 127;
}

static bool is_loopback(const char *host, size_t len)
{
    return (len == 9 && strncmp(host, "localhost", 9) == 0) ||
           (len == 5 && strncmp(host, "[::1]", 5) == 0) || is_loopback_ipv4(host, len);
}

static bool is_host_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '-' || ch == '.' || ch == '_';
}

/* A bracketed IPv6 literal: hex digits, ':' and '.' between the brackets. */
static bool is_ipv6_literal(const char *host, size_t len)
{
    if (len < 4 || host[0] != '[' || host[len - 1] != ']')
        return false;
    for (size_t i = 1; i + 1 < len; i++)
        if (!isxdigit((unsigned char)host[i]) && host[i] != ':' && host[i] != '.')
            return false;
    return true;
}

mc_status mci_url_origin(const char *url, char origin[MCI_ORIGIN_MAX], mc_error *err)
{
    origin[0] = '\0';
    bool https;
    const char *rest;
    if (strncmp(url, "https://", 8) == 0) {
        https = true;
        rest = url + 8;
    } else if (strncmp(url, "http://", 7) == 0) {
        https = false;
        rest = url + 7;
    } else {
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.server_url must start with https:// (or http:// for a "
                             "loopback server) (got '%.80s')",
                             url);
    }
    size_t authority_len = strcspn(rest, "/?#");
    if (memchr(rest, '@', authority_len) != NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.server_url must not carry a user name or password");
    if (strpbrk(rest, "?#") != NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.server_url must not have a query or a fragment");

    /* host[:port], the host possibly a bracketed IPv6 literal */
    size_t host_len;
    if (rest[0] == '[') {
        const char *close = memchr(rest, ']', authority_len);
        host_len = close ? (size_t)(close - rest) + 1 : authority_len;
    } else {
        const char *colon = memchr(rest, ':', authority_len);
        host_len = colon ? (size_t)(colon - rest) : authority_len;
    }
    char host[256];
    bool host_ok = host_len > 0 && host_len < sizeof host;
    if (host_ok && rest[0] == '[') {
        host_ok = is_ipv6_literal(rest, host_len);
    } else {
        for (size_t i = 0; host_ok && i < host_len; i++)
            host_ok = is_host_char(rest[i]);
    }
    if (!host_ok)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "config.server_url has no valid host");
    for (size_t i = 0; i < host_len; i++)
        host[i] = (char)tolower((unsigned char)rest[i]);
    host[host_len] = '\0';

    long port = https ? 443 : 80;
    if (host_len < authority_len) {
        const char *p = rest + host_len;
        size_t left = authority_len - host_len;
        bool port_ok = p[0] == ':' && left >= 2 && left <= 6;
        long value = 0;
        for (size_t i = 1; port_ok && i < left; i++) {
            port_ok = isdigit((unsigned char)p[i]) != 0;
            value = value * 10 + (p[i] - '0');
        }
        if (!port_ok || value < 1 || value > 65535)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "config.server_url has an invalid port (1-65535)");
        port = value;
    }
    if (!https && !is_loopback(host, host_len))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.server_url: plain http:// is only for a loopback server "
                             "(127.0.0.1, [::1], localhost); use https:// for %s",
                             host);
    snprintf(origin, MCI_ORIGIN_MAX, "%s://%s:%ld", https ? "https" : "http", host, port);
    return MC_OK;
}

static bool is_base64_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '+' || ch == '/';
}

/* "sha256/" + 43 base64 characters + "=": the 32 bytes of a SHA-256. */
static bool pin_is_valid(const char *pin)
{
    if (strncmp(pin, PIN_PREFIX, strlen(PIN_PREFIX)) != 0)
        return false;
    const char *b64 = pin + strlen(PIN_PREFIX);
    if (strlen(b64) != PIN_BASE64_LEN || b64[PIN_BASE64_LEN - 1] != '=')
        return false;
    for (size_t i = 0; i + 1 < PIN_BASE64_LEN; i++)
        if (!is_base64_char(b64[i]))
            return false;
    return true;
}

mc_status mci_tls_pins_join(const char *const *pins, size_t count, char **out, mc_error *err)
{
    *out = NULL;
    if (count == 0)
        return MC_OK;
    if (pins == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.tls_pins is NULL but tls_pin_count is %zu", count);
    if (count < 2)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "config.tls_pins needs at least 2 pins (the server's key and a "
                             "backup for its next key)");
    for (size_t i = 0; i < count; i++) {
        if (pins[i] == NULL || !pin_is_valid(pins[i]))
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "config.tls_pins[%zu] is not \"sha256/\" + the base64 of a "
                                 "SHA-256 (44 characters ending in '=')",
                                 i);
        for (size_t j = 0; j < i; j++)
            if (strcmp(pins[i], pins[j]) == 0)
                return mci_error_set(err, MC_ERR_INVALID_ARG,
                                     "config.tls_pins[%zu] repeats tls_pins[%zu]: the backup pin "
                                     "must be another key",
                                     i, j);
    }
    /* each "sha256//" + base64, joined by ';' */
    size_t each = strlen(PIN_PREFIX) + 1 + PIN_BASE64_LEN;
    char *joined = malloc(count * (each + 1));
    if (joined == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    size_t used = 0;
    for (size_t i = 0; i < count; i++)
        used += (size_t)sprintf(joined + used, "%ssha256//%s", i ? ";" : "",
                                pins[i] + strlen(PIN_PREFIX));
    *out = joined;
    return MC_OK;
}
