package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * How a desk day is paid ({@code mc_desk_payment}, membercore/desks.h). {@link #value()} is the C
 * value and {@link #paymentName()} the core's name.
 */
public enum DeskPayment implements States.Valued {
    /** One of the plan's desk days this month (offline, like credits). */
    PLAN(1),
    /** The company's credits: the building's credits per desk day (offline). */
    CREDITS(2),
    /** By card through Razorpay: the day's price plus tax, an invoice (online). */
    RAZORPAY(3),
    /** A way of paying this binding does not know (a newer core); never passed down. */
    UNKNOWN(-1);

    private final int value;

    DeskPayment(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_DESK_PAY_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_desk_payment_name}): {@code "plan"}, {@code "credits"}, ... */
    public @NotNull String paymentName() {
        return Native.deskStateName(Native.DESK_PAYMENT, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull DeskPayment fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
