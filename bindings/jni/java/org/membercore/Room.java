package org.membercore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** A meeting room with its free blocks on the searched date ({@code mc_room}). */
public final class Room {
    private final String id;
    private final String buildingId;
    private final String name;
    private final int capacity;
    private final List<String> amenities;
    private final Money pricePerHour;
    private final int creditsPerHour;
    private final List<Slot> freeSlots;
    private final Rule whyNone;
    private final String whyNoneMessage;

    /* Called by the JNI glue; the free blocks come as three parallel arrays. */
    Room(String id, String buildingId, String name, int capacity, String[] amenities,
            Money pricePerHour, int creditsPerHour, long[] slotStartMs,
            int[] slotLocalMinute, BuildingTime[] slotStart, int whyNone, String whyNoneMessage) {
        this.whyNone = Rule.fromValue(whyNone);
        this.whyNoneMessage = whyNoneMessage;
        this.id = id;
        this.buildingId = buildingId;
        this.name = name;
        this.capacity = capacity;
        this.amenities = Collections.unmodifiableList(Arrays.asList(amenities));
        this.pricePerHour = pricePerHour;
        this.creditsPerHour = creditsPerHour;
        List<Slot> slots = new ArrayList<Slot>(slotStartMs.length);
        for (int i = 0; i < slotStartMs.length; i++) {
            slots.add(new Slot(slotStartMs[i], slotLocalMinute[i], slotStart[i]));
        }
        this.freeSlots = Collections.unmodifiableList(slots);
    }

    /** With no free block: the rule why (closed, blackout, taken, ...); else {@link Rule#NONE}. */
    public @NotNull Rule getWhyNone() {
        return whyNone;
    }

    /** {@link #getWhyNone()} in words ("BLR-1-BOARD is blacked out on 2027-01-07: ..."), or "". */
    public @NotNull String getWhyNoneMessage() {
        return whyNoneMessage;
    }

    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    public @NotNull String getName() {
        return name;
    }

    /** Seats, the host included. */
    public int getCapacity() {
        return capacity;
    }

    /** e.g. {@code "projector"} (unmodifiable). */
    public @NotNull List<String> getAmenities() {
        return amenities;
    }

    /** The Razorpay price of one hour, before tax, in the building's currency. */
    public @NotNull Money getPricePerHour() {
        return pricePerHour;
    }

    /** Company credits one hour costs. */
    public int getCreditsPerHour() {
        return creditsPerHour;
    }

    /**
     * The free blocks of the searched window, in time order (unmodifiable; empty when none is
     * free).
     */
    public @NotNull List<Slot> getFreeSlots() {
        return freeSlots;
    }

    /** The free block starting at building-local {@code "HH:MM"}, or null. */
    public @Nullable Slot freeSlotAt(@NotNull String localTime) {
        for (Slot s : freeSlots) {
            if (s.getLocalTime().equals(localTime)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public @NotNull String toString() {
        return "Room{" + id + " '" + name + "' capacity=" + capacity + " free=" + freeSlots + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Room)) {
            return false;
        }
        Room other = (Room) o;
        return Objects.equals(id, other.id) && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(name, other.name) && capacity == other.capacity
                && Objects.equals(amenities, other.amenities)
                && Objects.equals(pricePerHour, other.pricePerHour)
                && creditsPerHour == other.creditsPerHour
                && Objects.equals(freeSlots, other.freeSlots)
                && Objects.equals(whyNone, other.whyNone)
                && Objects.equals(whyNoneMessage, other.whyNoneMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildingId, name, capacity, amenities, pricePerHour,
                creditsPerHour, freeSlots, whyNone, whyNoneMessage);
    }
}
