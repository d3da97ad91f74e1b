/*
 * output.h - how memberctl speaks: human text on stdout, or with --json
 * exactly one JSON object on stdout; errors on stderr as
 * "memberctl: <status name>: <message>" plus the exit code they imply.
 */
#ifndef MEMBERCTL_OUTPUT_H
#define MEMBERCTL_OUTPUT_H

#include <cjson/cJSON.h>

#include "memberctl.h"

/*
 * A usage error: the message, the command's synopsis and where to find help
 * on stderr (with --json also {"error":{"code":"usage",...}} on stdout).
 * cmd is NULL for global options. Returns MEMBERCTL_EXIT_USAGE.
 */
int out_usage(const app *a, const command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * An error from the core (status st, details in err, which may be NULL): the
 * message and a hint on stderr; with --json the error object on stdout.
 * Returns MEMBERCTL_EXIT_CORE.
 */
int out_core_error(const app *a, mc_status st, const mc_error *err);

/*
 * The same, for a command that has a partial result to show next to the
 * error: with --json, "error" is added to root and root is printed (root is
 * always consumed; NULL is fine). Returns MEMBERCTL_EXIT_CORE.
 */
int out_core_error_in(const app *a, mc_status st, const mc_error *err, cJSON *root);

/*
 * An error memberctl itself names (code, e.g. "cart_invalid"), in the same
 * shape as a core error: "memberctl: <code>: <message>" on stderr; with
 * --json, "error":{"code","status":st,"message","retry_after_s":0} added to
 * root (consumed; NULL is fine) and printed. Returns MEMBERCTL_EXIT_CORE.
 */
int out_error_in(const app *a, const char *code, mc_status st, const char *message, cJSON *root);

/*
 * Print obj as one line of JSON on stdout and delete it. A NULL obj means
 * building it ran out of memory: reported as a core no_memory error.
 * Returns MEMBERCTL_EXIT_OK or MEMBERCTL_EXIT_CORE.
 */
int out_json(const app *a, cJSON *obj);

/*
 * The account as JSON: its fields, "roles" as an array of names, "intent" by
 * name, "lead" and "membership" objects (null when there is none). NULL when
 * out of memory.
 */
cJSON *out_account_json(const mc_account *account);

/*
 * Print an account: for a person (out_account_human), or with --json as
 * {"account":{...}} plus "new_user" when new_user is not NULL.
 * Returns MEMBERCTL_EXIT_OK or MEMBERCTL_EXIT_CORE (out of memory).
 */
int out_account(const app *a, const mc_account *account, const bool *new_user);

/* The account for a person: who, contact, roles, intent, lead, membership. */
void out_account_human(const mc_account *account);

/* "lead, ondemanduser", or "none", into out. */
void out_roles(uint32_t roles, char *out, size_t out_cap);

/* ---- Sync, the outbox, community ----------------------------------------- */

/* The names sync.h does not provide: "idle", "syncing", "offline", "paused",
 * "signed_out"; "pending", "in_flight", "rejected", "acknowledged". */
const char *out_sync_state_name(mc_sync_state state);
const char *out_mutation_state_name(mc_mutation_state state);

/* Add item to obj under name, or delete it; false when item is NULL (no
 * memory) or adding failed. */
bool out_add_item(cJSON *obj, const char *name, cJSON *item);

/*
 * The sync status as JSON: "state", "running", "queue_depth",
 * "rejected_count", "last_sync(_ms)", "next_attempt(_ms)" and
 * "last_error":{"code","status","message"}|null. NULL when out of memory.
 */
cJSON *out_sync_status_json(const mc_sync_status *s);

/* The status's last error as "offline: could not connect ...", or "none". */
void out_sync_last_error(const mc_sync_status *s, char *out, size_t out_cap);

/* s, or "" when s is NULL. */
const char *out_str(const char *s);

/* ms as ISO-8601 UTC into out (VALUES_TIME_MAX bytes), or if_zero when ms is 0. */
void out_time(int64_t ms, const char *if_zero, char *out, size_t out_cap);

/* MC_KIND_* bits as "event, rsvp" (mc_kind_name), or "nothing", into out. */
void out_kinds(uint32_t kinds, char *out, size_t out_cap);

/* The same as a JSON array of names; NULL when out of memory. */
cJSON *out_kinds_json(uint32_t kinds);

/*
 * Add a time to obj as "<key>_ms" (the number) and "<key>" (ISO-8601 UTC);
 * when ms is 0 and zero_is_null, both are null ("never"). false: no memory.
 */
bool out_add_time_json(cJSON *obj, const char *key, int64_t ms, bool zero_is_null);

/* Why a mutation was refused or last failed: "event_full: <message>". */
void out_mutation_reason(const mc_mutation *m, char *out, size_t out_cap);

/*
 * A mutation as JSON: "mutation_id", "kind", "entity_id", "state" by name,
 * "attempts", "created_at(_ms)", "next_attempt(_ms)", "payload" (the JSON
 * sent, parsed) and "error":{"code","status","server_code","message"} or
 * null. NULL when out of memory.
 */
cJSON *out_mutation_json(const mc_mutation *m);

/* ---- Rooms and bookings (output_booking.c) ------------------------------- */

/* "credits", "razorpay"; "unknown" otherwise. */
const char *out_payment_name(mc_payment pay);

/* What a booking costs: "12 credits" or "₹5000.00", into out. */
void out_booking_cost(const mc_booking *b, char *out, size_t out_cap);

/*
 * A booking as JSON: "id", "room_id", "building_id", "start(_ms)",
 * "end(_ms)" (ISO-8601 UTC), "status" by name, "paid_by", "credits",
 * "amount_paise", "guests":[{"name","email","credential_id"}], "order_id",
 * "razorpay_key_id", "pending". NULL when out of memory.
 */
cJSON *out_booking_json(const mc_booking *b);

/*
 * A booking for a person, on two lines or three (indented by two spaces):
 *   ID  ROOM (BUILDING)
 *       START to END (UTC), STATUS, paid by credits: 12 credits (pending)
 *       guests: Ravi <ravi@example.in> (credential ...)
 */
void out_booking_human(const mc_booking *b);

/* ---- Day passes, invoices, orders (output_billing.c) ------------------------- */

/* Paise as "₹4248.00" ("-₹400.00" below zero), into out (at least 40 bytes). */
#define OUT_RUPEES_MAX 40
void out_rupees(int64_t paise, char *out, size_t out_cap);

/*
 * A Razorpay order as JSON: "invoice_id", "order_id", "key_id",
 * "amount_paise", "currency", "hold_expires_at(_ms)" (null when nothing is
 * held). NULL when out of memory.
 */
cJSON *out_order_json(const mc_order *o);

/* The order for a person (invoice, order, amount, key id, hold), then how to
 * confirm its payment (OUT_PAY_NEXT). */
#define OUT_PAY_NEXT "memberctl pay --order %s --payment PAY_ID --signature SIG"
void out_order_human(const mc_order *o);

/* The confirm command for an order, into out. */
void out_pay_next(const mc_order *o, char *out, size_t out_cap);

/*
 * A pass as JSON: "id", "building_id", "date", "self", "holder_name",
 * "holder_email" ("" for yourself), "status", "invoice_id", "credential_id"
 * ("" until active). NULL when out of memory.
 */
cJSON *out_pass_json(const mc_pass *p);

/* A pass on one line: "  ID  DATE  BUILDING  HOLDER  STATUS  credential ...". */
void out_pass_human(const mc_pass *p);

#endif /* MEMBERCTL_OUTPUT_H */
