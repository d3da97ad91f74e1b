package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The live announcements ({@code mc_announcement_list}): pinned first, then newest first, with
 * the unread count over all the live ones (not only this page). A page when read with a
 * {@link Page}: {@link #getNextCursor()} is the next page's cursor (null on the last page, and
 * always null from the unpaged {@link Announcements#list()}).
 */
public final class AnnouncementList {
    private final List<Announcement> items;
    private final int unreadCount;
    private final String nextCursor;

    /* Called by the JNI glue (natives_announcements.c). */
    AnnouncementList(Announcement[] items, int unreadCount, String nextCursor) {
        this.items = Collections.unmodifiableList(Arrays.asList(items));
        this.unreadCount = unreadCount;
        this.nextCursor = nextCursor;
    }

    public @NotNull List<Announcement> getItems() {
        return items;
    }

    /** Unread live announcements, over the whole list. */
    public int getUnreadCount() {
        return unreadCount;
    }

    public @Nullable String getNextCursor() {
        return nextCursor;
    }

    public boolean hasMore() {
        return nextCursor != null;
    }

    /** The listed announcement with this id, or null. */
    public @Nullable Announcement find(@NotNull String id) {
        for (Announcement a : items) {
            if (a.getId().equals(id)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public @NotNull String toString() {
        return "AnnouncementList{" + items + ", unread=" + unreadCount
                + (nextCursor != null ? ", more" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AnnouncementList)) {
            return false;
        }
        AnnouncementList other = (AnnouncementList) o;
        return Objects.equals(items, other.items) && unreadCount == other.unreadCount
                && Objects.equals(nextCursor, other.nextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, unreadCount, nextCursor);
    }
}
