package org.membercore;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** What one {@link Sync#once()} did ({@code mc_sync_report}). */
public final class SyncReport {
    private final int pushed;
    private final int rejected;
    private final int pulled;
    private final Set<Kind> changedKinds;
    private final boolean reset;

    SyncReport(int pushed, int rejected, int pulled, int changedKinds, boolean reset) {
        this.pushed = pushed;
        this.rejected = rejected;
        this.pulled = pulled;
        this.changedKinds = Collections.unmodifiableSet(Kind.fromBits(changedKinds));
        this.reset = reset;
    }

    /** Mutations the server accepted. */
    public int getPushed() {
        return pushed;
    }

    /** Mutations the server refused. */
    public int getRejected() {
        return rejected;
    }

    /** Changes applied (upserts and tombstones). */
    public int getPulled() {
        return pulled;
    }

    /** What changed locally (unmodifiable). */
    public @NotNull Set<Kind> getChangedKinds() {
        return changedKinds;
    }

    /** The server asked for a fresh snapshot. */
    public boolean isReset() {
        return reset;
    }

    @Override
    public @NotNull String toString() {
        return "SyncReport{pushed=" + pushed + ", rejected=" + rejected + ", pulled=" + pulled
                + ", changed=" + changedKinds + ", reset=" + reset + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SyncReport)) {
            return false;
        }
        SyncReport other = (SyncReport) o;
        return pushed == other.pushed && rejected == other.rejected && pulled == other.pulled
                && Objects.equals(changedKinds, other.changedKinds) && reset == other.reset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pushed, rejected, pulled, changedKinds, reset);
    }
}
