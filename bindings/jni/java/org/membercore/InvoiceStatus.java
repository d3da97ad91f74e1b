package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The state of an invoice ({@code mc_invoice_status}), in the C enum's order: {@link #value()}
 * is the C value and {@link #statusName()} the core's name. {@link #UNKNOWN} stands for a status
 * newer than the core or this binding.
 */
public enum InvoiceStatus {
    /** A status this binding does not know (a newer core or server). */
    UNKNOWN,
    /** A pass checkout waiting for its payment. */
    DRAFT,
    /** Due: {@link Billing#payInvoice} opens an order for it. */
    ISSUED,
    PAID,
    /** Past its due date unpaid: {@link Billing#payInvoice} still opens an order. */
    OVERDUE,
    /** Cancelled. */
    VOID,
    /** A checkout whose 15-minute hold lapsed unpaid: nothing is owed, never numbered. */
    EXPIRED;

    /** The C value ({@code MC_INVOICE_*}). */
    public int value() {
        return ordinal();
    }

    /** The core's name ({@code mc_invoice_status_name}), e.g. {@code "paid"}. */
    public @NotNull String statusName() {
        return Native.stateName(Native.INVOICE_STATE, value());
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull InvoiceStatus fromValue(int value) {
        return States.fromValue(values(), value, UNKNOWN);
    }
}
