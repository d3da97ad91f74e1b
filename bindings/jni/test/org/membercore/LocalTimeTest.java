package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.OffsetDateTime;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What a member reads for an instant: the wall clock of the building it belongs to, as the
 * core gives it ({@link BuildingTime}), against a real memberstub. A Bengaluru booking at 16:00
 * reads 16:00 +05:30 IST (not 10:30Z); a London one in summer reads BST and one in winter GMT,
 * whatever the JVM's own time zone is.
 */
public class LocalTimeTest {
    private static final String OLIVIA = "+447700900001";
    /** 2027-10-20T09:00:00Z: London on summer time, its October change ten days ahead. */
    private static final long LONDON_OCTOBER_MS = 1824022800000L;

    private StubServer stub;
    private File dir;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start(); /* its clock at T0, 2027-01-04 10:00 in Bengaluru */
        dir = TestSupport.tempDir("localtime");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    private MemberCore signedIn(String phone) throws Exception {
        MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null);
        TestSupport.signIn(core, stub, phone);
        core.sync().once();
        return core;
    }

    @Test
    public void aBengaluruBookingReads1600Ist() throws Exception {
        try (MemberCore core = signedIn(TestSupport.ASHA)) {
            Booking b = core.rooms().book(BookingRequest.builder("BLR-1-BOARD", "2027-01-07",
                    "16:00").pay(Payment.RAZORPAY).build());
            BuildingTime start = b.getStart();
            assertNotNull(start);
            assertEquals(b.getStartMs(), start.getUtcMs());
            assertEquals(1799317800000L, b.getStartMs()); /* 2027-01-07T10:30:00Z */
            assertEquals(16, start.getHour());
            assertEquals(0, start.getMinute());
            assertEquals(330, start.getOffsetMinutes());
            assertEquals("2027-01-07T16:00:00+05:30", start.getIso8601());
            assertEquals("IST", start.getLabel());
            assertEquals(4, start.getWeekday()); /* a Thursday */
            assertEquals(OffsetDateTime.parse("2027-01-07T16:00:00+05:30"),
                    start.toOffsetDateTime());
            assertEquals("2027-01-07T17:00:00+05:30", b.getEnd().getIso8601());
            /* the same in the list read from the local store */
            for (Booking listed : core.rooms().bookings()) {
                if (listed.getId().equals(b.getId())) {
                    assertEquals(start, listed.getStart());
                }
            }
            /* a free block, an event, a notification, a ledger line: each in IST */
            Slot first = core.rooms().search(RoomQuery.builder("BLR-1", "2027-01-07").build())
                    .room("BLR-1-BOARD").getFreeSlots().get(0);
            assertEquals("2027-01-07T08:00:00+05:30", first.getStart().getIso8601());
            for (Event e : core.community().events(0)) {
                if (e.getBuildingId().equals("BLR-1")) {
                    assertEquals("IST", e.getStartsAt().getLabel());
                }
            }
            assertEquals("IST", core.community().notifications(false).getItems().get(0)
                    .getCreatedAt().getLabel());
            assertEquals(330, core.rooms().credits().getLedger().get(0).getAt()
                    .getOffsetMinutes());
        }
    }

    @Test
    public void aLondonBookingInSummerReadsBst() throws Exception {
        stub.setClock(LONDON_OCTOBER_MS);
        clock.set(LONDON_OCTOBER_MS);
        try (MemberCore core = signedIn(OLIVIA)) {
            Booking summer = core.rooms().book(BookingRequest.builder("LON-1-NOOK", "2027-10-30",
                    "16:00").pay(Payment.RAZORPAY).build());
            assertEquals("2027-10-30T16:00:00+01:00", summer.getStart().getIso8601());
            assertEquals("BST", summer.getStart().getLabel());
            assertEquals(60, summer.getStart().getOffsetMinutes());
            assertEquals(16, summer.getStart().getHour());
            /* after London's October change (the 31st), 10:00 reads GMT */
            Booking winter = core.rooms().book(BookingRequest.builder("LON-1-NOOK", "2027-11-01",
                    "10:00").pay(Payment.RAZORPAY).build());
            assertEquals("2027-11-01T10:00:00+00:00", winter.getStart().getIso8601());
            assertEquals("GMT", winter.getStart().getLabel());
        }
    }

    @Test
    public void anUnsetInstantIsNull() throws Exception {
        try (MemberCore core = signedIn(TestSupport.ASHA)) {
            assertTrue(core.billing().invoices().size() > 0);
            for (Invoice inv : core.billing().invoices()) {
                if (inv.getIssuedAtMs() != 0) {
                    assertEquals("IST", inv.getIssuedAt().getLabel());
                }
                if (inv.getPaidAtMs() == 0) {
                    assertNull(inv.getPaidAt());
                } else {
                    assertEquals(inv.getPaidAtMs(), inv.getPaidAt().getUtcMs());
                    assertEquals(330, inv.getPaidAt().getOffsetMinutes());
                }
            }
        }
    }
}
