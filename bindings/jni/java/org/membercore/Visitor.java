package org.membercore;

import java.util.Arrays;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A visitor ({@code mc_visitor}, membercore/visitors.h): someone a member invited for one date at
 * a building, or a walk-in reception registered for them. From the member's local store
 * ({@link Visitors}, their own changes not yet on the server included: {@link #isPending()}) or
 * from the server as reception sees it ({@link Reception}, with the host's name). Instants are
 * UTC ms (0: none) with, beside each one a person reads, a {@link BuildingTime} the core filled
 * in the building's local time (null where there is none): show those.
 */
public final class Visitor {
    /* The glue's string, int, long and time arrays, in these orders (natives_visitors.c). */
    private static final int S_ID = 0, S_BUILDING = 1, S_NAME = 2, S_EMAIL = 3, S_PHONE = 4,
            S_DATE = 5, S_HOST_ID = 6, S_HOST_NAME = 7;
    private static final int I_WINDOW_FROM = 0, I_WINDOW_TO = 1, I_STATUS = 2, I_CHECKIN = 3;
    private static final int L_CREATED = 0, L_ARRIVED = 1, L_APPROVAL_DUE = 2;
    private static final int T_WINDOW_FROM = 0, T_WINDOW_TO = 1, T_ARRIVED = 2,
            T_APPROVAL_DUE = 3;

    private final String[] s;
    private final int[] ints;
    private final long[] ms;
    private final BuildingTime[] times;
    private final VisitorStatus status;
    private final VisitorCheckin checkin;
    private final boolean walkIn;
    private final boolean declinedByTimeout;
    private final boolean pending;

    /* Called by the JNI glue (natives_visitors.c: new_visitor). */
    Visitor(String[] strings, int[] ints, long[] longs, BuildingTime[] times, boolean walkIn,
            boolean declinedByTimeout, boolean pending) {
        this.s = strings;
        this.ints = ints;
        this.ms = longs;
        this.times = times;
        this.status = VisitorStatus.fromValue(ints[I_STATUS]);
        this.checkin = VisitorCheckin.fromValue(ints[I_CHECKIN]);
        this.walkIn = walkIn;
        this.declinedByTimeout = declinedByTimeout;
        this.pending = pending;
    }

    /** {@code "vis_"} and 32 hex digits. */
    public @NotNull String getId() {
        return s[S_ID];
    }

    public @NotNull String getBuildingId() {
        return s[S_BUILDING];
    }

    public @NotNull String getName() {
        return s[S_NAME];
    }

    /** Where the QR code was emailed; {@code ""} for a walk-in who gave none. */
    public @NotNull String getEmail() {
        return s[S_EMAIL];
    }

    /** E.164; {@code ""} when none. */
    public @NotNull String getPhone() {
        return s[S_PHONE];
    }

    /** {@code "YYYY-MM-DD"}: the building-local date the code is valid on. */
    public @NotNull String getDate() {
        return s[S_DATE];
    }

    /** The member who invited them. */
    public @NotNull String getHostId() {
        return s[S_HOST_ID];
    }

    /** The host's name as reception sees it; {@code ""} on the member's side. */
    public @NotNull String getHostName() {
        return s[S_HOST_NAME];
    }

    /** Whether an expected arrival window was given. */
    public boolean hasWindow() {
        return ints[I_WINDOW_FROM] >= 0;
    }

    /** The window's start in minutes after the building's local midnight; -1 when none. */
    public int getWindowFromMin() {
        return ints[I_WINDOW_FROM];
    }

    /** The window's end in minutes after the building's local midnight; -1 when none. */
    public int getWindowToMin() {
        return ints[I_WINDOW_TO];
    }

    /** The window's start on its date, in the building's local time; null when none. */
    public @Nullable BuildingTime getWindowFrom() {
        return times[T_WINDOW_FROM];
    }

    /** The window's end on its date, in the building's local time; null when none. */
    public @Nullable BuildingTime getWindowTo() {
        return times[T_WINDOW_TO];
    }

    /** Including the member's pending cancel or decision. */
    public @NotNull VisitorStatus getStatus() {
        return status;
    }

    /** Registered by reception without an invitation. */
    public boolean isWalkIn() {
        return walkIn;
    }

    /** How they arrived ({@link VisitorCheckin#NONE} until they do). */
    public @NotNull VisitorCheckin getCheckin() {
        return checkin;
    }

    /** 0 until they arrive. */
    public long getArrivedAtMs() {
        return ms[L_ARRIVED];
    }

    /** When they arrived, in the building's local time; null until they do. */
    public @Nullable BuildingTime getArrivedAt() {
        return times[T_ARRIVED];
    }

    /** A walk-in awaiting approval: when it declines itself; else 0. */
    public long getApprovalDueMs() {
        return ms[L_APPROVAL_DUE];
    }

    /** {@link #getApprovalDueMs()} in the building's local time; null when 0. */
    public @Nullable BuildingTime getApprovalDue() {
        return times[T_APPROVAL_DUE];
    }

    /** {@link VisitorStatus#DECLINED} because nobody answered in time. */
    public boolean isDeclinedByTimeout() {
        return declinedByTimeout;
    }

    public long getCreatedAtMs() {
        return ms[L_CREATED];
    }

    /**
     * A write of this device the server has not confirmed yet: the invitation itself, a cancel
     * or a decision ({@link #getStatus()} already shows its effect).
     */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "Visitor{" + s[S_ID] + " '" + s[S_NAME] + "' " + s[S_BUILDING] + " " + s[S_DATE]
                + " " + status.statusName() + (walkIn ? " walk-in" : "")
                + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Visitor)) {
            return false;
        }
        Visitor other = (Visitor) o;
        return Arrays.equals(s, other.s) && Arrays.equals(ints, other.ints)
                && Arrays.equals(ms, other.ms) && Arrays.equals(times, other.times)
                && Objects.equals(status, other.status) && Objects.equals(checkin, other.checkin)
                && walkIn == other.walkIn && declinedByTimeout == other.declinedByTimeout
                && pending == other.pending;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(status, checkin, walkIn, declinedByTimeout, pending);
        h = 31 * h + Arrays.hashCode(s);
        h = 31 * h + Arrays.hashCode(ints);
        h = 31 * h + Arrays.hashCode(ms);
        h = 31 * h + Arrays.hashCode(times);
        return h;
    }
}
