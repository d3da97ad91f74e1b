package org.membercore;

import java.util.Arrays;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A desk day of the member's ({@code mc_desk_booking}, membercore/desks.h), pending changes of
 * this device included ({@link #isPending()}). Dates are building-local; beside each instant a
 * person reads is a {@link BuildingTime} the core filled (null where there is none). Strings are
 * never null ({@code ""} when absent).
 */
public final class DeskBooking {
    /* The glue's string, int and time arrays, in these orders (natives_desks.c). */
    private static final int S_ID = 0, S_DESK_ID = 1, S_DESK_NAME = 2, S_AREA = 3,
            S_BUILDING = 4, S_DATE = 5, S_ORDER = 6, S_KEY = 7, S_CREDENTIAL = 8;
    private static final int I_STATUS = 0, I_PAID_BY = 1, I_DESK_DAYS = 2, I_CREDITS = 3;
    private static final int T_CHECKIN_BY = 0, T_HOLD_EXPIRES = 1, T_CHECKED_IN = 2,
            T_RELEASED = 3;

    private final String[] s;
    private final int[] ints;
    private final BuildingTime[] times;
    private final DeskBookingStatus status;
    private final DeskPayment paidBy;
    private final Money amount;
    private final boolean doorCodeReady;
    private final boolean checkedIn;
    private final boolean pending;

    /* Called by the JNI glue (natives_desks.c: new_desk_booking). */
    DeskBooking(String[] strings, int[] ints, BuildingTime[] times, Money amount,
            boolean doorCodeReady, boolean checkedIn, boolean pending) {
        this.s = strings;
        this.ints = ints;
        this.times = times;
        this.status = DeskBookingStatus.fromValue(ints[I_STATUS]);
        this.paidBy = DeskPayment.fromValue(ints[I_PAID_BY]);
        this.amount = amount;
        this.doorCodeReady = doorCodeReady;
        this.checkedIn = checkedIn;
        this.pending = pending;
    }

    public @NotNull String getId() {
        return s[S_ID];
    }

    public @NotNull String getDeskId() {
        return s[S_DESK_ID];
    }

    /** {@code "D07"}; {@code ""} when the desk is not on this device. */
    public @NotNull String getDeskName() {
        return s[S_DESK_NAME];
    }

    public @NotNull String getArea() {
        return s[S_AREA];
    }

    public @NotNull String getBuildingId() {
        return s[S_BUILDING];
    }

    /** {@code "YYYY-MM-DD"}, building-local. */
    public @NotNull String getDate() {
        return s[S_DATE];
    }

    /** The date's check-in cut-off in the building's local time (11:00 IST). */
    public @NotNull BuildingTime getCheckinBy() {
        return times[T_CHECKIN_BY];
    }

    /** Including the member's pending change. */
    public @NotNull DeskBookingStatus getStatus() {
        return status;
    }

    public @NotNull DeskPayment getPaidBy() {
        return paidBy;
    }

    /** Plan desk days used (1 for a plan booking). */
    public int getDeskDays() {
        return ints[I_DESK_DAYS];
    }

    /** Credits debited (a credits booking). */
    public int getCredits() {
        return ints[I_CREDITS];
    }

    /** Razorpay: what was charged; zero otherwise. */
    public @NotNull Money getAmount() {
        return amount;
    }

    /** Razorpay: the order to hand to checkout; {@code ""} otherwise. */
    public @NotNull String getOrderId() {
        return s[S_ORDER];
    }

    public @NotNull String getRazorpayKeyId() {
        return s[S_KEY];
    }

    /** Razorpay's 15-minute hold; null when none. */
    public @Nullable BuildingTime getHoldExpiresAt() {
        return times[T_HOLD_EXPIRES];
    }

    /** The door code's credential ({@link Access#payload}); {@code ""} until issued. */
    public @NotNull String getCredentialId() {
        return s[S_CREDENTIAL];
    }

    /** The credential and its secret are on this device: the door code works offline. */
    public boolean isDoorCodeReady() {
        return doorCodeReady;
    }

    /** Checked in at the door (before the cut-off). */
    public boolean isCheckedIn() {
        return checkedIn;
    }

    /** null until checked in. */
    public @Nullable BuildingTime getCheckedInAt() {
        return times[T_CHECKED_IN];
    }

    /** null unless released. */
    public @Nullable BuildingTime getReleasedAt() {
        return times[T_RELEASED];
    }

    /** A change of it made on this device is waiting for the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "DeskBooking{" + s[S_ID] + " " + s[S_DESK_ID] + " " + s[S_DATE] + " "
                + status.statusName() + " " + paidBy + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeskBooking)) {
            return false;
        }
        DeskBooking other = (DeskBooking) o;
        return Arrays.equals(s, other.s) && Arrays.equals(ints, other.ints)
                && Arrays.equals(times, other.times) && Objects.equals(status, other.status)
                && Objects.equals(paidBy, other.paidBy) && Objects.equals(amount, other.amount)
                && doorCodeReady == other.doorCodeReady && checkedIn == other.checkedIn
                && pending == other.pending;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(status, paidBy, amount, doorCodeReady, checkedIn, pending);
        h = 31 * h + Arrays.hashCode(s);
        h = 31 * h + Arrays.hashCode(ints);
        h = 31 * h + Arrays.hashCode(times);
        return h;
    }
}
