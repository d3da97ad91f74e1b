package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An amount of money with its currency ({@code mc_money}, membercore/money.h): an integer count
 * of the currency's minor unit (paise for INR, pence for GBP) and its ISO 4217 code. A building
 * prices everything in its own currency; nothing is ever converted. Show {@link #getFormatted()}
 * ("₹944.00", "£30.00"), made by the core, never the integer.
 */
public final class Money {
    private final long minor;
    private final String currency;
    private final String formatted;

    /* Called by the JNI glue with the core's mc_money_format text. */
    Money(long minor, String currency, String formatted) {
        this.minor = minor;
        this.currency = currency;
        this.formatted = formatted;
    }

    /** The amount in the currency's minor unit, e.g. 3000 for £30.00. */
    public long getMinor() {
        return minor;
    }

    /** The ISO 4217 code, e.g. {@code "GBP"}. */
    public @NotNull String getCurrency() {
        return currency;
    }

    /** As a member reads it, e.g. {@code "£30.00"} or {@code "₹42,480.00"}. */
    public @NotNull String getFormatted() {
        return formatted;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (!(other instanceof Money)) {
            return false;
        }
        Money m = (Money) other;
        return minor == m.minor && currency.equals(m.currency);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(minor) * 31 + currency.hashCode();
    }

    @Override
    public @NotNull String toString() {
        return formatted;
    }
}
