package org.membercore;

import org.jetbrains.annotations.NotNull;

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
}
