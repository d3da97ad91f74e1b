/*
 * rules/pricing.h - what a cart of day passes costs: bundle tier, discount, and the
 * building's tax (GST 18% in India, VAT 20% in the UK). Pure integer arithmetic in the
 * currency's minor unit; no I/O. The server computes the same and decides.
 *
 * Rounding (docs/passes-protocol.md): discount = round half up of
 * subtotal * pct / 100; tax = round half up of (subtotal - discount) * rate_bp / 10000;
 * total = subtotal - discount + tax.
 */
#ifndef MCI_RULES_PRICING_H
#define MCI_RULES_PRICING_H

#include <stddef.h>
#include <stdint.h>

typedef struct mci_tier {
    int32_t passes;       /* from this many passes on */
    int32_t discount_pct; /* 0..100 */
} mci_tier;

/* Amounts in the minor unit of the building's currency. */
typedef struct mci_price {
    int64_t subtotal_minor;
    int64_t discount_minor;
    int64_t tax_minor;
    int64_t total_minor;
    int32_t tier_passes; /* the tier applied (0: none) */
    int32_t discount_pct;
} mci_price;

/* round(numerator / denominator), halves up, for numerator >= 0, denominator > 0. */
int64_t mci_div_round_half_up(int64_t numerator, int64_t denominator);

/* The tax on taxable minor units at rate_bp basis points, rounded half up. */
int64_t mci_tax_on(int64_t taxable_minor, int32_t rate_bp);

/*
 * Price n passes at unit_minor with the tiers (any order): the tier with the
 * largest `passes` <= n applies; taxed at tax_rate_bp basis points.
 * n >= 0, unit_minor >= 0, tax_rate_bp >= 0.
 */
mci_price mci_price_passes(int32_t n, int64_t unit_minor, const mci_tier *tiers, size_t ntiers,
                           int32_t tax_rate_bp);

#endif
