package org.membercore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An invoice of the member's billing history ({@code mc_invoice}; a company member sees the
 * company's), from the local store: a snapshot. Money in the invoice's currency (its
 * building's), with the tax rule it charged; instants in UTC ms, 0 when absent.
 */
public final class Invoice {
    private final String id;
    private final String number;
    private final InvoiceStatus status;
    private final List<InvoiceLine> lines;
    private final Money subtotal;
    private final Money discount;
    private final Tax taxRule;
    private final Money tax;
    private final Money total;
    private final long issuedAtMs;
    private final BuildingTime issuedAt;
    private final long dueAtMs;
    private final BuildingTime dueAt;
    private final long paidAtMs;
    private final BuildingTime paidAt;
    private final long voidedAtMs;
    private final BuildingTime voidedAt;
    private final List<Refund> refunds;

    /* Called by the JNI glue; the lines come as four parallel arrays. */
    Invoice(String id, String number, int status, String[] lineDescriptions,
            int[] lineQuantities, Money[] lineUnits, Money[] lineAmounts, Money subtotal,
            Money discount, Tax taxRule, Money tax, Money total,
            long issuedAtMs, BuildingTime issuedAt, long dueAtMs, BuildingTime dueAt, long paidAtMs, BuildingTime paidAt,
            long voidedAtMs, BuildingTime voidedAt, Refund[] refunds) {
        this.id = id;
        this.number = number;
        this.status = InvoiceStatus.fromValue(status);
        List<InvoiceLine> list = new ArrayList<InvoiceLine>(lineDescriptions.length);
        for (int i = 0; i < lineDescriptions.length; i++) {
            list.add(new InvoiceLine(lineDescriptions[i], lineQuantities[i], lineUnits[i],
                    lineAmounts[i]));
        }
        this.lines = Collections.unmodifiableList(list);
        this.subtotal = subtotal;
        this.discount = discount;
        this.taxRule = taxRule;
        this.tax = tax;
        this.total = total;
        this.issuedAtMs = issuedAtMs;
        this.issuedAt = issuedAt;
        this.dueAtMs = dueAtMs;
        this.dueAt = dueAt;
        this.paidAtMs = paidAtMs;
        this.paidAt = paidAt;
        this.voidedAtMs = voidedAtMs;
        this.voidedAt = voidedAt;
        this.refunds = Collections.unmodifiableList(Arrays.asList(refunds));
    }

    /** When it became void or {@link InvoiceStatus#EXPIRED} (the hold lapsed); 0 otherwise. */
    public long getVoidedAtMs() {
        return voidedAtMs;
    }

    /** The same in the building's local time; null when {@link #getVoidedAtMs()} is 0. */
    public @Nullable BuildingTime getVoidedAt() {
        return voidedAt;
    }

    /** Payments of it given back, oldest first (usually none). */
    public @NotNull List<Refund> getRefunds() {
        return refunds;
    }

    public @NotNull String getId() {
        return id;
    }

    /** For people, e.g. {@code "INV-2027-0001"}. */
    public @NotNull String getNumber() {
        return number;
    }

    public @NotNull InvoiceStatus getStatus() {
        return status;
    }

    /** The core's name of the status ({@code "paid"}, ...; {@code "unknown"} for a newer one). */
    public @NotNull String getStatusName() {
        return status.statusName();
    }

    /** In the invoice's order (unmodifiable). */
    public @NotNull List<InvoiceLine> getLines() {
        return lines;
    }

    public @NotNull Money getSubtotal() {
        return subtotal;
    }

    public @NotNull Money getDiscount() {
        return discount;
    }

    /** The tax it charged, e.g. VAT 20%. */
    public @NotNull Tax getTaxRule() {
        return taxRule;
    }

    public @NotNull Money getTax() {
        return tax;
    }

    public @NotNull Money getTotal() {
        return total;
    }

    /** 0 for a draft. */
    public long getIssuedAtMs() {
        return issuedAtMs;
    }

    /** When it was issued, in the building's local time; null when not issued yet. */
    public @Nullable BuildingTime getIssuedAt() {
        return issuedAt;
    }

    /** 0 when there is no due date. */
    public long getDueAtMs() {
        return dueAtMs;
    }

    /** When it is due, in the building's local time; null when none. */
    public @Nullable BuildingTime getDueAt() {
        return dueAt;
    }

    /** 0 until paid. */
    public long getPaidAtMs() {
        return paidAtMs;
    }

    /** When it was paid, in the building's local time; null when not paid. */
    public @Nullable BuildingTime getPaidAt() {
        return paidAt;
    }

    @Override
    public @NotNull String toString() {
        return "Invoice{" + id + " " + number + " " + status + " " + total + " lines="
                + lines + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Invoice)) {
            return false;
        }
        Invoice other = (Invoice) o;
        return Objects.equals(id, other.id) && Objects.equals(number, other.number)
                && Objects.equals(status, other.status) && Objects.equals(lines, other.lines)
                && Objects.equals(subtotal, other.subtotal)
                && Objects.equals(discount, other.discount)
                && Objects.equals(taxRule, other.taxRule) && Objects.equals(tax, other.tax)
                && Objects.equals(total, other.total) && issuedAtMs == other.issuedAtMs
                && Objects.equals(issuedAt, other.issuedAt) && dueAtMs == other.dueAtMs
                && Objects.equals(dueAt, other.dueAt) && paidAtMs == other.paidAtMs
                && Objects.equals(paidAt, other.paidAt) && voidedAtMs == other.voidedAtMs
                && Objects.equals(voidedAt, other.voidedAt)
                && Objects.equals(refunds, other.refunds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, number, status, lines, subtotal, discount, taxRule, tax, total,
                issuedAtMs, issuedAt, dueAtMs, dueAt, paidAtMs, paidAt, voidedAtMs, voidedAt,
                refunds);
    }
}
