/* util/duration.c - a wait in words ("53 min", "1 h 5 min"), rounded up. Pure. */
#include <stdio.h>

#include "membercore/error.h"

#define MINUTE 60
#define HOUR   3600
#define DAY    86400

/* "N big" or "N big M small" for a wait already rounded up to whole smalls. */
static void two_units(char *out, size_t cap, int64_t smalls, int64_t per_big, const char *big,
                      const char *small)
{
    int64_t whole = smalls / per_big, rest = smalls % per_big;
    if (rest == 0)
        snprintf(out, cap, "%lld %s", (long long)whole, big);
    else
        snprintf(out, cap, "%lld %s %lld %s", (long long)whole, big, (long long)rest, small);
}

char *mc_duration_format(int64_t seconds, char *out, size_t out_cap)
{
    if (out == NULL || out_cap == 0)
        return out;
    if (seconds <= 0)
        snprintf(out, out_cap, "0 s");
    else if (seconds < MINUTE)
        snprintf(out, out_cap, "%lld s", (long long)seconds);
    else if (seconds <= HOUR - MINUTE)
        snprintf(out, out_cap, "%lld min", (long long)((seconds + MINUTE - 1) / MINUTE));
    else if (seconds <= DAY - HOUR)
        two_units(out, out_cap, (seconds + MINUTE - 1) / MINUTE, 60, "h", "min");
    else
        two_units(out, out_cap, (seconds + HOUR - 1) / HOUR, 24, "d", "h");
    return out;
}
