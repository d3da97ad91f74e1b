package org.membercore;

import java.util.Objects;

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

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InvoicePayment)) {
            return false;
        }
        InvoicePayment other = (InvoicePayment) o;
        return Objects.equals(invoiceId, other.invoiceId)
                && Objects.equals(invoiceNumber, other.invoiceNumber)
                && Objects.equals(refund, other.refund);
    }

    @Override
    public int hashCode() {
        return Objects.hash(invoiceId, invoiceNumber, refund);
    }

    @Override
    public @NotNull String toString() {
        return "InvoicePayment{"
                + "invoiceId=" + invoiceId
                + ", invoiceNumber=" + invoiceNumber
                + ", refund=" + refund + "}";
    }
}
