/* domain/door.h - the simulated door reader of test mode: checks a scanned QR payload, once. */
#ifndef MS_DOOR_H
#define MS_DOOR_H

#include <stdint.h>

#include "base/app.h"

/*
 * A door of building_id scans payload at now_ms. Checked in this order:
 * "malformed" (not a payload, ms_access_parse); "forged" (no such credential,
 * the wrong form for it - a holder's credential only opens with the rotating
 * form, a guest's only with the static one - or a code that does not match);
 * "expired" (revoked); "wrong_building"; for the rotating form its step more
 * than one step behind now's ("expired") or ahead ("not_yet_valid"); the
 * credential's validity, now before valid_from ("not_yet_valid") or at or
 * after valid_until ("expired"); "replayed" (this credential and step - for
 * a guest, this credential - already opened a door). Every scan is recorded;
 * an accepted one is never accepted again. *reason: NULL when granted, else
 * the reason. 0 / -1.
 */
int ms_door_scan(ms_app *app, const char *building_id, const char *payload, int64_t now_ms,
                 const char **reason);

#endif
