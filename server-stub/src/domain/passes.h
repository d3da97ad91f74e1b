/* domain/passes.h - day passes: the cart and its rules, quotes, checkout with seat holds,
 * activation. */
#ifndef MS_PASSES_H
#define MS_PASSES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/app.h"
#include "rules/booking_rules.h"
#include "domain/bookings.h"
#include "domain/money.h"
#include "rules/pass_rules.h"
#include "domain/users.h"
#include "rules/zone.h"

/* A cart holds 1 to this many passes. */
#define MS_CART_MAX 50
/* A checkout holds its seats this long (server clock); then the draft lapses. */
#define MS_CHECKOUT_HOLD_MS (15 * MS_MINUTE_MS)
/* The most bundle tiers a building may have. */
#define MS_TIERS_MAX 16

/* One pass of a cart: a building-local date and, for a guest, who. */
typedef struct ms_cart_item {
    char date[11]; /* "YYYY-MM-DD" */
    int64_t day;   /* the same, as days since 1970-01-01 */
    bool guest;    /* false: the buyer ("self") */
    char name[MS_TEXT_MAX];
    char email[MS_EMAIL_MAX];
} ms_cart_item;

/* A checked request body {building_id, passes: [{date, guest?: {name, email}}]}. */
typedef struct ms_cart {
    char building_id[MS_ID_MAX];
    int count;
    ms_cart_item items[MS_CART_MAX];
} ms_cart;

/* A building's open space: what a pass there costs, how many seats, when it is open. */
typedef struct ms_space {
    char building_id[MS_ID_MAX];
    char name[MS_TEXT_MAX];
    char city[MS_TEXT_MAX];
    const ms_zone *zone;
    ms_open_hours hours;
    int64_t window_days;
    int64_t price_minor; /* of one pass, before tax, in money.currency */
    ms_money_rule money; /* the building's currency and tax rule */
    int64_t capacity;
    size_t tier_count;
    ms_pass_tier tiers[MS_TIERS_MAX];
} ms_space;

/*
 * Read and check the body's building_id and passes (1 to MS_CART_MAX, each a
 * real "YYYY-MM-DD" date and an optional, possibly null, guest {name: 1-100
 * characters, email}). false with why = invalid_argument naming the field.
 */
bool ms_cart_parse(const cJSON *obj, ms_cart *cart, ms_refusal *why);

/* The open space of building_id. 0; 1 when there is no such building (or it sells no passes); -1.
 */
int ms_space_load(sqlite3 *db, const char *building_id, ms_space *out);

/*
 * Every rule the cart breaks for buyer user_id at now_ms, as an array of
 * {index, rule, message} (pass order, then rule order; empty when none) into
 * *violations (caller deletes). The rules are those of pass_rules.h; seats
 * and people count held and active passes, and a pass of the cart takes a
 * seat only when it breaks no rule itself. 0 / -1.
 */
int ms_cart_check(sqlite3 *db, const char *user_id, const ms_cart *cart, const ms_space *space,
                  int64_t now_ms, cJSON **violations);

/*
 * The price of the cart: {lines: [{description, quantity, unit_paise,
 * amount_paise}] (one per date, in date order), subtotal_paise,
 * discount_paise, gst_paise (the tax), total_paise, currency, tax: {name, rate_bp},
 * tier: {passes, discount_pct} or
 * null}. NULL when memory runs out.
 */
cJSON *ms_cart_quote(const ms_cart *cart, const ms_space *space);

/*
 * The hold limits of a checkout (rules/hold_limits.h), checked after the cart's rules: the
 * member's held seats plus the cart's at most MS_PASS_HOLDS_MAX (hold_limit); no date of the
 * cart one whose held passes in this building lapsed unpaid less than MS_HOLD_COOLDOWN_MIN
 * minutes ago (hold_cooldown). 0; 1 refused (why); -1 error.
 */
int ms_checkout_holds_check(sqlite3 *db, const char *user_id, const ms_cart *cart,
                            const ms_space *space, int64_t now_ms, ms_refusal *why);

/*
 * Check out a checked cart (no violations) for user_id in the caller's
 * transaction: a draft invoice (lines, totals, a 15-minute hold), one held
 * pass per item (in cart order), and a Razorpay order for the total, all
 * change-logged. The invoice's id into invoice_id (MS_ID_MAX). 0 / -1.
 */
int ms_checkout_create(ms_app *app, const char *user_id, const char *checkout_id,
                       const ms_cart *cart, const ms_space *space, char *invoice_id);

/*
 * The invoice of user_id's checkout checkout_id, into invoice_id. 1 found, 0
 * none, -1 on error.
 */
int ms_checkout_find(sqlite3 *db, const char *user_id, const char *checkout_id, char *invoice_id);

/* The passes of invoice_id (cart order) as their data objects, into *out. 0 / -1. */
int ms_invoice_passes_json(sqlite3 *db, const char *invoice_id, cJSON **out);

/*
 * The invoice was paid: each of its held passes becomes active with a
 * credential valid over its building-local day; the buyer's own is synced to
 * them, each guest's is emailed (the static payload). Change-logged. 0 / -1.
 */
int ms_passes_activate(ms_app *app, const char *invoice_id, int64_t now_ms);

/*
 * Every checkout whose 15 minutes are over at now_ms lapses: its draft
 * invoice becomes void and its passes released (as of the lapse instant).
 * Change-logged. 0 / -1.
 */
int ms_checkouts_lapse_due(ms_app *app, int64_t now_ms);

#endif
