package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A partner offer ({@code mc_offer}, membercore/offers.h): a discount with its terms, validity
 * (building-local dates, inclusive) and buildings, and the member's code once redeemed (kept and
 * shown offline afterwards). Strings are never null ({@code ""} when absent).
 */
public final class Offer {
    /* The glue's string array, in this order (natives_offers.c). */
    private static final int S_ID = 0, S_PARTNER = 1, S_TITLE = 2, S_DESCRIPTION = 3,
            S_TERMS = 4, S_VALID_FROM = 5, S_VALID_UNTIL = 6, S_CODE = 7;

    private final String[] s;
    private final List<String> buildingIds;
    private final OfferCodeKind codeKind;
    private final int remaining;
    private final boolean redeemed;
    private final BuildingTime redeemedAt;

    /* Called by the JNI glue (natives_offers.c: new_offer). */
    Offer(String[] strings, String[] buildingIds, int codeKind, int remaining, boolean redeemed,
            BuildingTime redeemedAt) {
        this.s = strings;
        this.buildingIds = Collections.unmodifiableList(Arrays.asList(buildingIds));
        this.codeKind = OfferCodeKind.fromValue(codeKind);
        this.remaining = remaining;
        this.redeemed = redeemed;
        this.redeemedAt = redeemedAt;
    }

    public @NotNull String getId() {
        return s[S_ID];
    }

    /** {@code "Blue Tokai"}. */
    public @NotNull String getPartner() {
        return s[S_PARTNER];
    }

    /** {@code "20% off coffee"}. */
    public @NotNull String getTitle() {
        return s[S_TITLE];
    }

    public @NotNull String getDescription() {
        return s[S_DESCRIPTION];
    }

    public @NotNull String getTerms() {
        return s[S_TERMS];
    }

    /** The buildings it applies to; empty: every building. */
    public @NotNull List<String> getBuildingIds() {
        return buildingIds;
    }

    /** {@code "YYYY-MM-DD"}, building-local, inclusive. */
    public @NotNull String getValidFrom() {
        return s[S_VALID_FROM];
    }

    /** {@code "YYYY-MM-DD"}, inclusive. */
    public @NotNull String getValidUntil() {
        return s[S_VALID_UNTIL];
    }

    public @NotNull OfferCodeKind getCodeKind() {
        return codeKind;
    }

    /** Single-use codes left as last synced; -1 for a shared offer. */
    public int getRemaining() {
        return remaining;
    }

    /** The member has its code. */
    public boolean isRedeemed() {
        return redeemed;
    }

    /** The member's code; {@code ""} until redeemed. */
    public @NotNull String getCode() {
        return s[S_CODE];
    }

    /** null until redeemed. */
    public @Nullable BuildingTime getRedeemedAt() {
        return redeemedAt;
    }

    /* The code stays out: it is the member's to show, not a log's. */
    @Override
    public @NotNull String toString() {
        return "Offer{" + s[S_ID] + " " + s[S_PARTNER] + ": '" + s[S_TITLE] + "' " + codeKind
                + (redeemed ? " redeemed" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Offer)) {
            return false;
        }
        Offer other = (Offer) o;
        return Arrays.equals(s, other.s) && Objects.equals(buildingIds, other.buildingIds)
                && Objects.equals(codeKind, other.codeKind) && remaining == other.remaining
                && redeemed == other.redeemed && Objects.equals(redeemedAt, other.redeemedAt);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(buildingIds, codeKind, remaining, redeemed, redeemedAt);
        h = 31 * h + Arrays.hashCode(s);
        return h;
    }
}
