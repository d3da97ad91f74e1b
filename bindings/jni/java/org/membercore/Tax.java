package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A tax rule as a building charges it ({@code mc_tax}, membercore/money.h): its name and rate in
 * basis points, e.g. GST 1800 in India, VAT 2000 in the UK.
 */
public final class Tax {
    private final String name;
    private final int rateBp;
    private final String formatted;

    /* Called by the JNI glue with the core's mc_tax_format text. */
    Tax(String name, int rateBp, String formatted) {
        this.name = name;
        this.rateBp = rateBp;
        this.formatted = formatted;
    }

    /** {@code "GST"}, {@code "VAT"}; empty when no tax applies. */
    public @NotNull String getName() {
        return name;
    }

    /** The rate in basis points (1/100 of a percent): 2000 is 20%. */
    public int getRateBp() {
        return rateBp;
    }

    /** As a member reads it: {@code "VAT 20%"}, {@code "GST 18%"}. */
    public @NotNull String getFormatted() {
        return formatted;
    }

    @Override
    public @NotNull String toString() {
        return formatted;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tax)) {
            return false;
        }
        Tax other = (Tax) o;
        return Objects.equals(name, other.name) && rateBp == other.rateBp
                && Objects.equals(formatted, other.formatted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rateBp, formatted);
    }
}
