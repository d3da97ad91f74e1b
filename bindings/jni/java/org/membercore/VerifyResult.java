package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

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

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VerifyResult)) {
            return false;
        }
        VerifyResult other = (VerifyResult) o;
        return Objects.equals(account, other.account) && newUser == other.newUser;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, newUser);
    }

    @Override
    public @NotNull String toString() {
        return "VerifyResult{"
                + "account=" + account
                + ", newUser=" + newUser + "}";
    }
}
