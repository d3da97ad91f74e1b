package org.membercore;

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

    Notification(String id, int category, String title, String body, String deepLink,
            long createdAtMs, BuildingTime createdAt, boolean read, boolean pending, int linkKind,
            String linkId, String linkText) {
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

    public String getId() {
        return id;
    }

    public NotificationCategory getCategory() {
        return category;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    /** {@code ""} when none. */
    public String getDeepLink() {
        return deepLink;
    }

    /** What {@link #getDeepLink()} opens: an invoice, an event, ... ({@link LinkKind#NONE}: none). */
    public LinkKind getLinkKind() {
        return linkKind;
    }

    /** The item the link names: the invoice's number, the event's title, ... ("" when none). */
    public String getLinkId() {
        return linkId;
    }

    /** Where the link leads, in words: "opens invoice INV-2026-0011" ("" when there is none). */
    public String getLinkText() {
        return linkText;
    }

    public long getCreatedAtMs() {
        return createdAtMs;
    }

    /** When it arrived, in the local time of the member's building. */
    public BuildingTime getCreatedAt() {
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
    public String toString() {
        return "Notification{" + id + " " + category + " '" + title + "'" + (read ? " read" : "")
                + (pending ? " pending" : "") + "}";
    }
}
