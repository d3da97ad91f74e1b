/* rules/offer_rules.h - partner offers' pure rules (docs/today-desks-community.md "Offers"): an
 * offer's validity on a building-local date, and the shape of a code. Pure: no I/O. */
#ifndef MS_OFFER_RULES_H
#define MS_OFFER_RULES_H

#include <stdbool.h>
#include <stdint.h>

/* The longest code accepted, in bytes. */
#define MS_OFFER_CODE_MAX 40

typedef enum ms_offer_validity {
    MS_OFFER_VALID,
    MS_OFFER_NOT_STARTED, /* today is before valid_from */
    MS_OFFER_EXPIRED,     /* today is after valid_until */
} ms_offer_validity;

/* The offer valid from `from` to `until` (both inclusive; days since 1970-01-01) on `today`. */
ms_offer_validity ms_offer_validity_on(int64_t today, int64_t from, int64_t until);

/* Whether code is 1 to MS_OFFER_CODE_MAX letters, digits, '-' or '_' (what a member types at a
 * partner's till). */
bool ms_offer_code_ok(const char *code);

#endif
