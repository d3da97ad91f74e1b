/* util/json.c - reading typed fields out of cJSON objects, with errors that name the field. */
#include "util/json.h"

#include <math.h>

#include "util/error.h"

const char *mci_json_string(const cJSON *obj, const char *name, const char *fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(item) && item->valuestring != NULL ? item->valuestring : fallback;
}

int64_t mci_json_int(const cJSON *obj, const char *name, int64_t fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsNumber(item))
        return fallback;
    double v = item->valuedouble;
    /* 2^63 is exactly representable; whole numbers only. */
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0) || floor(v) != v)
        return fallback;
    return (int64_t)v;
}

bool mci_json_bool(const cJSON *obj, const char *name, bool fallback)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsBool(item) ? cJSON_IsTrue(item) : fallback;
}

mc_status mci_json_require_string(const cJSON *obj, const char *name, const char **out,
                                  mc_error *err)
{
    const char *s = mci_json_string(obj, name, NULL);
    if (s == NULL)
        return mci_error_set(err, MC_ERR_SERVER, "server answer lacks the string field '%s'", name);
    *out = s;
    return MC_OK;
}
