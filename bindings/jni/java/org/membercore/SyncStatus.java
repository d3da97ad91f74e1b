package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** A snapshot of the sync engine ({@code mc_sync_status}). */
public final class SyncStatus {
    private final SyncState state;
    private final boolean running;
    private final int queueDepth;
    private final int rejectedCount;
    private final long lastSyncMs;
    private final long nextAttemptMs;
    private final ErrorCode lastError;
    private final String lastErrorMessage;

    SyncStatus(int state, boolean running, int queueDepth, int rejectedCount, long lastSyncMs,
            long nextAttemptMs, int lastError, String lastErrorMessage) {
        this.state = SyncState.fromValue(state);
        this.running = running;
        this.queueDepth = queueDepth;
        this.rejectedCount = rejectedCount;
        this.lastSyncMs = lastSyncMs;
        this.nextAttemptMs = nextAttemptMs;
        this.lastError = ErrorCode.fromValue(lastError);
        this.lastErrorMessage = lastErrorMessage;
    }

    public @NotNull SyncState getState() {
        return state;
    }

    /** True when the background thread is started. */
    public boolean isRunning() {
        return running;
    }

    /** Mutations not yet accepted by the server. */
    public int getQueueDepth() {
        return queueDepth;
    }

    /** Rejected mutations kept for the UI to show. */
    public int getRejectedCount() {
        return rejectedCount;
    }

    /** End of the last complete sync (ms since the epoch), 0 = never. */
    public long getLastSyncMs() {
        return lastSyncMs;
    }

    /** When the background thread tries next, 0 = no retry due. */
    public long getNextAttemptMs() {
        return nextAttemptMs;
    }

    /** Of the last attempt; {@link ErrorCode#OK} if it succeeded. */
    public @NotNull ErrorCode getLastError() {
        return lastError;
    }

    public @NotNull String getLastErrorMessage() {
        return lastErrorMessage;
    }

    @Override
    public @NotNull String toString() {
        return "SyncStatus{" + state + ", running=" + running + ", queue=" + queueDepth
                + ", rejected=" + rejectedCount + ", lastError=" + lastError + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SyncStatus)) {
            return false;
        }
        SyncStatus other = (SyncStatus) o;
        return Objects.equals(state, other.state) && running == other.running
                && queueDepth == other.queueDepth && rejectedCount == other.rejectedCount
                && lastSyncMs == other.lastSyncMs && nextAttemptMs == other.nextAttemptMs
                && Objects.equals(lastError, other.lastError)
                && Objects.equals(lastErrorMessage, other.lastErrorMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, running, queueDepth, rejectedCount, lastSyncMs, nextAttemptMs,
                lastError, lastErrorMessage);
    }
}
