/*
 * visitors/visitor.h - what the visitors module's files share: an mc_visitor from the wire
 * object (reception's answers), its local times from the zone book, and freeing.
 */
#ifndef MCI_VISITORS_VISITOR_H
#define MCI_VISITORS_VISITOR_H

#include <cJSON.h>

#include "catalog/zones.h"
#include "membercore/visitors.h"

/* Free what v holds and zero it (not v itself). */
void mci_visitor_clear(mc_visitor *v);

/* Whether every string of v is set (a fill ran out of memory otherwise). */
bool mci_visitor_complete(const mc_visitor *v);

/* The wire visitor object (docs/notifications-protocol.md) into *out (zeroed first): the
 * fields, host_name from its "host" object when there is one, local times zero (fill them
 * with mci_visitor_localize). Errors: MC_ERR_SERVER (not an object, no id),
 * MC_ERR_NO_MEMORY; on failure *out is cleared. Pure. */
mc_status mci_visitor_from_json(const cJSON *obj, mc_visitor *out, mc_error *err);

/* The local times of item (an mc_visitor) in its building: arrival, approval due, and the
 * window on its date. An mci_localize_fn. */
mc_status mci_visitor_localize(mci_zone_book *book, void *item, mc_error *err);

#include <sqlite3.h>

#include "read/read.h"
#include "store/stmt_cache.h"

/*
 * Member user_id's visitor visitor_id as this device knows it: server truth in visitor_row,
 * else an invitation still queued here (pending_visitor), with this device's queued cancel
 * or decision applied (a refused one drops out) and pending set when anything of it is
 * queued. Local times stay zero. Works on the writer (lock held) or a reader's connection.
 * Errors: MC_ERR_NOT_FOUND naming the id, MC_ERR_STORAGE, MC_ERR_NO_MEMORY.
 */
mc_status mci_visitor_find(sqlite3 *db, mci_stmt_cache *stmts, const char *user_id,
                           const char *visitor_id, mc_visitor *out, mc_error *err);
/* The member's visitors into list as mc_visitors_list reads them (upcoming_only: of their
 * building's today or later, invited or awaiting approval, or arrived today; soonest
 * first), on a reader the caller holds. Errors: MC_ERR_STORAGE, MC_ERR_NO_MEMORY. */
mc_status mci_visitors_read(mci_reader *r, int64_t now_ms, bool upcoming_only,
                            mc_visitor_list *list, mc_error *err);
#endif
