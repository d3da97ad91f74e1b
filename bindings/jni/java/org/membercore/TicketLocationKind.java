package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Where in the building a ticket is about ({@code mc_ticket_location_kind},
 * membercore/tickets.h). {@link #value()} is the C value and {@link #kindName()} the core's name.
 */
public enum TicketLocationKind implements States.Valued {
    /** The building as a whole. */
    NONE(0),
    /** A meeting room of the building, by its id ({@link Ticket#getLocationId()}). */
    ROOM(1),
    /** A cabin by name ({@code "Cabin 1019"}). */
    CABIN(2),
    /** A desk by name. */
    DESK(3),
    /** A kind this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    TicketLocationKind(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_TICKET_LOCATION_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_ticket_location_kind_name}), e.g. {@code "cabin"}. */
    public @NotNull String kindName() {
        return Native.ticketStateName(Native.TICKET_LOCATION_KIND, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull TicketLocationKind fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
