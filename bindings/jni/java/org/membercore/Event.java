package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** A community event with the member's RSVP, pending writes included ({@code mc_event}). */
public final class Event {
    private final String id;
    private final String buildingId;
    private final String title;
    private final String description;
    private final long startsAtMs;
    private final BuildingTime startsAt;
    private final long endsAtMs;
    private final BuildingTime endsAt;
    private final int capacity;
    private final int goingCount;
    private final Rsvp myRsvp;
    private final boolean pending;
    private final int waitlistCount;
    private final int waitlistPosition;

    Event(String id, String buildingId, String title, String description, long startsAtMs, BuildingTime startsAt,
            long endsAtMs, BuildingTime endsAt, int capacity, int goingCount, int myRsvp, boolean pending,
            int waitlistCount, int waitlistPosition) {
        this.id = id;
        this.buildingId = buildingId;
        this.title = title;
        this.description = description;
        this.startsAtMs = startsAtMs;
        this.startsAt = startsAt;
        this.endsAtMs = endsAtMs;
        this.endsAt = endsAt;
        this.capacity = capacity;
        this.goingCount = goingCount;
        this.myRsvp = Rsvp.fromValue(myRsvp);
        this.pending = pending;
        this.waitlistCount = waitlistCount;
        this.waitlistPosition = waitlistPosition;
    }

    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    public @NotNull String getTitle() {
        return title;
    }

    public @NotNull String getDescription() {
        return description;
    }

    public long getStartsAtMs() {
        return startsAtMs;
    }

    /** The start on the building's wall clock, with the zone's label. */
    public @NotNull BuildingTime getStartsAt() {
        return startsAt;
    }

    public long getEndsAtMs() {
        return endsAtMs;
    }

    /** The end on the building's wall clock. */
    public @NotNull BuildingTime getEndsAt() {
        return endsAt;
    }

    public int getCapacity() {
        return capacity;
    }

    /** Including the member's pending RSVP. */
    public int getGoingCount() {
        return goingCount;
    }

    /** Including the member's pending RSVP. */
    public @NotNull Rsvp getMyRsvp() {
        return myRsvp;
    }

    /** The RSVP is not yet confirmed by the server. */
    public boolean isPending() {
        return pending;
    }

    /** Members waiting for a place (the event is full). */
    public int getWaitlistCount() {
        return waitlistCount;
    }

    /**
     * The member's place in line (1: next) when {@link #getMyRsvp()} is
     * {@link Rsvp#WAITLISTED}; 0 otherwise.
     */
    public int getWaitlistPosition() {
        return waitlistPosition;
    }

    @Override
    public @NotNull String toString() {
        return "Event{" + id + " '" + title + "' going=" + goingCount + "/" + capacity + " me="
                + myRsvp + (waitlistPosition > 0 ? " #" + waitlistPosition : "")
                + (waitlistCount > 0 ? " waitlist=" + waitlistCount : "")
                + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event other = (Event) o;
        return Objects.equals(id, other.id) && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(title, other.title)
                && Objects.equals(description, other.description) && startsAtMs == other.startsAtMs
                && Objects.equals(startsAt, other.startsAt) && endsAtMs == other.endsAtMs
                && Objects.equals(endsAt, other.endsAt) && capacity == other.capacity
                && goingCount == other.goingCount && Objects.equals(myRsvp, other.myRsvp)
                && pending == other.pending && waitlistCount == other.waitlistCount
                && waitlistPosition == other.waitlistPosition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildingId, title, description, startsAtMs, startsAt, endsAtMs,
                endsAt, capacity, goingCount, myRsvp, pending, waitlistCount, waitlistPosition);
    }
}
