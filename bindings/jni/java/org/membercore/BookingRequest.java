package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A booking to make ({@code mc_booking_request}): {@code hours} consecutive blocks of a room
 * from a building-local date and hour.
 *
 * <pre>{@code
 * BookingRequest r = BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "14:00")
 *         .hours(2)
 *         .guest("Ananya Sharma", "ananya@example.com")
 *         .pay(Payment.CREDITS)
 *         .build();
 * }</pre>
 */
public final class BookingRequest {
    final String roomId;
    final String date;
    final String start;
    final int hours;
    final List<Guest> guests;
    final Payment pay;

    private BookingRequest(Builder b) {
        this.roomId = b.roomId;
        this.date = b.date;
        this.start = b.start;
        this.hours = b.hours;
        this.guests = Collections.unmodifiableList(new ArrayList<Guest>(b.guests));
        this.pay = b.pay;
    }

    /**
     * @param roomId e.g. {@code "BLR-1-BOARD"}
     * @param date the building-local date, {@code "YYYY-MM-DD"}
     * @param start the building-local start, {@code "HH:00"} (blocks start on the hour)
     */
    public static @NotNull Builder builder(@NotNull String roomId, @NotNull String date,
            @NotNull String start) {
        return new Builder(roomId, date, start);
    }

    public @NotNull String getRoomId() {
        return roomId;
    }

    public @NotNull String getDate() {
        return date;
    }

    public @NotNull String getStart() {
        return start;
    }

    public int getHours() {
        return hours;
    }

    /** Unmodifiable. */
    public @NotNull List<Guest> getGuests() {
        return guests;
    }

    public @NotNull Payment getPay() {
        return pay;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BookingRequest)) {
            return false;
        }
        BookingRequest other = (BookingRequest) o;
        return Objects.equals(roomId, other.roomId) && Objects.equals(date, other.date)
                && Objects.equals(start, other.start) && hours == other.hours
                && Objects.equals(guests, other.guests) && Objects.equals(pay, other.pay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomId, date, start, hours, guests, pay);
    }

    @Override
    public @NotNull String toString() {
        return "BookingRequest{"
                + "roomId=" + roomId
                + ", date=" + date
                + ", start=" + start
                + ", hours=" + hours
                + ", guests=" + guests
                + ", pay=" + pay + "}";
    }

    public static final class Builder {
        private final String roomId;
        private final String date;
        private final String start;
        private int hours = 1;
        private final List<Guest> guests = new ArrayList<Guest>();
        private Payment pay = Payment.CREDITS;

        private Builder(String roomId, String date, String start) {
            this.roomId = roomId;
            this.date = date;
            this.start = start;
        }

        /** 1-24 consecutive blocks, ending by midnight (default 1). */
        public @NotNull Builder hours(int hours) {
            this.hours = hours;
            return this;
        }

        /** Invite a guest (at most 20, and fewer than the room's capacity). */
        public @NotNull Builder guest(@NotNull String name, @NotNull String email) {
            this.guests.add(new Guest(name, email));
            return this;
        }

        /** Invite these guests too. */
        public @NotNull Builder guests(@Nullable List<Guest> guests) {
            if (guests != null) {
                this.guests.addAll(guests);
            }
            return this;
        }

        /** How to pay (default {@link Payment#CREDITS}); null is refused by createBooking. */
        public @NotNull Builder pay(@NotNull Payment pay) {
            this.pay = pay;
            return this;
        }

        public @NotNull BookingRequest build() {
            return new BookingRequest(this);
        }
    }
}
