package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Where a visitor is in their flow ({@code mc_visitor_status}, membercore/visitors.h): invited,
 * arrived, cancelled; a walk-in awaiting approval, then arrived or declined
 * (docs/notifications-protocol.md, "A visitor"). {@link #value()} is the C value and
 * {@link #statusName()} the core's name; {@link #UNKNOWN} stands for a status newer than this
 * binding.
 */
public enum VisitorStatus implements States.Valued {
    /** Expected; the code works on its date. */
    INVITED(1),
    /** Scanned in at the door or checked in by reception. */
    ARRIVED(2),
    /** The host cancelled; the code is refused. */
    CANCELLED(3),
    /** A walk-in: the host must approve or decline ({@link Visitors#approve}). */
    AWAITING_APPROVAL(4),
    /** A walk-in declined by the host or by the timeout. */
    DECLINED(5),
    /** A status this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    VisitorStatus(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_VISITOR_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_visitor_status_name}), e.g. {@code "awaiting_approval"}. */
    public @NotNull String statusName() {
        return Native.visitorStatusName(value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull VisitorStatus fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
