package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** The profile a new user completes ({@code mc_profile}); all four are required. */
public final class Profile {
    final String name;
    final String email;
    final String company;
    final String city;

    /**
     * @param name 1-100 characters (Unicode code points: any script, emoji included)
     * @param email a valid address
     * @param company 1-100 characters
     * @param city 1-60 characters
     */
    public Profile(@NotNull String name, @NotNull String email, @NotNull String company,
            @NotNull String city) {
        this.name = name;
        this.email = email;
        this.company = company;
        this.city = city;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Profile)) {
            return false;
        }
        Profile other = (Profile) o;
        return Objects.equals(name, other.name) && Objects.equals(email, other.email)
                && Objects.equals(company, other.company) && Objects.equals(city, other.city);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, company, city);
    }

    @Override
    public @NotNull String toString() {
        return "Profile{"
                + "name=" + name
                + ", email=" + email
                + ", company=" + company
                + ", city=" + city + "}";
    }
}
