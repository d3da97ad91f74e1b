package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The ground staff's ticket queue ({@code membercore/staff.h}): {@code core.staff()}, for an
 * account with the staff role ({@link Role}), signed in like a member. A staff member sees and
 * acts on the tickets of their own building only.
 *
 * <p>Every call is online: it blocks on one request (up to the configured timeouts; call it off
 * the UI thread) and answers with what the server now holds; nothing is kept in the local store
 * and nothing is queued. Errors common to every call: INVALID_ARG, UNAUTHORIZED (nobody signed
 * in, or the session expired), FORBIDDEN (the account is not staff), OFFLINE, NETWORK, SERVER.
 * Any thread; {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Staff {
    private final MemberCore core;

    Staff(MemberCore core) {
        this.core = core;
    }

    /** {@link #queue(StaffQueue)} of {@link StaffQueue#ACTIVE}. */
    public @NotNull List<StaffTicket> queue() {
        return queue(StaffQueue.ACTIVE);
    }

    /**
     * The building's tickets in {@code queue}, most urgent first (by the SLA resolution due time,
     * then the oldest); without timelines, photos or notes.
     */
    public @NotNull List<StaffTicket> queue(final @NotNull StaffQueue queue) {
        MemberCore.require(queue, "queue");
        return MemberCore.listOf(core.call(h -> Native.staffTickets(h, queue.value())));
    }

    /**
     * One ticket of the building by id or number ({@code "T-1001"}), with its timeline, photos
     * and internal notes. Errors: NOT_FOUND, also for a ticket of another building.
     */
    public @NotNull StaffTicket get(final @NotNull String idOrNumber) {
        MemberCore.require(idOrNumber, "idOrNumber");
        return core.call(h -> Native.staffTicketGet(h, idOrNumber));
    }

    /** The staff of the caller's building: whom a ticket can be assigned to. */
    public @NotNull List<StaffColleague> colleagues() {
        return MemberCore.listOf(core.call(Native::staffColleagues));
    }

    /**
     * Assign a ticket to {@code assigneeId} (null: the caller). An open ticket becomes assigned;
     * an assigned or in-progress one keeps its status with its new assignee. The member is
     * notified. Returns the ticket as now held. Errors: NOT_FOUND, INVALID_ARG (the assignee is
     * not staff of the building: the message says so), STATE (resolved or closed: reopen it
     * first).
     */
    public @NotNull StaffTicket assign(final @NotNull String idOrNumber,
            final @Nullable String assigneeId) {
        MemberCore.require(idOrNumber, "idOrNumber");
        return core.call(h -> Native.staffTicketAssign(h, idOrNumber, assigneeId));
    }

    /**
     * Move a ticket: {@link TicketStatus#IN_PROGRESS} (start; it must be assigned),
     * {@link TicketStatus#RESOLVED}, or {@link TicketStatus#OPEN} (reopen a resolved ticket). The
     * member is notified. Returns the ticket as now held. Errors: STATE naming the move refused
     * ("a ticket that is open cannot be started: assign it first"), INVALID_ARG (ASSIGNED or
     * CLOSED: not a move staff make here; or UNKNOWN), NOT_FOUND.
     */
    public @NotNull StaffTicket setStatus(final @NotNull String idOrNumber,
            final @NotNull TicketStatus status) {
        MemberCore.require(idOrNumber, "idOrNumber");
        MemberCore.require(status, "status");
        return core.call(h -> Native.staffTicketSetStatus(h, idOrNumber, status.value()));
    }

    /**
     * Comment on a ticket: {@code internal} false is a public reply (the member sees it and is
     * notified); true is a note only staff ever see. {@code text}: 1 to 2000 characters. Returns
     * the ticket as now held. Errors: INVALID_ARG (empty or too long text), STATE (the ticket is
     * closed), NOT_FOUND.
     */
    public @NotNull StaffTicket comment(final @NotNull String idOrNumber,
            final @NotNull String text, final boolean internal) {
        MemberCore.require(idOrNumber, "idOrNumber");
        MemberCore.require(text, "text");
        return core.call(h -> Native.staffTicketComment(h, idOrNumber, text, internal));
    }
}
