package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * An announcement of the operator ({@code mc_announcement}, membercore/announcements.h): a
 * building's or everyone's, with the member's read state (their pending mark included).
 * Strings are never null ({@code ""} when absent).
 */
public final class Announcement {
    private final String id;
    private final String buildingId;
    private final String title;
    private final String body;
    private final boolean pinned;
    private final long publishedAtMs;
    private final BuildingTime publishedAt;
    private final long expiresAtMs;
    private final BuildingTime expiresAt;
    private final boolean read;
    private final boolean pending;

    /* Called by the JNI glue (natives_announcements.c). */
    Announcement(String id, String buildingId, String title, String body, boolean pinned,
            long publishedAtMs, BuildingTime publishedAt, long expiresAtMs,
            BuildingTime expiresAt, boolean read, boolean pending) {
        this.id = id;
        this.buildingId = buildingId;
        this.title = title;
        this.body = body;
        this.pinned = pinned;
        this.publishedAtMs = publishedAtMs;
        this.publishedAt = publishedAt;
        this.expiresAtMs = expiresAtMs;
        this.expiresAt = expiresAt;
        this.read = read;
        this.pending = pending;
    }

    public @NotNull String getId() {
        return id;
    }

    /** {@code ""} for an operator-wide one. */
    public @NotNull String getBuildingId() {
        return buildingId;
    }

    public boolean isOperatorWide() {
        return buildingId.isEmpty();
    }

    public @NotNull String getTitle() {
        return title;
    }

    public @NotNull String getBody() {
        return body;
    }

    /** Listed first. */
    public boolean isPinned() {
        return pinned;
    }

    public long getPublishedAtMs() {
        return publishedAtMs;
    }

    /** In its building's local time (the member's for an operator-wide one). */
    public @NotNull BuildingTime getPublishedAt() {
        return publishedAt;
    }

    /** 0: no expiry. */
    public long getExpiresAtMs() {
        return expiresAtMs;
    }

    /** null when it does not expire. */
    public @Nullable BuildingTime getExpiresAt() {
        return expiresAt;
    }

    /** Including the member's pending mark. */
    public boolean isRead() {
        return read;
    }

    /** {@link #isRead()} is not yet confirmed by the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "Announcement{" + id + " '" + title + "'" + (pinned ? " pinned" : "")
                + (read ? " read" : "") + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Announcement)) {
            return false;
        }
        Announcement other = (Announcement) o;
        return Objects.equals(id, other.id) && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(title, other.title) && Objects.equals(body, other.body)
                && pinned == other.pinned && publishedAtMs == other.publishedAtMs
                && Objects.equals(publishedAt, other.publishedAt)
                && expiresAtMs == other.expiresAtMs && Objects.equals(expiresAt, other.expiresAt)
                && read == other.read && pending == other.pending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildingId, title, body, pinned, publishedAtMs, publishedAt,
                expiresAtMs, expiresAt, read, pending);
    }
}
