package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.Test;

/**
 * Announcements, offers and event waitlists through the Java API against a real memberstub
 * (docs/today-desks-community.md): an announcement the operator posts reaches Asha on sync with
 * its notification's link, is marked read offline and synced; a single-use offer redeemed twice
 * gives the same code, shown offline afterwards; Vikram joins a full event's waitlist and is
 * promoted when Asha drops out. Both clocks read T0 (Monday 2027-01-04 10:00 IST).
 */
public class CommunityExtrasTest extends StubFixture {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final String FIRESIDE = "EVT-BLR-FIRESIDE";

    private MemberCore open(String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    @Test
    public void anAnnouncementIsListedMarkedReadOfflineAndSynced() throws Exception {
        String posted = stub.request("POST", "/v1/test/announcements",
                "{\"building_id\": \"BLR-1\", \"title\": \"Lift maintenance\", \"body\": "
                        + "\"The east lift is closed on Saturday.\", \"pinned\": true, "
                        + "\"expires_at_ms\": " + (StubServer.T0_MS + 7 * 86400000L) + "}",
                200);
        String id = StubServer.jsonString(posted, "id");
        TestSupport.signedInAndSynced(dir, stub, clock, TestSupport.ASHA).close();

        try (MemberCore asha = open(OFFLINE_URL)) {
            AnnouncementList list = asha.announcements().list();
            Announcement a = list.find(id);
            assertNotNull(list.toString(), a);
            assertEquals("Lift maintenance", a.getTitle());
            assertEquals("BLR-1", a.getBuildingId());
            assertTrue(a.isPinned());
            assertTrue("pinned first: " + list, list.getItems().get(0).isPinned());
            assertFalse(a.isRead());
            assertEquals("IST", a.getExpiresAt().getLabel());
            assertTrue(list.getUnreadCount() >= 1);
            int unread = list.getUnreadCount();
            /* The notification that announced it links to it. */
            boolean linked = false;
            for (Notification n : asha.community().notifications().getItems()) {
                if (n.getLinkKind() == LinkKind.ANNOUNCEMENT && n.getLinkId().equals(id)) {
                    linked = true;
                }
            }
            assertTrue("announcement notification linking " + id, linked);

            asha.announcements().markRead(id);
            Announcement read = asha.announcements().list().find(id);
            assertTrue(read.isRead());
            assertTrue(read.isPending());
            assertEquals(unread - 1, asha.announcements().list().getUnreadCount());
            assertEquals("announcement.read", asha.sync().outbox().get(0).getKind());
            asha.announcements().markRead(id); /* again: nothing more queued */
            assertEquals(1, asha.sync().outbox().size());
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> asha.announcements().markRead("ann_nope"));
            AnnouncementList first = asha.announcements().list(Page.first(1));
            assertEquals(1, first.getItems().size());
            assertTrue(first.getItems().get(0).isPinned());
        }
        try (MemberCore asha = open(stub.url())) {
            assertEquals(1, asha.sync().once().getPushed());
            Announcement a = asha.announcements().list().find(id);
            assertTrue(a.isRead());
            assertFalse(a.isPending());
        }
    }

    @Test
    public void aSingleUseOfferRedeemedTwiceGivesTheSameCode() throws Exception {
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock,
                TestSupport.ASHA)) {
            Offer cult = null;
            Offer blue = null;
            for (Offer o : asha.offers().list()) {
                if (o.getPartner().startsWith("Cult")) {
                    cult = o;
                } else if (o.getPartner().startsWith("Blue Tokai")) {
                    blue = o;
                }
                assertFalse("LON-1's offer is not Asha's: " + o, o.getPartner().startsWith("Pret"));
            }
            assertNotNull(asha.offers().list().toString(), cult);
            assertNotNull(blue);
            assertEquals(OfferCodeKind.SINGLE_USE, cult.getCodeKind());
            assertEquals(3, cult.getRemaining());
            assertFalse(cult.isRedeemed());
            assertEquals("", cult.getCode());
            assertTrue(cult.getBuildingIds().contains("BLR-1"));
            assertEquals(OfferCodeKind.SHARED, blue.getCodeKind());
            assertEquals(-1, blue.getRemaining());

            int available = asha.today().getOffersAvailable();
            assertTrue(available >= 2);
            Offer first = asha.offers().redeem(cult.getId());
            assertEquals(available - 1, asha.today().getOffersAvailable());
            assertTrue(first.isRedeemed());
            assertFalse(first.getCode().isEmpty());
            assertNotNull(first.getRedeemedAt());
            assertFalse("the code stays out of toString", first.toString()
                    .contains(first.getCode()));
            Offer second = asha.offers().redeem(cult.getId());
            assertEquals(first.getCode(), second.getCode());
            assertEquals("MCBLUE20", asha.offers().redeem(blue.getId()).getCode());
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> asha.offers().redeem("off_nope"));
            asha.sync().once();
            final String cultId = cult.getId();
            Offer stored = null;
            for (Offer o : asha.offers().list()) {
                if (o.getId().equals(cultId)) {
                    stored = o;
                }
            }
            assertNotNull(stored);
            assertEquals(first.getCode(), stored.getCode());
        }
        /* Offline afterwards, the code is still shown. */
        try (MemberCore asha = open(OFFLINE_URL)) {
            boolean shown = false;
            for (Offer o : asha.offers().list()) {
                shown |= o.getPartner().startsWith("Cult") && o.isRedeemed()
                        && !o.getCode().isEmpty();
            }
            assertTrue(shown);
            TestSupport.expectError(ErrorCode.OFFLINE, () -> asha.offers().redeem("off_any"));
        }
    }

    @Test
    public void aFullEventsWaitlistPromotesTheNextMember() throws Exception {
        File vikramDir = TestSupport.tempDir("community-vikram");
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock, TestSupport.ASHA);
                MemberCore vikram = TestSupport.signedInAndSynced(vikramDir, stub, clock,
                        TestSupport.VIKRAM)) {
            /* The fireside chat seats 2 and has 1 going: Asha takes the last seat. */
            asha.community().rsvp(FIRESIDE, Rsvp.GOING);
            assertEquals(1, asha.sync().once().getPushed());
            vikram.sync().once();
            Event full = TestSupport.event(vikram, FIRESIDE);
            assertEquals(full.getCapacity(), full.getGoingCount());

            vikram.community().rsvp(FIRESIDE, Rsvp.GOING);
            Event pending = TestSupport.event(vikram, FIRESIDE);
            assertEquals(Rsvp.WAITLISTED, pending.getMyRsvp());
            assertTrue(pending.isPending());
            SyncReport r = vikram.sync().once();
            assertEquals(1, r.getPushed());
            assertEquals(0, r.getRejected());
            Event waiting = TestSupport.event(vikram, FIRESIDE);
            assertEquals(Rsvp.WAITLISTED, waiting.getMyRsvp());
            assertEquals(1, waiting.getWaitlistPosition());
            assertEquals(1, waiting.getWaitlistCount());
            assertFalse(waiting.isPending());

            asha.community().rsvp(FIRESIDE, Rsvp.NOT_GOING);
            asha.sync().once();
            vikram.sync().once();
            Event promoted = TestSupport.event(vikram, FIRESIDE);
            assertEquals(Rsvp.GOING, promoted.getMyRsvp());
            assertEquals(0, promoted.getWaitlistPosition());
            assertEquals(0, promoted.getWaitlistCount());
            boolean told = false;
            for (Notification n : vikram.community().notifications().getItems()) {
                told |= n.getKind().equals("event.promoted") && n.getLinkKind() == LinkKind.EVENT;
            }
            assertTrue(told);
        } finally {
            TestSupport.deleteTree(vikramDir);
        }
    }
}
