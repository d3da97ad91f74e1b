package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A cart priced from the synced tiers, with the rules it breaks as far as the device knows
 * ({@code mc_quote}), in the building's currency with its tax rule:
 * discount = round_half_up(subtotal x pct / 100), tax = round_half_up((subtotal - discount) x
 * rate), total = subtotal - discount + tax. The server decides the price at checkout; this is
 * for instant feedback.
 */
public final class Quote {
    private final Money unit;
    private final Money subtotal;
    private final Money discount;
    private final Tax taxRule;
    private final Money tax;
    private final Money total;
    private final int tierPasses;
    private final int discountPct;
    private final List<Violation> violations;

    /* Called by the JNI glue; the violations come as three parallel arrays. */
    Quote(Money unit, Money subtotal, Money discount, Tax taxRule, Money tax, Money total,
            int tierPasses, int discountPct, int[] violationIndex, String[] violationRule,
            String[] violationMessage) {
        this.unit = unit;
        this.subtotal = subtotal;
        this.discount = discount;
        this.taxRule = taxRule;
        this.tax = tax;
        this.total = total;
        this.tierPasses = tierPasses;
        this.discountPct = discountPct;
        List<Violation> list = new ArrayList<Violation>(violationIndex.length);
        for (int i = 0; i < violationIndex.length; i++) {
            list.add(new Violation(violationIndex[i], violationRule[i], violationMessage[i]));
        }
        this.violations = Collections.unmodifiableList(list);
    }

    /** The price of one day pass, before tax. */
    public @NotNull Money getUnit() {
        return unit;
    }

    /** Passes x unit price. */
    public @NotNull Money getSubtotal() {
        return subtotal;
    }

    /** The bundle tier's discount (positive). */
    public @NotNull Money getDiscount() {
        return discount;
    }

    /** The building's tax, e.g. VAT 20% in London, GST 18% in India. */
    public @NotNull Tax getTaxRule() {
        return taxRule;
    }

    /** The tax rule on subtotal - discount, rounded half up to the minor unit. */
    public @NotNull Money getTax() {
        return tax;
    }

    public @NotNull Money getTotal() {
        return total;
    }

    /** The bundle tier applied: the largest tier of at most the cart's passes, e.g. 5. */
    public int getTierPasses() {
        return tierPasses;
    }

    /** The tier's discount, e.g. 10. */
    public int getDiscountPct() {
        return discountPct;
    }

    /** The rules broken, in cart order (unmodifiable; empty when the device sees none). */
    public @NotNull List<Violation> getViolations() {
        return violations;
    }

    /** No rule the device knows is broken (the server may still refuse: capacity). */
    public boolean isValid() {
        return violations.isEmpty();
    }

    @Override
    public @NotNull String toString() {
        return "Quote{" + subtotal + " - " + discount + " (" + discountPct + "% at " + tierPasses
                + ") + " + taxRule + " " + tax + " = " + total + " violations=" + violations
                + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Quote)) {
            return false;
        }
        Quote other = (Quote) o;
        return Objects.equals(unit, other.unit) && Objects.equals(subtotal, other.subtotal)
                && Objects.equals(discount, other.discount)
                && Objects.equals(taxRule, other.taxRule) && Objects.equals(tax, other.tax)
                && Objects.equals(total, other.total) && tierPasses == other.tierPasses
                && discountPct == other.discountPct && Objects.equals(violations, other.violations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unit, subtotal, discount, taxRule, tax, total, tierPasses, discountPct,
                violations);
    }
}
