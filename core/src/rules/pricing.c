/* rules/pricing.c - day-pass cart pricing: tier, discount, GST, all in integer paise. Pure. */
#include "rules/pricing.h"

int64_t mci_div_round_half_up(int64_t numerator, int64_t denominator)
{
    return (numerator * 2 + denominator) / (denominator * 2);
}

mci_price mci_price_passes(int32_t n, int64_t unit_paise, const mci_tier *tiers, size_t ntiers)
{
    mci_price p = {0};
    p.subtotal_paise = (int64_t)n * unit_paise;
    for (size_t i = 0; i < ntiers; i++) {
        if (tiers[i].passes <= n && tiers[i].passes > p.tier_passes) {
            p.tier_passes = tiers[i].passes;
            p.discount_pct = tiers[i].discount_pct;
        }
    }
    p.discount_paise = mci_div_round_half_up(p.subtotal_paise * p.discount_pct, 100);
    int64_t taxable = p.subtotal_paise - p.discount_paise;
    p.gst_paise = mci_div_round_half_up(taxable * MCI_GST_PERCENT, 100);
    p.total_paise = taxable + p.gst_paise;
    return p;
}
