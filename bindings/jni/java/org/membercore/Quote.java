package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cart priced from the synced tiers, with the rules it breaks as far as the device knows
 * ({@code mc_quote}). Money is integer paise: discount = round_half_up(subtotal x pct / 100),
 * GST = round_half_up((subtotal - discount) x 18 / 100), total = subtotal - discount + GST. The
 * server decides the price at checkout; this is for instant feedback.
 */
public final class Quote {
    private final long unitPaise;
    private final long subtotalPaise;
    private final long discountPaise;
    private final long gstPaise;
    private final long totalPaise;
    private final int tierPasses;
    private final int discountPct;
    private final List<Violation> violations;

    /* Called by the JNI glue; the violations come as three parallel arrays. */
    Quote(long unitPaise, long subtotalPaise, long discountPaise, long gstPaise, long totalPaise,
            int tierPasses, int discountPct, int[] violationIndex, String[] violationRule,
            String[] violationMessage) {
        this.unitPaise = unitPaise;
        this.subtotalPaise = subtotalPaise;
        this.discountPaise = discountPaise;
        this.gstPaise = gstPaise;
        this.totalPaise = totalPaise;
        this.tierPasses = tierPasses;
        this.discountPct = discountPct;
        List<Violation> list = new ArrayList<Violation>(violationIndex.length);
        for (int i = 0; i < violationIndex.length; i++) {
            list.add(new Violation(violationIndex[i], violationRule[i], violationMessage[i]));
        }
        this.violations = Collections.unmodifiableList(list);
    }

    /** The price of one day pass. */
    public long getUnitPaise() {
        return unitPaise;
    }

    /** Passes x unit price. */
    public long getSubtotalPaise() {
        return subtotalPaise;
    }

    public long getDiscountPaise() {
        return discountPaise;
    }

    /** 18% of subtotal - discount, rounded half up to the paisa. */
    public long getGstPaise() {
        return gstPaise;
    }

    public long getTotalPaise() {
        return totalPaise;
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
    public List<Violation> getViolations() {
        return violations;
    }

    /** No rule the device knows is broken (the server may still refuse: capacity). */
    public boolean isValid() {
        return violations.isEmpty();
    }

    @Override
    public String toString() {
        return "Quote{" + subtotalPaise + " - " + discountPaise + " (" + discountPct + "% at "
                + tierPasses + ") + GST " + gstPaise + " = " + totalPaise + " violations="
                + violations + "}";
    }
}
