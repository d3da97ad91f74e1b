package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Sync, events with RSVPs made offline, notifications, the outbox. */
public class SyncFlowTest {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private StubServer stub;
    private File dir;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("sync");
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    @Test
    public void syncOnceFillsTheLocalStore() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            SyncReport r = core.sync().once();
            assertTrue(r.toString(), r.getPulled() > 0);
            assertTrue(r.getChangedKinds().contains(Kind.EVENT));
            assertTrue(r.getChangedKinds().contains(Kind.NOTIFICATION));

            List<Event> events = core.community().events();
            assertTrue(events.size() >= 5);
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i - 1).getStartsAtMs() <= events.get(i).getStartsAtMs());
            }
            Event networking = TestSupport.event(core, "EVT-BLR-NETWORKING");
            assertEquals("Networking Hour", networking.getTitle());
            assertEquals(Rsvp.GOING, networking.getMyRsvp());
            assertFalse(networking.isPending());
            assertEquals(40, networking.getCapacity());
            /* fromMs filters by end time */
            assertTrue(core.community().events(networking.getEndsAtMs()).size() < events.size());

            SyncStatus s = core.sync().status();
            assertEquals(SyncState.IDLE, s.getState());
            assertTrue(s.getLastSyncMs() > 0);
            assertEquals(0, s.getQueueDepth());
            assertEquals(ErrorCode.OK, s.getLastError());
            assertFalse(s.isRunning());
        }
    }

    private void rsvpOfflineThenSynced(SecureStorage storage) throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, null)) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().once();
        }
        int before;
        /* The same data directory, with the server out of reach. */
        try (MemberCore core = TestSupport.open(dir, OFFLINE_URL, storage, null)) {
            Event diwali = TestSupport.event(core, "EVT-BLR-DIWALI");
            before = diwali.getGoingCount();
            assertEquals(Rsvp.NONE, diwali.getMyRsvp());
            core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING);
            diwali = TestSupport.event(core, "EVT-BLR-DIWALI");
            assertEquals(Rsvp.GOING, diwali.getMyRsvp());
            assertTrue(diwali.isPending());
            assertEquals(before + 1, diwali.getGoingCount());
            SyncFailedException e = (SyncFailedException) TestSupport.expectError(ErrorCode.OFFLINE,
                    core.sync()::once);
            assertEquals(0, e.getReport().getPushed());
            assertEquals(SyncState.OFFLINE, core.sync().status().getState());
            assertEquals(ErrorCode.OFFLINE, core.sync().status().getLastError());
            List<Mutation> outbox = core.sync().outbox();
            assertEquals(1, outbox.size());
            Mutation m = outbox.get(0);
            assertEquals("rsvp.set", m.getKind());
            assertEquals("EVT-BLR-DIWALI", m.getEntityId());
            assertTrue(m.getPayload(), m.getPayload().contains("going"));
            assertEquals(MutationState.PENDING, m.getState());
            TestSupport.expectError(ErrorCode.STATE, () -> core.sync().dismissMutation(m.getId()));
        }
        /* Back online: the write reaches the server. */
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, null)) {
            assertTrue(TestSupport.event(core, "EVT-BLR-DIWALI").isPending());
            SyncReport r = core.sync().once();
            assertEquals(1, r.getPushed());
            assertEquals(0, r.getRejected());
            Event diwali = TestSupport.event(core, "EVT-BLR-DIWALI");
            assertFalse(diwali.isPending());
            assertEquals(Rsvp.GOING, diwali.getMyRsvp());
            assertEquals(before + 1, diwali.getGoingCount());
            assertTrue(core.sync().outbox().isEmpty());
            assertEquals(0, core.sync().status().getQueueDepth());
        }
        String view = stub.request("GET", "/v1/test/sync/view?phone=%2B919800000001", null, 200);
        assertTrue(view, view.contains("EVT-BLR-DIWALI"));
    }

    @Test
    public void rsvpOfflineThenSyncedWithTheDefaultStore() throws Exception {
        rsvpOfflineThenSynced(null);
    }

    @Test
    public void rsvpOfflineThenSyncedWithAJavaStore() throws Exception {
        rsvpOfflineThenSynced(new MemoryStorage());
    }

    @Test
    public void notificationsMarkRead() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().once();
            NotificationInbox inbox = core.community().notifications(false);
            /* Five seeded and the "Payment confirmed" (read) of her Focus Room. */
            assertEquals(6, inbox.getItems().size());
            assertEquals(3, inbox.getUnreadTotal());
            assertEquals(1, inbox.getUnread(NotificationCategory.BOOKINGS));
            assertEquals(0, inbox.getUnread(NotificationCategory.BILLING));
            Notification first = inbox.getItems().get(0); /* newest first */
            assertEquals("ntf_5eed000000000101", first.getId());
            assertEquals(NotificationCategory.BOOKINGS, first.getCategory());
            assertFalse(first.isRead());
            assertEquals("", first.getDeepLink());
            assertEquals(LinkKind.NONE, first.getLinkKind());
            assertEquals("", first.getLinkText());
            /* Where a link leads: the invoice's id to route with, and in words by its number. */
            Notification invoice = null;
            for (Notification n : inbox.getItems()) {
                if (n.getLinkKind() == LinkKind.INVOICE) {
                    invoice = n;
                }
            }
            assertNotNull(invoice);
            assertTrue(invoice.getLinkId(), invoice.getLinkId().startsWith("inv_"));
            assertTrue(invoice.getLinkText(), invoice.getLinkText().startsWith("opens invoice INV-"));
            assertEquals(3, core.community().notifications(true).getItems().size());

            core.community().markNotificationRead("ntf_5eed000000000101");
            inbox = core.community().notifications(false);
            assertEquals(2, inbox.getUnreadTotal());
            assertEquals(0, inbox.getUnread(NotificationCategory.BOOKINGS));
            Notification n = inbox.getItems().get(0);
            assertTrue(n.isRead());
            assertTrue(n.isPending());
            core.community().markNotificationRead("ntf_5eed000000000101"); /* again: nothing queued */
            assertEquals(1, core.sync().outbox().size());

            assertEquals(1, core.sync().once().getPushed());
            n = core.community().notifications(false).getItems().get(0);
            assertTrue(n.isRead());
            assertFalse(n.isPending());
            assertEquals(2, core.community().notifications(true).getItems().size());
        }
    }

    /**
     * Two members of one company book the same meeting-room block offline; the second to sync is
     * refused: a MUTATION_REJECTED event says so, the outbox keeps the rejected write until it is
     * dismissed. (A full event no longer refuses an RSVP: the member waits in line,
     * CommunityExtrasTest.)
     */
    @Test
    public void rejectedMutationIsReportedAndDismissed() throws Exception {
        File vikramDir = TestSupport.tempDir("sync-vikram");
        TestSupport.TestClock clock = new TestSupport.TestClock(); /* the stub's T0 */
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock, TestSupport.ASHA);
                MemberCore vikram = TestSupport.signedInAndSynced(vikramDir, stub, clock,
                        TestSupport.VIKRAM)) {
            BookingRequest req = BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "17:00")
                    .build();
            asha.rooms().book(req);
            Booking mine = vikram.rooms().book(req);
            assertEquals(1, asha.sync().once().getPushed());

            final List<SyncEvent> rejections = Collections.synchronizedList(new ArrayList<SyncEvent>());
            ListenerHandle h = vikram.sync().addListener(EnumSet.of(SyncEventType.MUTATION_REJECTED),
                    Delivery.IMMEDIATE, rejections::add);
            SyncReport r = vikram.sync().once();
            assertEquals(1, r.getRejected());
            assertEquals(1, rejections.size());
            SyncEvent ev = rejections.get(0);
            assertEquals(SyncEventType.MUTATION_REJECTED, ev.getType());
            assertEquals("booking.create", ev.getMutationKind());
            assertEquals(mine.getId(), ev.getEntityId());
            assertEquals("slot_taken", ev.getServerCode());
            assertNotNull(ev.getMessage());

            List<Mutation> outbox = vikram.sync().outbox();
            assertEquals(1, outbox.size());
            Mutation m = outbox.get(0);
            assertEquals(MutationState.REJECTED, m.getState());
            assertEquals("slot_taken", m.getErrorServerCode());
            assertEquals(ev.getMutationId(), m.getId());
            assertEquals(1, vikram.sync().status().getRejectedCount());
            vikram.sync().dismissMutation(m.getId());
            assertTrue(vikram.sync().outbox().isEmpty());
            h.remove();
        } finally {
            TestSupport.deleteTree(vikramDir);
        }
    }

    @Test
    public void backgroundSyncControls() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().start();
            core.sync().start(); /* twice is fine */
            assertTrue(core.sync().status().isRunning());
            core.sync().setReachable(false);
            core.sync().setReachable(true);
            core.sync().pause();
            core.sync().resume();
            core.sync().trigger();
            core.sync().once(); /* waits for a round of the thread in progress, then runs its own */
            core.sync().stop();
            assertFalse(core.sync().status().isRunning());
            core.sync().stop(); /* not started: no-op */
            assertTrue(core.now() > 0);
        }
    }
}
