/* api/phone.h - phone numbers from requests, normalised to E.164 by the core's mc_phone_normalize.
 */
#ifndef MS_PHONE_H
#define MS_PHONE_H

#include <stdbool.h>

#include "api/api.h"

/* typed -> E.164 into out (MS_PHONE_MAX); false after a 400 with the normaliser's message. */
bool ms_phone_normalize(ms_reply *reply, const char *typed, char *out);
/*
 * The same for a query parameter: a '+' left unencoded in a query string
 * decodes as a space, so a leading space is read back as '+'. raw NULL is a
 * 400 naming the missing parameter `name`.
 */
bool ms_phone_from_query(ms_reply *reply, const char *name, const char *raw, char *out);

#endif
