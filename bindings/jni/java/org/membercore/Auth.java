package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Sign-in by SMS code, the profile and intent, the account and sign-out: {@code core.auth()}.
 *
 * <p>Any thread. {@link #requestOtp}, {@link #verifyOtp}, {@link #completeProfile},
 * {@link #setIntent} and {@link #refreshAccount} block on the network (up to the configured
 * timeouts): call them off the UI thread. The others answer from the local store. Every method
 * throws {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Auth {
    private final MemberCore core;

    Auth(MemberCore core) {
        this.core = core;
    }

    /**
     * Ask the server to text a 6-digit code to {@code phone} (normalised first, see
     * {@link MemberCore#normalizePhone}) and remember the phone for {@link #verifyOtp}. Blocks
     * on the network. Errors: INVALID_ARG, OTP_RATE_LIMITED (see
     * {@link MemberCoreException#getRetryAfterSeconds()}), OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull OtpRequest requestOtp(final @NotNull String phone) {
        return core.call(h -> Native.requestOtp(h, phone));
    }

    /** The phone of the sign-in in progress, or null when there is none. Local only. */
    public @Nullable String pendingPhone() {
        return core.call(Native::pendingPhone);
    }

    /**
     * Check the 6-digit code against the pending request; on success the session is kept and
     * the account returned. Blocks on the network. Errors: INVALID_ARG, STATE (no code
     * requested), OTP_WRONG (see {@link MemberCoreException#getAttemptsLeft()}), OTP_EXPIRED,
     * OTP_EXHAUSTED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull VerifyResult verifyOtp(final @NotNull String code) {
        return core.call(h -> Native.verifyOtp(h, code));
    }

    /**
     * Complete (or update) the signed-in user's profile; the first completion makes the CRM
     * lead. Blocks on the network. Errors: INVALID_ARG (names the field), UNAUTHORIZED,
     * OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull Account completeProfile(final @NotNull Profile profile) {
        MemberCore.require(profile, "profile");
        return core.call(h -> Native.completeProfile(h, profile.name, profile.email,
                profile.company, profile.city));
    }

    /**
     * Record what the member needs. On-demand grants the role at once. Blocks on the network.
     * Errors: INVALID_ARG, STATE (profile not complete), UNAUTHORIZED, OFFLINE, NETWORK,
     * SERVER, STORAGE.
     */
    public @NotNull Account setIntent(final @NotNull IntentDetails details) {
        MemberCore.require(details, "details");
        return core.call(h -> Native.setIntent(h, details.intent.value(), details.industry,
                details.employees, details.timeline, details.budgetMinor,
                details.budgetCurrency));
    }

    /** True when a session is held (it may still have expired on the server). Local only. */
    public boolean isSignedIn() {
        return core.call(Native::isSignedIn);
    }

    /** The signed-in account from the local store (works offline). Errors: UNAUTHORIZED. */
    public @NotNull Account account() {
        return core.call(Native::account);
    }

    /**
     * Fetch the account from the server and update the local store. Blocks on the network.
     * Errors: UNAUTHORIZED (the local session is dropped), OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull Account refreshAccount() {
        return core.call(Native::refreshAccount);
    }

    /**
     * Sign out: the session and the member's synced data go at once, reachable server or not.
     * Unsent writes wait for the same member's next sign-in. Local only.
     */
    public void logout() {
        core.run(Native::logout);
    }
}
