package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Meeting rooms: search, bookings paid with company credits or Razorpay, cancellation, the
 * member's bookings and the company's credits: {@code core.rooms()}.
 *
 * <p>Any thread. Search, credit bookings, cancellations and the lists answer from the local
 * store (works offline; sync to refresh). A Razorpay {@link #book} and {@link #confirmPayment}
 * block on the network (up to the configured timeouts): call them off the UI thread. Every
 * method throws {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Rooms {
    private final MemberCore core;

    Rooms(MemberCore core) {
        this.core = core;
    }

    /**
     * The rooms of a building that match the query, with their free 60-minute blocks on the
     * date, from the local store (works offline; sync to refresh). The member's own bookings
     * waiting for the server count as taken. Errors: INVALID_ARG (names the field: date,
     * from/to, min_capacity, amenity), NOT_FOUND (no such building locally: sync first),
     * UNAUTHORIZED, STORAGE.
     */
    public @NotNull RoomSearch search(final @NotNull RoomQuery query) {
        MemberCore.require(query, "query");
        final String[] amenities = query.amenities.toArray(new String[0]);
        return core.call(h -> Native.searchRooms(h, query.buildingId, query.date, query.from,
                query.to, query.minCapacity, amenities));
    }

    /**
     * Book a room. {@link Payment#CREDITS}: checked locally (the blocks free here, enough
     * credits as last synced), recorded at once as {@link BookingStatus#PENDING} and queued for
     * the server; never blocks on the network. The server may still refuse it on sync (slot
     * taken meanwhile, credits short): the booking then disappears and a
     * {@link SyncEventType#MUTATION_REJECTED} event says why. {@link Payment#RAZORPAY}: online
     * (blocks); the server holds the slot for 15 minutes and opens an order: open Razorpay
     * checkout with {@link Booking#getOrderId()} and {@link Booking#getRazorpayKeyId()}, then
     * call {@link #confirmPayment}. Errors: INVALID_ARG (names the field), NOT_FOUND (room),
     * CONFLICT (taken, closed, blacked out, too soon or beyond the booking window: the message
     * says which), INSUFFICIENT_CREDITS, FORBIDDEN (no company credits), UNAUTHORIZED, STORAGE;
     * for Razorpay also OFFLINE, NETWORK, SERVER.
     */
    public @NotNull Booking book(final @NotNull BookingRequest request) {
        MemberCore.require(request, "request");
        if (request.pay == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, "pay is required");
        }
        int n = request.guests.size();
        final String[] names = new String[n];
        final String[] emails = new String[n];
        for (int i = 0; i < n; i++) {
            Guest g = request.guests.get(i);
            MemberCore.require(g, "guests[" + i + "]");
            names[i] = g.name;
            emails[i] = g.email;
        }
        return core.call(h -> Native.createBooking(h, request.roomId, request.date,
                request.start, request.hours, names, emails, request.pay.value()));
    }

    /**
     * Confirm a Razorpay payment with what Razorpay checkout returned
     * ({@code razorpay_payment_id}, {@code razorpay_signature}); only the server's signature
     * check confirms it. Confirming twice is harmless. Online (blocks); the local store is
     * synced before it returns. Errors: INVALID_ARG (a missing field, or the order belongs to
     * another booking: that one's payment is then confirmed), PAYMENT_FAILED (signature
     * refused), NOT_FOUND, CONFLICT (the hold lapsed or the booking was cancelled),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull Booking confirmPayment(final @NotNull String bookingId,
            final @NotNull String orderId, final @NotNull String paymentId,
            final @NotNull String signature) {
        return core.call(h -> Native.confirmPayment(h, bookingId, orderId, paymentId,
                signature));
    }

    /**
     * Cancel a booking: shown cancelled (pending) at once and queued for the server, which
     * refunds the credits when it is cancelled before the building's cut-off. Returns the
     * booking as now shown ({@link BookingStatus#CANCELLED}, pending). Cancelling one already
     * being cancelled changes nothing and returns it again. Errors: INVALID_ARG, NOT_FOUND,
     * STATE (already cancelled, or over), UNAUTHORIZED, STORAGE.
     */
    public @NotNull Booking cancel(final @NotNull String bookingId) {
        return core.call(h -> Native.cancelBooking(h, bookingId));
    }

    /** Every booking of the member's, soonest first, with pending changes on top. Local only. */
    public @NotNull List<Booking> bookings() {
        return bookings(0);
    }

    /**
     * The member's bookings ending after {@code fromMs} (0: all), soonest first, with pending
     * changes on top. Local only. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Booking> bookings(final long fromMs) {
        return MemberCore.listOf(core.call(h -> Native.bookings(h, fromMs)));
    }

    /**
     * One page of {@link #bookings(long)}'s list, soonest first, read through an index: screens
     * use this one. Errors: UNAUTHORIZED, STORAGE; INVALID_ARG ({@code page} null, or its cursor
     * not one this list, with this {@code fromMs}, returned).
     */
    public @NotNull ListPage<Booking> bookings(final long fromMs, final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.bookingsPage(h, fromMs, page.getLimit(), page.getCursor()));
    }

    /**
     * The member's company credits and ledger, from the local store. Errors: NOT_FOUND (the
     * member has no company credit plan, or the company is not synced yet: the message says
     * which), UNAUTHORIZED, STORAGE.
     */
    public @NotNull Credits credits() {
        return core.call(Native::credits);
    }

    /**
     * {@link #credits()} with one page of the ledger, newest first, read through an index: screens
     * use this one ({@link Credits#getLedgerNextCursor()} is the next page's cursor). Errors: as
     * {@link #credits()}; INVALID_ARG ({@code page} null, or its cursor not one the ledger
     * returned).
     */
    public @NotNull Credits credits(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.creditsPage(h, page.getLimit(), page.getCursor()));
    }
}
