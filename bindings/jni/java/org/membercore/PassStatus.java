package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of a day pass ({@code mc_pass_status}), in the C enum's order: {@link #value()} is
 * the C value and {@link #statusName()} the core's name. {@link #UNKNOWN} stands for a status
 * newer than the core or this binding.
 */
public enum PassStatus {
    /** A status this binding does not know (a newer core or server). */
    UNKNOWN,
    /** Seats held by a checkout not yet paid (15 minutes). */
    HELD,
    /** Paid: the pass has its access credential. */
    ACTIVE,
    /** The hold lapsed unpaid. */
    RELEASED;

    /** The C value ({@code MC_PASS_*}). */
    public int value() {
        return ordinal();
    }

    /** The core's name ({@code mc_pass_status_name}), e.g. {@code "held"}. */
    public @NotNull String statusName() {
        return Native.stateName(Native.PASS_STATE, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull PassStatus fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
