/* account/account.h - the signed-in account: from the server's JSON, to and from the local store.
 */
#ifndef MCI_ACCOUNT_ACCOUNT_H
#define MCI_ACCOUNT_ACCOUNT_H

#include <cJSON.h>
#include <sqlite3.h>
#include <stdint.h>

#include "membercore/auth.h"

/* Build an account from the server's `user` object. MC_ERR_SERVER if it
 * lacks id or phone; MC_ERR_NO_MEMORY. Pure. */
mc_status mci_account_from_json(const cJSON *user, mc_account **out, mc_error *err);

/* Replace the stored account with this one (the caller holds the lock and
 * may wrap it in a transaction). */
mc_status mci_account_save(sqlite3 *db, const mc_account *account, int64_t now_ms, mc_error *err);

/* The stored account, or MC_ERR_NOT_FOUND. */
mc_status mci_account_load(sqlite3 *db, mc_account **out, mc_error *err);

/* mci_account_load for a call that needs someone signed in: MC_ERR_UNAUTHORIZED ("nobody is
 * signed in") instead of MC_ERR_NOT_FOUND. Free *out with mc_account_free. */
mc_status mci_account_require(sqlite3 *db, mc_account **out, mc_error *err);

/* The stored account's user id (malloc'd), or MC_ERR_UNAUTHORIZED when
 * there is none. Caller holds the lock. */
mc_status mci_account_user_id(sqlite3 *db, char **user_id, mc_error *err);

/* Forget the stored account. */
mc_status mci_account_delete(sqlite3 *db, mc_error *err);

/* "on_demand" -> MC_INTENT_ON_DEMAND; unknown -> MC_INTENT_NONE. */
mc_intent mci_intent_from_name(const char *name);

#endif
