/*
 * render/calendar.c - membercore/calendar.h as memberctl shows it: what an export
 * wrote (the file, its size, how many entries and which time zones it carries), read
 * back from the iCalendar text the core made. As text or JSON.
 */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

#include "render/json.h"

/* Room for the zones of one export ("Asia/Kolkata, Europe/London"). */
#define CALENDAR_ZONES_MAX 256

/* How many lines of ics start with prefix (the text's lines end in CRLF). */
static size_t count_lines(const char *ics, const char *prefix)
{
    size_t n = 0, len = strlen(prefix);
    for (const char *line = ics; line != NULL && *line != '\0';) {
        if (strncmp(line, prefix, len) == 0)
            n++;
        line = strchr(line, '\n');
        line = line != NULL ? line + 1 : NULL;
    }
    return n;
}

/* The TZID of each VTIMEZONE, "Asia/Kolkata, Europe/London", into out; and as JSON
 * strings into zones when it is not NULL. */
static bool zones_of(const char *ics, char *out, size_t out_cap, cJSON *zones)
{
    bool ok = true, in_zone = false;
    size_t used = 0;
    out[0] = '\0';
    for (const char *line = ics; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t n = end != NULL ? (size_t)(end - line) : strlen(line);
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 15 && strncmp(line, "BEGIN:VTIMEZONE", 15) == 0)
            in_zone = true;
        else if (in_zone && n > 5 && strncmp(line, "TZID:", 5) == 0) {
            char zone[96];
            snprintf(zone, sizeof zone, "%.*s", (int)(n - 5), line + 5);
            int w = snprintf(out + used, used < out_cap ? out_cap - used : 0, "%s%s",
                             used > 0 ? ", " : "", zone);
            used += w > 0 ? (size_t)w : 0;
            if (zones != NULL)
                ok = ok && json_append(zones, cJSON_CreateString(zone));
            in_zone = false;
        }
        line = end != NULL ? end + 1 : NULL;
    }
    return ok;
}

int render_calendar_written(const app *a, const char *path, const char *from, const char *to,
                            const char *ics, size_t len)
{
    size_t entries = count_lines(ics, "BEGIN:VEVENT");
    char zones_text[CALENDAR_ZONES_MAX];
    if (a->json) {
        cJSON *root = cJSON_CreateObject(), *zones = NULL;
        bool ok = root != NULL && cJSON_AddStringToObject(root, "file", path) != NULL &&
                  cJSON_AddNumberToObject(root, "bytes", (double)len) != NULL &&
                  cJSON_AddNumberToObject(root, "entries", (double)entries) != NULL &&
                  (zones = cJSON_AddArrayToObject(root, "timezones")) != NULL &&
                  zones_of(ics, zones_text, sizeof zones_text, zones) &&
                  json_add_string_or_null(root, "from", from) &&
                  json_add_string_or_null(root, "to", to);
        return out_json(a, json_finish(root, ok));
    }
    zones_of(ics, zones_text, sizeof zones_text, NULL);
    printf("Wrote %zu entr%s to %s (%zu bytes, iCalendar)", entries, entries == 1 ? "y" : "ies",
           path, len);
    if (from != NULL || to != NULL)
        printf(", %s%s%s%s", from != NULL ? "from " : "", from != NULL ? from : "",
               to != NULL ? (from != NULL ? " to " : "to ") : "", to != NULL ? to : "");
    printf(".\n");
    if (entries == 0)
        printf("Nothing to export: no bookings, desk days, passes or events you are going to on "
               "this device%s.\n",
               from != NULL || to != NULL ? " in that range" : "");
    else
        printf("Times are in each building's zone (%s); pending ones are marked tentative.\n"
               "Open it with any calendar app (import the .ics file).\n",
               zones_text[0] != '\0' ? zones_text : "none");
    return MEMBERCTL_EXIT_OK;
}
