/*
 * visitors/reception.c - membercore/visitors.h's reception side: the front desk's online
 * calls to the staff visitor routes (docs/notifications-protocol.md, "Reception routes")
 * and their answers as mc_visitor, in the building's local time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/staff_call.h"
#include "catalog/zones.h"
#include "handle/guard.h"
#include "handle/handle.h"
#include "membercore/auth.h"
#include "membercore/sync.h"
#include "net/http.h"
#include "read/read.h"
#include "rules/email.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"
#include "visitors/rules.h"
#include "visitors/visitor.h"

/* One authenticated call to a reception route; *answer (the caller deletes) on MC_OK. A
 * refusal comes back with the server's words, its code mapped by net/ (wrong_date,
 * invalid_transition: MC_ERR_STATE; forbidden; not_found). A desk that never synced has no
 * building zones to show times in: one sync fetches them. */
static mc_status reception_call(mc_client *c, const char *method, const char *path,
                                const char *const *params, size_t nparams, const cJSON *body,
                                cJSON **answer, mc_error *err)
{
    return mci_staff_call(c, method, path, params, nparams, body,
                          "SELECT 1 FROM entity WHERE kind = 'building' LIMIT 1", answer, err);
}

/* count visitors parsed from the wire array and localized, into *out. */
static mc_status visitors_from_json(mc_client *c, const cJSON *array, mc_visitor_list **out,
                                    mc_error *err)
{
    if (!cJSON_IsArray(array))
        return mci_error_set(err, MC_ERR_SERVER, "the server's answer has no visitors");
    mc_visitor_list *list = calloc(1, sizeof *list);
    size_t n = (size_t)cJSON_GetArraySize(array);
    if (list == NULL || (n > 0 && (list->items = calloc(n, sizeof *list->items)) == NULL)) {
        free(list);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    mc_status st = MC_OK;
    const cJSON *wire;
    cJSON_ArrayForEach(wire, array)
    {
        if ((st = mci_visitor_from_json(wire, &list->items[list->count], err)) != MC_OK)
            break;
        list->count++;
    }
    mci_reader *r = NULL;
    if (st == MC_OK)
        st = mci_read_begin_any(c->readers, &r, err);
    if (st == MC_OK)
        st = mci_zone_book_each(r->db, r->stmts, list->items, list->count, sizeof *list->items,
                                mci_visitor_localize, err);
    mci_read_end(c->readers, r);
    if (st != MC_OK) {
        mc_visitor_list_free(list);
        return st;
    }
    *out = list;
    return MC_OK;
}

/* The {visitor} answer into *out (when out is not NULL). */
static mc_status hand_out_visitor(mc_client *c, const cJSON *answer, mc_visitor **out,
                                  mc_error *err)
{
    if (out == NULL)
        return MC_OK;
    cJSON *one = cJSON_CreateArray();
    const cJSON *wire = cJSON_GetObjectItemCaseSensitive(answer, "visitor");
    if (one == NULL || !cJSON_IsObject(wire)) {
        cJSON_Delete(one);
        return one == NULL
                   ? mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory")
                   : mci_error_set(err, MC_ERR_SERVER, "the server's answer has no visitor");
    }
    cJSON_AddItemReferenceToArray(one, (cJSON *)wire);
    mc_visitor_list *list = NULL;
    mc_status st = visitors_from_json(c, one, &list, err);
    cJSON_Delete(one);
    if (st != MC_OK)
        return st;
    *out = list->items; /* the one visitor: its struct is the list's only item */
    free(list);
    return MC_OK;
}

mc_status mc_reception_visitors(mc_client *c, const char *date, mc_visitor_list **out,
                                mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    mc_status st = date != NULL ? mci_visitor_parse_date(date, NULL, err) : MC_OK;
    if (st != MC_OK)
        return st;
    const char *params[] = {"date", date};
    cJSON *answer = NULL;
    st = reception_call(c, "GET", "/v1/staff/visitors", params, date ? 1 : 0, NULL, &answer, err);
    if (st == MC_OK)
        st = visitors_from_json(c, cJSON_GetObjectItemCaseSensitive(answer, "visitors"), out, err);
    cJSON_Delete(answer);
    return st;
}

/* Whether s is letters, digits and '_' only (an id that goes into a body). */
static bool id_chars(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

/* What reception typed or scanned into the check-in body: {visitor_id} for "vis_...",
 * {code} with the 8 digits (spaces dropped) or the whole QR payload ("MC1|..."). */
static mc_status checkin_body(const char *id_or_code, cJSON *body, mc_error *err)
{
    static const char *const what = "give the visitor's id (vis_...), the 8-digit code from "
                                    "their SMS, or their QR payload";
    if (id_or_code == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "nothing to check in: %s", what);
    while (*id_or_code == ' ')
        id_or_code++;
    size_t n = strlen(id_or_code);
    while (n > 0 && id_or_code[n - 1] == ' ')
        n--;
    if (n == 0 || n > 512)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "%s: %s",
                             n == 0 ? "nothing to check in" : "that is too long to be a code",
                             what);
    char text[520];
    memcpy(text, id_or_code, n);
    text[n] = '\0';
    if (strncmp(text, "vis_", 4) == 0) {
        if (n >= MC_VISITOR_ID_CAP || !id_chars(text))
            return mci_error_set(err, MC_ERR_INVALID_ARG, "'%.*s' is not a visitor id: %s",
                                 (int)mci_utf8_prefix(text, 60), text, what);
        return cJSON_AddStringToObject(body, "visitor_id", text)
                   ? MC_OK
                   : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    }
    if (strncmp(text, "MC1|", 4) == 0)
        return cJSON_AddStringToObject(body, "code", text)
                   ? MC_OK
                   : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    char digits[16];
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == ' ')
            continue;
        if (text[i] < '0' || text[i] > '9' || d >= 8)
            return mci_error_set(err, MC_ERR_INVALID_ARG, "'%.*s' is not a visitor's code: %s",
                                 (int)mci_utf8_prefix(text, 60), text, what);
        digits[d++] = text[i];
    }
    digits[d] = '\0';
    if (d != 8)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "'%.*s' has %zu digits; a visitor's code has 8",
                             (int)mci_utf8_prefix(text, 60), text, d);
    return cJSON_AddStringToObject(body, "code", digits)
               ? MC_OK
               : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
}

static mc_status post_visitor(mc_client *c, const char *path, const cJSON *body, mc_visitor **out,
                              mc_error *err)
{
    cJSON *answer = NULL;
    mc_status st = reception_call(c, "POST", path, NULL, 0, body, &answer, err);
    if (st == MC_OK)
        st = hand_out_visitor(c, answer, out, err);
    cJSON_Delete(answer);
    return st;
}

mc_status mc_reception_checkin(mc_client *c, const char *id_or_code, mc_visitor **out,
                               mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        *out = NULL;
    cJSON *body = cJSON_CreateObject();
    mc_status st = body == NULL ? mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory")
                                : checkin_body(id_or_code, body, err);
    if (st == MC_OK)
        st = post_visitor(c, "/v1/staff/visitors/checkin", body, out, err);
    cJSON_Delete(body);
    return st;
}

/* A walk-in's fields checked and into body. */
static mc_status walk_in_body(const mc_walk_in *w, cJSON *body, mc_error *err)
{
    char host[MC_PHONE_MAX], phone[MC_PHONE_MAX] = "";
    char why[sizeof err->message];
    if (w->host_phone == NULL || w->host_phone[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "host_phone is required: the member the visitor asks for");
    if (mc_phone_normalize(w->host_phone, host, sizeof host, err) != MC_OK) {
        mci_strlcpy(why, err->message, sizeof why);
        return mci_error_set(err, MC_ERR_INVALID_ARG, "the host's %s", why);
    }
    char *name = NULL;
    mc_status st = mci_visitor_check_name("name", w->name, &name, err);
    if (st != MC_OK)
        return st;
    bool has_email = w->email != NULL && w->email[0] != '\0';
    if (has_email && !mci_email_valid(w->email))
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "email '%.*s' is not a valid address",
                           (int)mci_utf8_prefix(w->email, 100), w->email);
    if (st == MC_OK && w->phone != NULL && w->phone[0] != '\0' &&
        mc_phone_normalize(w->phone, phone, sizeof phone, err) != MC_OK) {
        mci_strlcpy(why, err->message, sizeof why);
        st = mci_error_set(err, MC_ERR_INVALID_ARG, "the visitor's %s", why);
    }
    if (st == MC_OK && (!cJSON_AddStringToObject(body, "host_phone", host) ||
                        !cJSON_AddStringToObject(body, "name", name) ||
                        (has_email && !cJSON_AddStringToObject(body, "email", w->email)) ||
                        (phone[0] != '\0' && !cJSON_AddStringToObject(body, "phone", phone))))
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    free(name);
    return st;
}

mc_status mc_reception_walk_in(mc_client *c, const mc_walk_in *walk_in, mc_visitor **out,
                               mc_error *err)
{
    MCI_ENTER(c, err);
    if (out == NULL || walk_in == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             out == NULL ? "out is NULL" : "walk_in is NULL");
    *out = NULL;
    cJSON *body = cJSON_CreateObject();
    mc_status st = body == NULL ? mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory")
                                : walk_in_body(walk_in, body, err);
    if (st == MC_OK)
        st = post_visitor(c, "/v1/staff/visitors/walk_in", body, out, err);
    cJSON_Delete(body);
    return st;
}
