package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One page of a list ({@code items} and {@code next_cursor} of the core's list structs), read with
 * a {@link Page}. Immutable; any thread.
 *
 * @param <T> the items' type
 */
public final class ListPage<T> {
    private final List<T> items;
    private final String nextCursor;

    ListPage(T[] items, String nextCursor) {
        this.items = Collections.unmodifiableList(Arrays.asList(items));
        this.nextCursor = nextCursor;
    }

    /** The page's items, in the list's order (unmodifiable; empty past the end). */
    public @NotNull List<T> getItems() {
        return items;
    }

    /**
     * The cursor of the next page, for {@link Page#after(String, int)}; null when this page is the
     * last (no item after it when it was read).
     */
    public @Nullable String getNextCursor() {
        return nextCursor;
    }

    /** Whether there is a next page ({@link #getNextCursor()} is not null). */
    public boolean hasMore() {
        return nextCursor != null;
    }

    @Override
    public @NotNull String toString() {
        return "ListPage{" + items.size() + " items" + (hasMore() ? ", more" : ", last") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ListPage)) {
            return false;
        }
        ListPage<?> other = (ListPage<?>) o;
        return Objects.equals(items, other.items) && Objects.equals(nextCursor, other.nextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, nextCursor);
    }
}
