package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * What {@link Rooms#search(RoomQuery)} looks for ({@code mc_room_query}). Dates and
 * times are the building's local ones, whatever the phone's time zone is:
 *
 * <pre>{@code
 * RoomQuery q = RoomQuery.builder("BLR-1", "2027-01-07")
 *         .from("09:00").to("18:00").minCapacity(8).amenity("projector")
 *         .build();
 * }</pre>
 */
public final class RoomQuery {
    final String buildingId;
    final String date;
    final String from;
    final String to;
    final int minCapacity;
    final List<String> amenities;

    private RoomQuery(Builder b) {
        this.buildingId = b.buildingId;
        this.date = b.date;
        this.from = b.from;
        this.to = b.to;
        this.minCapacity = b.minCapacity;
        this.amenities = Collections.unmodifiableList(new ArrayList<String>(b.amenities));
    }

    /**
     * @param buildingId e.g. {@code "BLR-1"}
     * @param date the building-local date, {@code "YYYY-MM-DD"}
     */
    public static @NotNull Builder builder(@NotNull String buildingId, @NotNull String date) {
        return new Builder(buildingId, date);
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    public @NotNull String getDate() {
        return date;
    }

    /** null: from opening. */
    public @Nullable String getFrom() {
        return from;
    }

    /** null: to closing. */
    public @Nullable String getTo() {
        return to;
    }

    public int getMinCapacity() {
        return minCapacity;
    }

    /** Unmodifiable. */
    public @NotNull List<String> getAmenities() {
        return amenities;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RoomQuery)) {
            return false;
        }
        RoomQuery other = (RoomQuery) o;
        return Objects.equals(buildingId, other.buildingId) && Objects.equals(date, other.date)
                && Objects.equals(from, other.from) && Objects.equals(to, other.to)
                && minCapacity == other.minCapacity && Objects.equals(amenities, other.amenities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(buildingId, date, from, to, minCapacity, amenities);
    }

    @Override
    public @NotNull String toString() {
        return "RoomQuery{"
                + "buildingId=" + buildingId
                + ", date=" + date
                + ", from=" + from
                + ", to=" + to
                + ", minCapacity=" + minCapacity
                + ", amenities=" + amenities + "}";
    }

    public static final class Builder {
        private final String buildingId;
        private final String date;
        private String from;
        private String to;
        private int minCapacity;
        private final List<String> amenities = new ArrayList<String>();

        private Builder(String buildingId, String date) {
            this.buildingId = buildingId;
            this.date = date;
        }

        /** Building-local {@code "HH:MM"}: only blocks from then (default: from opening). */
        public @NotNull Builder from(@Nullable String from) {
            this.from = from;
            return this;
        }

        /** Building-local {@code "HH:MM"}: only blocks ending by then (default: to closing). */
        public @NotNull Builder to(@Nullable String to) {
            this.to = to;
            return this;
        }

        /** Only rooms seating at least this many (default 0: any). */
        public @NotNull Builder minCapacity(int minCapacity) {
            this.minCapacity = minCapacity;
            return this;
        }

        /** Only rooms with this amenity too, e.g. {@code "projector"} (lower case, digits, _). */
        public @NotNull Builder amenity(@NotNull String amenity) {
            this.amenities.add(amenity);
            return this;
        }

        /** Only rooms with all of these too. */
        public @NotNull Builder amenities(@Nullable List<String> amenities) {
            if (amenities != null) {
                this.amenities.addAll(amenities);
            }
            return this;
        }

        public @NotNull RoomQuery build() {
            return new RoomQuery(this);
        }
    }
}
