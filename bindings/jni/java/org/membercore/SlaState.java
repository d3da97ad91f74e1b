package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * A ticket's SLA badge ({@code mc_sla_state}, membercore/tickets.h): the clock compared with the
 * server's instants by the core. The binding computes nothing: it shows this.
 * {@link #value()} is the C value and {@link #stateName()} the core's name.
 */
public enum SlaState implements States.Valued {
    /** No SLA yet: the ticket is not on the server. */
    NONE(0),
    /** Before {@link Ticket#getAtRiskFromMs()}. */
    ON_TRACK(1),
    /** 80% of the resolution time has run. */
    AT_RISK(2),
    /** Unresolved past {@link Ticket#getResolutionDueMs()}, or resolved late. */
    BREACHED(3),
    /** Resolved in time. */
    MET(4),
    /** A state this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    SlaState(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_SLA_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_sla_state_name}), e.g. {@code "at_risk"}. */
    public @NotNull String stateName() {
        return Native.ticketStateName(Native.SLA_STATE, value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull SlaState fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
