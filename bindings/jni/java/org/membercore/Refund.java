package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A payment the server took and gives back ({@code mc_refund}): for example the invoice had
 * been paid already by a colleague's payment, so this one is refunded.
 */
public final class Refund {
    private final String id;
    private final String orderId;
    private final Money amount;
    private final String reason;
    private final String status;
    private final long createdAtMs;

    Refund(String id, String orderId, Money amount, String reason, String status,
            long createdAtMs) {
        this.id = id;
        this.orderId = orderId;
        this.amount = amount;
        this.reason = reason;
        this.status = status;
        this.createdAtMs = createdAtMs;
    }

    /** {@code "ref_..."}. */
    public @NotNull String getId() {
        return id;
    }

    /** The order whose payment goes back. */
    public @NotNull String getOrderId() {
        return orderId;
    }

    /** What goes back, in the payment's currency. */
    public @NotNull Money getAmount() {
        return amount;
    }

    /** {@code "already_paid"}: the invoice had been paid through another order. */
    public @NotNull String getReason() {
        return reason;
    }

    /** {@code "pending"} (owed, on its way) or {@code "processed"}. */
    public @NotNull String getStatus() {
        return status;
    }

    public long getCreatedAtMs() {
        return createdAtMs;
    }

    @Override
    public @NotNull String toString() {
        return "Refund{" + id + " " + amount + " of " + orderId + " " + reason + " " + status + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Refund)) {
            return false;
        }
        Refund other = (Refund) o;
        return Objects.equals(id, other.id) && Objects.equals(orderId, other.orderId)
                && Objects.equals(amount, other.amount) && Objects.equals(reason, other.reason)
                && Objects.equals(status, other.status) && createdAtMs == other.createdAtMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, orderId, amount, reason, status, createdAtMs);
    }
}
