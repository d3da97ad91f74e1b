/* domain/user_json.c - the "user" object of the HTTP contract, built from a loaded ms_user. */
#include "domain/user_json.h"

#include <stdbool.h>

static cJSON *lead_json(const ms_lead *l)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o && cJSON_AddStringToObject(o, "id", l->id) &&
              cJSON_AddStringToObject(o, "status", l->status) &&
              cJSON_AddStringToObject(o, "intent", l->intent) &&
              cJSON_AddStringToObject(o, "industry", l->industry) &&
              cJSON_AddNumberToObject(o, "employees", (double)l->employees) &&
              cJSON_AddStringToObject(o, "timeline", l->timeline) &&
              cJSON_AddNumberToObject(o, "budget_paise", (double)l->budget_paise) &&
              cJSON_AddStringToObject(o, "budget_currency", l->budget_currency);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *membership_json(const ms_membership *m)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o && cJSON_AddStringToObject(o, "company_id", m->company_id) &&
              cJSON_AddStringToObject(o, "building_id", m->building_id) &&
              cJSON_AddStringToObject(o, "seat", m->seat);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static bool add_roles(cJSON *o, unsigned bits)
{
    cJSON *roles = cJSON_AddArrayToObject(o, "roles");
    if (!roles)
        return false;
    for (int i = 0; i < MS_ROLE_COUNT; i++) {
        ms_role bit;
        const char *name = ms_role_name_at(i, &bit);
        if (!(bits & bit))
            continue;
        cJSON *s = cJSON_CreateString(name);
        if (!s || !cJSON_AddItemToArray(roles, s)) {
            cJSON_Delete(s);
            return false;
        }
    }
    return true;
}

/* Adds item (NULL: allocation failed) under key; false on failure, item freed. */
static bool add_item(cJSON *o, const char *key, cJSON *item)
{
    if (item && cJSON_AddItemToObject(o, key, item))
        return true;
    cJSON_Delete(item);
    return false;
}

cJSON *ms_user_json(const ms_user *u)
{
    cJSON *o = cJSON_CreateObject();
    bool ok =
        o && cJSON_AddStringToObject(o, "id", u->id) &&
        cJSON_AddStringToObject(o, "phone", u->phone) &&
        cJSON_AddStringToObject(o, "name", u->name) &&
        cJSON_AddStringToObject(o, "email", u->email) &&
        cJSON_AddStringToObject(o, "company", u->company) &&
        cJSON_AddStringToObject(o, "city", u->city) && add_roles(o, u->roles) &&
        cJSON_AddBoolToObject(o, "profile_complete", u->profile_complete) &&
        add_item(o, "lead", u->lead.present ? lead_json(&u->lead) : cJSON_CreateNull()) &&
        add_item(o, "membership",
                 u->membership.present ? membership_json(&u->membership) : cJSON_CreateNull());
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

int ms_user_json_add(sqlite3 *db, const char *id, cJSON *parent)
{
    ms_user user;
    if (ms_user_load(db, id, &user) != 0)
        return -1;
    return add_item(parent, "user", ms_user_json(&user)) ? 0 : -1;
}
