package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * A failure reported by the core: its {@link ErrorCode} (the C {@code mc_status}), its message
 * (human-readable, never secret) and the details of {@code mc_error}.
 *
 * <p>Unchecked, like {@code android.database.SQLException}: almost every call can fail (storage,
 * memory), Kotlin has no checked exceptions anyway, and a UI acts on {@link #getCode()} where it
 * cares (offline, wrong OTP, rate limited) rather than at every call site.
 */
public class MemberCoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int codeValue;
    private final int httpStatus;
    private final int retryAfterSeconds;
    private final int attemptsLeft;
    private final String serverCode;
    private final int ruleValue;

    /* Called by the JNI glue with the fields of mc_error. */
    MemberCoreException(int code, String message, int httpStatus, int retryAfterSeconds,
            int attemptsLeft, String serverCode, int rule) {
        super(message);
        this.codeValue = code;
        this.httpStatus = httpStatus;
        this.retryAfterSeconds = retryAfterSeconds;
        this.attemptsLeft = attemptsLeft;
        this.serverCode = serverCode == null ? "" : serverCode;
        this.ruleValue = rule;
    }

    /* A failure found by the Java layer itself (a null argument). */
    MemberCoreException(ErrorCode code, String message) {
        this(code.value(), message, 0, 0, -1, "", 0);
    }

    /**
     * The rule that refused ({@link ErrorCode#CONFLICT} on a room booking: closed, blacked out,
     * too soon, beyond the window, taken, ...); {@link Rule#NONE} for other errors.
     */
    public @NotNull Rule getRule() {
        return Rule.fromValue(ruleValue);
    }

    /** What went wrong; {@link ErrorCode#UNKNOWN} for a code newer than this binding. */
    public @NotNull ErrorCode getCode() {
        return ErrorCode.fromValue(codeValue);
    }

    /** The C status value, even when {@link #getCode()} does not know it. */
    public int getCodeValue() {
        return codeValue;
    }

    /** HTTP status of the server's answer, or 0 when no answer was involved. */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** Seconds to wait before retrying (rate limits), or 0. */
    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@link ErrorCode#OTP_WRONG}: tries left for this code (0: it is dead); -1 otherwise. */
    public int getAttemptsLeft() {
        return attemptsLeft;
    }

    /** The server's machine-readable code ({@code "otp_wrong"}, ...), or {@code ""}. */
    public @NotNull String getServerCode() {
        return serverCode;
    }

    @Override
    public @NotNull String toString() {
        return getClass().getName() + "[" + getCode() + "]: " + getMessage();
    }
}
