package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.Test;

/**
 * Paging (Page, ListPage, the next cursors) against a real memberstub: every paged list, walked
 * a small page at a time to its end, gives the whole list's items once each in its order; bad
 * cursors and limits are refused with INVALID_ARG. Asha is signed in at the stub's clock (T0)
 * and has bought and paid a 5-pass bundle, so passes and credentials have several items too.
 */
public class PagingTest extends StubFixture {
    /** Asha, signed in and synced, with four passes of her own and a guest's, paid. */
    private MemberCore ashaWithPasses() throws Exception {
        MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null);
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().once();
        Cart cart = Cart.builder("BLR-1").pass("2027-01-05").pass("2027-01-06")
                .pass("2027-01-07").pass("2027-01-08")
                .guestPass("2027-01-05", "Ananya Sharma", "ananya@example.in").build();
        Order order = core.billing().checkout(cart);
        String[] paid = stub.razorpayPay(order.getOrderId(), false);
        core.billing().confirmInvoicePayment(order.getOrderId(), paid[0], paid[1]);
        return core;
    }

    /**
     * Read a list page by page with limit until a page says it is the last; assert every page but
     * the last is full, the last no larger, and no id comes twice. The ids, in the pages' order.
     */
    private static <T> List<String> walk(String what, int limit, Function<Page, ListPage<T>> read,
            Function<T, String> id) {
        List<String> ids = new ArrayList<String>();
        Set<String> seen = new HashSet<String>();
        ListPage<T> page = read.apply(Page.first(limit));
        for (int n = 1;; n++) {
            assertTrue(what + " page " + n + ": " + page, page.getItems().size() <= limit);
            for (T item : page.getItems()) {
                String i = id.apply(item);
                assertTrue(what + ": " + i + " came twice", seen.add(i));
                ids.add(i);
            }
            if (!page.hasMore()) {
                return ids;
            }
            assertEquals(what + " page " + n + " is not the last but not full", limit,
                    page.getItems().size());
            assertTrue(what + ": more pages than items", n <= 1000);
            page = read.apply(Page.after(page.getNextCursor(), limit));
        }
    }

    /** The paged walk of a list equals its whole (unpaged) list, which spans several pages. */
    private static <T> void assertWalks(String what, List<T> whole, int limit,
            Function<Page, ListPage<T>> read, Function<T, String> id) {
        assertTrue(what + " should span several pages of " + limit + ": " + whole,
                whole.size() > limit);
        List<String> expected = new ArrayList<String>();
        for (T item : whole) {
            expected.add(id.apply(item));
        }
        assertEquals(what, expected, walk(what, limit, read, id));
    }

    private static <T> ListPage<T> asPage(List<T> items, T[] type, String next) {
        return new ListPage<T>(items.toArray(type), next);
    }

    @Test
    public void everyListWalksPageByPageToItsEndInOrder() throws Exception {
        try (MemberCore core = ashaWithPasses()) {
            assertWalks("invoices", core.billing().invoices(), 2, core.billing()::invoices,
                    Invoice::getId);
            assertWalks("passes", core.billing().passes(), 2, core.billing()::passes,
                    Pass::getId);
            assertWalks("credentials", core.access().credentials(), 2,
                    core.access()::credentials, Credential::getId);
            assertWalks("events", core.community().events(0), 1,
                    p -> core.community().events(0, p), Event::getId);
            assertWalks("bookings", core.rooms().bookings(0), 1,
                    p -> core.rooms().bookings(0, p), Booking::getId);
            assertWalks("notifications", core.community().notifications(false).getItems(), 1,
                    p -> {
                        NotificationInbox in = core.community().notifications(false, p);
                        return asPage(in.getItems(), new Notification[0], in.getNextCursor());
                    }, Notification::getId);
            assertWalks("credit ledger", core.rooms().credits().getLedger(), 1, p -> {
                Credits c = core.rooms().credits(p);
                return asPage(c.getLedger(), new CreditLine[0], c.getLedgerNextCursor());
            }, CreditLine::getId);
        }
    }

    /** A page of the inbox carries the counts over the whole inbox; the whole list no cursor. */
    @Test
    public void pagesCarryWholeCountsAndUnpagedListsNoCursor() throws Exception {
        try (MemberCore core = ashaWithPasses()) {
            NotificationInbox whole = core.community().notifications();
            NotificationInbox first = core.community().notifications(false, Page.first(1));
            assertEquals(1, first.getItems().size());
            assertEquals(whole.getUnreadTotal(), first.getUnreadTotal());
            assertEquals(whole.getUnreadByCategory(), first.getUnreadByCategory());
            assertNull(whole.getNextCursor());
            assertFalse(whole.hasMore());
            assertNull(core.rooms().credits().getLedgerNextCursor());

            /* Limit 0 is the default page (50), which holds these short lists whole. */
            ListPage<Invoice> all = core.billing().invoices(Page.first());
            assertEquals(core.billing().invoices().size(), all.getItems().size());
            assertFalse(all.toString(), all.hasMore());
            assertEquals(0, Page.first().getLimit());
            /* A limit above the most is lowered, not refused. */
            assertEquals(all.getItems().size(),
                    core.billing().invoices(Page.first(100000)).getItems().size());
        }
    }

    @Test
    public void badCursorsAreInvalidArg() throws Exception {
        try (MemberCore core = ashaWithPasses()) {
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.billing().invoices(Page.after("not a cursor", 2)));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.community().notifications(true, Page.after("zz", 2)));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.rooms().credits(Page.after("{}", 1)));
            /* A cursor cannot carry U+0000: the glue refuses it, naming the field. */
            MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.rooms().bookings(0, Page.after("a\u0000b", 1)));
            assertTrue(e.getMessage(), e.getMessage().contains("page.cursor"));
            /* No page, or "after" the last page: refused before the core. */
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.access().credentials(null));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> Page.after(null));
            /* The client still reads normally afterwards. */
            assertEquals(2, core.billing().invoices(Page.first(2)).getItems().size());
        }
    }

    @Test
    public void negativeLimitIsRefused() {
        MemberCoreException e =
                TestSupport.expectError(ErrorCode.INVALID_ARG, () -> Page.first(-1));
        assertTrue(e.getMessage(), e.getMessage().contains("page.limit"));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> Page.after("c", -5));
        assertEquals(0, Page.first(0).getLimit());
        assertNull(Page.first(3).getCursor());
    }

    @Test
    public void pagedReadsAfterCloseThrowIllegalState() throws Exception {
        MemberCore core = TestSupport.open(dir, stub.url());
        core.close();
        try {
            core.billing().invoices(Page.first(2));
            fail("a paged read after close did not throw");
        } catch (IllegalStateException expected) {
            /* as every method after close */
        }
    }
}
