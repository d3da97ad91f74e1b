/* account/account.c - the signed-in account: parsed from the server, kept in the local store. */
#include "account/account.h"

#include <stdlib.h>
#include <string.h>

#include "rules/currency.h"
#include "store/store.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strutil.h"

static const char *const role_names[] = {"lead", "ondemanduser", "member", "staff"};
static const char *const intent_names[] = {"none", "on_demand", "private_office", "virtual_office"};

const char *mc_role_name(mc_role role)
{
    for (unsigned i = 0; i < sizeof role_names / sizeof *role_names; i++)
        if ((unsigned)role == (1u << i))
            return role_names[i];
    return "unknown";
}

const char *mc_intent_name(mc_intent intent)
{
    if ((unsigned)intent < sizeof intent_names / sizeof *intent_names)
        return intent_names[intent];
    return "unknown";
}

mc_intent mci_intent_from_name(const char *name)
{
    for (unsigned i = 0; name != NULL && i < sizeof intent_names / sizeof *intent_names; i++)
        if (strcmp(intent_names[i], name) == 0)
            return (mc_intent)i;
    return MC_INTENT_NONE;
}

static uint32_t roles_from_json(const cJSON *roles)
{
    uint32_t bits = 0;
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, roles)
    {
        if (!cJSON_IsString(item))
            continue;
        for (unsigned i = 0; i < sizeof role_names / sizeof *role_names; i++)
            if (strcmp(role_names[i], item->valuestring) == 0)
                bits |= 1u << i;
    }
    return bits;
}

void mc_account_free(mc_account *a)
{
    if (a == NULL)
        return;
    char **strings[] = {&a->user_id,  &a->phone,    &a->name,       &a->email,
                        &a->company,  &a->city,     &a->lead_id,    &a->lead_status,
                        &a->industry, &a->timeline, &a->company_id, &a->building_id,
                        &a->seat};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(*strings[i]);
    free(a);
}

/* Every string field of an account, in one order, for building and freeing. */
typedef struct field_source {
    char **field;
    const char *value;
} field_source;

static mc_status fill_strings(const field_source *fields, size_t n, mc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        *fields[i].field = mci_strdup(fields[i].value);
        if (*fields[i].field == NULL)
            return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading the account");
    }
    return MC_OK;
}

mc_status mci_account_from_json(const cJSON *user, mc_account **out, mc_error *err)
{
    const char *id = NULL, *phone = NULL;
    if (!cJSON_IsObject(user))
        return mci_error_set(err, MC_ERR_SERVER, "server answer lacks the 'user' object");
    mc_status st = mci_json_require_string(user, "id", &id, err);
    if (st == MC_OK)
        st = mci_json_require_string(user, "phone", &phone, err);
    if (st != MC_OK)
        return st;
    mc_account *a = calloc(1, sizeof *a);
    if (a == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading the account");
    const cJSON *lead = cJSON_GetObjectItemCaseSensitive(user, "lead");
    const cJSON *membership = cJSON_GetObjectItemCaseSensitive(user, "membership");
    field_source fields[] = {
        {&a->user_id, id},
        {&a->phone, phone},
        {&a->name, mci_json_string(user, "name", "")},
        {&a->email, mci_json_string(user, "email", "")},
        {&a->company, mci_json_string(user, "company", "")},
        {&a->city, mci_json_string(user, "city", "")},
        {&a->lead_id, mci_json_string(lead, "id", "")},
        {&a->lead_status, mci_json_string(lead, "status", "")},
        {&a->industry, mci_json_string(lead, "industry", "")},
        {&a->timeline, mci_json_string(lead, "timeline", "")},
        {&a->company_id, mci_json_string(membership, "company_id", "")},
        {&a->building_id, mci_json_string(membership, "building_id", "")},
        {&a->seat, mci_json_string(membership, "seat", "")},
    };
    st = fill_strings(fields, sizeof fields / sizeof *fields, err);
    if (st != MC_OK) {
        mc_account_free(a);
        return st;
    }
    a->roles = roles_from_json(cJSON_GetObjectItemCaseSensitive(user, "roles"));
    a->profile_complete = mci_json_bool(user, "profile_complete", false);
    a->intent = mci_intent_from_name(mci_json_string(lead, "intent", "none"));
    int64_t employees = mci_json_int(lead, "employees", 0);
    a->employees = employees >= 0 && employees <= INT32_MAX ? (int32_t)employees : 0;
    a->budget = mci_money_of(mci_json_int(lead, "budget_paise", 0),
                             mci_json_string(lead, "budget_currency", "INR"));
    *out = a;
    return MC_OK;
}

#define ACCOUNT_COLUMNS                                                                            \
    "user_id, phone, name, email, company, city, roles, profile_complete, lead_id, "               \
    "lead_status, intent, industry, employees, timeline, budget_paise, company_id, "               \
    "building_id, seat, budget_currency"

mc_status mci_account_save(sqlite3 *db, const mc_account *a, int64_t now_ms, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO account (singleton, " ACCOUNT_COLUMNS
                           ", updated_at_ms) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?20, ?19)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "saving the account");
    sqlite3_bind_text(stmt, 1, a->user_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, a->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, a->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, a->company, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, a->city, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, a->roles);
    sqlite3_bind_int(stmt, 8, a->profile_complete);
    sqlite3_bind_text(stmt, 9, a->lead_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 10, a->lead_status, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 11, (int)a->intent);
    sqlite3_bind_text(stmt, 12, a->industry, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 13, a->employees);
    sqlite3_bind_text(stmt, 14, a->timeline, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 15, a->budget.minor);
    sqlite3_bind_text(stmt, 16, a->company_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 17, a->building_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 18, a->seat, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 19, now_ms);
    sqlite3_bind_text(stmt, 20, a->budget.currency, -1, SQLITE_STATIC);
    mc_status st =
        sqlite3_step(stmt) == SQLITE_DONE ? MC_OK : mci_store_fail(db, err, "saving the account");
    sqlite3_finalize(stmt);
    return st;
}

mc_status mci_account_load(sqlite3 *db, mc_account **out, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE singleton = 1", -1,
                           &stmt, NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the account");
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        mc_status st = rc == SQLITE_DONE
                           ? mci_error_set(err, MC_ERR_NOT_FOUND, "no account is stored")
                           : mci_store_fail(db, err, "reading the account");
        sqlite3_finalize(stmt);
        return st;
    }
    mc_account *a = calloc(1, sizeof *a);
    mc_status st = MC_OK;
    if (a == NULL) {
        st = mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory reading the account");
    } else {
        field_source fields[] = {
            {&a->user_id, mci_column_text(stmt, 0)},
            {&a->phone, mci_column_text(stmt, 1)},
            {&a->name, mci_column_text(stmt, 2)},
            {&a->email, mci_column_text(stmt, 3)},
            {&a->company, mci_column_text(stmt, 4)},
            {&a->city, mci_column_text(stmt, 5)},
            {&a->lead_id, mci_column_text(stmt, 8)},
            {&a->lead_status, mci_column_text(stmt, 9)},
            {&a->industry, mci_column_text(stmt, 11)},
            {&a->timeline, mci_column_text(stmt, 13)},
            {&a->company_id, mci_column_text(stmt, 15)},
            {&a->building_id, mci_column_text(stmt, 16)},
            {&a->seat, mci_column_text(stmt, 17)},
        };
        st = fill_strings(fields, sizeof fields / sizeof *fields, err);
        a->roles = (uint32_t)sqlite3_column_int64(stmt, 6);
        a->profile_complete = sqlite3_column_int(stmt, 7) != 0;
        a->intent = (mc_intent)sqlite3_column_int(stmt, 10);
        a->employees = sqlite3_column_int(stmt, 12);
        a->budget = mci_money_of(sqlite3_column_int64(stmt, 14), mci_column_text(stmt, 18));
    }
    sqlite3_finalize(stmt);
    if (st != MC_OK) {
        mc_account_free(a);
        return st;
    }
    *out = a;
    return MC_OK;
}

mc_status mci_account_user_id(sqlite3 *db, char **user_id, mc_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT user_id FROM account WHERE singleton = 1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return mci_store_fail(db, err, "reading the account");
    mc_status st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *user_id = mci_strdup(mci_column_text(stmt, 0));
        st = *user_id ? MC_OK : mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    } else if (rc == SQLITE_DONE) {
        st = mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in");
    } else {
        st = mci_store_fail(db, err, "reading the account");
    }
    sqlite3_finalize(stmt);
    return st;
}

mc_status mci_account_delete(sqlite3 *db, mc_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, "DELETE FROM account", NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_free(msg);
        return mci_store_fail(db, err, "forgetting the account");
    }
    return MC_OK;
}

mc_status mci_account_require(sqlite3 *db, mc_account **out, mc_error *err)
{
    mc_status st = mci_account_load(db, out, err);
    return st == MC_ERR_NOT_FOUND ? mci_error_set(err, MC_ERR_UNAUTHORIZED, "nobody is signed in")
                                  : st;
}
