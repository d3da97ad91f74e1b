package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of a desk booking ({@code mc_desk_booking_status}, membercore/desks.h), in the C
 * enum's order: {@link #value()} is the C value and {@link #statusName()} the core's name.
 * {@link #UNKNOWN} stands for a status newer than the core or this binding.
 */
public enum DeskBookingStatus {
    /** Made on this device, not yet confirmed by the server. */
    PENDING,
    /** A Razorpay order is open; the desk is held for 15 minutes. */
    PENDING_PAYMENT,
    CONFIRMED,
    CANCELLED,
    /** Not checked in at the door by the building's cut-off: the desk went to others. */
    RELEASED,
    /** A Razorpay hold that lapsed unpaid (nothing was charged). */
    EXPIRED,
    /** A status this binding does not know (a newer core). */
    UNKNOWN;

    /** The C value ({@code MC_DESK_BOOKING_*}). */
    public int value() {
        return ordinal();
    }

    /**
     * The core's name ({@code mc_desk_booking_status_name}), e.g. {@code "released"};
     * {@code "unknown"} for {@link #UNKNOWN}.
     */
    public @NotNull String statusName() {
        return Native.deskStateName(Native.DESK_BOOKING_STATE, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull DeskBookingStatus fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
