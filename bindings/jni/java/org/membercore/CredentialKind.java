package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What an access credential admits ({@code mc_credential_kind}), in the C enum's order:
 * {@link #value()} is the C value and {@link #kindName()} the core's name. {@link #UNKNOWN}
 * stands for a kind newer than the core or this binding.
 */
public enum CredentialKind {
    /** A kind this binding does not know (a newer core or server). */
    UNKNOWN,
    /** A day pass of the member's. */
    PASS,
    /** A guest of a room booking. */
    BOOKING_GUEST,
    /** A desk day of the member's ({@link Credential#getDeskBookingId()}). */
    DESK;

    /** The C value ({@code MC_CREDENTIAL_*}). */
    public int value() {
        return ordinal();
    }

    /** The core's name ({@code mc_credential_kind_name}), e.g. {@code "pass"}. */
    public @NotNull String kindName() {
        return Native.stateName(Native.CREDENTIAL_KIND, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull CredentialKind fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
