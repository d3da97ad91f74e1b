package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Hot desks by the day ({@code membercore/desks.h}): {@code core.desks()}. Search the free desks
 * of a date (local), book one with the plan's desk days or the company's credits (offline: pending
 * at once, confirmed or refused on sync) or by card through Razorpay (online), confirm the card
 * payment, cancel before the cut-off, list the member's desk days, and find their dedicated desk.
 *
 * <p>Any thread. {@link #book} with {@link DeskPayment#RAZORPAY} and {@link #confirmPayment} wait
 * on the network: call them off the UI thread. Every method throws
 * {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Desks {
    private final MemberCore core;

    Desks(MemberCore core) {
        this.core = core;
    }

    /**
     * The hot desks of {@code query}'s date that no one holds, from the local store (offline),
     * with how the member may pay that day. Errors: INVALID_ARG (names the field: a date that is
     * not a date, an unknown feature word), NOT_FOUND (building), UNAUTHORIZED, STORAGE.
     */
    public @NotNull DeskSearch search(final @NotNull DeskQuery query) {
        MemberCore.require(query, "query");
        return core.call(h -> Native.desksSearch(h, query.buildingId, query.date, query.area,
                query.features));
    }

    /**
     * Book {@code deskId} for {@code date} ({@code "YYYY-MM-DD"}, building-local).
     * {@link DeskPayment#PLAN} and {@link DeskPayment#CREDITS}: checked locally, recorded at once
     * as {@link DeskBookingStatus#PENDING} and queued; never blocks on the network.
     * {@link DeskPayment#RAZORPAY}: online (blocking); the desk is held 15 minutes and the answer
     * carries the order for checkout, then call {@link #confirmPayment}. Returns the booking as
     * now shown. Errors: INVALID_ARG (names the field), NOT_FOUND (desk), CONFLICT with
     * {@link MemberCoreException#getRule()} (TAKEN, CLOSED, BLACKOUT, PAST, BEYOND_WINDOW,
     * ALREADY_BOOKED, AFTER_CUTOFF), INSUFFICIENT_CREDITS (credits, or no desk days left),
     * FORBIDDEN (a dedicated desk holder, a plan without desk days, credits without a company),
     * UNAUTHORIZED, STORAGE; Razorpay also OFFLINE, NETWORK, SERVER.
     */
    public @NotNull DeskBooking book(final @NotNull String deskId, final @NotNull String date,
            final @NotNull DeskPayment pay) {
        MemberCore.require(pay, "pay");
        if (pay == DeskPayment.UNKNOWN) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG,
                    "pay must be PLAN, CREDITS or RAZORPAY");
        }
        return core.call(h -> Native.deskBook(h, deskId, date, pay.value()));
    }

    /**
     * Confirm a Razorpay payment with what checkout returned; only the server's signature check
     * confirms it. Twice is harmless. Online (blocking); the local store is synced before it
     * returns. Errors: INVALID_ARG, PAYMENT_FAILED, CONFLICT (the hold lapsed), NOT_FOUND,
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull DeskBooking confirmPayment(final @NotNull String bookingId,
            final @NotNull String orderId, final @NotNull String paymentId,
            final @NotNull String signature) {
        return core.call(h -> Native.deskConfirmPayment(h, bookingId, orderId, paymentId,
                signature));
    }

    /**
     * Cancel a desk booking: shown cancelled (pending) at once and queued; before the date's
     * cut-off the desk day or credits come back. Returns it as now shown. Errors: INVALID_ARG,
     * NOT_FOUND, STATE (already cancelled or released, or the cut-off passed: the message says
     * which), UNAUTHORIZED, STORAGE.
     */
    public @NotNull DeskBooking cancel(final @NotNull String bookingId) {
        return core.call(h -> Native.deskCancel(h, bookingId));
    }

    /** Every desk booking of the member's, soonest date first (the whole list). */
    public @NotNull List<DeskBooking> bookings() {
        return bookings((String) null);
    }

    /**
     * The member's desk bookings dated on or after {@code fromDate} ({@code "YYYY-MM-DD"}; null:
     * all), pending changes on top, soonest first, from the local store: the whole list.
     * Errors: INVALID_ARG, UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<DeskBooking> bookings(final @Nullable String fromDate) {
        return MemberCore.listOf(core.call(h -> Native.deskBookings(h, fromDate)));
    }

    /** One page of {@link #bookings(String)}: screens use this one. */
    public @NotNull ListPage<DeskBooking> bookings(final @Nullable String fromDate,
            final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.deskBookingsPage(h, fromDate, page.getLimit(),
                page.getCursor()));
    }

    /** The member's dedicated desk, or null when they have none. Local. */
    public @Nullable Desk mine() {
        return core.call(Native::deskMine);
    }
}
