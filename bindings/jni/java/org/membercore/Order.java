package org.membercore;

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
    public String getInvoiceId() {
        return invoiceId;
    }

    /** Razorpay's order id, {@code "order_..."}. */
    public String getOrderId() {
        return orderId;
    }

    /** The key id to open Razorpay checkout with ({@code key_id}). */
    public String getRazorpayKeyId() {
        return razorpayKeyId;
    }

    /** What Razorpay charges, in the building's currency (its minor unit is Razorpay's). */
    public Money getAmount() {
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
    public BuildingTime getHoldExpiresAt() {
        return holdExpiresAt;
    }

    @Override
    public String toString() {
        return "Order{" + orderId + " " + amount + " invoice=" + invoiceId
                + "}";
    }
}
