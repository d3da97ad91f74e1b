package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Day passes, invoices and their payment, and the membership: {@code core.billing()}.
 *
 * <p>Any thread. {@link #quote} and the lists answer from the local store (works offline; sync
 * to refresh). {@link #checkout}, {@link #payInvoice} and {@link #confirmInvoicePayment} block
 * on the network (up to the configured timeouts): call them off the UI thread. Every method
 * throws {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Billing {
    private final MemberCore core;

    Billing(MemberCore core) {
        this.core = core;
    }

    /* The cart as the three parallel arrays the glue takes: dates, guest names, guest emails. */
    private static String[][] cartArrays(Cart cart) {
        int n = cart.items.size();
        String[][] a = new String[3][n];
        for (int i = 0; i < n; i++) {
            PassItem p = cart.items.get(i);
            MemberCore.require(p, "items[" + i + "]");
            a[0][i] = p.date;
            a[1][i] = p.guestName;
            a[2][i] = p.guestEmail;
        }
        return a;
    }

    /**
     * Price a cart with the synced tiers and check it against every rule the device knows (past
     * dates, the booking window, blackouts, closed days, one pass per person per date); the
     * broken ones are in {@link Quote#getViolations()}, not thrown. Capacity is only known to
     * the server. Local only (works offline; sync to refresh prices). Errors: INVALID_ARG (the
     * cart's shape, a date or an email: the message names the field, e.g.
     * {@code items[1].guest_email}), NOT_FOUND (building not synced, or selling no passes),
     * UNAUTHORIZED, STORAGE.
     */
    public @NotNull Quote quote(final @NotNull Cart cart) {
        MemberCore.require(cart, "cart");
        final String[][] a = cartArrays(cart);
        return core.call(h -> Native.quotePasses(h, cart.buildingId, a[0], a[1], a[2]));
    }

    /**
     * Buy a cart: the server re-checks it (capacity included), makes a draft invoice and a
     * Razorpay order and holds the seats for 15 minutes; the held passes and the draft are
     * synced into the local store before it returns. Open Razorpay checkout with the order,
     * then call {@link #confirmInvoicePayment}. Online (blocks). Errors: INVALID_ARG (names the
     * field), CONFLICT (a rule broken or the day full: the message says which pass and rule),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER.
     */
    public @NotNull Order checkout(final @NotNull Cart cart) {
        MemberCore.require(cart, "cart");
        final String[][] a = cartArrays(cart);
        return core.call(h -> Native.checkoutPasses(h, cart.buildingId, a[0], a[1], a[2]));
    }

    /**
     * A Razorpay order for an {@link InvoiceStatus#ISSUED} or {@link InvoiceStatus#OVERDUE}
     * invoice; then {@link #confirmInvoicePayment}. Online (blocks). Errors: INVALID_ARG
     * ({@code invoice_id}), NOT_FOUND, STATE (paid, void or draft: server code
     * {@code "not_payable"}; the present core reports it as CONFLICT, so test the server code),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER.
     */
    public @NotNull Order payInvoice(final @NotNull String invoiceId) {
        return core.call(h -> Native.payInvoice(h, invoiceId));
    }

    /**
     * Confirm an invoice's payment with what Razorpay checkout returned
     * ({@code razorpay_payment_id}, {@code razorpay_signature}); only the server's signature
     * check confirms it, and confirming twice is harmless. The local store is synced before it
     * returns: the invoice paid, a checkout's passes {@link PassStatus#ACTIVE} with their
     * credentials in {@link Access#credentials()}. Online (blocks). Errors: INVALID_ARG (a
     * missing field, named; or a room booking's order: use {@link Rooms#confirmPayment}),
     * PAYMENT_FAILED (signature refused), CONFLICT (the hold lapsed), NOT_FOUND, UNAUTHORIZED,
     * OFFLINE, NETWORK, SERVER. Returns what it did: {@link InvoicePayment#getRefund()} is set
     * when the invoice had been paid already (a colleague paid it first): this payment is
     * refunded, never charged twice in silence.
     */
    public @NotNull InvoicePayment confirmInvoicePayment(final @NotNull String orderId,
            final @NotNull String paymentId, final @NotNull String signature) {
        return core.call(h -> Native.confirmInvoicePayment(h, orderId, paymentId, signature));
    }

    /** The member's day passes (theirs and their guests'), by date. Local only. */
    public @NotNull List<Pass> passes() {
        return MemberCore.listOf(core.call(Native::passes));
    }

    /**
     * One page of {@link #passes()}, by date, read through an index: screens use this one. Local
     * only. Errors: UNAUTHORIZED, STORAGE; INVALID_ARG ({@code page} null, or its cursor not one
     * this list returned).
     */
    public @NotNull ListPage<Pass> passes(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.passesPage(h, page.getLimit(), page.getCursor()));
    }

    /**
     * The billing history, newest first (a company member: the company's invoices). Local
     * only. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Invoice> invoices() {
        return MemberCore.listOf(core.call(Native::invoices));
    }

    /**
     * One page of the billing history, newest first, read through an index: screens use this
     * one. Local only. Errors: UNAUTHORIZED, STORAGE; INVALID_ARG ({@code page} null, or its
     * cursor not one this list returned).
     */
    public @NotNull ListPage<Invoice> invoices(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.invoicesPage(h, page.getLimit(), page.getCursor()));
    }

    /**
     * The member's membership ({@code "none"} for an on-demand user, never null). Local only.
     * Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull Membership membership() {
        return core.call(Native::membership);
    }
}
