/*
 * membercore/notifications.h - the notifications hub beyond the inbox list: which
 * channels (push, email, SMS) each category reaches the member on, quiet hours,
 * marking all (or a category) read, pruning old read items, and parsing a
 * notification's deep link into a typed target an app routes on.
 *
 * The inbox itself (list, page, unread counts, mark one read) is in
 * membercore/community.h. The server makes the notifications and delivers them on
 * the channels the preferences allow (docs/notifications-protocol.md); the
 * preferences are synced and editable offline like any other write: set locally
 * at once (`pending`), queued, honoured by the server once synced.
 */
#ifndef MEMBERCORE_NOTIFICATIONS_H
#define MEMBERCORE_NOTIFICATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/community.h"
#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Channels and preferences ----------------------------------------------- */

typedef enum mc_channel {
    MC_CHANNEL_PUSH = 0,
    MC_CHANNEL_EMAIL = 1,
    MC_CHANNEL_SMS = 2,
} mc_channel;

#define MC_CHANNEL_COUNT 3

/* "push", "email", "sms"; "unknown" otherwise. Static; pure, any thread. */
const char *mc_channel_name(mc_channel channel);

/* The channel named (case-insensitive; "text" for sms too). Errors:
 * MC_ERR_INVALID_ARG naming the word. Pure, any thread. */
mc_status mc_channel_parse(const char *name, mc_channel *out, mc_error *err);

/* The category named: "billing", "support", "bookings", "events",
 * "announcements" (case-insensitive; "other" is refused: nothing is sent in it).
 * Errors: MC_ERR_INVALID_ARG naming the word and the choices. Pure, any thread. */
mc_status mc_notification_category_parse(const char *name, mc_notification_category *out,
                                         mc_error *err);

typedef struct mc_notification_prefs {
    /* on[category][channel]: does the category reach the member on the channel.
     * Row MC_NOTIFY_OTHER is always false. Includes this device's queued changes. */
    bool on[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT];
    /* The cell has a change of this device the server has not confirmed. */
    bool pending[MC_NOTIFY_CATEGORY_COUNT][MC_CHANNEL_COUNT];
    /* Messages of the category that reach the member on at least one channel
     * whatever these switches say, and why, in words (static strings; NULL when
     * none): bookings "Visitor arrivals always reach you (someone is waiting for
     * you at reception)", billing "Payment confirmations always reach you (they
     * are your receipt)". */
    const char *always[MC_NOTIFY_CATEGORY_COUNT];
    /* Quiet hours, in the member's building's local time: push and SMS of what is
     * not urgent wait until they end. from may be after to (across midnight). */
    bool quiet_enabled;
    int32_t quiet_from_min; /* 0..1439 */
    int32_t quiet_to_min;   /* 0..1439, != quiet_from_min */
    bool quiet_pending;
    char quiet_zone_label[16]; /* "IST", "GMT"/"BST", "UTC" when the building is unknown */
    /* false: the server's preferences have not been synced yet; the values are
     * the server's documented defaults. */
    bool synced;
} mc_notification_prefs;

/* The member's preferences (a plain value: nothing to free). Errors:
 * MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread. */
mc_status mc_notification_prefs_get(mc_client *client, mc_notification_prefs *out, mc_error *err);

/*
 * Switch one category's channel on or off: at once locally (pending), queued.
 * Setting the value it already has queues nothing. Errors: MC_ERR_INVALID_ARG
 * (category OTHER or out of range, channel out of range), MC_ERR_UNAUTHORIZED,
 * MC_ERR_STORAGE. Never blocks on the network. Any thread.
 */
mc_status mc_notification_pref_set(mc_client *client, mc_notification_category category,
                                   mc_channel channel, bool on, mc_error *err);

/* Set quiet hours (minutes after local midnight, 0..1439, from != to). As
 * mc_notification_pref_set otherwise. */
mc_status mc_notification_quiet_hours_set(mc_client *client, bool enabled, int32_t from_min,
                                          int32_t to_min, mc_error *err);

/* ---- Inbox housekeeping -------------------------------------------------- */

/*
 * Mark read every notification of the inbox (all_categories true; category is
 * then ignored) or of one category, as the inbox is on this device now: at once locally, queued as
 * one write naming the newest one seen, so one that arrives meanwhile stays unread. *marked (if not
 * NULL) gets how many were unread. Nothing unread: MC_OK, nothing queued. Errors:
 * MC_ERR_INVALID_ARG, MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_notifications_mark_all_read(mc_client *client, bool all_categories,
                                         mc_notification_category category, int32_t *marked,
                                         mc_error *err);

/* Read notifications older than this are pruned from the device after each sync. */
#define MC_NOTIFICATION_RETENTION_DAYS 90

/*
 * Delete from the local inbox the notifications that are read (confirmed by the
 * server) and were made more than older_than_days days before the client's clock
 * (older_than_days >= 1). Unread ones, and ones with a queued read, are never
 * pruned. They leave the device's synced copy too (a later sync does not bring
 * them back unless the server changes them). *pruned (if not NULL) gets how many;
 * DATA_CHANGED (MC_KIND_NOTIFICATION) is raised when it is not 0. Every sync round
 * that ends well does this with MC_NOTIFICATION_RETENTION_DAYS. Errors: MC_ERR_INVALID_ARG,
 * MC_ERR_UNAUTHORIZED, MC_ERR_STORAGE. Any thread.
 */
mc_status mc_notifications_prune(mc_client *client, int32_t older_than_days, int64_t *pruned,
                                 mc_error *err);

/* ---- Deep links ------------------------------------------------------------ */

/* A link's id: 1 to this many characters of A-Z a-z 0-9 _ - */
#define MC_LINK_ID_MAX 64
/* A link: at most this many bytes. */
#define MC_LINK_MAX_BYTES 2048

typedef struct mc_link_target {
    mc_link_kind kind;           /* never MC_LINK_OTHER from mc_link_parse */
    char id[MC_LINK_ID_MAX + 1]; /* the item's id or number; "" for MC_LINK_WEB and NONE */
} mc_link_target;

/*
 * Parse a notification's deep link (docs/notifications-protocol.md, "Links"):
 * membercore://bookings/<id>, tickets/<id>, billing/invoices/<id>, events/<id>,
 * visitors/<id>, passes/<id>, desks/<id>, or an https:// page (kind MC_LINK_WEB: open the
 * link itself; http:// only to 127.0.0.1 or localhost). "" or NULL: MC_LINK_NONE.
 * Anything else is refused, and *out is then MC_LINK_NONE with an empty id.
 * The inbox's mc_notification.link_kind comes from this parser (a refused link
 * reads MC_LINK_OTHER there).
 * Errors: MC_ERR_INVALID_ARG (out NULL; a link this library does not understand,
 * with a message naming what was wrong, never the link itself: unknown section,
 * bad or empty id, query, fragment, escape, dot segment, user info, trailing
 * slash, control or non-ASCII character, upper-case scheme, not https, too
 * long). Pure: no client, any thread.
 */
mc_status mc_link_parse(const char *uri, mc_link_target *out, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_NOTIFICATIONS_H */
