package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The sync engine's state ({@code mc_sync_state}).
 */
public enum SyncState {
    /** Online and up to date, or waiting for the next try. */
    IDLE(0),
    /** A push or pull is under way. */
    SYNCING(1),
    /** The server could not be reached, or the host said so. */
    OFFLINE(2),
    /** {@link Sync#pause()}. */
    PAUSED(3),
    /** No session, or it expired: sign in again. */
    SIGNED_OUT(4),
    /** A state this binding does not know. */
    UNKNOWN(-1);

    private final int value;

    SyncState(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull SyncState fromValue(int value) {
        for (SyncState v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
