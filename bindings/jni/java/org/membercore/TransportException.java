package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import java.io.IOException;

/**
 * A {@link Transport}'s way to say precisely why no answer came: {@link ErrorCode#OFFLINE} (no
 * connection was made: nothing was sent), {@link ErrorCode#NETWORK} (connected, then the
 * exchange broke or timed out), {@link ErrorCode#TLS} (the server's certificate was not trusted,
 * or the handshake failed), {@link ErrorCode#TLS_PIN} (trusted, but not a pinned key) or
 * {@link ErrorCode#CANCELLED} ({@link HttpRequest#onCancel(Runnable)}). The call that made the
 * request fails with a {@link MemberCoreException} of that code and this message, which must
 * hold no secret.
 */
public class TransportException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @throws IllegalArgumentException when code is not one of the five above
     */
    public TransportException(@NotNull ErrorCode code, @NotNull String message) {
        this(code, message, null);
    }

    /**
     * @throws IllegalArgumentException when code is not one of the five above
     */
    public TransportException(@NotNull ErrorCode code, @NotNull String message, @Nullable Throwable cause) {
        this(check(code), message, cause, true);
    }

    /* The bridge's own failures (STORAGE reading a file body, NO_MEMORY), unchecked. */
    TransportException(ErrorCode code, String message, Throwable cause, boolean internal) {
        super(message, cause);
        this.code = code;
    }

    private static ErrorCode check(ErrorCode code) {
        if (code == ErrorCode.OFFLINE || code == ErrorCode.NETWORK || code == ErrorCode.TLS
                || code == ErrorCode.TLS_PIN || code == ErrorCode.CANCELLED) {
            return code;
        }
        throw new IllegalArgumentException("a transport fails with OFFLINE, NETWORK, TLS, TLS_PIN"
                + " or CANCELLED, not " + code);
    }

    public @NotNull ErrorCode getCode() {
        return code;
    }

    /* Called by the JNI glue: the mc_status to return from send(). */
    int status() {
        return code.value();
    }
}
