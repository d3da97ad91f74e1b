package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** What {@link Auth#requestOtp(String)} learnt ({@code mc_otp_request}). */
public final class OtpRequest {
    private final String phone;
    private final boolean registered;
    private final int expiresInSeconds;
    private final int resendAfterSeconds;

    OtpRequest(String phone, boolean registered, int expiresInSeconds, int resendAfterSeconds) {
        this.phone = phone;
        this.registered = registered;
        this.expiresInSeconds = expiresInSeconds;
        this.resendAfterSeconds = resendAfterSeconds;
    }

    /** The E.164 number the code was sent to. */
    public @NotNull String getPhone() {
        return phone;
    }

    /** True when the number already has an account (sign-in rather than sign-up). */
    public boolean isRegistered() {
        return registered;
    }

    public int getExpiresInSeconds() {
        return expiresInSeconds;
    }

    /** Seconds until another code may be requested. */
    public int getResendAfterSeconds() {
        return resendAfterSeconds;
    }

    @Override
    public @NotNull String toString() {
        return "OtpRequest{" + phone + ", registered=" + registered + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OtpRequest)) {
            return false;
        }
        OtpRequest other = (OtpRequest) o;
        return Objects.equals(phone, other.phone) && registered == other.registered
                && expiresInSeconds == other.expiresInSeconds
                && resendAfterSeconds == other.resendAfterSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(phone, registered, expiresInSeconds, resendAfterSeconds);
    }
}
