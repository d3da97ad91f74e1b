/*
 * membercore/billing.h - day passes and bundles, invoices, Razorpay payments, membership.
 *
 *   quote    : mc_passes_quote()     local: prices the cart with the synced tiers and
 *                                    checks every rule it can know offline
 *   checkout : mc_passes_checkout()  online: a draft invoice and a Razorpay order; seats
 *                                    are held 15 minutes
 *   pay      : mc_invoice_confirm_payment() with Razorpay checkout's answer; or
 *              mc_invoice_pay() for an issued invoice, then confirm
 *   read     : mc_passes_list(), mc_invoices_list(), mc_membership_get() (local)
 *
 * Dates are building-local "YYYY-MM-DD". Money is an mc_money (membercore/money.h) in the
 * building's currency, taxed by the building's rule (GST 18% in India, VAT 20% in the UK).
 * The server decides prices, capacity and payment; docs/passes-protocol.md has the rules.
 */
#ifndef MEMBERCORE_BILLING_H
#define MEMBERCORE_BILLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"
#include "membercore/localtime.h"
#include "membercore/money.h"
#include "membercore/page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One pass of a cart: for the buyer (guest_name NULL) or a guest. Borrowed. */
typedef struct mc_pass_item {
    const char *date; /* building-local "YYYY-MM-DD" */
    const char *guest_name;
    const char *guest_email;
} mc_pass_item;

typedef struct mc_cart {
    const char *building_id;
    const mc_pass_item *items;
    size_t count; /* 1..50 */
} mc_cart;

/* A rule a pass breaks. */
typedef struct mc_violation {
    int32_t index; /* of the pass in the cart */
    char *rule;    /* "past_date", "beyond_window", "blackout", "closed", "duplicate" */
    char *message;
} mc_violation;

/* A cart's price, every amount in the building's currency. */
typedef struct mc_quote {
    mc_money unit;       /* one day pass, before tax */
    mc_money subtotal;   /* passes x unit */
    mc_money discount;   /* the bundle tier's discount (positive) */
    mc_tax tax_rule;     /* the building's tax, e.g. {"VAT", 2000}: mc_tax_format gives "VAT 20%" */
    mc_money tax;        /* tax_rule on subtotal - discount, rounded half up */
    mc_money total;      /* subtotal - discount + tax */
    int32_t tier_passes; /* the bundle tier applied, e.g. 5 */
    int32_t discount_pct;     /* e.g. 10 */
    mc_violation *violations; /* empty when the cart is fine as far as the device knows */
    size_t violation_count;
} mc_quote;

/*
 * Price a cart and check it against what the device knows (past dates, the
 * booking window, blackouts, closed days, one pass per person per date).
 * Capacity is only known to the server. MC_OK even when rules are broken:
 * look at violations. Errors: MC_ERR_INVALID_ARG (cart shape, dates,
 * emails: names the field), MC_ERR_NOT_FOUND (building not synced),
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Local only.
 * Any thread.
 */
mc_status mc_passes_quote(mc_client *client, const mc_cart *cart, mc_quote **out, mc_error *err);
/* Free an mc_quote and everything it holds. NULL is a no-op. Any thread. */
void mc_quote_free(mc_quote *quote);

/* A Razorpay order to open checkout with. */
typedef struct mc_order {
    char *invoice_id;
    char *order_id;
    char *key_id;
    mc_money amount;               /* what Razorpay charges, in the building's currency */
    int64_t hold_expires_at_ms;    /* 0 when nothing is held */
    mc_local_time hold_expires_at; /* in the building's local time; all zeros when 0 */
} mc_order;

/* Free an mc_order and everything it holds. NULL is a no-op. Any thread. */
void mc_order_free(mc_order *order);

/*
 * Check out a cart: the server re-checks it (capacity included), creates a
 * draft invoice and a Razorpay order, and holds the seats for 15 minutes.
 * Online. Errors: MC_ERR_INVALID_ARG, MC_ERR_CONFLICT (a rule broken, the
 * message says which pass and rule; capacity), MC_ERR_UNAUTHORIZED,
 * MC_ERR_OFFLINE, MC_ERR_NETWORK, MC_ERR_SERVER.
 * Any thread.
 */
mc_status mc_passes_checkout(mc_client *client, const mc_cart *cart, mc_order **out, mc_error *err);

/*
 * A Razorpay order for an issued or overdue invoice. Online.
 * Errors: MC_ERR_NOT_FOUND, MC_ERR_CONFLICT (the invoice is paid, void or a
 * draft: the message says which), and the network ones.
 * Any thread.
 */
mc_status mc_invoice_pay(mc_client *client, const char *invoice_id, mc_order **out, mc_error *err);

/*
 * Confirm an invoice's payment with what Razorpay checkout returned; only the
 * server's signature check confirms it, and confirming twice is harmless.
 * The local store is synced before returning (passes active, credentials
 * ready for their QR codes). Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_PAYMENT_FAILED (signature refused), MC_ERR_CONFLICT (the hold
 * lapsed), MC_ERR_NOT_FOUND, MC_ERR_UNAUTHORIZED, and the network ones.
 * Any thread.
 */
mc_status mc_invoice_confirm_payment(mc_client *client, const char *order_id,
                                     const char *payment_id, const char *signature, mc_error *err);

typedef enum mc_pass_status {
    MC_PASS_UNKNOWN = 0,  /* a status newer than this library */
    MC_PASS_HELD = 1,     /* bought, not paid yet: the invoice is open */
    MC_PASS_ACTIVE = 2,   /* paid: its credential opens the door on the date */
    MC_PASS_RELEASED = 3, /* the hold lapsed or was cancelled */
} mc_pass_status;

/* The wire name: "held", "active", "released"; "unknown" otherwise. Static string; any
 * thread. */
const char *mc_pass_status_name(mc_pass_status status);

typedef struct mc_pass {
    char *id;
    char *building_id;
    char *date;         /* building-local */
    char *holder_name;  /* "" for the buyer */
    char *holder_email; /* "" for the buyer */
    mc_pass_status status;
    char *invoice_id;
    char *credential_id; /* "" until active; see membercore/access.h */
} mc_pass;

typedef struct mc_pass_list {
    mc_pass *items; /* by date */
    size_t count;
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_passes_list. */
} mc_pass_list;

/* The member's passes from the local store. Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE.
 * Any thread. */
mc_status mc_passes_list(mc_client *client, mc_pass_list **out, mc_error *err);
/* Free an mc_pass_list and everything it holds. NULL is a no-op. Any thread. */
void mc_pass_list_free(mc_pass_list *list);

/* One page of mc_passes_list's list (membercore/page.h; page NULL: the first
 * page of MC_PAGE_DEFAULT_LIMIT), through an index. Screens use this one.
 * Errors: as mc_passes_list, and MC_ERR_INVALID_ARG for a bad page. Any thread. */
mc_status mc_passes_page(mc_client *client, const mc_page *page, mc_pass_list **out, mc_error *err);

typedef struct mc_invoice_line {
    char *description;
    int32_t quantity;
    mc_money unit;   /* before tax */
    mc_money amount; /* quantity x unit */
} mc_invoice_line;

typedef enum mc_invoice_status {
    MC_INVOICE_UNKNOWN = 0, /* a status newer than this library */
    MC_INVOICE_DRAFT = 1,
    MC_INVOICE_ISSUED = 2, /* payable */
    MC_INVOICE_PAID = 3,
    MC_INVOICE_OVERDUE = 4, /* payable */
    MC_INVOICE_VOID = 5,
} mc_invoice_status;

/* The wire name: "draft", "issued", "paid", "overdue", "void"; "unknown" otherwise. Static
 * string; any thread. */
const char *mc_invoice_status_name(mc_invoice_status status);

typedef struct mc_invoice {
    char *id;
    char *number;
    mc_invoice_status status;
    mc_invoice_line *lines;
    size_t line_count;
    /* every amount in the invoice's currency (its building's) */
    mc_money subtotal;
    mc_money discount;
    mc_tax tax_rule; /* the tax it charged, e.g. {"GST", 1800} */
    mc_money tax;
    mc_money total;
    int64_t issued_at_ms;
    int64_t due_at_ms;
    int64_t paid_at_ms;
    /* The three in the local time of the invoice's building (the member's own until
     * invoices carry theirs); all zeros where the instant is 0 (not issued, paid). */
    mc_local_time issued_at;
    mc_local_time due_at;
    mc_local_time paid_at;
} mc_invoice;

typedef struct mc_invoice_list {
    mc_invoice *items; /* newest first */
    size_t count;
    char *next_cursor; /* the next page's cursor (membercore/page.h); NULL: no more. Freed with
                          the list. Always NULL from the unpaged mc_invoices_list. */
} mc_invoice_list;

/* Billing history from the local store. Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread. */
mc_status mc_invoices_list(mc_client *client, mc_invoice_list **out, mc_error *err);
/* Free an mc_invoice_list and everything it holds. NULL is a no-op. Any thread. */
void mc_invoice_list_free(mc_invoice_list *list);

/* One page of the billing history, newest first (membercore/page.h; page
 * NULL: the first page of MC_PAGE_DEFAULT_LIMIT), through an index. Screens
 * use this one. Errors: as mc_invoices_list, and MC_ERR_INVALID_ARG for a bad
 * page. Any thread. */
mc_status mc_invoices_page(mc_client *client, const mc_page *page, mc_invoice_list **out,
                           mc_error *err);

typedef enum mc_membership_status {
    MC_MEMBERSHIP_UNKNOWN = 0, /* a status newer than this library */
    MC_MEMBERSHIP_NONE = 1,    /* an on-demand user: no membership */
    MC_MEMBERSHIP_ACTIVE = 2,
} mc_membership_status;

/* The wire name: "none", "active"; "unknown" otherwise. Static string; any thread. */
const char *mc_membership_status_name(mc_membership_status status);

typedef struct mc_membership {
    mc_membership_status status;
    char *plan;
    char *company_id;
    char *building_id;
    char *seat;
    char *contract_start; /* "YYYY-MM-DD" or "" */
    char *contract_end;
} mc_membership;

/* The member's membership from the local store (MC_MEMBERSHIP_NONE for on-demand users).
 * Errors: MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread. */
mc_status mc_membership_get(mc_client *client, mc_membership **out, mc_error *err);
/* Free an mc_membership and everything it holds. NULL is a no-op. Any thread. */
void mc_membership_free(mc_membership *membership);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_BILLING_H */
