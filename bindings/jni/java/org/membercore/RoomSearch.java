package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** What {@link Rooms#search(RoomQuery)} found ({@code mc_room_search}). */
public final class RoomSearch {
    private final List<Room> rooms;
    private final String timezone;
    private final Rule whyNone;
    private final String whyNoneMessage;

    RoomSearch(Room[] rooms, String timezone, int whyNone, String whyNoneMessage) {
        this.rooms = Collections.unmodifiableList(Arrays.asList(rooms));
        this.timezone = timezone;
        this.whyNone = Rule.fromValue(whyNone);
        this.whyNoneMessage = whyNoneMessage;
    }

    /**
     * When no room has a free block: why ({@link Rule#NO_ROOM} when no room matches; else the
     * rooms' rule, the most common one when they differ); {@link Rule#NONE} otherwise.
     */
    public @NotNull Rule getWhyNone() {
        return whyNone;
    }

    /** {@link #getWhyNone()} in words ("BLR-1 is closed on Sundays"), or "". */
    public @NotNull String getWhyNoneMessage() {
        return whyNoneMessage;
    }

    /**
     * The rooms that match capacity and amenities, even those with no free block
     * (unmodifiable).
     */
    public @NotNull List<Room> getRooms() {
        return rooms;
    }

    /** The room with this id, or null. */
    public @Nullable Room room(@NotNull String id) {
        for (Room r : rooms) {
            if (r.getId().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The building's time zone name, e.g. {@code "Asia/Kolkata"}. */
    public @NotNull String getTimezone() {
        return timezone;
    }

    @Override
    public @NotNull String toString() {
        return "RoomSearch{" + timezone + " " + rooms + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RoomSearch)) {
            return false;
        }
        RoomSearch other = (RoomSearch) o;
        return Objects.equals(rooms, other.rooms) && Objects.equals(timezone, other.timezone)
                && Objects.equals(whyNone, other.whyNone)
                && Objects.equals(whyNoneMessage, other.whyNoneMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rooms, timezone, whyNone, whyNoneMessage);
    }
}
