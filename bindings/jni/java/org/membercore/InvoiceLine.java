package org.membercore;

/** One line of an invoice ({@code mc_invoice_line}). */
public final class InvoiceLine {
    private final String description;
    private final int quantity;
    private final long unitPaise;
    private final long amountPaise;

    InvoiceLine(String description, int quantity, long unitPaise, long amountPaise) {
        this.description = description;
        this.quantity = quantity;
        this.unitPaise = unitPaise;
        this.amountPaise = amountPaise;
    }

    public String getDescription() {
        return description;
    }

    public int getQuantity() {
        return quantity;
    }

    public long getUnitPaise() {
        return unitPaise;
    }

    /** Quantity x unit price, before the invoice's discount and GST. */
    public long getAmountPaise() {
        return amountPaise;
    }

    @Override
    public String toString() {
        return "InvoiceLine{" + quantity + " x " + description + " @ " + unitPaise + " = "
                + amountPaise + "}";
    }
}
