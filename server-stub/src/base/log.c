/* base/log.c - one-line diagnostics to stderr. Callers never pass OTPs, tokens or secrets. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>

void ms_log(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One write per line so lines from pool threads do not interleave. */
    fprintf(stderr, "memberstub: %s\n", line);
}
