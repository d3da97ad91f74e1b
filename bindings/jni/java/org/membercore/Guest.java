package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A guest to invite with a booking ({@code mc_guest}): once the booking is confirmed the server
 * emails them an access QR.
 */
public final class Guest {
    final String name;
    final String email;

    /**
     * @param name 1-100 characters (Unicode code points: any script)
     * @param email a valid address, distinct (ignoring case) from the other guests'
     */
    public Guest(@NotNull String name, @NotNull String email) {
        this.name = name;
        this.email = email;
    }

    public @NotNull String getName() {
        return name;
    }

    public @NotNull String getEmail() {
        return email;
    }

    @Override
    public @NotNull String toString() {
        return "Guest{" + name + " <" + email + ">}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Guest)) {
            return false;
        }
        Guest other = (Guest) o;
        return Objects.equals(name, other.name) && Objects.equals(email, other.email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email);
    }
}
