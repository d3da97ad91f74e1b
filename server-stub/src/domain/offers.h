/* domain/offers.h - partner offers and perks (docs/today-desks-community.md "Offers"): validity,
 * building scope, shared codes and single-use code pools handed out one per member. */
#ifndef MS_OFFERS_H
#define MS_OFFERS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/app.h"
#include "base/ids.h"
#include "domain/bookings.h"
#include "rules/offer_rules.h"

/*
 * SQL: whether offer `offer` (an SQL expression naming its id) is in scope for `user` (one naming
 * the user id): a user without a membership (an on-demand user) sees every offer; a member those
 * of every building (no offer_buildings row) and those of their membership's building.
 */
#define MS_OFFER_FOR(offer, user)                                                                  \
    "(NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = " user ")"                         \
    " OR NOT EXISTS (SELECT 1 FROM offer_buildings b WHERE b.offer_id = " offer ")"                \
    " OR EXISTS (SELECT 1 FROM offer_buildings b JOIN memberships m"                               \
    " ON m.building_id = b.building_id WHERE b.offer_id = " offer " AND m.user_id = " user "))"
/*
 * SQL: whether the offer row in scope is live (not retired: upkeep retires an offer once its
 * valid_until is over in every zone, i.e. before the UTC date a day ago, deleting it from the
 * change logs of those in scope; snapshots leave retired ones out; clients compare the dates with
 * the building's local today).
 */
#define MS_OFFER_LIVE "(retired = 0)"

/* What the operator creates (test route POST /v1/test/offers). */
typedef struct ms_offer_input {
    const char *partner, *title, *description, *terms;
    const char *valid_from, *valid_until; /* building-local YYYY-MM-DD, inclusive */
    const char *const *building_ids;      /* none: every building */
    size_t building_count;
    bool single_use;
    const char *shared_code;  /* shared: the one code */
    const char *const *codes; /* single_use: the pool */
    size_t code_count;
} ms_offer_input;

/*
 * Create in, change-logged to every user in its scope. Its id ("ofr_...") into id_out. 0; 1
 * refused with why (invalid_argument: dates, codes, a repeated code or building; not_found: a
 * building); -1 on error. Caller's transaction.
 */
int ms_offer_create(ms_app *app, const ms_offer_input *in, char id_out[MS_ID_MAX], ms_refusal *why);

/* Retire every offer over in every zone by now_ms (see MS_OFFER_LIVE), once. Upkeep, caller's
 * transaction. 0 / -1. */
int ms_offers_retire_due(ms_app *app, int64_t now_ms);

/*
 * user_id redeems offer_id: a shared offer's code, or one code of a single-use offer's pool
 * handed to this member alone; a member who redeemed it before gets the same code again. The
 * code into code_out. Validity is checked on the building-local today of the member's building
 * (a user without a membership: the offer's first building's, India's for an offer of every
 * building). 0; 1 refused with why: not_found (unknown or out of scope), offer_not_started,
 * offer_expired, offer_exhausted (no code left); -1 on error. A single-use redemption
 * change-logs the offer to everyone in scope (`remaining` moved), a shared one to the member.
 * Codes are never logged. Caller's transaction (the lock makes it atomic).
 */
int ms_offer_redeem(ms_app *app, const char *user_id, const char *offer_id,
                    char code_out[MS_OFFER_CODE_MAX + 1], ms_refusal *why);

#endif
