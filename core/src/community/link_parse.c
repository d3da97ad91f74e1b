/*
 * community/link_parse.c - mc_link_parse: a notification's deep link to a typed target, strictly
 * by docs/notifications-protocol.md ("Links"), refusing anything else with the reason. Pure.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "community/links.h"
#include "membercore/notifications.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

/* The app's own sections after membercore:// and what they open. */
static const struct {
    const char *section;
    mc_link_kind kind;
} sections[] = {
    {"bookings", MC_LINK_BOOKING},
    {"tickets", MC_LINK_TICKET},
    {"billing/invoices", MC_LINK_INVOICE},
    {"events", MC_LINK_EVENT},
    {"visitors", MC_LINK_VISITOR},
    {"passes", MC_LINK_PASS},
    {"desks", MC_LINK_DESK},
    {"announcements", MC_LINK_ANNOUNCEMENT},
    {"offers", MC_LINK_OFFER},
};

static bool is_alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

static bool is_id_char(char ch)
{
    return is_alnum(ch) || ch == '_' || ch == '-';
}

/* A character an https path may hold as written (RFC 3986 pchar and '/', without escapes). */
static bool is_path_char(char ch)
{
    return is_id_char(ch) || (ch != '\0' && strchr("._~/:@!$&'()*+,;=", ch) != NULL);
}

static mc_status refuse(mc_error *err, const char *why)
{
    return mci_error_set(err, MC_ERR_INVALID_ARG, "link refused: %s", why);
}

/* The checks every link passes whatever its scheme: length, characters, query, fragment,
 * escapes. */
static mc_status check_characters(const char *uri, mc_error *err)
{
    size_t n = strnlen(uri, MC_LINK_MAX_BYTES + 1);
    if (n > MC_LINK_MAX_BYTES)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "link refused: longer than %d bytes",
                             MC_LINK_MAX_BYTES);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)uri[i];
        if (ch <= 0x20 || ch >= 0x7F)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "link refused: a space, control or non-ASCII character at "
                                 "byte %zu",
                                 i + 1);
        if (ch == '?')
            return refuse(err, "it has a query ('?')");
        if (ch == '#')
            return refuse(err, "it has a fragment ('#')");
        if (ch == '%')
            return refuse(err, "it has a percent-escape ('%')");
        if (ch == '\\')
            return refuse(err, "it has a backslash");
    }
    return MC_OK;
}

/* A path segment "." or ".." anywhere in path (segments split by '/'). */
static bool has_dot_segment(const char *path)
{
    for (const char *seg = path; seg != NULL;) {
        size_t len = strcspn(seg, "/");
        if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return true;
        seg = seg[len] == '/' ? seg + len + 1 : NULL;
    }
    return false;
}

/* membercore://<section>/<id>: rest is what follows "membercore://". */
static mc_status parse_app_link(const char *rest, mc_link_target *out, mc_error *err)
{
    if (strchr(rest, '@') != NULL)
        return refuse(err, "it has user info ('@')");
    if (has_dot_segment(rest))
        return refuse(err, "it has a dot segment ('.' or '..')");
    for (size_t i = 0; i < MCI_COUNT(sections); i++) {
        size_t n = strlen(sections[i].section);
        if (strncmp(rest, sections[i].section, n) != 0 || (rest[n] != '/' && rest[n] != '\0'))
            continue;
        const char *id = rest[n] == '/' ? rest + n + 1 : rest + n;
        size_t len = strcspn(id, "/");
        if (len == 0 && id[0] == '\0')
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "link refused: no id after membercore://%s/", sections[i].section);
        if (len == 0)
            return refuse(err, "an empty id");
        if (id[len] == '/')
            return refuse(err, id[len + 1] == '\0' ? "it ends with a slash"
                                                   : "more than one id after the section");
        if (len > MC_LINK_ID_MAX)
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "link refused: the id is longer than %d characters",
                                 MC_LINK_ID_MAX);
        for (size_t k = 0; k < len; k++)
            if (!is_id_char(id[k]))
                return refuse(err, "the id has a character other than A-Z a-z 0-9 _ -");
        out->kind = sections[i].kind;
        memcpy(out->id, id, len);
        out->id[len] = '\0';
        return MC_OK;
    }
    size_t host = strcspn(rest, "/");
    for (size_t k = 0; k < host; k++)
        if (rest[k] >= 'A' && rest[k] <= 'Z')
            return refuse(err, "the section must be in lower case");
    return refuse(err, "an unknown section (not bookings, tickets, billing/invoices, events, "
                       "visitors, passes, desks, announcements or offers)");
}

/* A host of dot-separated labels of a-z 0-9 '-', with an optional :port. */
static bool valid_host(const char *host, size_t len)
{
    size_t colon = len;
    for (size_t k = 0; k < len; k++)
        if (host[k] == ':') {
            colon = k;
            break;
        }
    if (colon < len) {
        size_t digits = len - colon - 1;
        if (digits == 0 || digits > 5)
            return false;
        for (size_t k = colon + 1; k < len; k++)
            if (host[k] < '0' || host[k] > '9')
                return false;
    }
    if (colon == 0)
        return false;
    size_t label = 0;
    for (size_t k = 0; k < colon; k++) {
        char ch = host[k];
        if (ch == '.') {
            if (label == 0)
                return false;
            label = 0;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') {
            label++;
        } else {
            return false;
        }
    }
    return label > 0;
}

/* The host without its port is a loopback name. */
static bool loopback_host(const char *host, size_t len)
{
    size_t name = strcspn(host, ":/");
    if (name > len)
        name = len;
    return (name == 9 && strncmp(host, "127.0.0.1", 9) == 0) ||
           (name == 9 && strncmp(host, "localhost", 9) == 0);
}

/* https://host[:port][/path]; http:// only to this machine (a test server). rest follows "//". */
static mc_status parse_web_link(const char *rest, bool secure, mc_link_target *out, mc_error *err)
{
    size_t authority = strcspn(rest, "/");
    if (memchr(rest, '@', authority) != NULL)
        return refuse(err, "it has user info ('@')");
    if (authority == 0)
        return refuse(err, "a web link needs a host");
    if (!valid_host(rest, authority))
        return refuse(err, "the host is not a lower-case name (a-z 0-9 - .) with an optional "
                           ":port");
    if (!secure && !loopback_host(rest, authority))
        return refuse(err, "not https (http:// only reaches this machine)");
    const char *path = rest + authority;
    if (has_dot_segment(path))
        return refuse(err, "it has a dot segment ('.' or '..')");
    if (path[0] != '\0' && path[strlen(path) - 1] == '/')
        return refuse(err, "it ends with a slash");
    for (const char *p = path; *p; p++)
        if (!is_path_char(*p))
            return refuse(err, "the path has a character a link may not carry as written");
    out->kind = MC_LINK_WEB;
    return MC_OK;
}

mc_status mc_link_parse(const char *uri, mc_link_target *out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    memset(out, 0, sizeof *out);
    out->kind = MC_LINK_NONE;
    if (uri == NULL || uri[0] == '\0')
        return MC_OK;
    mc_status st = check_characters(uri, err);
    if (st != MC_OK)
        return st;
    static const char app[] = "membercore://", https[] = "https://", http[] = "http://";
    if (strncmp(uri, app, sizeof app - 1) == 0)
        st = parse_app_link(uri + sizeof app - 1, out, err);
    else if (strncmp(uri, https, sizeof https - 1) == 0)
        st = parse_web_link(uri + sizeof https - 1, true, out, err);
    else if (strncmp(uri, http, sizeof http - 1) == 0)
        st = parse_web_link(uri + sizeof http - 1, false, out, err);
    else if (strncasecmp(uri, app, sizeof app - 1) == 0 ||
             strncasecmp(uri, https, sizeof https - 1) == 0 ||
             strncasecmp(uri, http, sizeof http - 1) == 0)
        st = refuse(err, "the scheme must be in lower case");
    else
        st = refuse(err, "not a membercore:// or https:// link");
    if (st != MC_OK)
        memset(out, 0, sizeof *out);
    return st;
}

mc_link_kind mci_link_parse(const char *uri, char *id, size_t cap)
{
    mc_link_target target;
    if (cap > 0)
        id[0] = '\0';
    if (mc_link_parse(uri, &target, NULL) != MC_OK)
        return MC_LINK_OTHER;
    mci_strlcpy(id, target.id, cap);
    return target.kind;
}
