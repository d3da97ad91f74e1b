/* desks/rules.c - the rules of a desk day and their words. Pure. */
#include "desks/rules.h"

#include <stdio.h>
#include <string.h>

static const char *const weekdays[] = {"",          "Mondays", "Tuesdays",  "Wednesdays",
                                       "Thursdays", "Fridays", "Saturdays", "Sundays"};

static const char *const features[] = {"monitor",      "standing", "window",
                                       "dual_monitor", "quiet",    "phone_booth_nearby"};

bool mci_desk_feature_known(const char *word)
{
    for (size_t i = 0; word != NULL && i < sizeof features / sizeof *features; i++)
        if (strcmp(features[i], word) == 0)
            return true;
    return false;
}

const char *mci_desk_feature_words(void)
{
    return "monitor, standing, window, dual_monitor, quiet, phone_booth_nearby";
}

bool mci_desk_features_have(const char *joined, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = joined; n > 0 && (p = strstr(p, word)) != NULL; p += n)
        if ((p == joined || p[-1] == 31) && (p[n] == '\0' || p[n] == 31))
            return true;
    return false;
}

mc_rule mci_desk_day_rule(const mci_desk_day_facts *f)
{
    if (f->day < f->today)
        return MC_RULE_PAST;
    if (f->day > f->today + f->window_days)
        return MC_RULE_BEYOND_WINDOW;
    if (f->hours.open_min >= f->hours.close_min)
        return MC_RULE_CLOSED;
    if (f->day == f->today && f->now_min >= f->cutoff_min)
        return MC_RULE_AFTER_CUTOFF;
    if (f->blacked_out)
        return MC_RULE_BLACKOUT;
    return MC_RULE_NONE;
}

void mci_desk_rule_words(mc_rule rule, const mci_desk_day_facts *f, const char *desk_id, char *out,
                         size_t cap)
{
    int weekday = mci_weekday(f->day);
    const char *day = weekday >= 1 && weekday <= 7 ? weekdays[weekday] : "that day";
    const char *reason = f->blackout_reason != NULL ? f->blackout_reason : "";
    const char *label = f->cutoff_label != NULL ? f->cutoff_label : "";
    int y, m, d;
    mci_civil_from_days(f->today + f->window_days, &y, &m, &d);
    switch (rule) {
    case MC_RULE_PAST:
        snprintf(out, cap, "%s is in the past", f->date);
        break;
    case MC_RULE_BEYOND_WINDOW:
        snprintf(out, cap,
                 "%s is beyond the booking window: %s takes desk bookings %d days ahead (until "
                 "%04d-%02d-%02d)",
                 f->date, f->building_id, (int)f->window_days, y, m, d);
        break;
    case MC_RULE_CLOSED:
        snprintf(out, cap, "%s is closed on %s", f->building_id, day);
        break;
    case MC_RULE_BLACKOUT:
        snprintf(out, cap, "%s is blacked out on %s%s%s", f->building_id, f->date,
                 reason[0] ? ": " : "", reason);
        break;
    case MC_RULE_AFTER_CUTOFF:
        snprintf(out, cap, "too late for today: %s releases desks not checked in by %02d:%02d%s%s",
                 f->building_id, (int)(f->cutoff_min / 60), (int)(f->cutoff_min % 60),
                 label[0] ? " " : "", label);
        break;
    case MC_RULE_TAKEN:
        if (desk_id != NULL)
            snprintf(out, cap, "%s is taken on %s: pick another desk", desk_id, f->date);
        else
            snprintf(out, cap, "every desk asked for at %s is taken on %s", f->building_id,
                     f->date);
        break;
    case MC_RULE_ALREADY_BOOKED:
        snprintf(out, cap, "you already have a desk on %s (%s): one desk a day", f->date,
                 desk_id != NULL ? desk_id : "booked");
        break;
    case MC_RULE_NO_ROOM:
        snprintf(out, cap, "no hot desk of %s has the area and features asked", f->building_id);
        break;
    default:
        snprintf(out, cap, "no desk is free on %s", f->date);
        break;
    }
}

int64_t mci_desk_local_instant(const mci_zone *zone, int64_t day, int32_t minute)
{
    int64_t local_ms = day * MCI_MS_PER_DAY + (int64_t)minute * MCI_MS_PER_MIN;
    int64_t at[2];
    if (zone->count == 0)
        return local_ms;
    if (mci_zone_local_to_utc(zone, local_ms, at) > 0)
        return at[0];
    /* skipped (spring forward): the offset before the jump puts it just past it */
    return local_ms - (int64_t)mci_zone_offset_at(zone, local_ms - MCI_MS_PER_DAY) * MCI_MS_PER_MIN;
}

bool mci_desk_day_blacked_out(const mci_zone *zone, int64_t day, const mci_interval *blackouts,
                              size_t n, size_t *which)
{
    int64_t open = mci_desk_local_instant(zone, day, 0);
    int64_t close = mci_desk_local_instant(zone, day + 1, 0);
    for (size_t i = 0; i < n; i++)
        if (blackouts[i].start_ms < close && blackouts[i].end_ms > open) {
            if (which != NULL)
                *which = i;
            return true;
        }
    return false;
}
