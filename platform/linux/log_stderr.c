/* platform/linux/log_stderr.c - the default log sink: stderr, warnings and up unless asked. */
#include "platform_linux.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mcp_log_stderr(void *context, mc_log_level level, const char *message)
{
    (void)context;
    static const char *names[] = {"debug", "info", "warn", "error"};
    const char *want = getenv("MEMBERCORE_LOG");
    mc_log_level threshold = want != NULL && strcmp(want, "debug") == 0  ? MC_LOG_DEBUG
                             : want != NULL && strcmp(want, "info") == 0 ? MC_LOG_INFO
                                                                         : MC_LOG_WARN;
    if (level < threshold || level > MC_LOG_ERROR)
        return;
    fprintf(stderr, "membercore %s: %s\n", names[level], message);
}
