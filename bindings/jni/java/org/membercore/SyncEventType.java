package org.membercore;

import java.util.EnumSet;
import java.util.Set;

import org.jetbrains.annotations.NotNull;

/**
 * What a {@link SyncEvent} is about ({@code mc_sync_event_type}).
 */
public enum SyncEventType {
    /** Local data changed: re-read. {@link SyncEvent#getKinds()} says what. */
    DATA_CHANGED(1),
    /** The server refused a write; its overlay was rolled back. */
    MUTATION_REJECTED(2),
    /** Sign in again; the outbox is kept. */
    SESSION_EXPIRED(4),
    /** A snapshot is being pulled. */
    PROGRESS(8),
    /** {@link Sync#status()} has news. */
    STATUS_CHANGED(16),
    /**
     * A ticket photo's bytes went up: {@link SyncEvent#getPhotoId()},
     * {@link SyncEvent#getTicketId()}, {@link SyncEvent#getDone()} of {@link SyncEvent#getTotal()}
     * bytes (done == total: the last one of that photo).
     */
    UPLOAD_PROGRESS(32),
    /**
     * The server refused a photo's bytes ({@link SyncEvent#getCode()},
     * {@link SyncEvent#getServerCode()}, {@link SyncEvent#getMessage()}); it is not sent again.
     */
    UPLOAD_FAILED(64);

    private final int bit;

    SyncEventType(int bit) {
        this.bit = bit;
    }

    /** The C bit. */
    public int bit() {
        return bit;
    }

    /** The constants whose bits are set in bits (unknown bits are ignored). */
    public static @NotNull EnumSet<SyncEventType> fromBits(int bits) {
        EnumSet<SyncEventType> set = EnumSet.noneOf(SyncEventType.class);
        for (SyncEventType v : values()) {
            if ((bits & v.bit) != 0) {
                set.add(v);
            }
        }
        return set;
    }

    /** The C mask of a set. */
    public static int toBits(@NotNull Set<SyncEventType> set) {
        int bits = 0;
        for (SyncEventType v : set) {
            bits |= v.bit;
        }
        return bits;
    }
}
