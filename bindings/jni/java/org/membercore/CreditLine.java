package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One line of the company's credit ledger ({@code mc_credit_line}). */
public final class CreditLine {
    private final String id;
    private final int delta;
    private final int balanceAfter;
    private final String reason;
    private final String reservationId;
    private final long atMs;
    private final BuildingTime at;

    CreditLine(String id, int delta, int balanceAfter, String reason, String reservationId,
            long atMs, BuildingTime at) {
        this.id = id;
        this.delta = delta;
        this.balanceAfter = balanceAfter;
        this.reason = reason;
        this.reservationId = reservationId;
        this.atMs = atMs;
        this.at = at;
    }

    public @NotNull String getId() {
        return id;
    }

    /** Positive for a refund or a monthly reset, negative for a booking. */
    public int getDelta() {
        return delta;
    }

    public int getBalanceAfter() {
        return balanceAfter;
    }

    /** {@code "monthly_reset"}, {@code "booking"} or {@code "refund"}. */
    public @NotNull String getReason() {
        return reason;
    }

    /** The booking it is for; {@code ""} for a monthly reset. */
    public @NotNull String getReservationId() {
        return reservationId;
    }

    /** UTC ms. */
    public long getAtMs() {
        return atMs;
    }

    /** When, in the local time of the member's building. */
    public @NotNull BuildingTime getAt() {
        return at;
    }

    @Override
    public @NotNull String toString() {
        return "CreditLine{" + id + " " + reason + " " + (delta > 0 ? "+" : "") + delta + " -> "
                + balanceAfter + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CreditLine)) {
            return false;
        }
        CreditLine other = (CreditLine) o;
        return Objects.equals(id, other.id) && delta == other.delta
                && balanceAfter == other.balanceAfter && Objects.equals(reason, other.reason)
                && Objects.equals(reservationId, other.reservationId) && atMs == other.atMs
                && Objects.equals(at, other.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, delta, balanceAfter, reason, reservationId, atMs, at);
    }
}
