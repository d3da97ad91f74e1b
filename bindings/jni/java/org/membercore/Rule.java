package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The rule behind a refusal ({@code mc_rule}, membercore/error.h): why a room or desk booking was
 * refused ({@link MemberCoreException#getRule()}) or why a room search found no free block
 * ({@link RoomSearch#getWhyNone()}, {@link Room#getWhyNone()}). The message beside it says
 * the same in English with the particulars; an app picks its own words or icon by the rule.
 * A rule this binding does not know reads as {@link #UNKNOWN}.
 */
public enum Rule {
    NONE(0),
    /** The building is closed that day. */
    CLOSED(1),
    /** Open that day, but not at the time asked. */
    OUTSIDE_HOURS(2),
    /** A blackout of the building or the room (the message gives its reason). */
    BLACKOUT(3),
    /** The block has already started, or the day is over. */
    PAST(4),
    /** The block starts sooner than the building's minimum notice. */
    TOO_SOON(5),
    /** The day lies beyond the building's booking window. */
    BEYOND_WINDOW(6),
    /** Booked or held by another booking. */
    TAKEN(7),
    /** A search: no room has the capacity and amenities asked. */
    NO_ROOM(8),
    /** A desk: the member already has a desk that day ({@link Desks#book}). */
    ALREADY_BOOKED(9),
    /** A desk for today after the building's check-in cut-off, or a cancel after it. */
    AFTER_CUTOFF(10),
    /** The member already holds as many unpaid bookings, passes or seats as one may. */
    HOLD_LIMIT(11),
    /** Longer than one booking may be for this member (on-demand users: a few hours). */
    TOO_LONG(12),
    /** A hold just lapsed or cancelled cannot be taken again so soon. */
    HOLD_COOLDOWN(13),
    UNKNOWN(-1);

    private final int value;

    Rule(int value) {
        this.value = value;
    }

    /**
     * The core's stable name ({@code mc_rule_name}: {@code "taken"}, {@code "hold_limit"}, ...),
     * "unknown" for {@link #UNKNOWN}.
     */
    public @NotNull String ruleName() {
        return Native.ruleName(value);
    }

    /** The C value ({@code -1} for {@link #UNKNOWN}). */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull Rule fromValue(int value) {
        for (Rule r : values()) {
            if (r.value == value) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
