/*
 * json.c - the small steps every memberctl JSON renderer is made of, and the
 * names of a set of flags (as JSON and as text).
 */
#include "render/json.h"

#include <stdio.h>

#include "parse/datetime.h"

cJSON *json_finish(cJSON *obj, bool ok)
{
    if (ok)
        return obj;
    cJSON_Delete(obj);
    return NULL;
}

bool json_add_item(cJSON *obj, const char *name, cJSON *item)
{
    if (item != NULL && cJSON_AddItemToObject(obj, name, item))
        return true;
    cJSON_Delete(item);
    return false;
}

bool json_append(cJSON *array, cJSON *item)
{
    if (item != NULL && cJSON_AddItemToArray(array, item))
        return true;
    cJSON_Delete(item);
    return false;
}

bool json_add_money(cJSON *obj, const char *key, mc_money money)
{
    char text[MC_MONEY_TEXT_MAX];
    mc_money_format(money, text, sizeof text);
    cJSON *m = cJSON_CreateObject();
    bool ok = m != NULL && cJSON_AddNumberToObject(m, "minor", (double)money.minor) != NULL &&
              cJSON_AddStringToObject(m, "currency", money.currency) != NULL &&
              cJSON_AddStringToObject(m, "text", text) != NULL;
    return json_add_item(obj, key, json_finish(m, ok));
}

bool json_add_tax(cJSON *obj, const char *key, mc_tax tax)
{
    char text[MC_MONEY_TEXT_MAX];
    mc_tax_format(tax, text, sizeof text);
    cJSON *t = cJSON_CreateObject();
    bool ok = t != NULL && cJSON_AddStringToObject(t, "name", tax.name) != NULL &&
              cJSON_AddNumberToObject(t, "rate_bp", tax.rate_bp) != NULL &&
              cJSON_AddStringToObject(t, "text", text) != NULL;
    return json_add_item(obj, key, json_finish(t, ok));
}

bool json_add_string_or_null(cJSON *obj, const char *name, const char *s)
{
    return (s != NULL ? cJSON_AddStringToObject(obj, name, s) : cJSON_AddNullToObject(obj, name)) !=
           NULL;
}

bool json_add_time(cJSON *obj, const char *key, int64_t ms, bool zero_is_null)
{
    char ms_key[64];
    snprintf(ms_key, sizeof ms_key, "%s_ms", key);
    if (ms == 0 && zero_is_null)
        return cJSON_AddNullToObject(obj, ms_key) != NULL &&
               cJSON_AddNullToObject(obj, key) != NULL;
    char text[DATETIME_TIME_MAX];
    datetime_format_time(ms, text, sizeof text);
    return cJSON_AddNumberToObject(obj, ms_key, (double)ms) != NULL &&
           cJSON_AddStringToObject(obj, key, text) != NULL;
}

bool json_add_local_time(cJSON *obj, const char *key, int64_t ms, const mc_local_time *local,
                         bool zero_is_null)
{
    char local_key[64], zone_key[64];
    snprintf(local_key, sizeof local_key, "%s_local", key);
    snprintf(zone_key, sizeof zone_key, "%s_zone", key);
    if (!json_add_time(obj, key, ms, zero_is_null))
        return false;
    if (ms == 0 && zero_is_null)
        return cJSON_AddNullToObject(obj, local_key) != NULL &&
               cJSON_AddNullToObject(obj, zone_key) != NULL;
    return cJSON_AddStringToObject(obj, local_key, local->iso8601) != NULL &&
           cJSON_AddStringToObject(obj, zone_key, local->label) != NULL;
}

cJSON *json_bit_names(uint32_t flags, json_bit_name_fn name)
{
    cJSON *array = cJSON_CreateArray();
    bool ok = array != NULL;
    for (unsigned bit = 0; ok && bit < 32; bit++) {
        uint32_t flag = (uint32_t)1 << bit;
        if ((flags & flag) != 0)
            ok = json_append(array, cJSON_CreateString(name(flag)));
    }
    return json_finish(array, ok);
}

void text_bit_names(uint32_t flags, json_bit_name_fn name, const char *if_none, char *out,
                    size_t out_cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t flag = (uint32_t)1 << bit;
        if ((flags & flag) == 0)
            continue;
        int n = snprintf(out + used, out_cap - used, "%s%s", used > 0 ? ", " : "", name(flag));
        if (n < 0 || (size_t)n >= out_cap - used)
            break;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(out, out_cap, "%s", if_none);
}
