package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of a booking ({@code mc_booking_status}), in the C enum's order: {@link #value()} is
 * the C value and {@link #statusName()} the core's name. {@link #UNKNOWN} stands for a status
 * newer than the core or this binding.
 */
public enum BookingStatus {
    /** Made on this device, not yet confirmed by the server. */
    PENDING,
    /** A Razorpay order is open; the slot is held for 15 minutes. */
    PENDING_PAYMENT,
    CONFIRMED,
    CANCELLED,
    /** A status this binding does not know (a newer core). */
    UNKNOWN,
    /** A Razorpay booking whose 15-minute payment hold lapsed unpaid: nothing was charged. */
    EXPIRED;

    /** The C value ({@code MC_BOOKING_*}). */
    public int value() {
        return ordinal();
    }

    /**
     * The core's stable lower-case name ({@code mc_booking_status_name}), e.g.
     * {@code "pending_payment"}; {@code "unknown"} for {@link #UNKNOWN}.
     */
    public @NotNull String statusName() {
        return Native.stateName(Native.BOOKING_STATE, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull BookingStatus fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
