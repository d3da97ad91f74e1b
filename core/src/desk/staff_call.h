/*
 * desk/staff_call.h - one authenticated call to a staff route (tickets at the desk,
 * reception's visitors), with the sync a desk that never synced needs to show times.
 */
#ifndef MCI_DESK_STAFF_CALL_H
#define MCI_DESK_STAFF_CALL_H

#include <stddef.h>

#include <cJSON.h>

#include "handle/handle.h"

/* One call with the session's token; *answer (the caller deletes) on MC_OK. A refusal comes
 * back with the server's words, its code mapped by net/. After a success, when the query
 * synced_probe_sql (one that returns a row once the store has what the answer is shown
 * with: buildings for their zones, categories for their names) returns none, one sync
 * fetches it; that sync's failure changes nothing about the answer. The token is wiped. */
mc_status mci_staff_call(mc_client *client, const char *method, const char *path,
                         const char *const *params, size_t nparams, const cJSON *body,
                         const char *synced_probe_sql, cJSON **answer, mc_error *err);

#endif
