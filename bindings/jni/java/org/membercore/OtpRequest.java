package org.membercore;

import org.jetbrains.annotations.NotNull;

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
}
