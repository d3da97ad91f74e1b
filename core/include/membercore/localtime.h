/*
 * membercore/localtime.h - an instant as a member sees it: in the local time of the
 * building it belongs to.
 *
 * Every public struct that carries an instant a member sees (an event's start, a
 * booking's end, an invoice's due date, a notification's arrival, a credit line, a
 * hold's expiry, a credential's validity) carries, next to its UTC `*_ms` field, an
 * mc_local_time filled by the core: the same instant on the wall clock of the entity's
 * building, with the offset in force at that instant and a short label for the zone.
 *
 *   mc_booking.start_ms = 1796639400000     (UTC milliseconds, what the server keeps)
 *   mc_booking.start    = {.hour = 16, .minute = 0, .offset_min = 330,
 *                          .iso8601 = "2026-12-07T16:00:00+05:30", .label = "IST", ...}
 *
 * The core converts with the zone rules the server sends with each building
 * (building.zone.transitions, docs/rooms-protocol.md), never with the device's time
 * zone or tz database: a phone set to New York shows a Bengaluru booking at 16:00 IST.
 * Apps and bindings only display an mc_local_time; they never convert on their own.
 *
 * Which building: the entity's own (its building_id); when that building is unknown
 * (not synced, or the entity names none), the signed-in member's own building; when
 * that is unknown too, UTC (offset 0, label "UTC").
 *
 * An mc_local_time is a plain value: no pointers, nothing to free, safe to copy.
 */
#ifndef MEMBERCORE_LOCALTIME_H
#define MEMBERCORE_LOCALTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "membercore/client.h"
#include "membercore/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of mc_local_time.iso8601, NUL included ("2026-12-07T16:00:00+05:30" is 25). */
#define MC_LOCAL_TIME_ISO_MAX 32
/* Bytes of mc_local_time.label, NUL included ("UTC+05:30" is 9). */
#define MC_ZONE_LABEL_MAX 16

typedef struct mc_local_time {
    int64_t utc_ms;     /* the instant: equal to the *_ms field it stands beside */
    int32_t offset_min; /* minutes east of UTC in force at the instant: 330, 60, 0 */
    int32_t year;       /* the building's calendar: e.g. 2026 */
    int32_t month;      /* 1..12 */
    int32_t day;        /* 1..31 */
    int32_t hour;       /* 0..23 */
    int32_t minute;     /* 0..59 */
    int32_t second;     /* 0..59 (milliseconds are dropped, rounding down) */
    int32_t weekday;    /* 1 = Monday ... 7 = Sunday */
    /* "2026-12-07T16:00:00+05:30" (ISO 8601 with the offset; "+00:00" for UTC and GMT). */
    char iso8601[MC_LOCAL_TIME_ISO_MAX];
    /* The zone's short name at the instant as the server gives it: "IST", "GMT",
     * "BST"; "UTC+05:30" (the offset) when the server gives none; "UTC" when the
     * building's zone is unknown. */
    char label[MC_ZONE_LABEL_MAX];
} mc_local_time;

/*
 * Where the API says an instant of 0 means "none" (an invoice not paid yet, an order
 * holding nothing), its mc_local_time is all zeros: iso8601 and label are "" and
 * year is 0. Test mc_local_time_is_set before showing one. Pure; any thread.
 */
bool mc_local_time_is_set(const mc_local_time *time);

/*
 * The local time of utc_ms in building building_id (NULL or "": the signed-in member's
 * own building), into *out, chosen as the header's comment says (an unknown building
 * falls back, it is not an error). For an instant that comes as a bare number rather
 * than inside a struct, such as mc_credential_payload's refresh instant. utc_ms 0 gives
 * the all-zero value. Local store only; works offline. On failure *out is all zeros.
 * Errors: MC_ERR_INVALID_ARG (client or out NULL), MC_ERR_STORAGE, MC_ERR_NO_MEMORY.
 * Any thread.
 */
mc_status mc_local_time_in_building(mc_client *client, const char *building_id, int64_t utc_ms,
                                    mc_local_time *out, mc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MEMBERCORE_LOCALTIME_H */
