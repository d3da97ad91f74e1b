package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A rule one pass of a cart breaks, as far as the device knows ({@code mc_violation}). Capacity
 * is only known to the server: {@link Billing#checkout} refuses a full day with
 * {@link ErrorCode#CONFLICT}.
 */
public final class Violation {
    /** The date is before the building-local today. */
    public static final @NotNull String PAST_DATE = "past_date";
    /** The date is beyond the building's booking window (30 days). */
    public static final @NotNull String BEYOND_WINDOW = "beyond_window";
    /** The building is blacked out that day. */
    public static final @NotNull String BLACKOUT = "blackout";
    /** The building is closed that weekday. */
    public static final @NotNull String CLOSED = "closed";
    /** The same person already has a pass of the cart that date. */
    public static final @NotNull String DUPLICATE = "duplicate";

    private final int index;
    private final String rule;
    private final String message;

    Violation(int index, String rule, String message) {
        this.index = index;
        this.rule = rule;
        this.message = message;
    }

    /** The pass's position in {@link Cart#getItems()}. */
    public int getIndex() {
        return index;
    }

    /**
     * {@link #PAST_DATE}, {@link #BEYOND_WINDOW}, {@link #BLACKOUT}, {@link #CLOSED} or
     * {@link #DUPLICATE} (a newer core may add rules).
     */
    public @NotNull String getRule() {
        return rule;
    }

    /** For people, in English, e.g. {@code "pass 1: 2027-01-03 is in the past"}. */
    public @NotNull String getMessage() {
        return message;
    }

    @Override
    public @NotNull String toString() {
        return "Violation{" + index + " " + rule + ": " + message + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Violation)) {
            return false;
        }
        Violation other = (Violation) o;
        return index == other.index && Objects.equals(rule, other.rule)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, rule, message);
    }
}
