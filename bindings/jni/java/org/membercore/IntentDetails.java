package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** What a member needs ({@code mc_intent_details}); build one with the factories. */
public final class IntentDetails {
    final Intent intent;
    final String industry;
    final int employees;
    final String timeline;
    final long budgetMinor;
    final String budgetCurrency;

    private IntentDetails(Intent intent, String industry, int employees, String timeline,
            long budgetMinor, String budgetCurrency) {
        this.intent = intent;
        this.industry = industry;
        this.employees = employees;
        this.timeline = timeline;
        this.budgetMinor = budgetMinor;
        this.budgetCurrency = budgetCurrency;
    }

    /** On demand: grants the on-demand role at once. */
    public static @NotNull IntentDetails onDemand() {
        return new IntentDetails(Intent.ON_DEMAND, null, 0, null, 0, "");
    }

    /**
     * A private office.
     *
     * @param industry 1-100 characters
     * @param employees 1-100000
     * @param timeline 1-100 characters, e.g. "within 3 months"
     * @param budgetMinor monthly budget in the currency's minor unit, &gt; 0
     * @param budgetCurrency its ISO 4217 code, e.g. "INR" or "GBP"
     */
    public static @NotNull IntentDetails privateOffice(@NotNull String industry, int employees,
            @NotNull String timeline, long budgetMinor, @NotNull String budgetCurrency) {
        return new IntentDetails(Intent.PRIVATE_OFFICE, industry, employees, timeline, budgetMinor,
                budgetCurrency);
    }

    /** A virtual office; the same details as {@link #privateOffice}. */
    public static @NotNull IntentDetails virtualOffice(@NotNull String industry, int employees,
            @NotNull String timeline, long budgetMinor, @NotNull String budgetCurrency) {
        return new IntentDetails(Intent.VIRTUAL_OFFICE, industry, employees, timeline, budgetMinor,
                budgetCurrency);
    }

    public @NotNull Intent getIntent() {
        return intent;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IntentDetails)) {
            return false;
        }
        IntentDetails other = (IntentDetails) o;
        return Objects.equals(intent, other.intent) && Objects.equals(industry, other.industry)
                && employees == other.employees && Objects.equals(timeline, other.timeline)
                && budgetMinor == other.budgetMinor
                && Objects.equals(budgetCurrency, other.budgetCurrency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intent, industry, employees, timeline, budgetMinor, budgetCurrency);
    }

    @Override
    public @NotNull String toString() {
        return "IntentDetails{"
                + "intent=" + intent
                + ", industry=" + industry
                + ", employees=" + employees
                + ", timeline=" + timeline
                + ", budgetMinor=" + budgetMinor
                + ", budgetCurrency=" + budgetCurrency + "}";
    }
}
