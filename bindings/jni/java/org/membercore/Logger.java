package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Receives the core's log lines (never secrets, tokens or OTPs), and reports of listeners that
 * threw. Called from any thread, possibly the sync thread: be quick, thread-safe, and never call
 * back into {@link MemberCore}. Without one, the core writes warnings and errors to stderr.
 */
public interface Logger {
    void log(@NotNull LogLevel level, @NotNull String message);
}
