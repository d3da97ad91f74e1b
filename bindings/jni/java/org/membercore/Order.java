package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A Razorpay order to open checkout with ({@code mc_order}), from
 * {@link Billing#checkout} or {@link Billing#payInvoice}. Once checkout returns,
 * call {@link Billing#confirmInvoicePayment} with its payment id and signature.
 */
public final class Order {
    private final String invoiceId;
    private final String orderId;
    private final String razorpayKeyId;
    private final Money amount;
    private final long holdExpiresAtMs;
    private final BuildingTime holdExpiresAt;

    Order(String invoiceId, String orderId, String razorpayKeyId, Money amount,
            long holdExpiresAtMs, BuildingTime holdExpiresAt) {
        this.invoiceId = invoiceId;
        this.orderId = orderId;
        this.razorpayKeyId = razorpayKeyId;
        this.amount = amount;
        this.holdExpiresAtMs = holdExpiresAtMs;
        this.holdExpiresAt = holdExpiresAt;
    }

    /** The invoice it pays (a draft one for a pass checkout). */
    public @NotNull String getInvoiceId() {
        return invoiceId;
    }

    /** Razorpay's order id, {@code "order_..."}. */
    public @NotNull String getOrderId() {
        return orderId;
    }

    /** The key id to open Razorpay checkout with ({@code key_id}). */
    public @NotNull String getRazorpayKeyId() {
        return razorpayKeyId;
    }

    /** What Razorpay charges, in the building's currency (its minor unit is Razorpay's). */
    public @NotNull Money getAmount() {
        return amount;
    }

    /**
     * When the seats held for a pass checkout are released unless paid (UTC ms; 15 minutes
     * after checkout); 0 when nothing is held (an invoice's order).
     */
    public long getHoldExpiresAtMs() {
        return holdExpiresAtMs;
    }

    /** When the hold lapses, in the building's local time; null when nothing is held. */
    public @Nullable BuildingTime getHoldExpiresAt() {
        return holdExpiresAt;
    }

    @Override
    public @NotNull String toString() {
        return "Order{" + orderId + " " + amount + " invoice=" + invoiceId
                + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Order)) {
            return false;
        }
        Order other = (Order) o;
        return Objects.equals(invoiceId, other.invoiceId)
                && Objects.equals(orderId, other.orderId)
                && Objects.equals(razorpayKeyId, other.razorpayKeyId)
                && Objects.equals(amount, other.amount) && holdExpiresAtMs == other.holdExpiresAtMs
                && Objects.equals(holdExpiresAt, other.holdExpiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(invoiceId, orderId, razorpayKeyId, amount, holdExpiresAtMs,
                holdExpiresAt);
    }
}
