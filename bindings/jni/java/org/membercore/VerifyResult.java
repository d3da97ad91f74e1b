package org.membercore;

import org.jetbrains.annotations.NotNull;

/** What {@link Auth#verifyOtp(String)} returns: the account, and whether it is new. */
public final class VerifyResult {
    private final Account account;
    private final boolean newUser;

    VerifyResult(Account account, boolean newUser) {
        this.account = account;
        this.newUser = newUser;
    }

    public @NotNull Account getAccount() {
        return account;
    }

    /** True when this number had no account before: go on with the profile. */
    public boolean isNewUser() {
        return newUser;
    }
}
