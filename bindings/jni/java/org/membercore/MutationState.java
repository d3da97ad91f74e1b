package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of an outbox entry ({@code mc_mutation_state}).
 */
public enum MutationState {
    /** Waiting to be sent. */
    PENDING(0),
    /** Sent, no answer yet. */
    IN_FLIGHT(1),
    /** Refused by the server; see its error. */
    REJECTED(2),
    /** Accepted; disappears when the pull confirms it. */
    ACKNOWLEDGED(3),
    /** A state this binding does not know. */
    UNKNOWN(-1);

    private final int value;

    MutationState(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull MutationState fromValue(int value) {
        for (MutationState v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
