/* domain/users.c - accounts in the database: users, their roles, memberships and CRM leads. */
#include "domain/users.h"

#include <string.h>

#include "db/db.h"

static const struct {
    const char *name;
    ms_role bit;
} roles[MS_ROLE_COUNT] = {
    {"lead", MS_ROLE_LEAD},
    {"ondemanduser", MS_ROLE_ONDEMAND},
    {"member", MS_ROLE_MEMBER},
    {"staff", MS_ROLE_STAFF},
};

const char *ms_role_name_at(int index, ms_role *bit)
{
    if (index < 0 || index >= MS_ROLE_COUNT)
        return NULL;
    if (bit)
        *bit = roles[index].bit;
    return roles[index].name;
}

static const char *role_name(ms_role bit)
{
    for (int i = 0; i < MS_ROLE_COUNT; i++)
        if (roles[i].bit == bit)
            return roles[i].name;
    return NULL;
}

int ms_user_find_by_phone(sqlite3 *db, const char *phone, char *id, bool *found)
{
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT id FROM users WHERE phone = ?", "t", phone);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    *found = rc == 1;
    if (rc == 1)
        ms_db_text(stmt, 0, id, MS_ID_MAX);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_user_create(sqlite3 *db, ms_rng *rng, const char *phone, int64_t now_ms, char *id)
{
    if (ms_rng_id(rng, "usr_", id, MS_ID_MAX) != 0)
        return -1;
    return ms_db_run(db,
                     "INSERT INTO users (id, phone, created_at_ms, updated_at_ms)"
                     " VALUES (?, ?, ?, ?)",
                     "ttii", id, phone, now_ms, now_ms);
}

static int load_roles(sqlite3 *db, ms_user *u)
{
    sqlite3_stmt *stmt =
        ms_db_query(db, "SELECT role FROM user_roles WHERE user_id = ?", "t", u->id);
    if (!stmt)
        return -1;
    int rc;
    while ((rc = ms_db_step(stmt)) == 1) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        for (int i = 0; name && i < MS_ROLE_COUNT; i++)
            if (strcmp(name, roles[i].name) == 0)
                u->roles |= roles[i].bit;
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int load_lead(sqlite3 *db, ms_user *u)
{
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, status, intent, industry, employees, timeline,"
                                     " budget_paise, budget_currency FROM leads WHERE user_id = ?",
                                     "t", u->id);
    if (!stmt)
        return -1;
    ms_lead *l = &u->lead;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        l->present = true;
        ms_db_text(stmt, 0, l->id, sizeof l->id);
        ms_db_text(stmt, 1, l->status, sizeof l->status);
        ms_db_text(stmt, 2, l->intent, sizeof l->intent);
        ms_db_text(stmt, 3, l->industry, sizeof l->industry);
        l->employees = sqlite3_column_int64(stmt, 4);
        ms_db_text(stmt, 5, l->timeline, sizeof l->timeline);
        l->budget_paise = sqlite3_column_int64(stmt, 6);
        ms_db_text(stmt, 7, l->budget_currency, sizeof l->budget_currency);
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

static int load_membership(sqlite3 *db, ms_user *u)
{
    sqlite3_stmt *stmt = ms_db_query(
        db, "SELECT company_id, building_id, seat FROM memberships WHERE user_id = ?", "t", u->id);
    if (!stmt)
        return -1;
    ms_membership *m = &u->membership;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        m->present = true;
        ms_db_text(stmt, 0, m->company_id, sizeof m->company_id);
        ms_db_text(stmt, 1, m->building_id, sizeof m->building_id);
        ms_db_text(stmt, 2, m->seat, sizeof m->seat);
    }
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_user_load(sqlite3 *db, const char *id, ms_user *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ms_db_query(db,
                                     "SELECT id, phone, name, email, company, city,"
                                     " profile_complete FROM users WHERE id = ?",
                                     "t", id);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1) {
        ms_db_text(stmt, 0, out->id, sizeof out->id);
        ms_db_text(stmt, 1, out->phone, sizeof out->phone);
        ms_db_text(stmt, 2, out->name, sizeof out->name);
        ms_db_text(stmt, 3, out->email, sizeof out->email);
        ms_db_text(stmt, 4, out->company, sizeof out->company);
        ms_db_text(stmt, 5, out->city, sizeof out->city);
        out->profile_complete = sqlite3_column_int(stmt, 6) != 0;
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return 1;
    if (load_roles(db, out) != 0 || load_lead(db, out) != 0 || load_membership(db, out) != 0)
        return -1;
    return 0;
}

int ms_user_add_role(sqlite3 *db, const char *id, ms_role role)
{
    const char *name = role_name(role);
    if (!name)
        return -1;
    return ms_db_run(db, "INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?, ?)", "tt", id,
                     name);
}

int ms_user_save_profile(sqlite3 *db, const char *id, const char *name, const char *email,
                         const char *company, const char *city, int64_t now_ms)
{
    return ms_db_run(db,
                     "UPDATE users SET name = ?, email = ?, company = ?, city = ?,"
                     " profile_complete = 1, updated_at_ms = ? WHERE id = ?",
                     "ttttit", name, email, company, city, now_ms, id);
}

int ms_lead_create(sqlite3 *db, ms_rng *rng, const char *user_id, int64_t now_ms)
{
    char id[MS_ID_MAX];
    if (ms_rng_id(rng, "lead_", id, sizeof id) != 0)
        return -1;
    return ms_db_run(db,
                     "INSERT INTO leads (id, user_id, created_at_ms, updated_at_ms)"
                     " VALUES (?, ?, ?, ?)",
                     "ttii", id, user_id, now_ms, now_ms);
}

int ms_lead_set_intent(sqlite3 *db, const char *user_id, const char *intent, const char *industry,
                       int64_t employees, const char *timeline, int64_t budget_paise,
                       int64_t now_ms)
{
    /* On-demand keeps what an office intent stated before: the sales team's notes stay. */
    if (strcmp(intent, "on_demand") == 0)
        return ms_db_run(db, "UPDATE leads SET intent = ?, updated_at_ms = ? WHERE user_id = ?",
                         "tit", intent, now_ms, user_id);
    return ms_db_run(db,
                     "UPDATE leads SET intent = ?, industry = ?, employees = ?, timeline = ?,"
                     " budget_paise = ?, updated_at_ms = ? WHERE user_id = ?",
                     "ttitiit", intent, industry, employees, timeline, budget_paise, now_ms,
                     user_id);
}
