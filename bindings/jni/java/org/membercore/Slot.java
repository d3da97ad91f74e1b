package org.membercore;

import java.util.Locale;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One free 60-minute block of a room ({@code mc_slot}). */
public final class Slot {
    /** Every block lasts one hour. */
    public static final long DURATION_MS = 60L * 60 * 1000;

    private final long startMs;
    private final int localMinute;
    private final BuildingTime start;

    Slot(long startMs, int localMinute, BuildingTime start) {
        this.startMs = startMs;
        this.localMinute = localMinute;
        this.start = start;
    }

    /** When it starts, UTC ms. */
    public long getStartMs() {
        return startMs;
    }

    /** When it starts on the building's wall clock, with the zone's label. */
    public @NotNull BuildingTime getStart() {
        return start;
    }

    /** When it ends, UTC ms ({@link #getStartMs()} + one hour). */
    public long getEndMs() {
        return startMs + DURATION_MS;
    }

    /** The building-local minute of the day it starts at (600 = 10:00). */
    public int getLocalMinute() {
        return localMinute;
    }

    /**
     * The building-local start, {@code "HH:MM"}: what {@link BookingRequest.Builder} takes as
     * {@code start}.
     */
    public @NotNull String getLocalTime() {
        return String.format(Locale.ROOT, "%02d:%02d", localMinute / 60, localMinute % 60);
    }

    @Override
    public @NotNull String toString() {
        return getLocalTime();
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Slot)) {
            return false;
        }
        Slot other = (Slot) o;
        return startMs == other.startMs && localMinute == other.localMinute
                && Objects.equals(start, other.start);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startMs, localMinute, start);
    }
}
