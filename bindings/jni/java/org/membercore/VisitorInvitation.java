package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A visitor to invite ({@code mc_visitor_invitation}): name, email, optional phone, building
 * (the member's own by default), the building-local date and an optional expected arrival
 * window.
 *
 * <pre>{@code
 * String id = core.visitors().invite(VisitorInvitation.builder("Ravi Kumar",
 *                 "ravi@example.com", "2027-01-05")
 *         .phone("+919812345678")
 *         .window(10 * 60, 12 * 60)
 *         .build());
 * }</pre>
 *
 * The core checks everything when it is sent ({@link Visitors#invite}); the builder only keeps it.
 */
public final class VisitorInvitation {
    final String name;
    final String email;
    final String phone;
    final String buildingId;
    final String date;
    final int windowFromMin;
    final int windowToMin;

    private VisitorInvitation(Builder b) {
        this.name = b.name;
        this.email = b.email;
        this.phone = b.phone;
        this.buildingId = b.buildingId;
        this.date = b.date;
        this.windowFromMin = b.windowFromMin;
        this.windowToMin = b.windowToMin;
    }

    /**
     * @param name 1 to 100 characters (trimmed by the core)
     * @param email where the QR code is emailed
     * @param date {@code "YYYY-MM-DD"} in the building's local time
     */
    public static @NotNull Builder builder(@NotNull String name, @NotNull String email,
            @NotNull String date) {
        return new Builder(name, email, date);
    }

    public @NotNull String getName() {
        return name;
    }

    public @NotNull String getEmail() {
        return email;
    }

    /** null: none. */
    public @Nullable String getPhone() {
        return phone;
    }

    /** null: the member's own building. */
    public @Nullable String getBuildingId() {
        return buildingId;
    }

    public @NotNull String getDate() {
        return date;
    }

    /** Minutes after local midnight; -1 with {@link #getWindowToMin()}: no window. */
    public int getWindowFromMin() {
        return windowFromMin;
    }

    public int getWindowToMin() {
        return windowToMin;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VisitorInvitation)) {
            return false;
        }
        VisitorInvitation other = (VisitorInvitation) o;
        return Objects.equals(name, other.name) && Objects.equals(email, other.email)
                && Objects.equals(phone, other.phone)
                && Objects.equals(buildingId, other.buildingId) && Objects.equals(date, other.date)
                && windowFromMin == other.windowFromMin && windowToMin == other.windowToMin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, phone, buildingId, date, windowFromMin, windowToMin);
    }

    @Override
    public @NotNull String toString() {
        return "VisitorInvitation{"
                + "name=" + name
                + ", email=" + email
                + ", phone=" + phone
                + ", buildingId=" + buildingId
                + ", date=" + date
                + ", windowFromMin=" + windowFromMin
                + ", windowToMin=" + windowToMin + "}";
    }

    /** Builds a {@link VisitorInvitation}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String email;
        private final String date;
        private String phone;
        private String buildingId;
        private int windowFromMin = -1;
        private int windowToMin = -1;

        private Builder(String name, String email, String date) {
            this.name = name;
            this.email = email;
            this.date = date;
        }

        /** The visitor's phone (normalised as at sign-in): they get the code by SMS too. */
        public @NotNull Builder phone(@Nullable String phone) {
            this.phone = phone;
            return this;
        }

        /** Another building than the member's own. */
        public @NotNull Builder building(@Nullable String buildingId) {
            this.buildingId = buildingId;
            return this;
        }

        /**
         * The expected arrival window, minutes after the building's local midnight,
         * {@code 0 <= fromMin < toMin <= 1440} (checked by the core).
         */
        public @NotNull Builder window(int fromMin, int toMin) {
            this.windowFromMin = fromMin;
            this.windowToMin = toMin;
            return this;
        }

        public @NotNull VisitorInvitation build() {
            return new VisitorInvitation(this);
        }
    }
}
