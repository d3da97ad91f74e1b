package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * How an offer's codes are handed out ({@code mc_offer_code_kind}, membercore/offers.h).
 * {@link #UNKNOWN} stands for a kind newer than this binding.
 */
public enum OfferCodeKind implements States.Valued {
    /** One code for everyone. */
    SHARED(1),
    /** One code of a pool per member; asking again gives the same one. */
    SINGLE_USE(2),
    /** A kind this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    OfferCodeKind(int value) {
        this.value = value;
    }

    /** The C value; -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull OfferCodeKind fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
