package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Where a facility ticket is in its flow ({@code mc_ticket_status}, membercore/tickets.h):
 * open, assigned, in progress, resolved, closed (docs/tickets-protocol.md, "States").
 * {@link #value()} is the C value and {@link #statusName()} the core's name; {@link #UNKNOWN}
 * stands for a status newer than this binding.
 */
public enum TicketStatus implements States.Valued {
    /** Filed; waiting for staff (or still on this device: {@link Ticket#isPending()}). */
    OPEN(0),
    /** A staff member has it. */
    ASSIGNED(1),
    /** Being worked on. */
    IN_PROGRESS(2),
    /** Fixed; the member may reopen it until {@link Ticket#getReopenUntil()}. */
    RESOLVED(3),
    /** Final: closed 7 days after resolution. */
    CLOSED(4),
    /** A status this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    TicketStatus(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_TICKET_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_ticket_status_name}), e.g. {@code "in_progress"}. */
    public @NotNull String statusName() {
        return Native.ticketStateName(Native.TICKET_STATUS, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull TicketStatus fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
