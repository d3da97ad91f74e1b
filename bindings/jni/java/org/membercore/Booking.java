package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A room booking of the member's ({@code mc_booking}), a snapshot: read it again for changes.
 * Strings are never null ({@code ""} when absent).
 */
public final class Booking {
    private final String id;
    private final String roomId;
    private final String buildingId;
    private final long startMs;
    private final long endMs;
    private final BuildingTime start;
    private final BuildingTime end;
    private final BookingStatus status;
    private final Payment paidBy;
    private final int credits;
    private final Money amount;
    private final boolean paid;
    private final List<BookingGuest> guests;
    private final String orderId;
    private final String razorpayKeyId;
    private final boolean pending;

    /* Called by the JNI glue; the guests come as three parallel arrays. */
    Booking(String id, String roomId, String buildingId, long startMs, long endMs,
            BuildingTime start, BuildingTime end, int status,
            int paidBy, int credits, Money amount, boolean paid, String[] guestNames, String[] guestEmails,
            String[] guestCredentialIds, String orderId, String razorpayKeyId, boolean pending) {
        this.id = id;
        this.roomId = roomId;
        this.buildingId = buildingId;
        this.startMs = startMs;
        this.endMs = endMs;
        this.start = start;
        this.end = end;
        this.status = BookingStatus.fromValue(status);
        this.paidBy = Payment.fromValue(paidBy);
        this.credits = credits;
        this.amount = amount;
        this.paid = paid;
        List<BookingGuest> list = new ArrayList<BookingGuest>(guestNames.length);
        for (int i = 0; i < guestNames.length; i++) {
            list.add(new BookingGuest(guestNames[i], guestEmails[i], guestCredentialIds[i]));
        }
        this.guests = Collections.unmodifiableList(list);
        this.orderId = orderId;
        this.razorpayKeyId = razorpayKeyId;
        this.pending = pending;
    }

    /** The booking id (made on the device: a UUID). */
    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getRoomId() {
        return roomId;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** UTC ms. */
    public long getStartMs() {
        return startMs;
    }

    /** UTC ms, exclusive. */
    public long getEndMs() {
        return endMs;
    }

    /** The start on the building's wall clock: a 16:00 booking in Bengaluru reads 16:00 IST. */
    public @NotNull BuildingTime getStart() {
        return start;
    }

    /** The end on the building's wall clock. */
    public @NotNull BuildingTime getEnd() {
        return end;
    }

    public @NotNull BookingStatus getStatus() {
        return status;
    }

    public @NotNull Payment getPaidBy() {
        return paidBy;
    }

    /** Credits debited (credit bookings; 0 for Razorpay). */
    public int getCredits() {
        return credits;
    }

    /** The price in the building's currency (Razorpay bookings; 0 for credits). */
    public @NotNull Money getAmount() {
        return amount;
    }

    /**
     * Razorpay took the payment. False for credit bookings and for a Razorpay booking never
     * paid: a CANCELLED one that is not paid was cancelled before payment, nothing charged.
     */
    public boolean isPaid() {
        return paid;
    }

    /** In the request's order (unmodifiable). */
    public @NotNull List<BookingGuest> getGuests() {
        return guests;
    }

    /** Razorpay: the order to open checkout with; {@code ""} otherwise. */
    public @NotNull String getOrderId() {
        return orderId;
    }

    /**
     * Razorpay: the key id to open checkout with. Only the booking returned by
     * {@link Rooms#book} carries it ({@code ""} in {@link Rooms#bookings()}).
     */
    public @NotNull String getRazorpayKeyId() {
        return razorpayKeyId;
    }

    /** A change of this booking is waiting for the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "Booking{" + id + " " + roomId + " " + startMs + ".." + endMs + " " + status
                + (pending ? " pending" : "") + " " + paidBy + " guests=" + guests + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Booking)) {
            return false;
        }
        Booking other = (Booking) o;
        return Objects.equals(id, other.id) && Objects.equals(roomId, other.roomId)
                && Objects.equals(buildingId, other.buildingId) && startMs == other.startMs
                && endMs == other.endMs && Objects.equals(start, other.start)
                && Objects.equals(end, other.end) && Objects.equals(status, other.status)
                && Objects.equals(paidBy, other.paidBy) && credits == other.credits
                && Objects.equals(amount, other.amount) && paid == other.paid
                && Objects.equals(guests, other.guests) && Objects.equals(orderId, other.orderId)
                && Objects.equals(razorpayKeyId, other.razorpayKeyId) && pending == other.pending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, roomId, buildingId, startMs, endMs, start, end, status, paidBy,
                credits, amount, paid, guests, orderId, razorpayKeyId, pending);
    }
}
