/* phone.h - phone numbers from requests, normalised to E.164 by the core's mc_phone_normalize. */
#ifndef MS_PHONE_H
#define MS_PHONE_H

#include <stdbool.h>

#include "api.h"

/* typed -> E.164 into out (MS_PHONE_MAX); false after a 400 with the normaliser's message. */
bool ms_phone_normalize(ms_reply *reply, const char *typed, char *out);

#endif
