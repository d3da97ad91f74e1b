package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Meeting rooms against a real memberstub: search from the local store, credit bookings made
 * offline and confirmed on sync, cancellation refunds, Razorpay paid and forged, refusals.
 *
 * <p>The stub's clock and the client's (an injected {@link Clock}) both read T0, Monday
 * 2027-01-04 10:00 in Bengaluru, whatever today is: the booking window (30 days) and the minimum
 * notice are computed from it on both sides.
 */
public class BookingTest {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final String BOARD = "BLR-1-BOARD";
    /** A Thursday with no seeded booking. */
    private static final String DAY = "2027-01-07";
    /** 2027-01-07 08:00 IST (02:30 UTC): BLR-1 opens. */
    private static final long DAY_OPEN_MS = StubServer.T0_MS + 3 * 86400000L - 2 * 3600000L;
    private static final long HOUR = 3600000L;
    /** Devanagari, with a combining sign and a conjunct, plus a character outside the BMP. */
    private static final String ANANYA = "अनन्या शर्मा";
    private static final String KSHITIJ = "क्षितिज 𝄞";

    private StubServer stub;
    private File dir;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start(); /* its clock at T0 */
        dir = TestSupport.tempDir("booking");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    private MemberCore open(String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    /** Asha, signed in and synced, online. */
    private MemberCore asha() throws Exception {
        MemberCore core = open(stub.url());
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().once();
        return core;
    }

    private static RoomSearch search(MemberCore core, String date) {
        return core.rooms().search(RoomQuery.builder("BLR-1", date).build());
    }

    private static List<String> freeTimes(MemberCore core, String date, String roomId) {
        Room room = search(core, date).room(roomId);
        assertNotNull(roomId + " on " + date, room);
        List<String> times = new ArrayList<String>();
        for (Slot s : room.getFreeSlots()) {
            times.add(s.getLocalTime());
        }
        return times;
    }

    private static Booking booking(MemberCore core, String id) {
        for (Booking b : core.rooms().bookings()) {
            if (b.getId().equals(id)) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void searchFindsTheBoardroomWithFreeBlocks() throws Exception {
        try (MemberCore core = asha()) {
            assertEquals("the injected clock", StubServer.T0_MS, core.now());
            RoomSearch s = search(core, DAY);
            assertEquals("Asia/Kolkata", s.getTimezone());
            assertEquals(3, s.getRooms().size()); /* BOARD, HUDDLE, FOCUS */
            Room board = s.room(BOARD);
            assertNotNull(s.toString(), board);
            assertEquals("BLR-1", board.getBuildingId());
            assertEquals(12, board.getCapacity());
            assertFalse(board.getName().isEmpty());
            assertTrue(board.getAmenities().containsAll(
                    Arrays.asList("whiteboard", "projector", "video_conferencing")));
            assertEquals(250000L, board.getPricePerHour().getMinor());
            assertEquals(6, board.getCreditsPerHour());
            /* Open 08:00-22:00 on a Thursday: 14 free one-hour blocks. */
            List<Slot> free = board.getFreeSlots();
            assertEquals(14, free.size());
            assertEquals("08:00", free.get(0).getLocalTime());
            assertEquals(480, free.get(0).getLocalMinute());
            assertEquals(DAY_OPEN_MS, free.get(0).getStartMs());
            assertEquals(DAY_OPEN_MS + HOUR, free.get(0).getEndMs());
            assertEquals("21:00", free.get(13).getLocalTime());
            for (int i = 1; i < free.size(); i++) {
                assertEquals(free.get(i - 1).getEndMs(), free.get(i).getStartMs());
            }
            assertNull(s.room("MUM-1-SEAVIEW"));

            /* Capacity and amenities filter rooms; from/to narrow the blocks. */
            RoomSearch big = core.rooms().search(RoomQuery.builder("BLR-1", DAY).minCapacity(10)
                    .amenity("projector").build());
            assertEquals(1, big.getRooms().size());
            assertEquals(BOARD, big.getRooms().get(0).getId());
            RoomSearch morning = core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).from("10:00").to("12:00").build());
            assertEquals("[10:00, 11:00]", morning.room(BOARD).getFreeSlots().toString());

            /* The seeded bookings are taken: BOARD 01-05 10:00-12:00, FOCUS 01-06 15:00. */
            List<String> tuesday = freeTimes(core, "2027-01-05", BOARD);
            assertFalse(tuesday.contains("10:00"));
            assertFalse(tuesday.contains("11:00"));
            assertTrue(tuesday.contains("09:00"));
            assertTrue(tuesday.contains("12:00"));
            List<String> focus = freeTimes(core, "2027-01-06", "BLR-1-FOCUS");
            assertFalse(focus.contains("15:00"));
            assertTrue(focus.contains("14:00"));

            /* Now is 10:00 today: 10:00 has begun, 11:00 is the first block far enough ahead. */
            assertEquals("11:00", freeTimes(core, "2027-01-04", BOARD).get(0));
            /* Sunday is closed; the window ends 30 days after today. */
            assertTrue(freeTimes(core, "2027-01-10", BOARD).isEmpty());
            assertFalse(freeTimes(core, "2027-02-03", BOARD).isEmpty());
            assertTrue(freeTimes(core, "2027-02-04", BOARD).isEmpty());
            /* Republic Day is blacked out for the whole building. */
            assertTrue(freeTimes(core, "2027-01-26", BOARD).isEmpty());
        }
    }

    /**
     * Booked with credits on a client that cannot reach the server: pending at once, credits
     * held; confirmed on the next sync (ledger line "booking", guests' credentials); cancelled:
     * refunded after sync.
     */
    @Test
    public void creditBookingOfflineConfirmedThenCancelledWithRefund() throws Exception {
        try (MemberCore core = asha()) {
            Credits c = core.rooms().credits();
            assertEquals("ACME", c.getCompanyId());
            assertEquals("Acme Corp", c.getCompanyName());
            assertEquals(200, c.getMonthlyCredits());
            assertEquals(188, c.getBalance());
            assertEquals(0, c.getPendingDebit());
            assertEquals(2, c.getLedger().size());
            CreditLine seeded = c.getLedger().get(0); /* newest first */
            assertEquals("booking", seeded.getReason());
            assertEquals(-12, seeded.getDelta());
            assertEquals(188, seeded.getBalanceAfter());
            assertEquals("res_5eed000000000001", seeded.getReservationId());
            CreditLine reset = c.getLedger().get(1);
            assertEquals("monthly_reset", reset.getReason());
            assertEquals(200, reset.getDelta());
            assertEquals("", reset.getReservationId());
        }

        String id;
        /* The same data directory, with the server out of reach. */
        try (MemberCore core = open(OFFLINE_URL)) {
            Booking b = core.rooms().book(BookingRequest.builder(BOARD, DAY, "14:00").hours(2)
                    .guest(ANANYA, "ananya@example.in").guest(KSHITIJ, "kshitij@example.in")
                    .pay(Payment.CREDITS).build());
            id = b.getId();
            assertFalse(id.isEmpty());
            assertEquals(BookingStatus.PENDING, b.getStatus());
            assertTrue(b.isPending());
            assertEquals(Payment.CREDITS, b.getPaidBy());
            assertEquals(12, b.getCredits());
            assertEquals(0, b.getAmount().getMinor());
            assertEquals(BOARD, b.getRoomId());
            assertEquals("BLR-1", b.getBuildingId());
            assertEquals(DAY_OPEN_MS + 6 * HOUR, b.getStartMs());
            assertEquals(DAY_OPEN_MS + 8 * HOUR, b.getEndMs());
            assertEquals("", b.getOrderId());
            assertEquals(2, b.getGuests().size());
            assertEquals(ANANYA, b.getGuests().get(0).getName());
            assertEquals("ananya@example.in", b.getGuests().get(0).getEmail());
            assertEquals("", b.getGuests().get(0).getCredentialId());
            assertEquals(KSHITIJ, b.getGuests().get(1).getName());

            Credits c = core.rooms().credits();
            assertEquals(176, c.getBalance());
            assertEquals(12, c.getPendingDebit());
            List<String> free = freeTimes(core, DAY, BOARD);
            assertFalse(free.contains("14:00"));
            assertFalse(free.contains("15:00"));
            assertTrue(free.contains("13:00"));
            assertTrue(free.contains("16:00"));

            Booking listed = booking(core, id);
            assertNotNull(core.rooms().bookings().toString(), listed);
            assertEquals(BookingStatus.PENDING, listed.getStatus());
            assertTrue(listed.isPending());
            assertEquals(ANANYA, listed.getGuests().get(0).getName());

            TestSupport.expectError(ErrorCode.OFFLINE, core.sync()::once);
            List<Mutation> outbox = core.sync().outbox();
            assertEquals(1, outbox.size());
            assertEquals("booking.create", outbox.get(0).getKind());
            assertEquals(id, outbox.get(0).getEntityId());
        }

        /* Back online: the server confirms it. */
        try (MemberCore core = open(stub.url())) {
            SyncReport r = core.sync().once();
            assertEquals(1, r.getPushed());
            assertEquals(0, r.getRejected());
            assertTrue(r.getChangedKinds().toString(),
                    r.getChangedKinds().containsAll(EnumSet.of(Kind.RESERVATION, Kind.ROOM_BUSY,
                            Kind.COMPANY, Kind.CREDIT_LEDGER)));
            Booking b = booking(core, id);
            assertNotNull(b);
            assertEquals(BookingStatus.CONFIRMED, b.getStatus());
            assertFalse(b.isPending());
            assertEquals(12, b.getCredits());
            assertEquals(ANANYA, b.getGuests().get(0).getName());
            assertEquals(KSHITIJ, b.getGuests().get(1).getName());
            String credential = b.getGuests().get(0).getCredentialId();
            assertTrue(credential, credential.startsWith("crd_"));
            String emails = stub.emails("ananya@example.in");
            assertTrue(emails, emails.contains(credential));
            assertTrue(emails, emails.contains(ANANYA));

            Credits c = core.rooms().credits();
            assertEquals(176, c.getBalance());
            assertEquals(0, c.getPendingDebit());
            assertEquals(3, c.getLedger().size());
            CreditLine line = c.getLedger().get(0);
            assertEquals("booking", line.getReason());
            assertEquals(-12, line.getDelta());
            assertEquals(176, line.getBalanceAfter());
            assertEquals(id, line.getReservationId());
            assertTrue(line.getId().startsWith("led_"));
            assertEquals(StubServer.T0_MS, line.getAtMs());
            assertFalse(freeTimes(core, DAY, BOARD).contains("14:00"));

            /* Cancel: shown cancelled at once, refunded once the server has it. */
            Booking cancelled = core.rooms().cancel(id); /* the booking as now shown */
            assertEquals(id, cancelled.getId());
            assertEquals(BookingStatus.CANCELLED, cancelled.getStatus());
            assertTrue(cancelled.isPending());
            b = booking(core, id);
            assertEquals(BookingStatus.CANCELLED, b.getStatus());
            assertTrue(b.isPending());
            /* already being cancelled: nothing more, the same booking again */
            assertEquals(id, core.rooms().cancel(id).getId());
            assertEquals(1, core.sync().outbox().size());
            assertEquals(1, core.sync().once().getPushed());
            b = booking(core, id);
            assertEquals(BookingStatus.CANCELLED, b.getStatus());
            assertFalse(b.isPending());
            c = core.rooms().credits();
            assertEquals(188, c.getBalance());
            CreditLine refund = c.getLedger().get(0);
            assertEquals("refund", refund.getReason());
            assertEquals(12, refund.getDelta());
            assertEquals(188, refund.getBalanceAfter());
            assertEquals(id, refund.getReservationId());
            assertTrue(freeTimes(core, DAY, BOARD).contains("14:00"));
            MemberCoreException e = TestSupport.expectError(ErrorCode.STATE,
                    () -> core.rooms().cancel(id));
            assertTrue(e.getMessage(), e.getMessage().contains("cancelled"));
        }
    }

    /** Razorpay: an order to pay, a forged signature refused, the real one confirms. */
    @Test
    public void razorpayPaidAfterAForgedAttempt() throws Exception {
        try (MemberCore core = asha()) {
            Booking b = core.rooms().book(BookingRequest.builder(BOARD, DAY, "10:00")
                    .guest(ANANYA, "ananya@example.in").pay(Payment.RAZORPAY).build());
            assertEquals(BookingStatus.PENDING_PAYMENT, b.getStatus());
            assertFalse(b.isPending());
            assertEquals(Payment.RAZORPAY, b.getPaidBy());
            assertTrue(b.getOrderId(), b.getOrderId().startsWith("order_"));
            assertEquals("rzp_test_memberstub", b.getRazorpayKeyId());
            assertEquals(295000L, b.getAmount().getMinor()); /* 1 h at 2,500 plus 18% GST */
            assertFalse(b.isPaid()); /* held, not paid */
            assertEquals(0, b.getCredits());
            assertEquals(DAY_OPEN_MS + 2 * HOUR, b.getStartMs());
            assertEquals("", b.getGuests().get(0).getCredentialId()); /* until paid */
            /* The hold is in the local store already. */
            assertFalse(freeTimes(core, DAY, BOARD).contains("10:00"));
            Booking listed = booking(core, b.getId());
            assertEquals(BookingStatus.PENDING_PAYMENT, listed.getStatus());
            assertEquals(b.getOrderId(), listed.getOrderId());

            String[] forged = stub.razorpayPay(b.getOrderId(), true);
            MemberCoreException e = TestSupport.expectError(ErrorCode.PAYMENT_FAILED,
                    () -> core.rooms().confirmPayment(b.getId(), b.getOrderId(), forged[0], forged[1]));
            assertEquals(402, e.getHttpStatus());
            assertEquals("payment_failed", e.getServerCode());
            assertEquals(BookingStatus.PENDING_PAYMENT, booking(core, b.getId()).getStatus());

            String[] paid = stub.razorpayPay(b.getOrderId(), false);
            Booking confirmed = core.rooms().confirmPayment(b.getId(), b.getOrderId(), paid[0], paid[1]);
            assertEquals(b.getId(), confirmed.getId());
            assertEquals(BookingStatus.CONFIRMED, confirmed.getStatus());
            assertEquals(Payment.RAZORPAY, confirmed.getPaidBy());
            assertTrue(confirmed.isPaid());
            assertEquals(b.getOrderId(), confirmed.getOrderId());
            assertEquals(ANANYA, confirmed.getGuests().get(0).getName());
            assertTrue(confirmed.getGuests().get(0).getCredentialId().startsWith("crd_"));
            assertEquals(BookingStatus.CONFIRMED, booking(core, b.getId()).getStatus());
            /* Confirming again is harmless. */
            assertEquals(BookingStatus.CONFIRMED,
                    core.rooms().confirmPayment(b.getId(), b.getOrderId(), paid[0], paid[1]).getStatus());
            /* The order belongs to this booking, not to another. */
            e = TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.rooms().confirmPayment(
                    "res_5eed000000000001", b.getOrderId(), paid[0], paid[1]));
            assertTrue(e.getMessage(), e.getMessage().contains(b.getId()));
            /* Razorpay moves no credits. */
            assertEquals(188, core.rooms().credits().getBalance());
        }
    }

    /** Razorpay needs the server; credits do not. */
    @Test
    public void razorpayOfflineIsRefused() throws Exception {
        asha().close();
        try (MemberCore core = open(OFFLINE_URL)) {
            TestSupport.expectError(ErrorCode.OFFLINE, () -> core.rooms().book(
                    BookingRequest.builder(BOARD, DAY, "10:00").pay(Payment.RAZORPAY).build()));
            assertEquals(2, core.rooms().bookings().size()); /* the two seeded ones, nothing held */
            assertTrue(core.sync().outbox().isEmpty());
            assertTrue(freeTimes(core, DAY, BOARD).contains("10:00"));
            /* Credits work offline. */
            Booking b = core.rooms().book(BookingRequest.builder(BOARD, DAY, "10:00").build());
            assertEquals(BookingStatus.PENDING, b.getStatus());
        }
    }

    @Test
    public void invalidInputsNameTheField() throws Exception {
        try (MemberCore core = asha()) {
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.rooms().search(null));
            expectField("building_id", () -> core.rooms().search(
                    RoomQuery.builder(null, DAY).build()));
            expectField("date", () -> search(core, "2027-02-30"));
            expectField("date", () -> search(core, "7 Jan"));
            expectField("from", () -> core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).from("25:00").build()));
            expectField("to", () -> core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).to("9am").build()));
            expectField("from", () -> core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).from("12:00").to("10:00").build()));
            expectField("min_capacity", () -> core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).minCapacity(-1).build()));
            expectField("amenity", () -> core.rooms().search(
                    RoomQuery.builder("BLR-1", DAY).amenity("Projector!").build()));
            expectField("amenities[1]", () -> core.rooms().search(RoomQuery.builder("BLR-1", DAY)
                    .amenity("projector").amenity("a\u0000b").build()));
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> core.rooms().search(RoomQuery.builder("MARS-1", DAY).build()));

            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.rooms().book(null));
            expectField("room_id", () -> book(core, BookingRequest.builder(null, DAY, "10:00")));
            expectField("room_id",
                    () -> book(core, BookingRequest.builder("BLR-1-\u0000", DAY, "10:00")));
            expectField("date", () -> book(core, BookingRequest.builder(BOARD, "2027-13-01",
                    "10:00")));
            expectField("start", () -> book(core, BookingRequest.builder(BOARD, DAY, "10:30")));
            expectField("start", () -> book(core, BookingRequest.builder(BOARD, DAY, null)));
            expectField("hours",
                    () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00").hours(0)));
            expectField("hours",
                    () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00").hours(25)));
            expectField("pay",
                    () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00").pay(null)));
            expectField("name", () -> book(core,
                    BookingRequest.builder(BOARD, DAY, "10:00").guest("", "a@example.in")));
            expectField("email", () -> book(core,
                    BookingRequest.builder(BOARD, DAY, "10:00").guest("A", "not-an-email")));
            expectField("email", () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00")
                    .guest("A", "a@example.in").guest("B", "A@Example.in")));
            expectField("guests[1].name", () -> book(core, BookingRequest
                    .builder(BOARD, DAY, "10:00").guest("A", "a@example.in")
                    .guest("B\u0000", "b@example.in")));
            expectField("guests[0]", () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00")
                    .guests(Collections.<Guest>singletonList(null))));
            List<Guest> many = new ArrayList<Guest>();
            for (int i = 0; i < 21; i++) {
                many.add(new Guest("Guest " + i, "g" + i + "@example.in"));
            }
            expectField("guests", () -> book(core,
                    BookingRequest.builder(BOARD, DAY, "10:00").guests(many)));
            /* The host takes a seat: a 12-seat room takes 11 guests. */
            expectField("guests", () -> book(core, BookingRequest.builder(BOARD, DAY, "10:00")
                    .guests(many.subList(0, 12))));
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> book(core, BookingRequest.builder("BLR-1-NOPE", DAY, "10:00")));
            /* Taken, closed, too soon, beyond the window, outside the hours: CONFLICT naming
             * the rule, and saying it. */
            MemberCoreException e = TestSupport.expectError(ErrorCode.CONFLICT,
                    () -> book(core, BookingRequest.builder(BOARD, "2027-01-05", "10:00")));
            assertEquals(e.getMessage(), Rule.TAKEN, e.getRule());
            assertTrue(e.getMessage(), e.getMessage().contains("is taken"));
            e = TestSupport.expectError(ErrorCode.CONFLICT,
                    () -> book(core, BookingRequest.builder(BOARD, "2027-01-10", "10:00")));
            assertEquals(Rule.CLOSED, e.getRule());
            assertEquals("BLR-1-BOARD on 2027-01-10 at 10:00 for 1 h: BLR-1 is closed on Sundays",
                    e.getMessage());
            e = TestSupport.expectError(ErrorCode.CONFLICT,
                    () -> book(core, BookingRequest.builder(BOARD, "2027-01-04", "10:00")));
            assertEquals(e.getMessage(), Rule.TOO_SOON, e.getRule());
            assertTrue(e.getMessage(), e.getMessage().contains("minimum notice"));
            e = TestSupport.expectError(ErrorCode.CONFLICT,
                    () -> book(core, BookingRequest.builder(BOARD, "2027-02-04", "10:00")));
            assertEquals(Rule.BEYOND_WINDOW, e.getRule());
            assertTrue(e.getMessage(), e.getMessage().contains("30 days ahead"));
            e = TestSupport.expectError(ErrorCode.CONFLICT, () -> book(core,
                    BookingRequest.builder(BOARD, DAY, "21:00").hours(2)));
            assertEquals(Rule.OUTSIDE_HOURS, e.getRule());
            /* Errors that are no refusal carry no rule. */
            e = TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> book(core, BookingRequest.builder("BLR-1-NOPE", DAY, "10:00")));
            assertEquals(Rule.NONE, e.getRule());
            /* A search with no free block says why, for the search and each room. */
            RoomSearch sunday = search(core, "2027-01-10");
            assertEquals(Rule.CLOSED, sunday.getWhyNone());
            assertEquals("BLR-1 is closed on Sundays", sunday.getWhyNoneMessage());
            assertEquals(Rule.CLOSED, sunday.room(BOARD).getWhyNone());
            RoomSearch open = search(core, DAY);
            assertEquals(Rule.NONE, open.getWhyNone());
            assertEquals("", open.getWhyNoneMessage());
            assertEquals("", open.room(BOARD).getWhyNoneMessage());

            expectField("booking_id", () -> core.rooms().cancel(""));
            expectField("booking_id", () -> core.rooms().cancel(null));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> core.rooms().cancel("res_nope"));
            expectField("order_id", () -> core.rooms().confirmPayment("b", null, "p", "s"));
            expectField("signature", () -> core.rooms().confirmPayment("b", "o", "p", ""));
            expectField("payment_id", () -> core.rooms().confirmPayment("b", "o", "p\u0000", "s"));

            /* Nothing was booked or queued by any of it. */
            assertEquals(2, core.rooms().bookings().size()); /* the two seeded ones */
            assertTrue(core.sync().outbox().isEmpty());
            assertEquals(188, core.rooms().credits().getBalance());
        }
    }

    private static void book(MemberCore core, BookingRequest.Builder b) {
        core.rooms().book(b.build());
    }

    private static void expectField(String field, Runnable r) {
        MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG, r);
        assertTrue("'" + e.getMessage() + "' names " + field, e.getMessage().contains(field));
    }

    /** The local check counts credits held by bookings not yet confirmed. */
    @Test
    public void insufficientCreditsCountsPendingBookings() throws Exception {
        try (MemberCore core = asha()) {
            /* 14 hours of the boardroom, twice: 168 of the 188 credits held. */
            core.rooms().book(BookingRequest.builder(BOARD, DAY, "08:00").hours(14).build());
            core.rooms().book(
                    BookingRequest.builder(BOARD, "2027-01-08", "08:00").hours(14).build());
            Credits c = core.rooms().credits();
            assertEquals(20, c.getBalance());
            assertEquals(168, c.getPendingDebit());
            MemberCoreException e = TestSupport.expectError(ErrorCode.INSUFFICIENT_CREDITS,
                    () -> core.rooms().book(BookingRequest.builder(BOARD, "2027-01-09", "08:00")
                            .hours(4).build()));
            assertTrue(e.getMessage(), e.getMessage().contains("24"));
            core.rooms().book(
                    BookingRequest.builder(BOARD, "2027-01-09", "08:00").hours(3).build());
            assertEquals(3, core.sync().once().getPushed());
            c = core.rooms().credits();
            assertEquals(2, c.getBalance());
            assertEquals(0, c.getPendingDebit());
            assertEquals(5, core.rooms().bookings().size());
            assertEquals(3, core.rooms().bookings(DAY_OPEN_MS - 1).size()); /* ending after it */
        }
    }

    /**
     * Two members of one company book the same block; the second to sync is refused: the
     * booking disappears, its credits return, MUTATION_REJECTED says why.
     */
    @Test
    public void bookingRefusedOnSyncRollsBack() throws Exception {
        File vikramDir = TestSupport.tempDir("booking-vikram");
        try (MemberCore asha = asha();
                MemberCore vikram = TestSupport.openWithClock(vikramDir, stub.url(), clock,
                        null)) {
            TestSupport.signIn(vikram, stub, TestSupport.VIKRAM);
            vikram.sync().once();
            BookingRequest req = BookingRequest.builder(BOARD, DAY, "09:00").build();
            asha.rooms().book(req);
            Booking mine = vikram.rooms().book(req);
            assertEquals(182, vikram.rooms().credits().getBalance());
            assertEquals(1, asha.sync().once().getPushed());

            final List<SyncEvent> rejections =
                    Collections.synchronizedList(new ArrayList<SyncEvent>());
            ListenerHandle h = vikram.sync().addListener(
                    EnumSet.of(SyncEventType.MUTATION_REJECTED), Delivery.IMMEDIATE,
                    rejections::add);
            SyncReport r = vikram.sync().once();
            assertEquals(1, r.getRejected());
            assertEquals(1, rejections.size());
            SyncEvent ev = rejections.get(0);
            assertEquals("booking.create", ev.getMutationKind());
            assertEquals(mine.getId(), ev.getEntityId());
            assertEquals("slot_taken", ev.getServerCode());
            assertEquals(Rule.TAKEN, ev.getRule());
            List<Mutation> rejected = vikram.sync().outbox();
            assertEquals(1, rejected.size());
            assertEquals(Rule.TAKEN, rejected.get(0).getErrorRule());
            assertNull(booking(vikram, mine.getId()));
            assertEquals(182, vikram.rooms().credits().getBalance()); /* Asha's booking, paid once */
            assertEquals(0, vikram.rooms().credits().getPendingDebit());
            assertFalse(freeTimes(vikram, DAY, BOARD).contains("09:00"));
            h.remove();
        } finally {
            TestSupport.deleteTree(vikramDir);
        }
    }

    @Test
    public void enumsMatchTheCore() {
        assertEquals("pending", BookingStatus.PENDING.statusName());
        assertEquals("pending_payment", BookingStatus.PENDING_PAYMENT.statusName());
        assertEquals("confirmed", BookingStatus.CONFIRMED.statusName());
        assertEquals("cancelled", BookingStatus.CANCELLED.statusName());
        assertEquals("unknown", BookingStatus.UNKNOWN.statusName());
        assertEquals(BookingStatus.UNKNOWN, BookingStatus.fromValue(42));
        assertEquals(BookingStatus.UNKNOWN, BookingStatus.fromValue(-1));
        assertEquals(BookingStatus.CONFIRMED, BookingStatus.fromValue(2));
        assertEquals(1, Payment.CREDITS.value());
        assertEquals(2, Payment.RAZORPAY.value());
        assertEquals(EnumSet.of(Kind.ROOM_BUSY, Kind.CREDIT_LEDGER), Kind.fromBits(256 | 512));
    }

    /** Reading the bookings and credits needs a member. */
    @Test
    public void signedOutReadsAreUnauthorized() {
        try (MemberCore core = open(stub.url())) {
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.rooms()::bookings);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.rooms()::credits);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.rooms().cancel("x"));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> search(core, DAY));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.rooms().book(
                    BookingRequest.builder(BOARD, DAY, "10:00").build()));
        }
    }
}
