/*
 * rules/pricing.h - what a cart of day passes costs: bundle tier, discount, GST 18%.
 * Pure integer arithmetic on paise; no I/O. The server computes the same and decides.
 *
 * Rounding (docs/passes-protocol.md): discount = round half up of
 * subtotal * pct / 100; GST = round half up of (subtotal - discount) * 18 / 100;
 * total = subtotal - discount + GST.
 */
#ifndef MCI_RULES_PRICING_H
#define MCI_RULES_PRICING_H

#include <stddef.h>
#include <stdint.h>

#define MCI_GST_PERCENT 18

typedef struct mci_tier {
    int32_t passes;       /* from this many passes on */
    int32_t discount_pct; /* 0..100 */
} mci_tier;

typedef struct mci_price {
    int64_t subtotal_paise;
    int64_t discount_paise;
    int64_t gst_paise;
    int64_t total_paise;
    int32_t tier_passes; /* the tier applied (0: none) */
    int32_t discount_pct;
} mci_price;

/* round(numerator / denominator), halves up, for numerator >= 0, denominator > 0. */
int64_t mci_div_round_half_up(int64_t numerator, int64_t denominator);

/*
 * Price n passes at unit_paise with the tiers (any order): the tier with the
 * largest `passes` <= n applies. n >= 0, unit_paise >= 0.
 */
mci_price mci_price_passes(int32_t n, int64_t unit_paise, const mci_tier *tiers, size_t ntiers);

#endif
