package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of the member's membership ({@code mc_membership_status}), in the C enum's order:
 * {@link #value()} is the C value and {@link #statusName()} the core's name. {@link #UNKNOWN}
 * stands for a status newer than the core or this binding.
 */
public enum MembershipStatus {
    /** A status this binding does not know (a newer core or server). */
    UNKNOWN,
    /** An on-demand user: no membership. */
    NONE,
    /** A member of a company's plan. */
    ACTIVE;

    /** The C value ({@code MC_MEMBERSHIP_*}). */
    public int value() {
        return ordinal();
    }

    /** The core's name ({@code mc_membership_status_name}), e.g. {@code "active"}. */
    public @NotNull String statusName() {
        return Native.stateName(Native.MEMBERSHIP_STATE, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull MembershipStatus fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
