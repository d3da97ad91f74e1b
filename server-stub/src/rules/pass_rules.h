/* rules/pass_rules.h - day-pass pricing and the date rules of a cart, as pure decisions (no I/O).
 */
#ifndef MS_PASS_RULES_H
#define MS_PASS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/booking_rules.h"

/* A bundle tier: from `passes` passes on, discount_pct percent off. */
typedef struct ms_pass_tier {
    int64_t passes;
    int64_t discount_pct;
} ms_pass_tier;

/* What a cart costs (docs/passes-protocol.md, "Pricing"), in the minor unit of the
 * building's currency. */
typedef struct ms_pass_price {
    int64_t subtotal_minor; /* n x the day-pass price */
    int64_t discount_minor; /* round half up of subtotal x discount_pct / 100 */
    int64_t tax_minor;      /* ms_tax_of(subtotal - discount, the building's rate) */
    int64_t total_minor;    /* subtotal - discount + tax */
    int64_t tier_passes;    /* the tier applied; 0 when none applies */
    int64_t discount_pct;
} ms_pass_price;

/* numerator / denominator rounded to the nearest integer, halves up (numerator >= 0, denominator >
 * 0). */
int64_t ms_div_round_half_up(int64_t numerator, int64_t denominator);

/*
 * The tax on taxable minor units at rate_bp basis points (GST 1800, VAT 2000), rounded half
 * up to the minor unit: the one tax computation of every price the server charges (day
 * passes, rooms, invoices).
 */
int64_t ms_tax_of(int64_t taxable_minor, int64_t rate_bp);

/*
 * The price of n passes at unit_minor each, taxed at tax_rate_bp: the tier is the one with
 * the largest `passes` <= n (tiers in any order; none: no discount); the discount and the
 * tax are rounded half up to the minor unit, all in integer arithmetic.
 */
ms_pass_price ms_pass_price_of(int64_t n, int64_t unit_minor, const ms_pass_tier *tiers,
                               size_t ntiers, int64_t tax_rate_bp);

/* The rules a pass can break, as bits; reported in this order. */
typedef enum ms_pass_rule {
    MS_PASS_PAST_DATE = 1 << 0,     /* before the building-local today */
    MS_PASS_BEYOND_WINDOW = 1 << 1, /* after today + the booking window */
    MS_PASS_BLACKOUT = 1 << 2,      /* a building blackout overlaps the local day */
    MS_PASS_CLOSED = 1 << 3,        /* the building is closed that weekday */
    MS_PASS_CAPACITY = 1 << 4,  /* held + active (+ earlier valid passes of the cart) >= capacity */
    MS_PASS_DUPLICATE = 1 << 5, /* the same person already has a pass that day */
} ms_pass_rule;

#define MS_PASS_RULE_COUNT 6

/* The rule's wire name ("past_date", ...) by index 0..MS_PASS_RULE_COUNT-1, with its bit. */
const char *ms_pass_rule_at(int index, ms_pass_rule *bit);

/*
 * The date rules of a pass for the local date `day` (days since 1970-01-01)
 * when the building-local today is `today`: PAST_DATE, BEYOND_WINDOW (day >
 * today + window_days) and CLOSED (no opening hours on its weekday). Blackouts,
 * seats and people need the database (passes.c).
 */
unsigned ms_pass_date_rules(int64_t day, int64_t today, int64_t window_days,
                            const ms_open_hours *hours);

/* "YYYY-MM-DD" -> days since 1970-01-01 (a real calendar date, year 1970..9999); false otherwise.
 */
bool ms_parse_date(const char *text, int64_t *days);

#endif
