/* rules/zone.c - local wall-clock <-> UTC from server-sent offsets, and civil dates. Pure. */
#include "rules/zone.h"

#include <string.h>

const mci_zone_transition *mci_zone_transition_at(const mci_zone *z, int64_t utc_ms)
{
    /* the last transition at or before utc_ms, else the first */
    size_t lo = 0, hi = z->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->transitions[mid].at_ms <= utc_ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &z->transitions[lo == 0 ? 0 : lo - 1];
}

int32_t mci_zone_offset_at(const mci_zone *z, int64_t utc_ms)
{
    return mci_zone_transition_at(z, utc_ms)->offset_min;
}

void mci_zone_set_abbrev(char abbrev[MCI_ZONE_ABBREV_MAX], const char *text)
{
    abbrev[0] = '\0';
    size_t n = text != NULL ? strlen(text) : 0;
    if (n == 0 || n >= MCI_ZONE_ABBREV_MAX)
        return;
    for (size_t i = 0; i < n; i++) {
        char ch = text[i];
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '+' || ch == '-';
        if (!ok)
            return;
    }
    memcpy(abbrev, text, n + 1);
}

int mci_zone_local_to_utc(const mci_zone *z, int64_t local_ms, int64_t out[2])
{
    /* Offsets never exceed a day, so the offsets in effect within a day either
     * side of local_ms are the only candidates: those of the transitions in
     * that span, and the one in effect at its start. */
    int32_t candidates[8];
    int n = 0;
    candidates[n++] = mci_zone_offset_at(z, local_ms - MCI_MS_PER_DAY);
    for (size_t i = 0; i < z->count && n < 8; i++) {
        int64_t at = z->transitions[i].at_ms;
        if (at > local_ms - MCI_MS_PER_DAY && at <= local_ms + MCI_MS_PER_DAY)
            candidates[n++] = z->transitions[i].offset_min;
    }
    int found = 0;
    for (int i = 0; i < n && found < 2; i++) {
        int64_t utc = local_ms - (int64_t)candidates[i] * MCI_MS_PER_MIN;
        if (mci_zone_offset_at(z, utc) != candidates[i])
            continue;
        bool seen = false;
        for (int k = 0; k < found; k++)
            seen = seen || out[k] == utc;
        if (!seen)
            out[found++] = utc;
    }
    if (found == 2 && out[0] > out[1]) {
        int64_t t = out[0];
        out[0] = out[1];
        out[1] = t;
    }
    return found;
}

/* Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms). */
int64_t mci_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void mci_civil_from_days(int64_t z, int *year, int *month, int *day)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int mci_weekday(int64_t days)
{
    int64_t w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool mci_parse_date(const char *text, int64_t *days)
{
    int y, m, d;
    if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
        !digits(text, 4, &y) || !digits(text + 5, 2, &m) || !digits(text + 8, 2, &d) || m < 1 ||
        m > 12 || d < 1)
        return false;
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > month_days[m - 1] + (m == 2 && leap))
        return false;
    *days = mci_days_from_civil(y, m, d);
    return true;
}

bool mci_parse_hhmm(const char *text, int32_t *minutes)
{
    int h, m;
    if (text == NULL || strlen(text) != 5 || text[2] != ':' || !digits(text, 2, &h) ||
        !digits(text + 3, 2, &m) || m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}
