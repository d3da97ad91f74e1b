package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One thing the member has today ({@code mc_today_entry}): a room booking, a desk day or a day
 * pass, with whether its door code works offline. Strings are never null.
 */
public final class TodayEntry {
    private final TodayEntryKind kind;
    private final String id;
    private final String title;
    private final String buildingId;
    private final long startMs;
    private final long endMs;
    private final BuildingTime start;
    private final BuildingTime end;
    private final String status;
    private final boolean pending;
    private final String credentialId;
    private final boolean doorCodeReady;

    /* Called by the JNI glue (natives_today.c: new_entry). */
    TodayEntry(int kind, String id, String title, String buildingId, long startMs, long endMs,
            BuildingTime start, BuildingTime end, String status, boolean pending,
            String credentialId, boolean doorCodeReady) {
        this.kind = TodayEntryKind.fromValue(kind);
        this.id = id;
        this.title = title;
        this.buildingId = buildingId;
        this.startMs = startMs;
        this.endMs = endMs;
        this.start = start;
        this.end = end;
        this.status = status;
        this.pending = pending;
        this.credentialId = credentialId;
        this.doorCodeReady = doorCodeReady;
    }

    public @NotNull TodayEntryKind getKind() {
        return kind;
    }

    /** The booking's, desk booking's or pass's id. */
    public @NotNull String getId() {
        return id;
    }

    /** {@code "Boardroom"}, {@code "Desk D07, Window bay"}, {@code "Day pass"}. */
    public @NotNull String getTitle() {
        return title;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** A room's first block; the building-local day's start otherwise. */
    public long getStartMs() {
        return startMs;
    }

    public long getEndMs() {
        return endMs;
    }

    /** In the building's local time. */
    public @NotNull BuildingTime getStart() {
        return start;
    }

    public @NotNull BuildingTime getEnd() {
        return end;
    }

    /** The item's own status name: {@code "confirmed"}, {@code "pending"}, {@code "active"}, ... */
    public @NotNull String getStatus() {
        return status;
    }

    /** A change of it is waiting for the server. */
    public boolean isPending() {
        return pending;
    }

    /** The door code's credential; {@code ""} when it has none. */
    public @NotNull String getCredentialId() {
        return credentialId;
    }

    /** That credential and its secret are on this device. */
    public boolean isDoorCodeReady() {
        return doorCodeReady;
    }

    @Override
    public @NotNull String toString() {
        return "TodayEntry{" + kind + " " + id + " '" + title + "' " + status
                + (doorCodeReady ? " door-ready" : "") + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TodayEntry)) {
            return false;
        }
        TodayEntry other = (TodayEntry) o;
        return Objects.equals(kind, other.kind) && Objects.equals(id, other.id)
                && Objects.equals(title, other.title)
                && Objects.equals(buildingId, other.buildingId) && startMs == other.startMs
                && endMs == other.endMs && Objects.equals(start, other.start)
                && Objects.equals(end, other.end) && Objects.equals(status, other.status)
                && pending == other.pending && Objects.equals(credentialId, other.credentialId)
                && doorCodeReady == other.doorCodeReady;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, title, buildingId, startMs, endMs, start, end, status,
                pending, credentialId, doorCodeReady);
    }
}
