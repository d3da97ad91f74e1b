package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * {@link Sync#once()} failed part-way; {@link #getReport()} says what was done before
 * the error (kept: a round never undoes what succeeded).
 */
public final class SyncFailedException extends MemberCoreException {
    private static final long serialVersionUID = 1L;

    private final transient SyncReport report;

    SyncFailedException(int code, String message, int httpStatus, int retryAfterSeconds,
            int attemptsLeft, String serverCode, SyncReport report) {
        super(code, message, httpStatus, retryAfterSeconds, attemptsLeft, serverCode, 0);
        this.report = report;
    }

    public @NotNull SyncReport getReport() {
        return report;
    }
}
