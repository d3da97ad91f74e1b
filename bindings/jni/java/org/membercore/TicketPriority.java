package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * How urgent a facility ticket is ({@code mc_ticket_priority}, membercore/tickets.h). The server
 * scales the category's SLA by it (urgent a quarter, high half, low double the normal targets).
 * {@link #value()} is the C value and {@link #priorityName()} the core's name; {@link #UNKNOWN}
 * stands for a priority newer than this binding (never accepted by {@link TicketDraft}).
 */
public enum TicketPriority implements States.Valued {
    LOW(0),
    NORMAL(1),
    HIGH(2),
    URGENT(3),
    /** A priority this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    TicketPriority(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_TICKET_PRIORITY_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_ticket_priority_name}): {@code "low"} .. {@code "urgent"}. */
    public @NotNull String priorityName() {
        return Native.ticketStateName(Native.TICKET_PRIORITY, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull TicketPriority fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }

    /**
     * The priority named {@code "low"}, {@code "normal"}, {@code "high"} or {@code "urgent"}
     * (case-insensitive; {@code mc_ticket_priority_parse}). Pure, any thread. Errors: INVALID_ARG
     * naming the word (or {@code name} null).
     */
    public static @NotNull TicketPriority parse(@NotNull String name) {
        MemberCore.require(name, "name");
        return fromValue(Native.ticketPriorityParse(name));
    }
}
