package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The notifications inbox, newest first, with unread counts ({@code mc_notification_list}): the
 * whole inbox from {@link Community#notifications(boolean)}, one page of it from
 * {@link Community#notifications(boolean, Page)}. Immutable; any thread.
 */
public final class NotificationInbox {
    private final List<Notification> items;
    private final int unreadTotal;
    private final Map<NotificationCategory, Integer> unreadByCategory;
    private final String nextCursor;

    NotificationInbox(Notification[] items, int unreadTotal, int[] unreadByCategory,
            String nextCursor) {
        this.items = Collections.unmodifiableList(Arrays.asList(items));
        this.nextCursor = nextCursor;
        this.unreadTotal = unreadTotal;
        EnumMap<NotificationCategory, Integer> map =
                new EnumMap<NotificationCategory, Integer>(NotificationCategory.class);
        for (NotificationCategory c : NotificationCategory.values()) {
            map.put(c, c.value() < unreadByCategory.length ? unreadByCategory[c.value()] : 0);
        }
        this.unreadByCategory = Collections.unmodifiableMap(map);
    }

    /** The listed notifications (unmodifiable). */
    public @NotNull List<Notification> getItems() {
        return items;
    }

    /** Unread over the whole inbox, not only the listed items. */
    public int getUnreadTotal() {
        return unreadTotal;
    }

    /** Unread per category over the whole inbox (every category present; unmodifiable). */
    public @NotNull Map<NotificationCategory, Integer> getUnreadByCategory() {
        return unreadByCategory;
    }

    /**
     * The next page's cursor, for {@link Page#after(String, int)}; null when this page is the last,
     * and always null for the whole inbox ({@link Community#notifications(boolean)}).
     */
    public @Nullable String getNextCursor() {
        return nextCursor;
    }

    /** Whether there is a next page ({@link #getNextCursor()} is not null). */
    public boolean hasMore() {
        return nextCursor != null;
    }

    public int getUnread(@NotNull NotificationCategory category) {
        return unreadByCategory.get(category);
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NotificationInbox)) {
            return false;
        }
        NotificationInbox other = (NotificationInbox) o;
        return Objects.equals(items, other.items) && unreadTotal == other.unreadTotal
                && Objects.equals(unreadByCategory, other.unreadByCategory)
                && Objects.equals(nextCursor, other.nextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, unreadTotal, unreadByCategory, nextCursor);
    }

    @Override
    public @NotNull String toString() {
        return "NotificationInbox{"
                + "items=" + items
                + ", unreadTotal=" + unreadTotal
                + ", unreadByCategory=" + unreadByCategory
                + ", nextCursor=" + nextCursor + "}";
    }
}
