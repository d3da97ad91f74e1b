package org.membercore;

import org.jetbrains.annotations.NotNull;

/** How a booking is paid ({@code mc_payment}). */
public enum Payment {
    /**
     * The member's company credits: checked locally, recorded at once as
     * {@link BookingStatus#PENDING} and queued for the server (works offline).
     */
    CREDITS(1),
    /** Razorpay: online; the server holds the slot and opens an order to pay. */
    RAZORPAY(2);

    private final int value;

    Payment(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #CREDITS} for any other value. */
    public static @NotNull Payment fromValue(int value) {
        for (Payment v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return CREDITS;
    }
}
