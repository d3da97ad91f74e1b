package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One entry of the inbox, pending mark-read included ({@code mc_notification}). */
public final class Notification {
    private final String id;
    private final NotificationCategory category;
    private final String title;
    private final String body;
    private final String deepLink;
    private final long createdAtMs;
    private final BuildingTime createdAt;
    private final boolean read;
    private final boolean pending;
    private final LinkKind linkKind;
    private final String linkId;
    private final String linkText;
    private final String kind;
    private final boolean urgent;

    Notification(String id, int category, String title, String body, String deepLink,
            long createdAtMs, BuildingTime createdAt, boolean read, boolean pending, int linkKind,
            String linkId, String linkText, String kind, boolean urgent) {
        this.kind = kind;
        this.urgent = urgent;
        this.linkKind = LinkKind.fromValue(linkKind);
        this.linkId = linkId;
        this.linkText = linkText;
        this.id = id;
        this.category = NotificationCategory.fromValue(category);
        this.title = title;
        this.body = body;
        this.deepLink = deepLink;
        this.createdAtMs = createdAtMs;
        this.createdAt = createdAt;
        this.read = read;
        this.pending = pending;
    }

    public @NotNull String getId() {
        return id;
    }

    public @NotNull NotificationCategory getCategory() {
        return category;
    }

    public @NotNull String getTitle() {
        return title;
    }

    public @NotNull String getBody() {
        return body;
    }

    /** {@code ""} when none. */
    public @NotNull String getDeepLink() {
        return deepLink;
    }

    /** What {@link #getDeepLink()} opens: an invoice, an event, ... ({@link LinkKind#NONE}: none). */
    public @NotNull LinkKind getLinkKind() {
        return linkKind;
    }

    /** The id of the item the link names, as the link gives it: route with it ("" when none). */
    public @NotNull String getLinkId() {
        return linkId;
    }

    /**
     * Where the link leads, in words, the item named as the member knows it: "opens invoice
     * INV-2026-0011", "opens booking Boardroom, Mon 7 Dec 16:00 IST" ("" when there is none).
     */
    public @NotNull String getLinkText() {
        return linkText;
    }

    /**
     * {@link #getDeepLink()} parsed into what an app routes on ({@link Notifications#parseLink}):
     * null when the link is one the core does not understand.
     */
    public @Nullable LinkTarget getTarget() {
        try {
            return Notifications.parseLink(deepLink);
        } catch (MemberCoreException e) {
            return null;
        }
    }

    /**
     * What caused it (docs/notifications-protocol.md): {@code "visitor.arrived"},
     * {@code "booking.reminder"}, {@code "invoice.due_soon"}, ...; {@code ""} for older ones.
     */
    public @NotNull String getKind() {
        return kind;
    }

    /** Urgent ones ignore quiet hours (a visitor waiting, a booking about to start). */
    public boolean isUrgent() {
        return urgent;
    }

    public long getCreatedAtMs() {
        return createdAtMs;
    }

    /** When it arrived, in the local time of the member's building. */
    public @NotNull BuildingTime getCreatedAt() {
        return createdAt;
    }

    /** Including the member's pending mark-read. */
    public boolean isRead() {
        return read;
    }

    /** {@link #isRead()} is not yet confirmed by the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "Notification{" + id + " " + category + (kind.isEmpty() ? "" : " " + kind)
                + (urgent ? " urgent" : "") + " '" + title + "'" + (read ? " read" : "")
                + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Notification)) {
            return false;
        }
        Notification other = (Notification) o;
        return Objects.equals(id, other.id) && Objects.equals(category, other.category)
                && Objects.equals(title, other.title) && Objects.equals(body, other.body)
                && Objects.equals(deepLink, other.deepLink) && createdAtMs == other.createdAtMs
                && Objects.equals(createdAt, other.createdAt) && read == other.read
                && pending == other.pending && Objects.equals(linkKind, other.linkKind)
                && Objects.equals(linkId, other.linkId) && Objects.equals(linkText, other.linkText)
                && Objects.equals(kind, other.kind) && urgent == other.urgent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, category, title, body, deepLink, createdAtMs, createdAt, read,
                pending, linkKind, linkId, linkText, kind, urgent);
    }
}
