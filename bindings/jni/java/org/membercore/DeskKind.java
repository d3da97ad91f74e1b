package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What kind of desk ({@code mc_desk_kind}, membercore/desks.h). {@link #value()} is the C value;
 * {@link #UNKNOWN} stands for a kind newer than this binding.
 */
public enum DeskKind implements States.Valued {
    /** Booked by the day by anyone allowed. */
    HOT(1),
    /** One member's own desk (only theirs is listed, as {@link Desk#isMine()}). */
    DEDICATED(2),
    /** A kind this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    DeskKind(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_DESK_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull DeskKind fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
