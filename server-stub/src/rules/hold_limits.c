/* rules/hold_limits.c - the refusal codes of the hold limits and the wait a cool-down names. */
#include "rules/hold_limits.h"

#include <string.h>

bool ms_is_hold_refusal(const char *code)
{
    return code != NULL &&
           (strcmp(code, MS_CODE_HOLD_LIMIT) == 0 || strcmp(code, MS_CODE_TOO_LONG) == 0 ||
            strcmp(code, MS_CODE_HOLD_COOLDOWN) == 0);
}

long long ms_minutes_until(long long now_ms, long long until_ms)
{
    if (until_ms <= now_ms)
        return 0;
    return (until_ms - now_ms + MS_MINUTE_MS - 1) / MS_MINUTE_MS;
}
