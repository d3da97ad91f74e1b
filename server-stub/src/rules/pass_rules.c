/* rules/pass_rules.c - day-pass pricing and the date rules of a cart, as pure decisions (no I/O).
 */
#include "rules/pass_rules.h"

#include <stdbool.h>
#include <string.h>

#include "rules/zone.h"

int64_t ms_div_round_half_up(int64_t numerator, int64_t denominator)
{
    return (numerator * 2 + denominator) / (denominator * 2);
}

int64_t ms_tax_of(int64_t taxable_minor, int64_t rate_bp)
{
    return ms_div_round_half_up(taxable_minor * rate_bp, 10000);
}

ms_pass_price ms_pass_price_of(int64_t n, int64_t unit_minor, const ms_pass_tier *tiers,
                               size_t ntiers, int64_t tax_rate_bp)
{
    ms_pass_price p;
    memset(&p, 0, sizeof p);
    p.subtotal_minor = n * unit_minor;
    for (size_t i = 0; i < ntiers; i++) {
        if (tiers[i].passes <= n && tiers[i].passes > p.tier_passes) {
            p.tier_passes = tiers[i].passes;
            p.discount_pct = tiers[i].discount_pct;
        }
    }
    p.discount_minor = ms_div_round_half_up(p.subtotal_minor * p.discount_pct, 100);
    int64_t taxable = p.subtotal_minor - p.discount_minor;
    p.tax_minor = ms_tax_of(taxable, tax_rate_bp);
    p.total_minor = taxable + p.tax_minor;
    return p;
}

static const struct {
    const char *name;
    ms_pass_rule bit;
} rules[MS_PASS_RULE_COUNT] = {
    {"past_date", MS_PASS_PAST_DATE}, {"beyond_window", MS_PASS_BEYOND_WINDOW},
    {"blackout", MS_PASS_BLACKOUT},   {"closed", MS_PASS_CLOSED},
    {"capacity", MS_PASS_CAPACITY},   {"duplicate", MS_PASS_DUPLICATE},
};

const char *ms_pass_rule_at(int index, ms_pass_rule *bit)
{
    if (index < 0 || index >= MS_PASS_RULE_COUNT)
        return NULL;
    if (bit)
        *bit = rules[index].bit;
    return rules[index].name;
}

unsigned ms_pass_date_rules(int64_t day, int64_t today, int64_t window_days,
                            const ms_open_hours *hours)
{
    unsigned broken = 0;
    if (day < today)
        broken |= MS_PASS_PAST_DATE;
    if (day > today + window_days)
        broken |= MS_PASS_BEYOND_WINDOW;
    if (!hours->open[ms_weekday_of_days(day)])
        broken |= MS_PASS_CLOSED;
    return broken;
}

bool ms_parse_date(const char *text, int64_t *days)
{
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    const int start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++) {
        for (int i = 0; i < len[f]; i++) {
            char c = text[start[f] + i];
            if (c < '0' || c > '9')
                return false;
            v[f] = v[f] * 10 + (c - '0');
        }
    }
    if (v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return false;
    int64_t d = ms_days_from_civil(v[0], v[1], v[2]);
    int y, m, dd;
    ms_civil_from_days(d, &y, &m, &dd);
    if (y != v[0] || m != v[1] || dd != v[2])
        return false;
    *days = d;
    return true;
}
