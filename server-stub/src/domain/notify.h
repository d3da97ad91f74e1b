/* domain/notify.h - TEMPORARY stand-in for helper hub's dispatcher API (docs/notifications-
 * protocol.md; COMMON.md): replaced by hub's domain/notify.h when i12-hub is merged. */
#ifndef MS_NOTIFY_H
#define MS_NOTIFY_H

#include <stdbool.h>

#include "base/app.h"
#include "base/ids.h"

typedef struct ms_notice {
    const char *user_id, *building_id, *kind, *category, *title, *body, *deep_link;
    bool urgent;
} ms_notice;

/* The inbox row (change-logged to the user) and its deliveries, in the caller's transaction.
 * id_out (may be NULL) gets "ntf_...". 0 / -1. */
int ms_notify_send(ms_app *app, const ms_notice *n, char id_out[MS_ID_MAX]);
/* Once per (kind, entity_id, user_id): 1 when it was sent now, 0 when it had been, -1. */
int ms_notify_once(ms_app *app, const ms_notice *n, const char *entity_id);

#endif
