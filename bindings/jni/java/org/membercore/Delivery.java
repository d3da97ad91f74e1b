package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * On which thread a {@link SyncListener} is called ({@code mc_delivery}).
 */
public enum Delivery {
    /** At once, on the thread that caused the event: the background sync thread, the caller of
     * {@link Sync#once()}, or the caller of a local write. Keep it short; never call
     * {@link Sync#stop()} or {@link MemberCore#close()} from it. */
    IMMEDIATE(0),
    /** Queued, and delivered on the thread that calls {@link Sync#deliverQueued()} (the
     * main thread of an app, told by {@link Sync#setWakeup(Runnable)}). */
    QUEUED(1);

    private final int value;

    Delivery(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #IMMEDIATE} for any other value. */
    public static @NotNull Delivery fromValue(int value) {
        for (Delivery v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return IMMEDIATE;
    }
}
