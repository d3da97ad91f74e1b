package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * A member's answer to an event ({@code mc_rsvp}).
 */
public enum Rsvp {
    NONE(0),
    GOING(1),
    NOT_GOING(2),
    /**
     * Asked to go to a full event: in line ({@link Event#getWaitlistPosition()}); the server
     * moves the member to {@link #GOING} when a place frees up (notification
     * {@code event.promoted}).
     */
    WAITLISTED(3);

    private final int value;

    Rsvp(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #NONE} for any other value. */
    public static @NotNull Rsvp fromValue(int value) {
        for (Rsvp v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return NONE;
    }
}
