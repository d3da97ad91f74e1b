package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The core's status codes ({@code mc_status} in membercore/error.h), with the same numbers.
 * {@link #UNKNOWN} stands for a code newer than this binding.
 */
public enum ErrorCode {
    /** Success (never carried by an exception). */
    OK(0),
    /** A parameter was null, out of range or malformed; the message names it. */
    INVALID_ARG(1),
    /** The thing named does not exist (locally or on the server). */
    NOT_FOUND(2),
    /** The server refused because of a conflicting state (slot taken, event full, ...). */
    CONFLICT(3),
    /** The company's credit balance is too low. */
    INSUFFICIENT_CREDITS(4),
    /** The server could not be reached at all: the call needs the network. */
    OFFLINE(5),
    /** The server was reached but the exchange failed. Safe to retry. */
    NETWORK(6),
    /** No session, or it expired or was revoked: sign in again. */
    UNAUTHORIZED(7),
    /** The OTP is wrong; see {@link MemberCoreException#getAttemptsLeft()}. */
    OTP_WRONG(8),
    /** The OTP expired or none is outstanding: request a new one. */
    OTP_EXPIRED(9),
    /** Five wrong attempts killed this OTP: request a new one. */
    OTP_EXHAUSTED(10),
    /** Too many OTP requests; see {@link MemberCoreException#getRetryAfterSeconds()}. */
    OTP_RATE_LIMITED(11),
    /** A payment was declined or its signature did not verify. */
    PAYMENT_FAILED(12),
    /** The local store or the secure storage failed. */
    STORAGE(13),
    /** An allocation failed. */
    NO_MEMORY(14),
    /** The call is not valid in the current state. */
    STATE(15),
    /** The server answered with an internal error or something not understood. */
    SERVER(16),
    /** Signed in, but this account may not touch that item. */
    FORBIDDEN(17),
    /**
     * The TLS connection could not be verified (an untrusted or expired certificate, another
     * host's): nothing was sent.
     */
    TLS(18),
    /** The server's verified chain matched none of the configured pins: nothing was sent. */
    TLS_PIN(19),
    /**
     * The local store is damaged (empty, not a database): its session was dropped; the app
     * removes the store and signs in again.
     */
    STORE_DAMAGED(20),
    /**
     * The request was cancelled before its answer came: the client is closing
     * ({@link MemberCore#close()} cancels the requests in flight). Nothing the call would have
     * written was written; a write queued for sync stays queued.
     */
    CANCELLED(21),
    /** A code this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    ErrorCode(int value) {
        this.value = value;
    }

    /**
     * The core's stable lower-case name for this code ({@code mc_status_name}:
     * {@code "invalid_argument"}, {@code "offline"}, ...), "unknown" for {@link #UNKNOWN}.
     */
    public @NotNull String statusName() {
        return Native.statusName(value);
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull ErrorCode fromValue(int value) {
        for (ErrorCode v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
