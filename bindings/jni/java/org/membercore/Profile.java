package org.membercore;

import org.jetbrains.annotations.NotNull;

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
}
