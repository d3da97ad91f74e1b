package org.membercore;

import org.jetbrains.annotations.NotNull;

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
}
