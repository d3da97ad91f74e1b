package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One line of an invoice ({@code mc_invoice_line}). */
public final class InvoiceLine {
    private final String description;
    private final int quantity;
    private final Money unit;
    private final Money amount;

    InvoiceLine(String description, int quantity, Money unit, Money amount) {
        this.description = description;
        this.quantity = quantity;
        this.unit = unit;
        this.amount = amount;
    }

    public @NotNull String getDescription() {
        return description;
    }

    public int getQuantity() {
        return quantity;
    }

    /** Before tax, in the invoice's currency. */
    public @NotNull Money getUnit() {
        return unit;
    }

    /** Quantity x unit price, before the invoice's discount and tax. */
    public @NotNull Money getAmount() {
        return amount;
    }

    @Override
    public @NotNull String toString() {
        return "InvoiceLine{" + quantity + " x " + description + " @ " + unit + " = " + amount
                + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InvoiceLine)) {
            return false;
        }
        InvoiceLine other = (InvoiceLine) o;
        return Objects.equals(description, other.description) && quantity == other.quantity
                && Objects.equals(unit, other.unit) && Objects.equals(amount, other.amount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, quantity, unit, amount);
    }
}
