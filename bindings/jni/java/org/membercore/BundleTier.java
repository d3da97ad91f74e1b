package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A day-pass bundle tier of a building ({@code mc_bundle_tier}): a cart of at least
 * {@link #getPasses()} passes gets {@link #getDiscountPct()} percent off.
 */
public final class BundleTier {
    private final int passes;
    private final int discountPct;

    BundleTier(int passes, int discountPct) {
        this.passes = passes;
        this.discountPct = discountPct;
    }

    /** From this many passes on. */
    public int getPasses() {
        return passes;
    }

    /** The discount, in percent (10 = 10 % off). */
    public int getDiscountPct() {
        return discountPct;
    }

    @Override
    public @NotNull String toString() {
        return "BundleTier{" + passes + " -> " + discountPct + "%}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BundleTier)) {
            return false;
        }
        BundleTier other = (BundleTier) o;
        return passes == other.passes && discountPct == other.discountPct;
    }

    @Override
    public int hashCode() {
        return Objects.hash(passes, discountPct);
    }
}
