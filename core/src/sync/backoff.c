/* sync/backoff.c - exponential backoff with jitter for sync retries. Pure. */
#include "sync/backoff.h"

int64_t mci_backoff_ms(int failures, uint32_t random32)
{
    if (failures < 1)
        failures = 1;
    int64_t d = MCI_BACKOFF_BASE_MS;
    for (int i = 1; i < failures && d < MCI_BACKOFF_CAP_MS; i++)
        d *= 2;
    if (d > MCI_BACKOFF_CAP_MS)
        d = MCI_BACKOFF_CAP_MS;
    int64_t half = d / 2;
    return half + (int64_t)(random32 % (uint32_t)(d - half + 1));
}
