package org.membercore;

/**
 * An access credential of the member's ({@code mc_credential}): a day pass of theirs, or a
 * booking guest's. Its secret stays inside the core; show it at the door with
 * {@link Access#payload} drawn by {@link Access#qrBitmap}. Strings are never
 * null ({@code ""} when absent).
 */
public final class Credential {
    private final String id;
    private final CredentialKind kind;
    private final String buildingId;
    private final long validFromMs;
    private final long validUntilMs;
    private final String passId;
    private final String reservationId;

    Credential(String id, int kind, String buildingId, long validFromMs,
            long validUntilMs, String passId, String reservationId) {
        this.id = id;
        this.kind = CredentialKind.fromValue(kind);
        this.buildingId = buildingId;
        this.validFromMs = validFromMs;
        this.validUntilMs = validUntilMs;
        this.passId = passId;
        this.reservationId = reservationId;
    }

    /** {@code "crd_..."}. */
    public String getId() {
        return id;
    }

    public CredentialKind getKind() {
        return kind;
    }

    /** The core's name of the kind ({@code "pass"}, ...; {@code "unknown"} for a newer one). */
    public String getKindName() {
        return kind.kindName();
    }

    /** The building whose doors it opens. */
    public String getBuildingId() {
        return buildingId;
    }

    /** UTC ms, included (a pass: the start of its building-local day). */
    public long getValidFromMs() {
        return validFromMs;
    }

    /** UTC ms, excluded. */
    public long getValidUntilMs() {
        return validUntilMs;
    }

    /** validFrom &lt;= atMs &lt; validUntil. */
    public boolean isValidAt(long atMs) {
        return atMs >= validFromMs && atMs < validUntilMs;
    }

    /** The pass it belongs to; {@code ""} unless {@link CredentialKind#PASS}. */
    public String getPassId() {
        return passId;
    }

    /** The booking it belongs to; {@code ""} unless {@link CredentialKind#BOOKING_GUEST}. */
    public String getReservationId() {
        return reservationId;
    }

    @Override
    public String toString() {
        return "Credential{" + id + " " + kind + " " + buildingId + " " + validFromMs + ".."
                + validUntilMs + "}";
    }
}
