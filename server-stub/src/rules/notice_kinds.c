/* rules/notice_kinds.c - the notifications hub's names: categories, channels, and the kinds that
 * always reach the member (docs/notifications-protocol.md). Pure: no I/O. */
#include "rules/notice_kinds.h"

#include <string.h>

const char *const ms_categories[MS_CATEGORY_COUNT] = {"billing", "support", "bookings", "events",
                                                      "announcements"};

static const char *const channel_names[MS_CHANNEL_COUNT] = {"push", "email", "sms"};

/* The defaults per category (ms_categories' order): push, email, sms. */
static const bool defaults[MS_CATEGORY_COUNT][MS_CHANNEL_COUNT] = {
    {true, true, false},  /* billing */
    {true, true, false},  /* support */
    {true, false, false}, /* bookings */
    {true, false, false}, /* events */
    {true, false, false}, /* announcements */
};

const char *ms_channel_name(ms_channel channel)
{
    return channel < MS_CHANNEL_COUNT ? channel_names[channel] : "?";
}

int ms_category_index(const char *category)
{
    for (int i = 0; category && i < MS_CATEGORY_COUNT; i++)
        if (strcmp(ms_categories[i], category) == 0)
            return i;
    return -1;
}

int ms_channel_index(const char *name)
{
    for (int i = 0; name && i < MS_CHANNEL_COUNT; i++)
        if (strcmp(channel_names[i], name) == 0)
            return i;
    return -1;
}

bool ms_channel_default(int category, ms_channel channel)
{
    return category >= 0 && category < MS_CATEGORY_COUNT && channel < MS_CHANNEL_COUNT &&
           defaults[category][channel];
}

bool ms_kind_always_reaches(const char *kind)
{
    return kind && (strcmp(kind, "visitor.arrived") == 0 || strcmp(kind, "visitor.walk_in") == 0 ||
                    strcmp(kind, "payment.confirmed") == 0);
}

ms_channel ms_kind_fallback_channel(const char *kind)
{
    return kind && strncmp(kind, "visitor.", 8) == 0 ? MS_CHANNEL_SMS : MS_CHANNEL_EMAIL;
}
