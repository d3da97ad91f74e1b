/*
 * cmd_calendar.c - calendar export: the member's room bookings, desk days, day passes
 * and the events they are going to, from the local store (works offline), written as
 * an iCalendar file (membercore/calendar.h). The range is typed as building-local
 * dates; the file is written whole or not at all.
 */
#include "memberctl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "parse/datetime.h"
#include "render/render.h"

#define DAY_MS 86400000LL

/* The instant the member's building's day `date` starts (its local midnight), from the
 * date's UTC midnight less the building's offset then (asked of the core). */
static int64_t building_midnight_ms(mc_client *client, const char *date)
{
    int64_t utc = 0;
    if (!datetime_date_utc_ms(date, &utc))
        return 0;
    mc_local_time t;
    int64_t guess = utc;
    for (int i = 0; i < 2; i++) { /* the offset at the guess, then at the corrected guess */
        if (mc_local_time_in_building(client, NULL, guess, &t, NULL) != MC_OK ||
            !mc_local_time_is_set(&t))
            return utc;
        guess = utc - (int64_t)t.offset_min * 60000;
    }
    return guess;
}

/* Write len bytes of text to path through a temporary file renamed over it: the file
 * is whole or untouched. false with msg. */
static bool write_whole(const char *path, const char *text, size_t len, char *msg, size_t msg_cap)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(msg, msg_cap, "the path '%s' is too long", path);
        return false;
    }
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        snprintf(msg, msg_cap, "cannot write '%s': %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(text, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return true;
    snprintf(msg, msg_cap, "cannot write '%s': %s", path, strerror(errno));
    remove(tmp);
    return false;
}

static int calendar_export(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {{"--out", true, NULL}, {"--from", true, NULL}, {"--to", true, NULL}};
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0]};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    const char *out = args_value(&p, "--out"), *from = args_value(&p, "--from"),
               *to = args_value(&p, "--to");
    if (out == NULL)
        return out_usage(a, self, "missing option '--out' (the .ics file to write)");
    if (out[0] == '\0')
        return out_usage(a, self, "option '--out' is empty");
    char msg[DATETIME_MSG_MAX];
    if (!datetime_arg_date("--from", from, NULL, msg, sizeof msg) ||
        !datetime_arg_date("--to", to, NULL, msg, sizeof msg))
        return out_usage(a, self, "%s", msg);
    if (from != NULL && to != NULL && strcmp(to, from) < 0)
        return out_usage(a, self, "option '--to' (%s) is before '--from' (%s)", to, from);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    int64_t from_ms = from != NULL ? building_midnight_ms(client, from) : 0;
    int64_t to_ms = 0; /* --to is inclusive: up to the start of the day after */
    if (to != NULL) {
        int64_t utc = 0;
        datetime_date_utc_ms(to, &utc);
        char after[DATETIME_TIME_MAX];
        datetime_format_time(utc + DAY_MS, after, sizeof after);
        after[10] = '\0';
        to_ms = building_midnight_ms(client, after);
    }
    char *ics = NULL;
    size_t len = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_calendar_export(client, from_ms, to_ms, &ics, &len, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    char why[DATETIME_MSG_MAX];
    if (!write_whole(out, ics, len, why, sizeof why)) {
        mc_calendar_free(ics);
        return out_error_in(a, "io", MC_ERR_STORAGE, why, NULL);
    }
    rc = render_calendar_written(a, out, from, to, ics, len);
    mc_calendar_free(ics);
    return rc;
}

static int run_calendar(app *a, const command *self, int argc, char **argv)
{
    if (argc == 0)
        return out_usage(a, self, "missing the subcommand (export)");
    const char *sub = argv[0];
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0)
        return command_help(self);
    if (strcmp(sub, "export") == 0)
        return calendar_export(a, self, argc - 1, argv + 1);
    return out_usage(a, self, "unknown subcommand '%s' (export)", sub);
}

const command cmd_calendar = {
    "calendar",
    "calendar export --out FILE.ics [--from YYYY-MM-DD] [--to YYYY-MM-DD]",
    "export your bookings, desk days, passes and events as an .ics file",
    "Writes your room bookings (confirmed and pending), desk days, day passes\n"
    "and the events you are going to, from the local store (works offline),\n"
    "as one iCalendar file (RFC 5545) any calendar app imports. Times are in\n"
    "each building's own zone (the file carries its VTIMEZONE); desk days and\n"
    "passes are all-day entries; pending ones are tentative; cancelled,\n"
    "released and expired ones are left out. The file is written whole or\n"
    "not at all.\n"
    "  --out FILE.ics      the file to write (required; replaced if it exists)\n"
    "  --from YYYY-MM-DD   only what ends on or after that day (your building's)\n"
    "  --to YYYY-MM-DD     only what starts on or before that day\n"
    "\n"
    "JSON: {\"file\",\"bytes\",\"entries\",\"timezones\":[\"Asia/Kolkata\",..],\n"
    "       \"from\":DATE|null,\"to\":DATE|null}\n",
    run_calendar,
};
