/* domain/door.h - the simulated door reader of test mode: checks a scanned QR payload, in or out.
 */
#ifndef MS_DOOR_H
#define MS_DOOR_H

#include <stdint.h>

#include "base/app.h"

/* Which way the reader faces: at the entrance (`in`) or at the exit (`out`). */
typedef enum ms_door_direction {
    MS_DOOR_IN,
    MS_DOOR_OUT,
} ms_door_direction;

/* The wire name of direction: "in" or "out". */
const char *ms_door_direction_name(ms_door_direction direction);

/* A door's verdict: both NULL when granted, else the reason code and a sentence naming the rule
 * (static strings, e.g. "anti_passback" and "anti-passback: already inside"). */
typedef struct ms_door_verdict {
    const char *reason;
    const char *message;
} ms_door_verdict;

/*
 * A door of building_id scans payload at now_ms, facing direction. Checked in
 * this order, the first that applies: "malformed" (not a payload,
 * ms_access_parse); "forged" (no such credential, the wrong form for it - a
 * holder's credential only opens with the rotating form, a guest's only with
 * the static one - or a code that does not match); "expired" (revoked);
 * "wrong_building"; for the rotating form its step more than one step behind
 * now's ("expired") or ahead ("not_yet_valid"); the credential's validity, now
 * before valid_from ("not_yet_valid") or at or after valid_until ("expired");
 * "anti_passback" (an `in` while the credential's last granted scan was an
 * `in`: already inside; an `out` while it was not: not inside); "replayed" (a
 * rotating code, i.e. this credential and step, already went through in this
 * direction). Every scan is recorded with its direction. A visitor's code
 * granted going in marks the invited visitor arrived (checked in by the door)
 * and alerts the host (domain/visitors.h). 0 / -1.
 */
int ms_door_scan(ms_app *app, const char *building_id, const char *payload,
                 ms_door_direction direction, int64_t now_ms, ms_door_verdict *verdict);

#endif
