/*
 * desk/staff_call.c - one authenticated call to a staff route, and the one sync a desk
 * that never synced needs before its answers can be shown (see staff_call.h).
 */
#include "desk/staff_call.h"

#include <string.h>

#include "account/session.h"
#include "membercore/sync.h"
#include "net/http.h"
#include "read/read.h"

/* Whether synced_probe_sql finds a row: the store holds what answers are shown with. */
static bool store_has(mc_client *c, const char *synced_probe_sql)
{
    mci_reader *r = NULL;
    mc_error ignored = MC_ERROR_INIT;
    if (mci_read_begin_any(c->readers, &r, &ignored) != MC_OK)
        return true; /* nothing to gain from a sync: the reads after will say what is wrong */
    sqlite3_stmt *stmt =
        mci_read_stmt(r, synced_probe_sql, "reading what the desk has synced", &ignored);
    bool synced = stmt == NULL || sqlite3_step(stmt) == SQLITE_ROW;
    mci_read_end(c->readers, r);
    return synced;
}

mc_status mci_staff_call(mc_client *c, const char *method, const char *path,
                         const char *const *params, size_t nparams, const cJSON *body,
                         const char *synced_probe_sql, cJSON **answer, mc_error *err)
{
    char token[MCI_TOKEN_MAX];
    mc_status st = mci_session_token(c, token, err);
    if (st == MC_OK)
        st = mci_http_call_query(&c->http, method, path, params, nparams, body, token, answer, err);
    memset(token, 0, sizeof token);
    if (st == MC_OK && !store_has(c, synced_probe_sql))
        mc_sync_once(c, NULL, NULL);
    return st;
}
