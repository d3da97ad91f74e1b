/* rules/pricing.c - day-pass cart pricing: tier, discount, the building's tax, all in integer
 * minor units of its currency. Pure. */
#include "rules/pricing.h"

int64_t mci_div_round_half_up(int64_t numerator, int64_t denominator)
{
    return (numerator * 2 + denominator) / (denominator * 2);
}

int64_t mci_tax_on(int64_t taxable_minor, int32_t rate_bp)
{
    return mci_div_round_half_up(taxable_minor * rate_bp, 10000);
}

mci_price mci_price_passes(int32_t n, int64_t unit_minor, const mci_tier *tiers, size_t ntiers,
                           int32_t tax_rate_bp)
{
    mci_price p = {0};
    p.subtotal_minor = (int64_t)n * unit_minor;
    for (size_t i = 0; i < ntiers; i++) {
        if (tiers[i].passes <= n && tiers[i].passes > p.tier_passes) {
            p.tier_passes = tiers[i].passes;
            p.discount_pct = tiers[i].discount_pct;
        }
    }
    p.discount_minor = mci_div_round_half_up(p.subtotal_minor * p.discount_pct, 100);
    int64_t taxable = p.subtotal_minor - p.discount_minor;
    p.tax_minor = mci_tax_on(taxable, tax_rate_bp);
    p.total_minor = taxable + p.tax_minor;
    return p;
}
