package org.membercore;

import org.jetbrains.annotations.NotNull;

/** How a visitor arrived ({@code mc_visitor_checkin}); {@link #NONE} until they do. */
public enum VisitorCheckin implements States.Valued {
    NONE(0),
    /** Their code was granted at the door. */
    DOOR(1),
    /** Reception checked them in (or the host approved a walk-in). */
    RECEPTION(2);

    private final int value;

    VisitorCheckin(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_VISITOR_CHECKIN_*}). */
    @Override
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #NONE} for any other value. */
    public static @NotNull VisitorCheckin fromValue(int value) {
        return States.byValue(values(), value, NONE);
    }
}
