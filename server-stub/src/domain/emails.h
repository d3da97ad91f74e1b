/* domain/emails.h - the simulated email gateway: every message is stored, for /v1/test/emails. */
#ifndef MS_EMAILS_H
#define MS_EMAILS_H

#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

/* The file name of the QR code image an access email carries. */
#define MS_EMAIL_QR_FILENAME "access-qr.png"

/*
 * A message, about an access credential when credential_id is not NULL (else
 * the times are ignored), carrying the credential's static QR payload when
 * payload is not NULL: its text, and its QR code as a PNG image attached
 * (MS_EMAIL_QR_FILENAME, rules/qr_png.h). 0 / -1.
 */
int ms_email_send(sqlite3 *db, const char *to, const char *subject, const char *body,
                  const char *credential_id, int64_t valid_from_ms, int64_t valid_until_ms,
                  const char *payload, int64_t now_ms);

/*
 * The messages sent to `to` (any case; every message when NULL), oldest first,
 * as an array of {to, subject, body, credential_id, valid_from_ms,
 * valid_until_ms, sent_at_ms, payload, attachments}; attachments is [] or
 * [{filename, content_type: "image/png", content_base64}], the QR code image.
 * NULL on error.
 */
cJSON *ms_emails_json(sqlite3 *db, const char *to);

#endif
