/*
 * community/channels.h - the words of the notifications hub (membercore/notifications.h's
 * channel and category names, parsed both ways) and which messages always reach the member.
 * Pure.
 */
#ifndef MCI_COMMUNITY_CHANNELS_H
#define MCI_COMMUNITY_CHANNELS_H

#include <stdbool.h>

#include "membercore/notifications.h"

/* Why a category's messages reach the member on at least one channel whatever the
 * switches say (a static string), or NULL when none of its messages do. */
const char *mci_notification_always(mc_notification_category category);

/* A category the server sends in (not OTHER, in range). */
bool mci_category_valid(int category);

/* A channel in range. */
bool mci_channel_valid(int channel);

#endif
