package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.EnumSet;

import org.junit.Test;

/**
 * Today through the Java API against a real memberstub (docs/today-desks-community.md,
 * "Today"): Asha's day after a sync, read offline (who and where, the contract, today's desk,
 * events, unread counts, what it depends on); an on-demand user's. Both clocks read T0 (Monday
 * 2027-01-04 10:00 IST).
 */
public class TodayTest extends StubFixture {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final String TODAY = "2027-01-04";

    private MemberCore open(String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    @Test
    public void ashasDayAfterSyncReadOffline() throws Exception {
        String deskId;
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock,
                TestSupport.ASHA)) {
            /* A desk for today, before the 11:00 cut-off, confirmed. */
            deskId = asha.desks().book("BLR-1-D03", TODAY, DeskPayment.PLAN).getId();
            asha.sync().once();
        }
        try (MemberCore asha = open(OFFLINE_URL)) {
            Today t = asha.today();
            assertEquals(TODAY, t.getDate());
            assertEquals(10, t.getNow().getHour());
            assertEquals("IST", t.getNow().getLabel());
            assertEquals("Asha Rao", t.getMemberName());
            assertEquals("BLR-1", t.getBuildingId());
            assertEquals("Indiranagar", t.getBuildingName());
            assertTrue(t.isOpenToday());
            assertTrue(t.isOpenNow());
            assertNotNull(t.getOpensAt());
            Membership m = t.getMembership();
            assertNotNull(m);
            assertEquals("private_cabin", m.getPlan());
            assertEquals("Cabin 1019", m.getSeat());
            assertTrue(t.getContractDaysLeft() > 0);
            TodayEntry desk = null;
            for (TodayEntry e : t.getEntries()) {
                if (e.getId().equals(deskId)) {
                    desk = e;
                }
            }
            assertNotNull(t.getEntries().toString(), desk);
            assertEquals(TodayEntryKind.DESK, desk.getKind());
            assertEquals("desk", desk.getKind().kindName());
            assertEquals("confirmed", desk.getStatus());
            assertTrue(desk.isDoorCodeReady());
            assertEquals(8, t.getDeskDaysAllowance());
            assertEquals(7, t.getDeskDaysLeft());
            assertTrue(t.hasCredits());
            /* Events of the next 7 days: the member's building first. */
            boolean otherSeen = false;
            for (Event e : t.getEvents()) {
                assertTrue(e.getStartsAtMs() < StubServer.T0_MS + 8 * 86400000L);
                if (!e.getBuildingId().equals("BLR-1")) {
                    otherSeen = true;
                } else {
                    assertFalse("BLR-1 events come first: " + t.getEvents(), otherSeen);
                }
            }
            int unread = 0;
            for (NotificationCategory c : NotificationCategory.values()) {
                unread += t.getUnread(c);
            }
            assertEquals(t.getUnreadTotal(), unread);
            assertTrue(t.getDependsOn().toString(), t.getDependsOn().containsAll(
                    EnumSet.of(Kind.DESK_BOOKING, Kind.EVENT, Kind.NOTIFICATION)));
            assertTrue(t.affected(EnumSet.of(Kind.DESK_BOOKING)));
            assertFalse(t.affected(EnumSet.noneOf(Kind.class)));
            assertFalse(t.affected((java.util.Set<Kind>) null));
        }
    }

    @Test
    public void anOnDemandUserGetsThePartsThatApply() throws Exception {
        try (MemberCore meera = open(stub.url())) {
            TestSupport.signIn(meera, stub, "+919800000077");
            meera.auth().completeProfile(new Profile("Meera Iyer", "meera@example.com",
                    "Freelance", "Bengaluru"));
            meera.auth().setIntent(IntentDetails.onDemand());
            meera.sync().once();
            Today t = meera.today();
            assertNull(t.getMembership());
            assertFalse(t.hasCredits());
            assertEquals(-1, t.getContractDaysLeft());
            assertTrue(t.getEntries().isEmpty());
        }
    }
}
