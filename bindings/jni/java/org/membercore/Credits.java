package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** The member's company credits, from the local store ({@code mc_credits}). */
public final class Credits {
    private final String companyId;
    private final String companyName;
    private final int monthlyCredits;
    private final int balance;
    private final int pendingDebit;
    private final List<CreditLine> ledger;
    private final String ledgerNextCursor;

    Credits(String companyId, String companyName, int monthlyCredits, int balance,
            int pendingDebit, CreditLine[] ledger, String ledgerNextCursor) {
        this.ledgerNextCursor = ledgerNextCursor;
        this.companyId = companyId;
        this.companyName = companyName;
        this.monthlyCredits = monthlyCredits;
        this.balance = balance;
        this.pendingDebit = pendingDebit;
        this.ledger = Collections.unmodifiableList(Arrays.asList(ledger));
    }

    public @NotNull String getCompanyId() {
        return companyId;
    }

    public @NotNull String getCompanyName() {
        return companyName;
    }

    public int getMonthlyCredits() {
        return monthlyCredits;
    }

    /** As last synced, minus the credits held by bookings waiting for the server. */
    public int getBalance() {
        return balance;
    }

    /** Credits held by credit bookings waiting for the server. */
    public int getPendingDebit() {
        return pendingDebit;
    }

    /**
     * Newest first (unmodifiable): the whole ledger from {@link Rooms#credits()}, one page of it
     * from {@link Rooms#credits(Page)}.
     */
    public @NotNull List<CreditLine> getLedger() {
        return ledger;
    }

    /**
     * The ledger's next page's cursor, for {@link Page#after(String, int)}; null when this page is
     * the last, and always null for the whole ledger ({@link Rooms#credits()}).
     */
    public @Nullable String getLedgerNextCursor() {
        return ledgerNextCursor;
    }

    @Override
    public @NotNull String toString() {
        return "Credits{" + companyId + " " + balance + "/" + monthlyCredits + " pending="
                + pendingDebit + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Credits)) {
            return false;
        }
        Credits other = (Credits) o;
        return Objects.equals(companyId, other.companyId)
                && Objects.equals(companyName, other.companyName)
                && monthlyCredits == other.monthlyCredits && balance == other.balance
                && pendingDebit == other.pendingDebit && Objects.equals(ledger, other.ledger)
                && Objects.equals(ledgerNextCursor, other.ledgerNextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(companyId, companyName, monthlyCredits, balance, pendingDebit, ledger,
                ledgerNextCursor);
    }
}
