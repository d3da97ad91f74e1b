/*
 * community/channels.c - the words of the notifications hub: channel names both ways, a
 * category from a member's word, and which messages always reach the member and why. Pure.
 */
#include "community/channels.h"

#include <strings.h>

#include "util/error.h"
#include "util/names.h"
#include "util/strutil.h"

static const char *const channel_names[MC_CHANNEL_COUNT] = {"push", "email", "sms"};

const char *mc_channel_name(mc_channel channel)
{
    return mci_name_of(channel_names, MCI_COUNT(channel_names), (int)channel);
}

mc_status mc_channel_parse(const char *name, mc_channel *out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    if (name == NULL || name[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "a channel is required: push, email or sms");
    for (int i = 0; i < MC_CHANNEL_COUNT; i++)
        if (strcasecmp(name, channel_names[i]) == 0) {
            *out = (mc_channel)i;
            return MC_OK;
        }
    if (strcasecmp(name, "text") == 0) {
        *out = MC_CHANNEL_SMS;
        return MC_OK;
    }
    return mci_error_set(err, MC_ERR_INVALID_ARG, "'%.*s' is not a channel: push, email or sms",
                         (int)mci_utf8_prefix(name, 40), name);
}

mc_status mc_notification_category_parse(const char *name, mc_notification_category *out,
                                         mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    for (int i = 1; name != NULL && i < MC_NOTIFY_CATEGORY_COUNT; i++)
        if (strcasecmp(name, mc_notification_category_name((mc_notification_category)i)) == 0) {
            *out = (mc_notification_category)i;
            return MC_OK;
        }
    return mci_error_set(err, MC_ERR_INVALID_ARG,
                         "'%.*s' is not a category: billing, support, bookings, events or "
                         "announcements",
                         (int)mci_utf8_prefix(name, 40), name != NULL ? name : "");
}

const char *mci_notification_always(mc_notification_category category)
{
    switch (category) {
    case MC_NOTIFY_BOOKINGS:
        return "Visitor arrivals always reach you (someone is waiting for you at reception)";
    case MC_NOTIFY_BILLING:
        return "Payment confirmations always reach you (they are your receipt)";
    default:
        return NULL;
    }
}

bool mci_category_valid(int category)
{
    return category > MC_NOTIFY_OTHER && category < MC_NOTIFY_CATEGORY_COUNT;
}

bool mci_channel_valid(int channel)
{
    return channel >= 0 && channel < MC_CHANNEL_COUNT;
}
