package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.Test;

/**
 * Hot desks through the Java API against a real memberstub (docs/today-desks-community.md):
 * Asha (8 plan desk days a month at BLR-1) searches the free desks of a date, books one with a
 * plan desk day on a device that cannot reach the server, syncs (confirmed, its door code on the
 * device), is refused a second desk that day, cancels; Vikram's dedicated desk; a Razorpay desk
 * day paid through the simulated checkout. Both clocks read T0 (Monday 2027-01-04 10:00 IST).
 */
public class DesksTest extends StubFixture {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final String TOMORROW = "2027-01-05";
    private static final String WEDNESDAY = "2027-01-06";
    private static final String D07 = "BLR-1-D07";

    private MemberCore open(String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    private static List<String> ids(List<Desk> desks) {
        List<String> out = new ArrayList<String>();
        for (Desk d : desks) {
            out.add(d.getId());
        }
        return out;
    }

    private static DeskBooking find(List<DeskBooking> list, String id) {
        for (DeskBooking b : list) {
            if (b.getId().equals(id)) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void searchedBookedOfflineWithAPlanDayConfirmedOnSyncThenCancelled() throws Exception {
        TestSupport.signedInAndSynced(dir, stub, clock, TestSupport.ASHA).close();

        String id;
        try (MemberCore asha = open(OFFLINE_URL)) {
            DeskSearch window = asha.desks().search(DeskQuery.builder(TOMORROW).area("window bay")
                    .feature("monitor").build());
            /* Window bay is D07-D12; monitors on the odd ones. */
            assertEquals("[BLR-1-D07, BLR-1-D09, BLR-1-D11]", ids(window.getDesks()).toString());
            assertEquals(Rule.NONE, window.getWhyNone());
            Desk d07 = window.desk(D07);
            assertEquals("D07", d07.getName());
            assertEquals("Window bay", d07.getArea());
            assertTrue(d07.getFeatures().toString(), d07.hasFeature("window"));
            assertEquals(DeskKind.HOT, d07.getKind());
            assertFalse(d07.isMine());
            assertEquals(8, window.getDeskDaysLeft());
            assertEquals(4, window.getDayCredits());
            assertEquals("INR", window.getDayPrice().getCurrency());
            assertEquals(11, window.getCheckinBy().getHour());
            assertEquals("IST", window.getCheckinBy().getLabel());
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> asha.desks().search(
                    DeskQuery.builder("tomorrow").build()));
            MemberCoreException nul = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> asha.desks().search(DeskQuery.builder(TOMORROW).feature(null).build()));
            assertTrue(nul.getMessage(), nul.getMessage().contains("features[0]"));

            DeskBooking b = asha.desks().book(D07, TOMORROW, DeskPayment.PLAN);
            id = b.getId();
            assertEquals(DeskBookingStatus.PENDING, b.getStatus());
            assertEquals("pending", b.getStatus().statusName());
            assertEquals(DeskPayment.PLAN, b.getPaidBy());
            assertEquals("plan", b.getPaidBy().paymentName());
            assertTrue(b.isPending());
            assertEquals(D07, b.getDeskId());
            assertEquals(TOMORROW, b.getDate());
            assertEquals(11, b.getCheckinBy().getHour());
            assertFalse(b.isDoorCodeReady());
            /* Taken now, here too; a second desk that day is refused. */
            assertFalse(ids(asha.desks().search(DeskQuery.builder(TOMORROW).build()).getDesks())
                    .contains(D07));
            MemberCoreException again = TestSupport.expectError(ErrorCode.CONFLICT,
                    () -> asha.desks().book("BLR-1-D09", TOMORROW, DeskPayment.PLAN));
            assertEquals(Rule.ALREADY_BOOKED, again.getRule());
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> asha.desks().book("BLR-1-D09", WEDNESDAY, DeskPayment.UNKNOWN));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> asha.desks().book("BLR-1-D09", WEDNESDAY, null));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> asha.desks().book(null, WEDNESDAY, DeskPayment.PLAN));
            assertEquals(1, asha.sync().outbox().size());
            assertEquals("desk.book", asha.sync().outbox().get(0).getKind());
        }

        try (MemberCore asha = open(stub.url())) {
            SyncReport r = asha.sync().once();
            assertEquals(1, r.getPushed());
            assertEquals(0, r.getRejected());
            assertTrue(r.getChangedKinds().toString(),
                    r.getChangedKinds().contains(Kind.DESK_BOOKING));
            DeskBooking b = find(asha.desks().bookings(), id);
            assertNotNull(asha.desks().bookings().toString(), b);
            assertEquals(DeskBookingStatus.CONFIRMED, b.getStatus());
            assertFalse(b.isPending());
            assertEquals(1, b.getDeskDays());
            assertEquals("D07", b.getDeskName());
            /* Its door code: a desk credential, with its secret on this device. */
            assertFalse(b.getCredentialId().isEmpty());
            assertTrue(b.toString(), b.isDoorCodeReady());
            Credential c = null;
            for (Credential x : asha.access().credentials()) {
                if (x.getId().equals(b.getCredentialId())) {
                    c = x;
                }
            }
            assertNotNull(c);
            assertEquals(CredentialKind.DESK, c.getKind());
            assertEquals("desk", c.getKindName());
            assertEquals(id, c.getDeskBookingId());
            assertEquals(7, asha.desks().search(DeskQuery.builder(WEDNESDAY).build())
                    .getDeskDaysLeft());
            /* The list from a date, and a page of it. */
            assertNotNull(find(asha.desks().bookings(TOMORROW), id));
            assertNull(find(asha.desks().bookings(WEDNESDAY), id));
            ListPage<DeskBooking> page = asha.desks().bookings(null, Page.first(1));
            assertEquals(1, page.getItems().size());

            DeskBooking cancelled = asha.desks().cancel(id);
            assertEquals(DeskBookingStatus.CANCELLED, cancelled.getStatus());
            assertTrue(cancelled.isPending());
            assertEquals(1, asha.sync().once().getPushed());
            assertEquals(DeskBookingStatus.CANCELLED,
                    find(asha.desks().bookings(), id).getStatus());
            TestSupport.expectError(ErrorCode.STATE, () -> asha.desks().cancel(id));
            assertTrue(asha.desks().search(DeskQuery.builder(TOMORROW).build()).desk(D07) != null);
        }
    }

    @Test
    public void aDedicatedDeskIsTheMembersOwnAndNoHotDeskIsBooked() throws Exception {
        try (MemberCore vikram = TestSupport.signedInAndSynced(dir, stub, clock,
                TestSupport.VIKRAM)) {
            Desk mine = vikram.desks().mine();
            assertNotNull(mine);
            assertEquals("BLR-1-D14", mine.getId());
            assertEquals(DeskKind.DEDICATED, mine.getKind());
            assertTrue(mine.isMine());
            TestSupport.expectError(ErrorCode.FORBIDDEN,
                    () -> vikram.desks().book(D07, TOMORROW, DeskPayment.PLAN));
        }
        File other = TestSupport.tempDir("desks-asha");
        try (MemberCore asha = TestSupport.signedInAndSynced(other, stub, clock,
                TestSupport.ASHA)) {
            assertNull(asha.desks().mine());
        } finally {
            TestSupport.deleteTree(other);
        }
    }

    @Test
    public void aRazorpayDeskDayIsPaidThroughCheckout() throws Exception {
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock,
                TestSupport.ASHA)) {
            DeskBooking held = asha.desks().book("BLR-1-D08", WEDNESDAY, DeskPayment.RAZORPAY);
            assertEquals(DeskBookingStatus.PENDING_PAYMENT, held.getStatus());
            assertFalse(held.getOrderId().isEmpty());
            assertFalse(held.getRazorpayKeyId().isEmpty()); /* from the answer's order */
            assertNotNull(held.getHoldExpiresAt());
            assertTrue(held + " " + held.getAmount(), held.getAmount().getMinor() > 0);
            String[] forged = stub.razorpayPay(held.getOrderId(), true);
            TestSupport.expectError(ErrorCode.PAYMENT_FAILED, () -> asha.desks().confirmPayment(
                    held.getId(), held.getOrderId(), forged[0], forged[1]));
            String[] paid = stub.razorpayPay(held.getOrderId(), false);
            DeskBooking b = asha.desks().confirmPayment(held.getId(), held.getOrderId(), paid[0],
                    paid[1]);
            assertEquals(DeskBookingStatus.CONFIRMED, b.getStatus());
            assertEquals(DeskPayment.RAZORPAY, b.getPaidBy());
            /* Twice is harmless. */
            assertEquals(DeskBookingStatus.CONFIRMED, asha.desks().confirmPayment(held.getId(),
                    held.getOrderId(), paid[0], paid[1]).getStatus());
        }
    }

    @Test
    public void namedStatesMatchTheCore() {
        for (DeskBookingStatus s : DeskBookingStatus.values()) {
            assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.statusName());
            assertEquals(s, DeskBookingStatus.fromValue(s.value()));
        }
        for (DeskPayment p : DeskPayment.values()) {
            assertEquals(p.name().toLowerCase(java.util.Locale.ROOT), p.paymentName());
        }
        assertEquals(DeskBookingStatus.UNKNOWN, DeskBookingStatus.fromValue(99));
        assertEquals("desk", LinkKind.DESK.kindName());
        assertEquals("announcement", LinkKind.ANNOUNCEMENT.kindName());
        assertEquals("offer", LinkKind.OFFER.kindName());
        assertEquals(LinkKind.OFFER, LinkKind.fromValue(11));
        for (TodayEntryKind k : TodayEntryKind.values()) {
            assertEquals(k.name().toLowerCase(java.util.Locale.ROOT), k.kindName());
            assertEquals(k, TodayEntryKind.fromValue(k.value()));
        }
        assertEquals(Rule.AFTER_CUTOFF, Rule.fromValue(10));
        assertEquals(EnumSet.of(Kind.DESK, Kind.OFFER), Kind.fromBits((1 << 18) | (1 << 22)));
        assertEquals(LinkKind.DESK, Notifications.parseLink("membercore://desks/dsk_1").getKind());
    }
}
