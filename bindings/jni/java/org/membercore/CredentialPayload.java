package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The rotating door code of a credential at the client's clock, and when it stops being
 * current ({@link Access#payload}).
 */
public final class CredentialPayload {
    private final String payload;
    private final long refreshAtMs;
    private final BuildingTime refreshAt;

    CredentialPayload(String payload, long refreshAtMs, BuildingTime refreshAt) {
        this.payload = payload;
        this.refreshAtMs = refreshAtMs;
        this.refreshAt = refreshAt;
    }

    /**
     * The text to show as a QR code, {@code "MC1|<credential id>|<step>|<code>"} (at most 62
     * bytes: QR version 4 or lower at level M).
     */
    public @NotNull String getPayload() {
        return payload;
    }

    /**
     * When to redraw (UTC ms): the start of the next 30-second step, or the end of the
     * credential's validity if that comes first. Asking again then gives the next code (or
     * {@link ErrorCode#STATE} once expired).
     */
    public long getRefreshAtMs() {
        return refreshAtMs;
    }

    /** When to redraw, on the wall clock of the credential's building. */
    public @NotNull BuildingTime getRefreshAt() {
        return refreshAt;
    }

    @Override
    public @NotNull String toString() {
        return "CredentialPayload{" + payload + " until " + refreshAtMs + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CredentialPayload)) {
            return false;
        }
        CredentialPayload other = (CredentialPayload) o;
        return Objects.equals(payload, other.payload) && refreshAtMs == other.refreshAtMs
                && Objects.equals(refreshAt, other.refreshAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payload, refreshAtMs, refreshAt);
    }
}
