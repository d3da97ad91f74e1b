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

    Notification(String id, int category, String title, String body, String deepLink,
            long createdAtMs, BuildingTime createdAt, boolean read, boolean pending) {
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
