package org.membercore;

/**
 * The state of a booking ({@code mc_booking_status}). {@link #UNKNOWN} stands for a value newer
 * than this binding.
 */
public enum BookingStatus {
    /** Made on this device, not yet confirmed by the server. */
    PENDING(0),
    /** A Razorpay order is open; the slot is held for 15 minutes. */
    PENDING_PAYMENT(1),
    CONFIRMED(2),
    CANCELLED(3),
    /** A status this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    BookingStatus(int value) {
        this.value = value;
    }

    /**
     * The core's stable lower-case name ({@code mc_booking_status_name}): {@code "pending"},
     * {@code "pending_payment"}, {@code "confirmed"}, {@code "cancelled"}; {@code "unknown"} for
     * {@link #UNKNOWN}.
     */
    public String statusName() {
        return Native.bookingStatusName(value);
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static BookingStatus fromValue(int value) {
        for (BookingStatus v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
