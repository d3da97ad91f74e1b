package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What {@link Rooms#search(RoomQuery)} found ({@code mc_room_search}). */
public final class RoomSearch {
    private final List<Room> rooms;
    private final String timezone;

    RoomSearch(Room[] rooms, String timezone) {
        this.rooms = Collections.unmodifiableList(Arrays.asList(rooms));
        this.timezone = timezone;
    }

    /**
     * The rooms that match capacity and amenities, even those with no free block
     * (unmodifiable).
     */
    public List<Room> getRooms() {
        return rooms;
    }

    /** The room with this id, or null. */
    public Room room(String id) {
        for (Room r : rooms) {
            if (r.getId().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The building's time zone name, e.g. {@code "Asia/Kolkata"}. */
    public String getTimezone() {
        return timezone;
    }

    @Override
    public String toString() {
        return "RoomSearch{" + timezone + " " + rooms + "}";
    }
}
