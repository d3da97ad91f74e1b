package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A facility ticket as the member sees it ({@code mc_ticket}, membercore/tickets.h), from the
 * local store: a snapshot, including the member's own changes not yet on the server
 * ({@link #isPending()}). Instants are UTC ms (0: none) with, beside each one a member sees, a
 * {@link BuildingTime} the core filled in the ticket's building's local time (null where the
 * instant is 0): show those. The SLA instants are the server's and the badge
 * ({@link #getSla()}) the core's; this class computes nothing.
 *
 * <p>{@link #getTimeline()} and {@link #getPhotos()} are filled by {@link Tickets#get} (and by
 * the staff calls); they are empty in {@link Tickets#list} pages.
 */
public final class Ticket {
    /* The glue's string, int, long and time arrays, in these orders. */
    private static final int S_ID = 0, S_NUMBER = 1, S_BUILDING = 2, S_CATEGORY = 3,
            S_CATEGORY_PATH = 4, S_DESCRIPTION = 5, S_LOCATION_ID = 6, S_LOCATION_NAME = 7,
            S_ASSIGNEE = 8;
    private static final int I_PRIORITY = 0, I_LOCATION_KIND = 1, I_STATUS = 2, I_SLA = 3,
            I_PHOTOS_WAITING = 4, I_PHOTOS_FAILED = 5;
    private static final int L_CREATED = 0, L_UPDATED = 1, L_RESOLVED = 2, L_CLOSED = 3,
            L_REOPEN_UNTIL = 4, L_RESPONSE_DUE = 5, L_RESOLUTION_DUE = 6, L_AT_RISK_FROM = 7,
            L_RESPONDED = 8;
    private static final int T_CREATED = 0, T_UPDATED = 1, T_RESOLVED = 2, T_CLOSED = 3,
            T_REOPEN_UNTIL = 4, T_RESPONSE_DUE = 5, T_RESOLUTION_DUE = 6;

    private final String[] s;
    private final long[] ms;
    private final BuildingTime[] times;
    private final TicketPriority priority;
    private final TicketLocationKind locationKind;
    private final TicketStatus status;
    private final SlaState sla;
    private final int photosWaiting;
    private final int photosFailed;
    private final List<TicketEntry> timeline;
    private final List<TicketPhoto> photos;
    private final boolean pending;

    /* Called by the JNI glue (natives_tickets.c: new_ticket); timeline and photos null in lists. */
    Ticket(String[] strings, int[] ints, long[] longs, BuildingTime[] times,
            TicketEntry[] timeline, TicketPhoto[] photos, boolean pending) {
        this.s = strings;
        this.ms = longs;
        this.times = times;
        this.priority = TicketPriority.fromValue(ints[I_PRIORITY]);
        this.locationKind = TicketLocationKind.fromValue(ints[I_LOCATION_KIND]);
        this.status = TicketStatus.fromValue(ints[I_STATUS]);
        this.sla = SlaState.fromValue(ints[I_SLA]);
        this.photosWaiting = ints[I_PHOTOS_WAITING];
        this.photosFailed = ints[I_PHOTOS_FAILED];
        this.timeline = Collections.unmodifiableList(
                Arrays.asList(timeline != null ? timeline : new TicketEntry[0]));
        this.photos = Collections.unmodifiableList(
                Arrays.asList(photos != null ? photos : new TicketPhoto[0]));
        this.pending = pending;
    }

    /** {@code "tkt_"} and 32 hex digits (made on the device). */
    public @NotNull String getId() {
        return s[S_ID];
    }

    /** The server's number, e.g. {@code "T-1001"}; {@code ""} until the server has it. */
    public @NotNull String getNumber() {
        return s[S_NUMBER];
    }

    /** {@link #getNumber()} when the server gave one, else the id: what to show or look up. */
    public @NotNull String getDisplayId() {
        return s[S_NUMBER].isEmpty() ? s[S_ID] : s[S_NUMBER];
    }

    public @NotNull String getBuildingId() {
        return s[S_BUILDING];
    }

    /** The leaf's id, e.g. {@code "cleaning.washroom"}. */
    public @NotNull String getCategoryId() {
        return s[S_CATEGORY];
    }

    /** e.g. {@code "Cleaning/Washroom"}. */
    public @NotNull String getCategoryPath() {
        return s[S_CATEGORY_PATH];
    }

    public @NotNull TicketPriority getPriority() {
        return priority;
    }

    public @NotNull String getDescription() {
        return s[S_DESCRIPTION];
    }

    public @NotNull TicketLocationKind getLocationKind() {
        return locationKind;
    }

    /** {@link TicketLocationKind#ROOM}: the room's id; {@code ""} otherwise. */
    public @NotNull String getLocationId() {
        return s[S_LOCATION_ID];
    }

    /** The room's, cabin's or desk's name; {@code ""} for {@link TicketLocationKind#NONE}. */
    public @NotNull String getLocationName() {
        return s[S_LOCATION_NAME];
    }

    /** Including the member's pending resolve or reopen. */
    public @NotNull TicketStatus getStatus() {
        return status;
    }

    /** e.g. {@code "Kiran Das"}; {@code ""} when unassigned. */
    public @NotNull String getAssigneeName() {
        return s[S_ASSIGNEE];
    }

    public long getCreatedAtMs() {
        return ms[L_CREATED];
    }

    public @NotNull BuildingTime getCreatedAt() {
        return times[T_CREATED];
    }

    public long getUpdatedAtMs() {
        return ms[L_UPDATED];
    }

    public @NotNull BuildingTime getUpdatedAt() {
        return times[T_UPDATED];
    }

    /** 0 unless resolved or closed. */
    public long getResolvedAtMs() {
        return ms[L_RESOLVED];
    }

    /** null unless resolved or closed. */
    public @Nullable BuildingTime getResolvedAt() {
        return times[T_RESOLVED];
    }

    /** 0 unless closed. */
    public long getClosedAtMs() {
        return ms[L_CLOSED];
    }

    /** null unless closed. */
    public @Nullable BuildingTime getClosedAt() {
        return times[T_CLOSED];
    }

    /** {@link TicketStatus#RESOLVED}: the member may reopen it until then; 0 otherwise. */
    public long getReopenUntilMs() {
        return ms[L_REOPEN_UNTIL];
    }

    /** {@link #getReopenUntilMs()} in the building's local time; null when 0. */
    public @Nullable BuildingTime getReopenUntil() {
        return times[T_REOPEN_UNTIL];
    }

    /** The server's SLA instant for a first response; 0 while pending. */
    public long getResponseDueMs() {
        return ms[L_RESPONSE_DUE];
    }

    /** null while pending. */
    public @Nullable BuildingTime getResponseDue() {
        return times[T_RESPONSE_DUE];
    }

    /** The server's SLA instant for resolution; 0 while pending. */
    public long getResolutionDueMs() {
        return ms[L_RESOLUTION_DUE];
    }

    /** null while pending. */
    public @Nullable BuildingTime getResolutionDue() {
        return times[T_RESOLUTION_DUE];
    }

    /** The server's instant from which the SLA is at risk; 0 while pending. */
    public long getAtRiskFromMs() {
        return ms[L_AT_RISK_FROM];
    }

    /** The first staff response the member saw; 0: none yet. */
    public long getRespondedAtMs() {
        return ms[L_RESPONDED];
    }

    /** The SLA badge now, as the core judged it when this snapshot was read. */
    public @NotNull SlaState getSla() {
        return sla;
    }

    /** Oldest first (unmodifiable); empty in list pages. */
    public @NotNull List<TicketEntry> getTimeline() {
        return timeline;
    }

    /** Unmodifiable; empty in list pages. */
    public @NotNull List<TicketPhoto> getPhotos() {
        return photos;
    }

    /** Photos not yet uploaded (failed ones not counted). */
    public int getPhotosWaiting() {
        return photosWaiting;
    }

    /**
     * Photos whose upload the server refused for good (in list pages too); each reads
     * {@link TicketPhoto#isFailed()} with its reason in {@link TicketPhoto#getFailure()}.
     */
    public int getPhotosFailed() {
        return photosFailed;
    }

    /** A change of this ticket is waiting for the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "Ticket{" + getDisplayId() + " " + getCategoryPath() + " " + priority + " "
                + status + " sla=" + sla + (pending ? " pending" : "")
                + (photosWaiting > 0 ? " photosWaiting=" + photosWaiting : "")
                + (photosFailed > 0 ? " photosFailed=" + photosFailed : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Ticket)) {
            return false;
        }
        Ticket other = (Ticket) o;
        return Arrays.equals(s, other.s) && Arrays.equals(ms, other.ms)
                && Arrays.equals(times, other.times) && Objects.equals(priority, other.priority)
                && Objects.equals(locationKind, other.locationKind)
                && Objects.equals(status, other.status) && Objects.equals(sla, other.sla)
                && photosWaiting == other.photosWaiting && photosFailed == other.photosFailed
                && Objects.equals(timeline, other.timeline) && Objects.equals(photos, other.photos)
                && pending == other.pending;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(priority, locationKind, status, sla, photosWaiting, photosFailed,
                timeline, photos, pending);
        h = 31 * h + Arrays.hashCode(s);
        h = 31 * h + Arrays.hashCode(ms);
        h = 31 * h + Arrays.hashCode(times);
        return h;
    }
}
