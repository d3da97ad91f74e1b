/*
 * membercore/offers.h - partner offers and perks: a discount with its terms,
 * its validity (building-local dates) and the buildings it applies to. A member
 * redeems one online and gets its code: the same code for everyone (shared), or
 * one code of a pool per member (single-use: asking again gives the same code,
 * never a second). The code is kept and shown offline afterwards.
 * docs/today-desks-community.md is the wire contract.
 */
#ifndef MEMBERCORE_OFFERS_H
#define MEMBERCORE_OFFERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_offer_code_kind {
    MC_OFFER_SHARED = 1,     /* one code for everyone */
    MC_OFFER_SINGLE_USE = 2, /* one code of a pool per member */
} mc_offer_code_kind;

typedef struct mc_offer {
    char *id;
    char *partner; /* "Blue Tokai" */
    char *title;   /* "20% off coffee" */
    char *description;
    char *terms;
    char **building_ids; /* building_count ids; none: every building */
    size_t building_count;
    char *valid_from;  /* building-local "YYYY-MM-DD", inclusive */
    char *valid_until; /* inclusive */
    mc_offer_code_kind code_kind;
    int32_t remaining;         /* single-use codes left as last synced; -1 for shared */
    bool redeemed;             /* the member has its code */
    char *code;                /* the member's code ("" until redeemed) */
    mc_local_time redeemed_at; /* all zeros until redeemed */
} mc_offer;

typedef struct mc_offer_list {
    mc_offer *items; /* redeemable ones first (not yet redeemed), then by partner */
    size_t count;
} mc_offer_list;

/*
 * The offers valid today (the member's building's date) in scope of the
 * member's building (on-demand users: all), from the local store. Free with
 * mc_offer_list_free(). Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_offers_list(mc_client *client, mc_offer_list **out, mc_error *err);
/* Free an mc_offer_list and everything it holds. NULL is a no-op. Any thread. */
void mc_offer_list_free(mc_offer_list *list);

/*
 * Redeem an offer (online: the server allocates codes) and store the result.
 * *out (the caller frees with mc_offer_free; may be NULL) is the offer with
 * its code. Redeeming again returns the member's same code.
 * Errors: MC_ERR_INVALID_ARG, MC_ERR_NOT_FOUND (unknown, or not for the
 * member's building), MC_ERR_CONFLICT (no single-use codes left; outside its
 * validity: the message names the dates), MC_ERR_UNAUTHORIZED,
 * MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_offer_redeem(mc_client *client, const char *offer_id, mc_offer **out, mc_error *err);
/* Free an mc_offer. NULL is a no-op. Any thread. */
void mc_offer_free(mc_offer *offer);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_OFFERS_H */
