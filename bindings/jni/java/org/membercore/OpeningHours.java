package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The hours a building is open on one weekday ({@code mc_opening_hours}), in building-local
 * minutes of the day. A weekday a building does not list is a closed day.
 */
public final class OpeningHours {
    private final int weekday;
    private final int openMinute;
    private final int closeMinute;

    OpeningHours(int weekday, int openMinute, int closeMinute) {
        this.weekday = weekday;
        this.openMinute = openMinute;
        this.closeMinute = closeMinute;
    }

    /** 1 = Monday ... 7 = Sunday (ISO 8601, as {@code java.time.DayOfWeek.getValue()}). */
    public int getWeekday() {
        return weekday;
    }

    /** Building-local minute of the day it opens, 0..1440 (480 = 08:00). */
    public int getOpenMinute() {
        return openMinute;
    }

    /** Building-local minute it closes, 0..1440 (1440 = midnight; 0..1440 is open all day). */
    public int getCloseMinute() {
        return closeMinute;
    }

    @Override
    public @NotNull String toString() {
        return "OpeningHours{" + weekday + " " + openMinute + ".." + closeMinute + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OpeningHours)) {
            return false;
        }
        OpeningHours other = (OpeningHours) o;
        return weekday == other.weekday && openMinute == other.openMinute
                && closeMinute == other.closeMinute;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weekday, openMinute, closeMinute);
    }
}
