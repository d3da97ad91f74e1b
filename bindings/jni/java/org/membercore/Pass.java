package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A day pass the member bought, for themselves or a guest ({@code mc_pass}), from the local
 * store: a snapshot, read it again for changes. Strings are never null ({@code ""} when absent).
 */
public final class Pass {
    private final String id;
    private final String buildingId;
    private final String date;
    private final String holderName;
    private final String holderEmail;
    private final PassStatus status;
    private final String invoiceId;
    private final String credentialId;

    Pass(int status, String id, String buildingId, String date, String holderName,
            String holderEmail, String invoiceId, String credentialId) {
        this.id = id;
        this.buildingId = buildingId;
        this.date = date;
        this.holderName = holderName;
        this.holderEmail = holderEmail;
        this.status = PassStatus.fromValue(status);
        this.invoiceId = invoiceId;
        this.credentialId = credentialId;
    }

    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** The building-local date, {@code "YYYY-MM-DD"}. */
    public @NotNull String getDate() {
        return date;
    }

    /** The guest's name; {@code ""} for the buyer's own pass. */
    public @NotNull String getHolderName() {
        return holderName;
    }

    /** The guest's email; {@code ""} for the buyer's own pass. */
    public @NotNull String getHolderEmail() {
        return holderEmail;
    }

    /** The buyer's own pass (not a guest's). */
    public boolean isOwn() {
        return holderEmail.isEmpty();
    }

    public @NotNull PassStatus getStatus() {
        return status;
    }

    /** The core's name of the status ({@code "held"}, ...; {@code "unknown"} for a newer one). */
    public @NotNull String getStatusName() {
        return status.statusName();
    }

    public @NotNull String getInvoiceId() {
        return invoiceId;
    }

    /**
     * The access credential once {@link PassStatus#ACTIVE} ({@code ""} before). The buyer's
     * own is in {@link Access#credentials()} (its QR: {@link Access#payload});
     * a guest's is emailed to them.
     */
    public @NotNull String getCredentialId() {
        return credentialId;
    }

    @Override
    public @NotNull String toString() {
        return "Pass{" + id + " " + buildingId + " " + date + " "
                + (isOwn() ? "self" : holderName + " <" + holderEmail + ">") + " " + status
                + (credentialId.isEmpty() ? "" : " " + credentialId) + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Pass)) {
            return false;
        }
        Pass other = (Pass) o;
        return Objects.equals(id, other.id) && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(date, other.date) && Objects.equals(holderName, other.holderName)
                && Objects.equals(holderEmail, other.holderEmail)
                && Objects.equals(status, other.status)
                && Objects.equals(invoiceId, other.invoiceId)
                && Objects.equals(credentialId, other.credentialId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildingId, date, holderName, holderEmail, status, invoiceId,
                credentialId);
    }
}
