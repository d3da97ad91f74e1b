/* handle/handle.c - what every module asks of the handle: the time, random bytes, a log line. */
#include "handle/handle.h"

#include <stdarg.h>
#include <stdio.h>

#include "crypto/crypto.h"
#include "util/error.h"
#include "util/strutil.h"

int64_t mci_client_now(const mc_client *client)
{
    return client->clock(client->clock_context);
}

int64_t mc_client_now(mc_client *client)
{
    MCI_ENTER_OR(client, 0);
    return mci_client_now(client);
}

mc_status mci_client_random(mc_client *client, uint8_t *buf, size_t len, mc_error *err)
{
    mc_status st = client->random(client->random_context, buf, len);
    if (st != MC_OK)
        return mci_error_set(err, st, "the random source failed (%s)", mc_status_name(st));
    return MC_OK;
}

mc_status mci_client_new_id(mc_client *client, const char *prefix, char *out, size_t cap,
                            mc_error *err)
{
    uint8_t raw[16];
    mc_status st = mci_client_random(client, raw, sizeof raw, err);
    if (st != MC_OK)
        return st;
    char hex[33];
    mci_hex(raw, sizeof raw, hex);
    snprintf(out, cap, "%s%s", prefix, hex);
    return MC_OK;
}

void mci_client_log(mc_client *client, mc_log_level level, const char *fmt, ...)
{
    if (client->platform.log == NULL)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    mci_utf8_scrub(line); /* a line cut short stays UTF-8 for the app's strict strings */
    client->platform.log(client->log_context, level, line);
}
