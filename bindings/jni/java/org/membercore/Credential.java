package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An access credential of the member's ({@code mc_credential}): a day pass or a desk day of
 * theirs, or a booking guest's. Its secret stays inside the core; show it at the door with
 * {@link Access#payload} drawn by {@link Access#qrBitmap}. Strings are never
 * null ({@code ""} when absent).
 */
public final class Credential {
    private final String id;
    private final CredentialKind kind;
    private final String buildingId;
    private final long validFromMs;
    private final BuildingTime validFrom;
    private final long validUntilMs;
    private final BuildingTime validUntil;
    private final String passId;
    private final String reservationId;
    private final String deskBookingId;

    Credential(String id, int kind, String buildingId, long validFromMs, BuildingTime validFrom,
            long validUntilMs, BuildingTime validUntil, String passId, String reservationId,
            String deskBookingId) {
        this.id = id;
        this.kind = CredentialKind.fromValue(kind);
        this.buildingId = buildingId;
        this.validFromMs = validFromMs;
        this.validFrom = validFrom;
        this.validUntilMs = validUntilMs;
        this.validUntil = validUntil;
        this.passId = passId;
        this.reservationId = reservationId;
        this.deskBookingId = deskBookingId;
    }

    /** {@code "crd_..."}. */
    public @NotNull String getId() {
        return id;
    }

    public @NotNull CredentialKind getKind() {
        return kind;
    }

    /** The core's name of the kind ({@code "pass"}, ...; {@code "unknown"} for a newer one). */
    public @NotNull String getKindName() {
        return kind.kindName();
    }

    /** The building whose doors it opens. */
    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** UTC ms, included (a pass: the start of its building-local day). */
    public long getValidFromMs() {
        return validFromMs;
    }

    /** The start of its window on the building's wall clock. */
    public @NotNull BuildingTime getValidFrom() {
        return validFrom;
    }

    /** UTC ms, excluded. */
    public long getValidUntilMs() {
        return validUntilMs;
    }

    /** The end of its window (excluded) on the building's wall clock. */
    public @NotNull BuildingTime getValidUntil() {
        return validUntil;
    }

    /** validFrom &lt;= atMs &lt; validUntil. */
    public boolean isValidAt(long atMs) {
        return atMs >= validFromMs && atMs < validUntilMs;
    }

    /** The pass it belongs to; {@code ""} unless {@link CredentialKind#PASS}. */
    public @NotNull String getPassId() {
        return passId;
    }

    /** The booking it belongs to; {@code ""} unless {@link CredentialKind#BOOKING_GUEST}. */
    public @NotNull String getReservationId() {
        return reservationId;
    }

    /** The desk booking it belongs to; {@code ""} unless {@link CredentialKind#DESK}. */
    public @NotNull String getDeskBookingId() {
        return deskBookingId;
    }

    @Override
    public @NotNull String toString() {
        return "Credential{" + id + " " + kind + " " + buildingId + " " + validFromMs + ".."
                + validUntilMs + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Credential)) {
            return false;
        }
        Credential other = (Credential) o;
        return Objects.equals(id, other.id) && Objects.equals(kind, other.kind)
                && Objects.equals(buildingId, other.buildingId) && validFromMs == other.validFromMs
                && Objects.equals(validFrom, other.validFrom) && validUntilMs == other.validUntilMs
                && Objects.equals(validUntil, other.validUntil)
                && Objects.equals(passId, other.passId)
                && Objects.equals(reservationId, other.reservationId)
                && Objects.equals(deskBookingId, other.deskBookingId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, buildingId, validFromMs, validFrom, validUntilMs, validUntil,
                passId, reservationId, deskBookingId);
    }
}
