package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The member's company credits, from the local store ({@code mc_credits}). */
public final class Credits {
    private final String companyId;
    private final String companyName;
    private final int monthlyCredits;
    private final int balance;
    private final int pendingDebit;
    private final List<CreditLine> ledger;

    Credits(String companyId, String companyName, int monthlyCredits, int balance,
            int pendingDebit, CreditLine[] ledger) {
        this.companyId = companyId;
        this.companyName = companyName;
        this.monthlyCredits = monthlyCredits;
        this.balance = balance;
        this.pendingDebit = pendingDebit;
        this.ledger = Collections.unmodifiableList(Arrays.asList(ledger));
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getCompanyName() {
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

    /** Newest first (unmodifiable). */
    public List<CreditLine> getLedger() {
        return ledger;
    }

    @Override
    public String toString() {
        return "Credits{" + companyId + " " + balance + "/" + monthlyCredits + " pending="
                + pendingDebit + "}";
    }
}
