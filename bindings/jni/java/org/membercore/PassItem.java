package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One day pass of a {@link Cart} ({@code mc_pass_item}): for the buyer, or for a guest who is
 * emailed their own access code once it is paid.
 */
public final class PassItem {
    final String date;
    final String guestName;
    final String guestEmail;

    private PassItem(String date, String guestName, String guestEmail) {
        this.date = date;
        this.guestName = guestName;
        this.guestEmail = guestEmail;
    }

    /**
     * The buyer's own pass.
     *
     * @param date the building-local date, {@code "YYYY-MM-DD"}
     */
    public static @NotNull PassItem forSelf(@NotNull String date) {
        return new PassItem(date, null, null);
    }

    /**
     * A guest's pass.
     *
     * @param date the building-local date, {@code "YYYY-MM-DD"}
     * @param name 1-100 characters (Unicode code points: any script)
     * @param email a valid address; one pass per person per date (emails compared ignoring case)
     */
    public static @NotNull PassItem forGuest(@NotNull String date, @NotNull String name,
            @NotNull String email) {
        return new PassItem(date, name, email);
    }

    public @NotNull String getDate() {
        return date;
    }

    /** null for the buyer's own pass. */
    public @Nullable String getGuestName() {
        return guestName;
    }

    /** null for the buyer's own pass. */
    public @Nullable String getGuestEmail() {
        return guestEmail;
    }

    public boolean isGuest() {
        return guestName != null || guestEmail != null;
    }

    @Override
    public @NotNull String toString() {
        return "PassItem{" + date
                + (isGuest() ? " " + guestName + " <" + guestEmail + ">" : " self") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PassItem)) {
            return false;
        }
        PassItem other = (PassItem) o;
        return Objects.equals(date, other.date) && Objects.equals(guestName, other.guestName)
                && Objects.equals(guestEmail, other.guestEmail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(date, guestName, guestEmail);
    }
}
