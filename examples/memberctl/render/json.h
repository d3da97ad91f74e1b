/*
 * json.h - the pieces memberctl's JSON is built from (cJSON). Every helper
 * returns false or NULL when memory runs out; a renderer chains them with
 * && and hands its object to json_finish, which drops a half-built one.
 */
#ifndef MEMBERCTL_JSON_H
#define MEMBERCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "membercore/localtime.h"
#include "membercore/money.h"

/* obj when ok; otherwise obj is deleted and NULL returned (out of memory). */
cJSON *json_finish(cJSON *obj, bool ok);

/* Add item to obj under name, or delete it; false when item is NULL (no
 * memory) or adding failed. */
bool json_add_item(cJSON *obj, const char *name, cJSON *item);

/* Append item to array, or delete it; false when item is NULL or appending failed. */
bool json_append(cJSON *array, cJSON *item);

/* name: s, or null when s is NULL. */
bool json_add_string_or_null(cJSON *obj, const char *name, const char *s);

/*
 * Add a time to obj as "<key>_ms" (the number) and "<key>" (ISO-8601 UTC);
 * when ms is 0 and zero_is_null, both are null ("never"). false: no memory.
 */
bool json_add_time(cJSON *obj, const char *key, int64_t ms, bool zero_is_null);

/*
 * The same for an instant the core gave in its building's local time, and beside it
 * "<key>_local" (ISO-8601 with the offset: "2026-12-07T16:00:00+05:30") and "<key>_zone"
 * (the label: "IST"); null when zero_is_null and the instant is 0.
 */
bool json_add_local_time(cJSON *obj, const char *key, int64_t ms, const mc_local_time *local,
                         bool zero_is_null);

/* Add money to obj as "<key>": {"minor": N, "currency": "GBP", "text": "£12.00"} (the
 * integer in the currency's minor unit, its ISO 4217 code, mc_money_format's text).
 * false: no memory. */
bool json_add_money(cJSON *obj, const char *key, mc_money money);

/* Add a tax rule as "<key>": {"name": "VAT", "rate_bp": 2000, "text": "VAT 20%"}. */
bool json_add_tax(cJSON *obj, const char *key, mc_tax tax);

/* The name of one bit of a set of flags (mc_role_name, mc_kind_name). */
typedef const char *(*json_bit_name_fn)(uint32_t bit);

/* The set bits of flags, lowest first, as a JSON array of names; NULL: no memory. */
cJSON *json_bit_names(uint32_t flags, json_bit_name_fn name);

/* The same as text, "a, b", or if_none when no bit is set, into out. */
void text_bit_names(uint32_t flags, json_bit_name_fn name, const char *if_none, char *out,
                    size_t out_cap);

#endif /* MEMBERCTL_JSON_H */
