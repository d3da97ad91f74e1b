package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Day passes against a real memberstub: the local quote (bundle tiers, GST, the rules the
 * device knows), checkout, a forged payment refused, the real one confirmed, the passes active
 * with their credentials, and the rotating door code granted at the door on the pass date (in,
 * not in again without an out: anti-passback).
 *
 * <p>The stub's clock and the client's (an injected {@link Clock}) both read T0, Monday
 * 2027-01-04 10:00 in Bengaluru; the door test moves both to the pass date.
 */
public class PassesTest {
    private static final String BLR = "BLR-1";
    private static final long HOUR = 3600000L;
    private static final long DAY = 24 * HOUR;
    /** 2027-01-04 00:00 IST: the start of T0's building-local day. */
    private static final long DAY0_MS = StubServer.T0_MS - 10 * HOUR;
    /** The seeded day pass of BLR-1, paise. */
    private static final long UNIT = 80000L;
    private static final String ANANYA = "अनन्या शर्मा";
    /** "MC1|<credential id>|<step>|<8 digits>" (docs/passes-protocol.md). */
    private static final Pattern HOLDER_PAYLOAD =
            Pattern.compile("MC1\\|(crd_[A-Za-z0-9_-]+)\\|(\\d+)\\|(\\d{8})");

    private StubServer stub;
    private File dir;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start(); /* its clock at T0 */
        dir = TestSupport.tempDir("passes");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    /** Asha, signed in and synced, at the stub's clock. */
    private MemberCore asha() throws Exception {
        MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null);
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().once();
        return core;
    }

    /** Both clocks at ms. */
    private void setClocks(long ms) throws Exception {
        stub.setClock(ms);
        clock.set(ms);
    }

    /** Four days of Asha's own from Tuesday, and Ananya's on Tuesday: a 5-pass bundle. */
    private static Cart bundle() {
        return Cart.builder(BLR).pass("2027-01-05").pass("2027-01-06").pass("2027-01-07")
                .pass("2027-01-08").guestPass("2027-01-05", ANANYA, "ananya@example.in").build();
    }

    /** n passes at unit paise with pct off, by the rules of docs/passes-protocol.md. */
    private static long[] price(int n, long unit, int pct) {
        BigDecimal subtotal = BigDecimal.valueOf(unit * n);
        BigDecimal discount = subtotal.multiply(BigDecimal.valueOf(pct))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP);
        BigDecimal gst = subtotal.subtract(discount).multiply(BigDecimal.valueOf(18))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP);
        return new long[] {subtotal.longValueExact(), discount.longValueExact(),
            gst.longValueExact(), subtotal.subtract(discount).add(gst).longValueExact()};
    }

    private static void assertPrice(Quote q, int n, long unit, int tier, int pct) {
        long[] p = price(n, unit, pct);
        String what = q.toString();
        assertEquals(what, unit, q.getUnit().getMinor());
        assertEquals(what, p[0], q.getSubtotal().getMinor());
        assertEquals(what, tier, q.getTierPasses());
        assertEquals(what, pct, q.getDiscountPct());
        assertEquals(what, p[1], q.getDiscount().getMinor());
        assertEquals(what, p[2], q.getTax().getMinor());
        assertEquals(what, p[3], q.getTotal().getMinor());
    }

    /** n of Asha's own passes from Tuesday 2027-01-05 on, Sundays (BLR-1 is closed) skipped. */
    private static Cart selfPasses(int n) {
        Cart.Builder b = Cart.builder(BLR);
        LocalDate d = LocalDate.of(2027, 1, 5);
        for (int i = 0; i < n; i++, d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                d = d.plusDays(1);
            }
            b.pass(d.toString());
        }
        return b.build();
    }

    /** A building's money: London in pounds with VAT 20%, Bengaluru in rupees with GST 18%. */
    @Test
    public void quotesInTheBuildingsCurrencyWithItsTax() throws Exception {
        try (MemberCore core = asha()) {
            Quote london = core.billing().quote(Cart.builder("LON-1").pass("2027-01-05").build());
            assertEquals("GBP", london.getUnit().getCurrency());
            assertEquals(2500L, london.getUnit().getMinor());
            assertEquals("VAT 20%", london.getTaxRule().getFormatted());
            assertEquals(2000, london.getTaxRule().getRateBp());
            assertEquals("£5.00", london.getTax().getFormatted());
            assertEquals("£30.00", london.getTotal().getFormatted());
            Quote bengaluru = core.billing().quote(Cart.builder(BLR).pass("2027-01-05").build());
            assertEquals("GST 18%", bengaluru.getTaxRule().getFormatted());
            assertEquals("₹144.00", bengaluru.getTax().getFormatted());
            assertEquals("₹944.00", bengaluru.getTotal().getFormatted());
            assertEquals("INR", bengaluru.getTotal().getCurrency());
        }
    }

    @Test
    public void fivePassBundleIsQuotedWithTenPercentOffAndExactGst() throws Exception {
        try (MemberCore core = asha()) {
            Quote q = core.billing().quote(bundle());
            assertTrue(q.toString(), q.isValid());
            assertTrue(q.getViolations().isEmpty());
            assertPrice(q, 5, UNIT, 5, 10);
            /* The figures themselves: 5 x 800.00 - 10% = 3600.00, + 18% GST 648.00. */
            assertEquals(400000L, q.getSubtotal().getMinor());
            assertEquals(40000L, q.getDiscount().getMinor());
            assertEquals(64800L, q.getTax().getMinor());
            assertEquals(424800L, q.getTotal().getMinor());

            /* The tier is the largest of at most n passes: 1/0%, 5/10%, 10/15%. */
            assertPrice(core.billing().quote(selfPasses(1)), 1, UNIT, 1, 0);
            assertPrice(core.billing().quote(selfPasses(4)), 4, UNIT, 1, 0);
            assertPrice(core.billing().quote(selfPasses(9)), 9, UNIT, 5, 10);
            assertPrice(core.billing().quote(selfPasses(10)), 10, UNIT, 10, 15);
            assertPrice(core.billing().quote(selfPasses(12)), 12, UNIT, 10, 15);
        }
    }

    /** A price whose discount and GST both have fractions of a paisa: rounded half up. */
    @Test
    public void quoteRoundsDiscountAndGstHalfUpToThePaisa() throws Exception {
        stub.setDayPassPrice(BLR, 80001L);
        try (MemberCore core = asha()) {
            Quote q = core.billing().quote(bundle());
            /* 400005 x 10% = 40000.5 -> 40001; (400005 - 40001) x 18% = 64800.72 -> 64801. */
            assertEquals(400005L, q.getSubtotal().getMinor());
            assertEquals(40001L, q.getDiscount().getMinor());
            assertEquals(64801L, q.getTax().getMinor());
            assertEquals(424805L, q.getTotal().getMinor());
            assertPrice(q, 5, 80001L, 5, 10);
            /* 80001 x 18% = 14400.18 -> 14400. */
            assertPrice(core.billing().quote(selfPasses(1)), 1, 80001L, 1, 0);
            assertEquals(14400L, core.billing().quote(selfPasses(1)).getTax().getMinor());
            /* 7 x 80003 = 560021, - 56002.1 -> 56002; 504019 x 18% = 90723.42 -> 90723. */
            stub.setDayPassPrice(BLR, 80003L);
            core.sync().once();
            Quote seven = core.billing().quote(selfPasses(7));
            assertPrice(seven, 7, 80003L, 5, 10);
            assertEquals(56002L, seven.getDiscount().getMinor());
            assertEquals(90723L, seven.getTax().getMinor());
        }
    }

    /** Broken rules are violations of the quote, by pass; the server refuses them at checkout. */
    @Test
    public void pastDateAndOtherRulesAreViolationsNotErrors() throws Exception {
        try (MemberCore core = asha()) {
            Cart cart = Cart.builder(BLR)
                    .pass("2027-01-03")  /* 0: yesterday */
                    .pass("2027-01-04")  /* 1: today is fine */
                    .pass("2027-01-10")  /* 2: a Sunday, BLR-1 is closed */
                    .pass("2027-01-26")  /* 3: Republic Day, blacked out */
                    .pass("2027-02-10")  /* 4: beyond the 30-day window */
                    .guestPass("2027-01-04", "Kiran", "kiran@example.in") /* 5: fine */
                    .guestPass("2027-01-04", "Kiran R", "KIRAN@example.in") /* 6: the same */
                    .build();
            Quote q = core.billing().quote(cart);
            assertFalse(q.isValid());
            assertPrice(q, 7, UNIT, 5, 10); /* priced all the same */
            List<Violation> v = q.getViolations();
            assertEquals(v.toString(), 5, v.size());
            assertEquals(0, v.get(0).getIndex());
            assertEquals(Violation.PAST_DATE, v.get(0).getRule());
            assertEquals("past_date", v.get(0).getRule());
            assertTrue(v.get(0).getMessage(), v.get(0).getMessage().contains("2027-01-03"));
            assertEquals(2, v.get(1).getIndex());
            assertEquals(Violation.CLOSED, v.get(1).getRule());
            assertEquals(3, v.get(2).getIndex());
            assertEquals(Violation.BLACKOUT, v.get(2).getRule());
            assertEquals(4, v.get(3).getIndex());
            assertEquals(Violation.BEYOND_WINDOW, v.get(3).getRule());
            assertEquals(6, v.get(4).getIndex());
            assertEquals(Violation.DUPLICATE, v.get(4).getRule());

            /* Only the past date: the server refuses the checkout, naming the pass and rule. */
            Cart past = Cart.builder(BLR).pass("2027-01-05").pass("2027-01-03").build();
            Quote pq = core.billing().quote(past);
            assertEquals(1, pq.getViolations().size());
            assertEquals(1, pq.getViolations().get(0).getIndex());
            assertEquals("past_date", pq.getViolations().get(0).getRule());
            MemberCoreException e =
                    TestSupport.expectError(ErrorCode.CONFLICT, () -> core.billing().checkout(past));
            assertEquals(422, e.getHttpStatus());
            assertEquals("cart_invalid", e.getServerCode());
            assertTrue(core.billing().passes().isEmpty());
        }
    }

    /**
     * The whole purchase: checkout holds the seats (a draft invoice, an order), a forged payment
     * is refused, the real one confirms; after that one call the passes are active with their
     * credentials, and on the pass date the door grants the rotating code, in and out, never in
     * twice running (anti-passback).
     */
    @Test
    public void checkoutPayAndTheDoorGrantsTheRotatingCodeOnce() throws Exception {
        try (MemberCore core = asha()) {
            Order order = core.billing().checkout(bundle());
            assertTrue(order.getOrderId(), order.getOrderId().startsWith("order_"));
            assertTrue(order.getInvoiceId(), order.getInvoiceId().startsWith("inv_"));
            assertEquals("rzp_test_memberstub", order.getRazorpayKeyId());
            assertEquals(424800L, order.getAmount().getMinor());
            assertEquals("INR", order.getAmount().getCurrency());
            assertEquals(StubServer.T0_MS + 15 * 60000L, order.getHoldExpiresAtMs());

            /* The held passes and the draft are in the local store already. */
            List<Pass> held = core.billing().passes();
            assertEquals(held.toString(), 5, held.size());
            for (Pass p : held) {
                assertEquals(p.toString(), PassStatus.HELD, p.getStatus());
                assertEquals("held", p.getStatusName());
                assertEquals(BLR, p.getBuildingId());
                assertEquals(order.getInvoiceId(), p.getInvoiceId());
                assertEquals("", p.getCredentialId());
            }
            assertEquals("2027-01-05", held.get(0).getDate()); /* by date */
            assertEquals("2027-01-08", held.get(4).getDate());
            Pass guest = null;
            for (Pass p : held) {
                if (!p.isOwn()) {
                    guest = p;
                }
            }
            assertNotNull(held.toString(), guest);
            assertEquals(ANANYA, guest.getHolderName());
            assertEquals("ananya@example.in", guest.getHolderEmail());
            assertEquals("2027-01-05", guest.getDate());
            Invoice draft = invoice(core, order.getInvoiceId());
            assertEquals(InvoiceStatus.DRAFT, draft.getStatus());
            assertEquals(424800L, draft.getTotal().getMinor());
            assertEquals(400000L, draft.getSubtotal().getMinor());
            assertEquals(40000L, draft.getDiscount().getMinor());
            assertEquals(64800L, draft.getTax().getMinor());
            assertFalse(draft.getLines().isEmpty());
            assertTrue(core.access().credentials().isEmpty());

            /* A forged signature: refused, nothing changes. */
            String[] forged = stub.razorpayPay(order.getOrderId(), true);
            MemberCoreException e = TestSupport.expectError(ErrorCode.PAYMENT_FAILED,
                    () -> core.billing().confirmInvoicePayment(order.getOrderId(), forged[0], forged[1]));
            assertEquals(402, e.getHttpStatus());
            assertEquals("payment_failed", e.getServerCode());
            assertEquals(PassStatus.HELD, core.billing().passes().get(0).getStatus());

            /* The real one: active, with credentials, as soon as the call returns. */
            String[] paid = stub.razorpayPay(order.getOrderId(), false);
            core.billing().confirmInvoicePayment(order.getOrderId(), paid[0], paid[1]);
            List<Pass> active = core.billing().passes();
            assertEquals(5, active.size());
            for (Pass p : active) {
                assertEquals(p.toString(), PassStatus.ACTIVE, p.getStatus());
                assertTrue(p.toString(), p.getCredentialId().startsWith("crd_"));
            }
            Invoice invoice = invoice(core, order.getInvoiceId());
            assertEquals(InvoiceStatus.PAID, invoice.getStatus());
            assertEquals(StubServer.T0_MS, invoice.getPaidAtMs());
            core.billing().confirmInvoicePayment(order.getOrderId(), paid[0], paid[1]); /* harmless */

            /* Asha's own four credentials are here; Ananya's code went to her by email. */
            List<Credential> creds = core.access().credentials();
            assertEquals(creds.toString(), 4, creds.size());
            Credential tuesday = creds.get(0); /* soonest valid first */
            assertEquals(CredentialKind.PASS, tuesday.getKind());
            assertEquals("pass", tuesday.getKindName());
            assertEquals(BLR, tuesday.getBuildingId());
            assertEquals("", tuesday.getReservationId());
            assertEquals(DAY0_MS + DAY, tuesday.getValidFromMs()); /* the local day */
            assertEquals(DAY0_MS + 2 * DAY, tuesday.getValidUntilMs());
            Pass tuesdayPass = ownPass(active, "2027-01-05");
            assertEquals(tuesdayPass.getId(), tuesday.getPassId());
            assertEquals(tuesdayPass.getCredentialId(), tuesday.getId());
            assertEquals(DAY0_MS + 4 * DAY, creds.get(3).getValidFromMs());
            String emails = stub.emails("ananya@example.in");
            assertTrue(emails, emails.contains(guestOf(active).getCredentialId() + "|G|"));

            /* Monday: the pass is for tomorrow. */
            e = TestSupport.expectError(ErrorCode.STATE,
                    () -> core.access().payload(tuesday.getId()));
            assertTrue(e.getMessage(), e.getMessage().contains("not valid yet"));

            /* Tuesday 10:00 at the door. */
            long tuesday10 = StubServer.T0_MS + DAY;
            setClocks(tuesday10);
            CredentialPayload code = core.access().payload(tuesday.getId());
            Matcher m = HOLDER_PAYLOAD.matcher(code.getPayload());
            assertTrue(code.getPayload(), m.matches());
            assertEquals(tuesday.getId(), m.group(1));
            long step = tuesday10 / 30000L;
            assertEquals(step, Long.parseLong(m.group(2)));
            assertEquals((step + 1) * 30000L, code.getRefreshAtMs());
            assertTrue(code.getPayload().length() <= 62);
            assertEquals(code.getPayload(), core.access().payload(tuesday.getId()).getPayload());

            assertEquals("wrong_building", stub.doorScan("MUM-1", code.getPayload()));
            assertNull("granted", stub.doorScan(BLR, code.getPayload()));
            /* In twice without an out between (the code shown to a second person). */
            assertEquals("anti_passback", stub.doorScan(BLR, code.getPayload()));

            /* The next step's code is another: out with it, and in again. */
            setClocks(code.getRefreshAtMs());
            CredentialPayload next = core.access().payload(tuesday.getId());
            assertNotEquals(code.getPayload(), next.getPayload());
            assertNull("granted", stub.doorScan(BLR, next.getPayload(), "out"));
            assertNull("granted", stub.doorScan(BLR, next.getPayload(), "in"));
            /* Wednesday's pass does not open Tuesday's door yet. */
            TestSupport.expectError(ErrorCode.STATE,
                    () -> core.access().payload(creds.get(1).getId()));

            /* What the phone shows: the code as a QR image. */
            QrCode qr = Access.qrEncode(next.getPayload());
            assertTrue(qr.toString(), qr.getVersion() >= 1 && qr.getVersion() <= 4);
            QrBitmap bitmap = Access.qrBitmap(next.getPayload(), 6);
            AccessTest.assertDrawn(qr, bitmap, 6);

            /* Wednesday after 00:00: Tuesday's credential is off the list, and expired. */
            setClocks(DAY0_MS + 2 * DAY);
            List<Credential> left = core.access().credentials();
            assertEquals(3, left.size());
            assertEquals(creds.get(1).getId(), left.get(0).getId());
            e = TestSupport.expectError(ErrorCode.STATE,
                    () -> core.access().payload(tuesday.getId()));
            assertTrue(e.getMessage(), e.getMessage().contains("expired"));
            assertNull("granted",
                    stub.doorScan(BLR, core.access().payload(left.get(0).getId()).getPayload()));
        }
    }

    /** Argument errors name the field, whichever side finds them. */
    @Test
    public void invalidCartsNameTheField() throws Exception {
        try (MemberCore core = asha()) {
            assertMessage(ErrorCode.INVALID_ARG, "items[0].date",
                    () -> core.billing().quote(Cart.builder(BLR).pass("2027-13-01").build()));
            assertMessage(ErrorCode.INVALID_ARG, "items[0].date",
                    () -> core.billing().quote(Cart.builder(BLR).pass(null).build()));
            assertMessage(ErrorCode.INVALID_ARG, "items[1].guest_email",
                    () -> core.billing().quote(Cart.builder(BLR).pass("2027-01-05")
                            .guestPass("2027-01-05", "Kiran", "not-an-email").build()));
            assertMessage(ErrorCode.INVALID_ARG, "items[0]",
                    () -> core.billing().quote(Cart.builder(BLR)
                            .guestPass("2027-01-05", "Kiran", null).build()));
            assertMessage(ErrorCode.INVALID_ARG, "building_id",
                    () -> core.billing().quote(Cart.builder(null).pass("2027-01-05").build()));
            assertMessage(ErrorCode.INVALID_ARG, "1 to 50",
                    () -> core.billing().quote(Cart.builder(BLR).build()));
            assertMessage(ErrorCode.INVALID_ARG, "1 to 50",
                    () -> core.billing().quote(selfPasses(51)));
            /* Found by the glue: a null pass, U+0000 (a C string cannot carry it), no cart. */
            assertMessage(ErrorCode.INVALID_ARG, "items[1]",
                    () -> core.billing().quote(Cart.builder(BLR).pass("2027-01-05").item(null)
                            .build()));
            assertMessage(ErrorCode.INVALID_ARG, "items[0].guest_name",
                    () -> core.billing().quote(Cart.builder(BLR)
                            .guestPass("2027-01-05", "Ki\u0000ran", "kiran@example.in")
                            .build()));
            assertMessage(ErrorCode.INVALID_ARG, "cart", () -> core.billing().quote(null));
            assertMessage(ErrorCode.INVALID_ARG, "cart", () -> core.billing().checkout(null));
            /* Checkout checks the same before going online. */
            assertMessage(ErrorCode.INVALID_ARG, "items[0].date",
                    () -> core.billing().checkout(Cart.builder(BLR).pass("05/01/2027").build()));
            assertMessage(ErrorCode.NOT_FOUND, "NOWHERE",
                    () -> core.billing().quote(Cart.builder("NOWHERE").pass("2027-01-05").build()));

            assertMessage(ErrorCode.INVALID_ARG, "order_id",
                    () -> core.billing().confirmInvoicePayment(null, "pay_1", "sig"));
            assertMessage(ErrorCode.INVALID_ARG, "payment_id",
                    () -> core.billing().confirmInvoicePayment("order_1", "", "sig"));
            assertMessage(ErrorCode.INVALID_ARG, "signature",
                    () -> core.billing().confirmInvoicePayment("order_1", "pay_1", null));
            assertMessage(ErrorCode.INVALID_ARG, "credential_id",
                    () -> core.access().payload(null));
            assertMessage(ErrorCode.INVALID_ARG, "credential_id",
                    () -> core.access().payload(""));
            assertMessage(ErrorCode.NOT_FOUND, "crd_nope",
                    () -> core.access().payload("crd_nope"));
            assertTrue(core.billing().passes().isEmpty());
        }
    }

    /** Every billing and access read needs a member. */
    @Test
    public void signedOutReadsAreUnauthorized() {
        try (MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null)) {
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.billing().quote(bundle()));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.billing().checkout(bundle()));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.billing()::passes);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.billing()::invoices);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.billing()::membership);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.access()::credentials);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    () -> core.access().payload("crd_x"));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.billing().payInvoice("inv_x"));
        }
    }

    @Test
    public void statusNamesAndKindsMatchTheCore() {
        /* Each Java constant's C value is the one the core names after it: the enums follow
         * the C enums' order (a constant out of place would be named after another). */
        for (PassStatus v : PassStatus.values()) {
            assertEquals(lower(v), v.statusName());
            assertEquals(v, PassStatus.fromValue(v.value()));
        }
        for (InvoiceStatus v : InvoiceStatus.values()) {
            assertEquals(lower(v), v.statusName());
            assertEquals(v, InvoiceStatus.fromValue(v.value()));
        }
        for (MembershipStatus v : MembershipStatus.values()) {
            assertEquals(lower(v), v.statusName());
            assertEquals(v, MembershipStatus.fromValue(v.value()));
        }
        for (CredentialKind v : CredentialKind.values()) {
            assertEquals(lower(v), v.kindName());
            assertEquals(v, CredentialKind.fromValue(v.value()));
        }
        for (BookingStatus v : BookingStatus.values()) {
            assertEquals(lower(v), v.statusName());
        }
        /* A value newer than this binding. */
        assertEquals(PassStatus.UNKNOWN, PassStatus.fromValue(PassStatus.values().length));
        assertEquals(InvoiceStatus.UNKNOWN, InvoiceStatus.fromValue(-1));
        assertEquals(CredentialKind.UNKNOWN, CredentialKind.fromValue(99));
        List<Kind> kinds = new ArrayList<Kind>(Kind.fromBits(1024 | 2048 | 4096 | 8192));
        assertEquals("[CREDENTIAL, PASS, INVOICE, MEMBERSHIP]", kinds.toString());
    }

    // ---- helpers --------------------------------------------------------------------------

    /* The constant's Java name in lower case: what the core calls the same state. */
    private static String lower(Enum<?> v) {
        return v.name().toLowerCase(java.util.Locale.ROOT);
    }

    static void assertMessage(ErrorCode code, String part, Runnable r) {
        MemberCoreException e = TestSupport.expectError(code, r);
        assertTrue("'" + part + "' in: " + e.getMessage(), e.getMessage().contains(part));
    }

    static Invoice invoice(MemberCore core, String id) {
        for (Invoice i : core.billing().invoices()) {
            if (i.getId().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no invoice " + id + " in " + core.billing().invoices());
    }

    private static Pass ownPass(List<Pass> passes, String date) {
        for (Pass p : passes) {
            if (p.isOwn() && p.getDate().equals(date)) {
                return p;
            }
        }
        throw new AssertionError("no own pass on " + date + " in " + passes);
    }

    private static Pass guestOf(List<Pass> passes) {
        for (Pass p : passes) {
            if (!p.isOwn()) {
                return p;
            }
        }
        throw new AssertionError("no guest pass in " + passes);
    }
}
