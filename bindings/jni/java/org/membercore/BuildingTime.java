package org.membercore;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An instant as a member sees it: on the wall clock of the building it belongs to
 * ({@code mc_local_time}, membercore/localtime.h). The core fills it from the zone rules the
 * server sends with the building; this class only carries the result and never converts
 * with the device's time zone. A value: immutable, compared by its fields.
 *
 * <p>Where the core's instant is 0 ("none": an invoice not paid yet, an order holding
 * nothing) the getter returning a {@code BuildingTime} returns {@code null}.
 */
public final class BuildingTime {
    private final long utcMs;
    private final int offsetMinutes;
    private final int year;
    private final int month;
    private final int day;
    private final int hour;
    private final int minute;
    private final int second;
    private final int weekday;
    private final String iso8601;
    private final String label;

    /* Called by the JNI glue with the fields of an mc_local_time. */
    BuildingTime(long utcMs, int offsetMinutes, int year, int month, int day, int hour,
            int minute, int second, int weekday, String iso8601, String label) {
        this.utcMs = utcMs;
        this.offsetMinutes = offsetMinutes;
        this.year = year;
        this.month = month;
        this.day = day;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.weekday = weekday;
        this.iso8601 = iso8601;
        this.label = label;
    }

    /** The instant, UTC ms: equal to the {@code ...Ms} getter it stands beside. */
    public long getUtcMs() {
        return utcMs;
    }

    /** Minutes east of UTC in force at the instant: 330 in Bengaluru, 60 in a London summer. */
    public int getOffsetMinutes() {
        return offsetMinutes;
    }

    /** The building's calendar year, e.g. 2026. */
    public int getYear() {
        return year;
    }

    /** 1..12. */
    public int getMonth() {
        return month;
    }

    /** 1..31. */
    public int getDay() {
        return day;
    }

    /** 0..23, on the building's wall clock. */
    public int getHour() {
        return hour;
    }

    /** 0..59. */
    public int getMinute() {
        return minute;
    }

    /** 0..59. */
    public int getSecond() {
        return second;
    }

    /** 1 = Monday ... 7 = Sunday (as {@code java.time.DayOfWeek.getValue()}). */
    public int getWeekday() {
        return weekday;
    }

    /** {@code "2026-12-07T16:00:00+05:30"}: ISO 8601 with the building's offset. */
    public @NotNull String getIso8601() {
        return iso8601;
    }

    /**
     * The zone's short name at the instant: {@code "IST"}, {@code "GMT"}, {@code "BST"};
     * {@code "UTC+05:30"} when the server names none; {@code "UTC"} when the building's zone
     * is unknown.
     */
    public @NotNull String getLabel() {
        return label;
    }

    /**
     * The same wall-clock time and offset as a {@code java.time.OffsetDateTime} (built from the
     * core's fields, not converted; on Android it needs API 26 or core library desugaring).
     */
    public @NotNull OffsetDateTime toOffsetDateTime() {
        int nanos = (int) Math.floorMod(utcMs, 1000L) * 1_000_000;
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof BuildingTime)) {
            return false;
        }
        BuildingTime t = (BuildingTime) o;
        return utcMs == t.utcMs && offsetMinutes == t.offsetMinutes && label.equals(t.label);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(utcMs) * 31 + offsetMinutes * 7 + label.hashCode();
    }

    /** {@code "2026-12-07T16:00:00+05:30 IST"}. */
    @Override
    public @NotNull String toString() {
        return iso8601 + " " + label;
    }
}
