/* base/clock.c - the server clock: real time, or the instant a test set (test mode). */
#include "base/clock.h"

#include <time.h>

static int64_t real_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ms_clock_init(ms_clock *clock)
{
    pthread_mutex_init(&clock->lock, NULL);
    clock->frozen = false;
    clock->frozen_ms = 0;
}

void ms_clock_destroy(ms_clock *clock)
{
    pthread_mutex_destroy(&clock->lock);
}

int64_t ms_clock_now(ms_clock *clock)
{
    pthread_mutex_lock(&clock->lock);
    int64_t now = clock->frozen ? clock->frozen_ms : real_now_ms();
    pthread_mutex_unlock(&clock->lock);
    return now;
}

void ms_clock_set(ms_clock *clock, int64_t now_ms)
{
    pthread_mutex_lock(&clock->lock);
    clock->frozen = true;
    clock->frozen_ms = now_ms;
    pthread_mutex_unlock(&clock->lock);
}

int64_t ms_clock_advance(ms_clock *clock, int64_t delta_ms)
{
    pthread_mutex_lock(&clock->lock);
    int64_t base = clock->frozen ? clock->frozen_ms : real_now_ms();
    clock->frozen = true;
    clock->frozen_ms = base + delta_ms;
    int64_t now = clock->frozen_ms;
    pthread_mutex_unlock(&clock->lock);
    return now;
}
