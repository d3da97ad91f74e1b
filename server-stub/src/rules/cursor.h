/* rules/cursor.h - the pull cursor: an opaque string naming the epoch and a position in the stream.
 */
#ifndef MS_CURSOR_H
#define MS_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ids.h"

/* Room for an encoded cursor (base64url of at most ~140 bytes) and its NUL. */
#define MS_CURSOR_MAX 256

/*
 * A position in what a pull streams: a snapshot of everything the user may
 * see (kind by kind, ids in byte order), then the change log after the
 * snapshot's high-water mark.
 */
typedef struct ms_cursor {
    /* true while paging the snapshot */
    bool snapshot;
    /* snapshot: the change-log head when it began */
    int64_t high_water;
    /* snapshot: the kind being paged (ms_kind) and the last id sent of it ("" none) */
    int kind;
    char after[MS_ID_MAX];
    /* change log: the last sequence covered */
    int64_t seq;
} ms_cursor;

/*
 * base64url (unpadded) of "v1|<epoch>|s|<high_water>|<kind>|<after>" or
 * "v1|<epoch>|l|<seq>". 0 / -1 (out too small).
 */
int ms_cursor_encode(const char *epoch, const ms_cursor *c, char out[MS_CURSOR_MAX]);
/*
 * The reverse; -1 for anything this server did not issue (the caller answers 410),
 * a snapshot kind outside [0, kind_count) included.
 */
int ms_cursor_decode(const char *text, int kind_count, char epoch[MS_EPOCH_MAX], ms_cursor *c);

#endif
