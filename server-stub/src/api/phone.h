/* api/phone.h - phone numbers from requests, normalised to E.164 by the stub's own rule. */
#ifndef MS_PHONE_H
#define MS_PHONE_H

#include <stdbool.h>

#include "api/api.h"
#include "rules/phone.h"

/* typed -> E.164 into out (MS_PHONE_MAX, rules/phone.h); false after a 400 saying what is wrong. */
bool ms_phone_normalize(ms_reply *reply, const char *typed, char *out);
/*
 * The same for a query parameter: a '+' left unencoded in a query string
 * decodes as a space, so a leading space is read back as '+'. raw NULL is a
 * 400 naming the missing parameter `name`.
 */
bool ms_phone_from_query(ms_reply *reply, const char *name, const char *raw, char *out);

#endif
