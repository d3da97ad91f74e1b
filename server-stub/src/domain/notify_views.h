/* domain/notify_views.h - the simulated providers' views for test mode: every delivery of every
 * notification, and the SMS gateway's texts. */
#ifndef MS_NOTIFY_VIEWS_H
#define MS_NOTIFY_VIEWS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

/*
 * Every delivery, oldest first, as an array of {notification_id, kind, category, channel, to,
 * status, title, body, deep_link, created_at_ms, sent_at_ms}; user_id (the recipient), kind and
 * channel filter when not NULL. NULL on error.
 */
cJSON *ms_deliveries_json(sqlite3 *db, const char *user_id, const char *kind, const char *channel);

/* The SMS gateway's texts to phone, oldest first, as an array of {phone, body, sent_at_ms}.
 * NULL on error. */
cJSON *ms_sms_json(sqlite3 *db, const char *phone);

#endif
