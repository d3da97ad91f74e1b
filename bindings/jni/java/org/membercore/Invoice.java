package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An invoice of the member's billing history ({@code mc_invoice}; a company member sees the
 * company's), from the local store: a snapshot. Money in paise; instants in UTC ms, 0 when
 * absent.
 */
public final class Invoice {
    private final String id;
    private final String number;
    private final InvoiceStatus status;
    private final List<InvoiceLine> lines;
    private final long subtotalPaise;
    private final long discountPaise;
    private final long gstPaise;
    private final long totalPaise;
    private final long issuedAtMs;
    private final BuildingTime issuedAt;
    private final long dueAtMs;
    private final BuildingTime dueAt;
    private final long paidAtMs;
    private final BuildingTime paidAt;

    /* Called by the JNI glue; the lines come as four parallel arrays. */
    Invoice(String id, String number, int status, String[] lineDescriptions,
            int[] lineQuantities, long[] lineUnitPaise, long[] lineAmountPaise,
            long subtotalPaise, long discountPaise, long gstPaise, long totalPaise,
            long issuedAtMs, BuildingTime issuedAt, long dueAtMs, BuildingTime dueAt, long paidAtMs, BuildingTime paidAt) {
        this.id = id;
        this.number = number;
        this.status = InvoiceStatus.fromValue(status);
        List<InvoiceLine> list = new ArrayList<InvoiceLine>(lineDescriptions.length);
        for (int i = 0; i < lineDescriptions.length; i++) {
            list.add(new InvoiceLine(lineDescriptions[i], lineQuantities[i], lineUnitPaise[i],
                    lineAmountPaise[i]));
        }
        this.lines = Collections.unmodifiableList(list);
        this.subtotalPaise = subtotalPaise;
        this.discountPaise = discountPaise;
        this.gstPaise = gstPaise;
        this.totalPaise = totalPaise;
        this.issuedAtMs = issuedAtMs;
        this.issuedAt = issuedAt;
        this.dueAtMs = dueAtMs;
        this.dueAt = dueAt;
        this.paidAtMs = paidAtMs;
        this.paidAt = paidAt;
    }

    public String getId() {
        return id;
    }

    /** For people, e.g. {@code "INV-2027-0001"}. */
    public String getNumber() {
        return number;
    }

    public InvoiceStatus getStatus() {
        return status;
    }

    /** The core's name of the status ({@code "paid"}, ...; {@code "unknown"} for a newer one). */
    public String getStatusName() {
        return status.statusName();
    }

    /** In the invoice's order (unmodifiable). */
    public List<InvoiceLine> getLines() {
        return lines;
    }

    public long getSubtotalPaise() {
        return subtotalPaise;
    }

    public long getDiscountPaise() {
        return discountPaise;
    }

    public long getGstPaise() {
        return gstPaise;
    }

    public long getTotalPaise() {
        return totalPaise;
    }

    /** 0 for a draft. */
    public long getIssuedAtMs() {
        return issuedAtMs;
    }

    /** When it was issued, in the building's local time; null when not issued yet. */
    public BuildingTime getIssuedAt() {
        return issuedAt;
    }

    /** 0 when there is no due date. */
    public long getDueAtMs() {
        return dueAtMs;
    }

    /** When it is due, in the building's local time; null when none. */
    public BuildingTime getDueAt() {
        return dueAt;
    }

    /** 0 until paid. */
    public long getPaidAtMs() {
        return paidAtMs;
    }

    /** When it was paid, in the building's local time; null when not paid. */
    public BuildingTime getPaidAt() {
        return paidAt;
    }

    @Override
    public String toString() {
        return "Invoice{" + id + " " + number + " " + status + " " + totalPaise + " lines="
                + lines + "}";
    }
}
