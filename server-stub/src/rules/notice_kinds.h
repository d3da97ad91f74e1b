/* rules/notice_kinds.h - the notifications hub's names: categories, channels, and the kinds that
 * always reach the member (docs/notifications-protocol.md). Pure: no I/O. */
#ifndef MS_NOTICE_KINDS_H
#define MS_NOTICE_KINDS_H

#include <stdbool.h>

/* The categories a member sets channels for, in the wire's order. */
#define MS_CATEGORY_COUNT 5
extern const char *const ms_categories[MS_CATEGORY_COUNT];

typedef enum ms_channel {
    MS_CHANNEL_PUSH,
    MS_CHANNEL_EMAIL,
    MS_CHANNEL_SMS,
    MS_CHANNEL_COUNT
} ms_channel;
/* "push", "email", "sms". */
const char *ms_channel_name(ms_channel channel);

/* The index of category in ms_categories, or -1 when it is none of them (NULL too). */
int ms_category_index(const char *category);
/* The channel named name, or -1 when it is none (NULL too). */
int ms_channel_index(const char *name);

/* Whether the default preferences have channel on for category (the protocol's table). */
bool ms_channel_default(int category, ms_channel channel);

/*
 * Whether a notification of kind reaches the member on at least one channel whatever the
 * preferences say: visitor.arrived and visitor.walk_in (someone waits at reception) and
 * payment.confirmed (the receipt for money taken).
 */
bool ms_kind_always_reaches(const char *kind);

/*
 * The channel an always-reaching kind falls back to when the preferences leave none and the
 * member has no push token: SMS for the visitor kinds, email for payments.
 */
ms_channel ms_kind_fallback_channel(const char *kind);

#endif
