package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A ticket as the building's staff see it ({@code mc_staff_ticket}, membercore/staff.h): the
 * member's view ({@link #getTicket()}; its timeline and photos are filled by {@link Staff#get}
 * and by the actions, empty in the queue; entries name their author, never "You"), the
 * reporter, the assignee and the internal notes. A snapshot of what the server held.
 */
public final class StaffTicket {
    private final Ticket ticket;
    private final String reporterId;
    private final String reporterName;
    private final String assigneeId;
    private final List<StaffNote> notes;

    /* Called by the JNI glue. */
    StaffTicket(Ticket ticket, String reporterId, String reporterName, String assigneeId,
            StaffNote[] notes) {
        this.ticket = ticket;
        this.reporterId = reporterId;
        this.reporterName = reporterName;
        this.assigneeId = assigneeId;
        this.notes = Collections.unmodifiableList(Arrays.asList(notes));
    }

    public @NotNull Ticket getTicket() {
        return ticket;
    }

    /** The member who filed it. */
    public @NotNull String getReporterId() {
        return reporterId;
    }

    public @NotNull String getReporterName() {
        return reporterName;
    }

    /** {@code ""} when unassigned. */
    public @NotNull String getAssigneeId() {
        return assigneeId;
    }

    /** Internal notes, oldest first (never shown to the member; unmodifiable). */
    public @NotNull List<StaffNote> getNotes() {
        return notes;
    }

    @Override
    public @NotNull String toString() {
        return "StaffTicket{" + ticket + " reporter=" + reporterName
                + (assigneeId.isEmpty() ? "" : " assignee=" + assigneeId) + " notes="
                + notes.size() + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StaffTicket)) {
            return false;
        }
        StaffTicket other = (StaffTicket) o;
        return Objects.equals(ticket, other.ticket)
                && Objects.equals(reporterId, other.reporterId)
                && Objects.equals(reporterName, other.reporterName)
                && Objects.equals(assigneeId, other.assigneeId)
                && Objects.equals(notes, other.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticket, reporterId, reporterName, assigneeId, notes);
    }
}
