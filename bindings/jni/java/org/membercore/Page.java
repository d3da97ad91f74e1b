package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Which page of a list to read ({@code mc_page}, membercore/page.h): how many items, and after
 * which one. Every list a screen shows has a paged form taking one ({@link Community#events(long,
 * Page)}, {@link Community#notifications(boolean, Page)}, {@link Rooms#bookings(long, Page)},
 * {@link Rooms#credits(Page)}, {@link Billing#passes(Page)}, {@link Billing#invoices(Page)},
 * {@link Access#credentials(Page)}):
 *
 * <pre>{@code
 * ListPage<Invoice> page = core.billing().invoices(Page.first(20));
 * show(page.getItems());
 * // when the member scrolls to the end, and only if page.hasMore():
 * page = core.billing().invoices(Page.after(page.getNextCursor(), 20));
 * }</pre>
 *
 * <p>A cursor names the last item shown (its sort key and id), never an offset: a page costs the
 * same however deep it is, and items added or removed meanwhile neither repeat nor skip the items
 * after it. A cursor is opaque text, valid only for the list (and filter: {@code fromMs},
 * {@code unreadOnly}) that returned it, across restarts of the app too; keep it as a string.
 * Another list's cursor, or text that is not a cursor, is refused by the read with
 * {@link MemberCoreException} {@link ErrorCode#INVALID_ARG}.
 *
 * <p>Immutable; any thread.
 */
public final class Page {
    /** Items in a page whose limit is 0 ({@code MC_PAGE_DEFAULT_LIMIT}). */
    public static final int DEFAULT_LIMIT = 50;
    /** Most items a page holds; a larger limit is lowered to this ({@code MC_PAGE_MAX_LIMIT}). */
    public static final int MAX_LIMIT = 500;

    private final int limit;
    private final String cursor;

    private Page(int limit, String cursor) {
        if (limit < 0) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG,
                    "page.limit is negative (" + limit + "): 0 means " + DEFAULT_LIMIT);
        }
        this.limit = limit;
        this.cursor = cursor;
    }

    /**
     * The first page of {@code limit} items (0: {@link #DEFAULT_LIMIT}; above {@link #MAX_LIMIT}:
     * that many). Errors: INVALID_ARG (a negative limit).
     */
    public static @NotNull Page first(int limit) {
        return new Page(limit, null);
    }

    /** The first page of {@link #DEFAULT_LIMIT} items. */
    public static @NotNull Page first() {
        return first(0);
    }

    /**
     * The page of {@link #DEFAULT_LIMIT} items after {@code cursor}, a
     * {@link ListPage#getNextCursor()} (or {@link NotificationInbox#getNextCursor()},
     * {@link Credits#getLedgerNextCursor()}) of the same list. Errors: INVALID_ARG
     * ({@code cursor} null: the last page has no next one, see {@link ListPage#hasMore()}).
     */
    public static @NotNull Page after(@NotNull String cursor) {
        return after(cursor, 0);
    }

    /**
     * The page of {@code limit} items (0: {@link #DEFAULT_LIMIT}) after {@code cursor}. Errors:
     * INVALID_ARG ({@code cursor} null, or a negative limit).
     */
    public static @NotNull Page after(@NotNull String cursor, int limit) {
        MemberCore.require(cursor, "page.cursor");
        return new Page(limit, cursor);
    }

    /** The items asked for (0: {@link #DEFAULT_LIMIT}). */
    public int getLimit() {
        return limit;
    }

    /** The cursor this page starts after; null for the first page. */
    public @Nullable String getCursor() {
        return cursor;
    }

    @Override
    public @NotNull String toString() {
        return "Page{limit=" + limit + (cursor == null ? " first" : " after " + cursor) + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Page)) {
            return false;
        }
        Page other = (Page) o;
        return limit == other.limit && Objects.equals(cursor, other.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, cursor);
    }
}
