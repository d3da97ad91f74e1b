package org.membercore;

/**
 * The client's clock ({@code mc_config.clock}), set with {@link Config.Builder#clock(Clock)}:
 * what "now" means for the core (free blocks, min notice and booking window, timestamps it
 * writes). Without one the system's real-time clock is used; tests and demos inject one.
 *
 * <p>Called from any thread (the caller's, the sync thread), sometimes while the core holds its
 * own locks: it must be quick, thread-safe, and must never call the {@link MemberCore}. If it
 * throws, the exception is reported to the {@link Logger} (or stderr) and the system clock is used
 * for that reading.
 */
public interface Clock {
    /** Now, in milliseconds since the Unix epoch (UTC). */
    long nowMs();
}
