package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** What confirming an invoice's payment did ({@code mc_invoice_payment}). */
public final class InvoicePayment {
    private final String invoiceId;
    private final String invoiceNumber;
    private final Refund refund;

    InvoicePayment(String invoiceId, String invoiceNumber, Refund refund) {
        this.invoiceId = invoiceId;
        this.invoiceNumber = invoiceNumber;
        this.refund = refund;
    }

    public @NotNull String getInvoiceId() {
        return invoiceId;
    }

    /** For people, e.g. {@code "INV-2027-0002"}. */
    public @NotNull String getInvoiceNumber() {
        return invoiceNumber;
    }

    /**
     * Null: this payment paid the invoice. Otherwise the invoice had been paid already: the
     * payment is recorded and refunded ("already paid; your payment will be refunded").
     */
    public @Nullable Refund getRefund() {
        return refund;
    }
}
