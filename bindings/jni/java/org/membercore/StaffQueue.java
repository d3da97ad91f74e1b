package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Which of the building's tickets a staff queue lists ({@code mc_staff_queue},
 * membercore/staff.h). {@link #value()} is the C value and {@link #queueName()} the core's name.
 */
public enum StaffQueue implements States.Valued {
    /** Open, assigned and in progress (the default). */
    ACTIVE(0),
    OPEN(1),
    ASSIGNED(2),
    IN_PROGRESS(3),
    RESOLVED(4),
    CLOSED(5),
    /** Every ticket of the building. */
    ALL(6);

    private final int value;

    StaffQueue(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_STAFF_QUEUE_*}). */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_staff_queue_name}), e.g. {@code "in_progress"}. */
    public @NotNull String queueName() {
        return Native.staffQueueName(value);
    }

    /**
     * The queue named {@code "active"}, {@code "open"}, ... {@code "all"} (case-insensitive,
     * {@code "in-progress"} too; {@code mc_staff_queue_parse}). Pure, any thread. Errors:
     * INVALID_ARG naming the word (or {@code name} null).
     */
    public static @NotNull StaffQueue parse(@NotNull String name) {
        MemberCore.require(name, "name");
        int value = Native.staffQueueParse(name);
        StaffQueue q = States.byValue(values(), value, null);
        if (q != null) {
            return q;
        }
        throw new MemberCoreException(ErrorCode.INVALID_ARG, "no queue " + value);
    }
}
