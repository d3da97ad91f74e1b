package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What a ticket's timeline entry records ({@code mc_ticket_entry_type}, membercore/tickets.h).
 * {@link #value()} is the C value and {@link #typeName()} the core's name.
 */
public enum TicketEntryType implements States.Valued {
    /** The ticket was filed. */
    CREATED(0),
    /** A status change: {@link TicketEntry#getFrom()} to {@link TicketEntry#getTo()}. */
    STATUS(1),
    /** A comment: {@link TicketEntry#getText()}, maybe photos. */
    COMMENT(2),
    /** A photo arrived at the server. */
    PHOTO(3),
    /** A type this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    TicketEntryType(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_TICKET_ENTRY_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_ticket_entry_type_name}), e.g. {@code "comment"}. */
    public @NotNull String typeName() {
        return Native.ticketStateName(Native.TICKET_ENTRY_TYPE, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull TicketEntryType fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
