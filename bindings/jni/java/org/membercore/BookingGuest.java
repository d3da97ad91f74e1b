package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** A guest of a booking ({@code mc_booking_guest}). Strings are never null. */
public final class BookingGuest {
    private final String name;
    private final String email;
    private final String credentialId;

    BookingGuest(String name, String email, String credentialId) {
        this.name = name;
        this.email = email;
        this.credentialId = credentialId;
    }

    public @NotNull String getName() {
        return name;
    }

    public @NotNull String getEmail() {
        return email;
    }

    /** The guest's access credential; {@code ""} until the server provisioned it. */
    public @NotNull String getCredentialId() {
        return credentialId;
    }

    @Override
    public @NotNull String toString() {
        return "BookingGuest{" + name + " <" + email + ">"
                + (credentialId.isEmpty() ? "" : " " + credentialId) + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BookingGuest)) {
            return false;
        }
        BookingGuest other = (BookingGuest) o;
        return Objects.equals(name, other.name) && Objects.equals(email, other.email)
                && Objects.equals(credentialId, other.credentialId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, credentialId);
    }
}
