/* domain/users.h - accounts in the database: users, their roles, memberships and CRM leads. */
#ifndef MS_USERS_H
#define MS_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/crypto.h"
#include "base/ids.h"
#include "rules/phone.h"

/* Room for 100 UTF-8 characters (the longest free-text field). */
#define MS_TEXT_MAX 401
/* An email is at most 254 bytes. */
#define MS_EMAIL_MAX 255

/* Role bits; the JSON lists them in this order. */
typedef enum ms_role {
    MS_ROLE_LEAD = 1 << 0,
    MS_ROLE_ONDEMAND = 1 << 1,
    MS_ROLE_MEMBER = 1 << 2,
    MS_ROLE_STAFF = 1 << 3,
} ms_role;

#define MS_ROLE_COUNT 4

typedef struct ms_lead {
    bool present;
    char id[MS_ID_MAX];
    char status[24];
    char intent[24]; /* "none", "on_demand", "private_office", "virtual_office" */
    char industry[MS_TEXT_MAX];
    int64_t employees;
    char timeline[MS_TEXT_MAX];
    int64_t budget_paise;    /* minor units of budget_currency */
    char budget_currency[4]; /* ISO 4217 */
} ms_lead;

typedef struct ms_membership {
    bool present;
    char company_id[MS_ID_MAX];
    char building_id[MS_ID_MAX];
    char seat[MS_TEXT_MAX];
} ms_membership;

typedef struct ms_user {
    char id[MS_ID_MAX];
    char phone[MS_PHONE_MAX];
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX];
    char company[MS_TEXT_MAX];
    char city[MS_TEXT_MAX];
    unsigned roles; /* ms_role bits */
    bool profile_complete;
    ms_lead lead;
    ms_membership membership;
} ms_user;

/* The role's stable name ("lead", ...) by index 0..MS_ROLE_COUNT-1, with its bit. */
const char *ms_role_name_at(int index, ms_role *bit);

/* The id of the user with this E.164 phone into id (MS_ID_MAX); *found false if none. 0 / -1. */
int ms_user_find_by_phone(sqlite3 *db, const char *phone, char *id, bool *found);
/* A new user with no roles and an empty profile (auto-provisioning). 0 / -1. */
int ms_user_create(sqlite3 *db, ms_rng *rng, const char *phone, int64_t now_ms, char *id);
/* Everything about a user. 0, 1 when there is no such user, -1 on error. */
int ms_user_load(sqlite3 *db, const char *id, ms_user *out);
/* Give a role (no-op if held). 0 / -1. */
int ms_user_add_role(sqlite3 *db, const char *id, ms_role role);
/* Store the profile and mark it complete. 0 / -1. */
int ms_user_save_profile(sqlite3 *db, const char *id, const char *name, const char *email,
                         const char *company, const char *city, int64_t now_ms);

/* Create the user's CRM lead (status "new", intent "none"). 0 / -1. */
int ms_lead_create(sqlite3 *db, ms_rng *rng, const char *user_id, int64_t now_ms);
/* Record the intent and its office details on the user's lead; on_demand keeps the office
 * details stated before (a change of mind does not wipe the sales team's notes). 0 / -1. */
int ms_lead_set_intent(sqlite3 *db, const char *user_id, const char *intent, const char *industry,
                       int64_t employees, const char *timeline, int64_t budget_paise,
                       int64_t now_ms);

#endif
