package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * A member's visitors ({@code membercore/visitors.h}, member side): {@code core.visitors()}.
 * Invite a visitor for one date at a building (the server emails them a QR door code valid there
 * that date only, and texts the code to a phone), invite the same person again, list them,
 * cancel an invitation, and approve or decline a walk-in reception registered.
 *
 * <p>Any thread. Nothing here blocks on the network: writes land in the local store at once
 * (listed as pending) and are queued for {@link Sync}; a refusal by the server rolls the write
 * back and arrives as a {@link SyncEventType#MUTATION_REJECTED} event with the rule's words.
 * Reads answer from the local store. Every method throws {@link IllegalStateException} once the
 * {@link MemberCore} is closed.
 */
public final class Visitors {
    /** A visitor's name: at most this many characters. */
    public static final int NAME_MAX_CHARS = 100;
    /** Invitations reach at most this many days ahead (building-local dates). */
    public static final int DAYS_AHEAD_MAX = 60;
    /** A walk-in not approved within this many minutes is declined. */
    public static final int APPROVAL_MINUTES = 15;

    private final MemberCore core;

    Visitors(MemberCore core) {
        this.core = core;
    }

    /**
     * Invite a visitor: checked, saved and queued at once (offline too). Returns the new id
     * ({@code "vis_..."}); nothing is kept when a check fails. Errors: INVALID_ARG naming what
     * was wrong (name, email, phone, a date not YYYY-MM-DD, a bad window); STATE for a date in
     * the past, more than {@link #DAYS_AHEAD_MAX} days ahead or one the building is closed
     * (named); NOT_FOUND (no such building on this device, or none given and the member has
     * none); UNAUTHORIZED; STORAGE.
     */
    public @NotNull String invite(final @NotNull VisitorInvitation invitation) {
        MemberCore.require(invitation, "invitation");
        return core.call(h -> Native.visitorInvite(h, invitation.name, invitation.email,
                invitation.phone, invitation.buildingId, invitation.date,
                invitation.windowFromMin, invitation.windowToMin));
    }

    /** {@link #inviteAgain(String, String, int, int)} without a window. */
    public @NotNull String inviteAgain(@NotNull String visitorId, @NotNull String date) {
        return inviteAgain(visitorId, date, -1, -1);
    }

    /**
     * Invite the same person as earlier visitor {@code visitorId} (any status) again, without
     * retyping: name, email, phone and building copied, for {@code date} and the window (both
     * -1: none). Returns the new id. Errors as {@link #invite}; NOT_FOUND when the member has no
     * such visitor on this device.
     */
    public @NotNull String inviteAgain(final @NotNull String visitorId, final @NotNull String date,
            final int windowFromMin, final int windowToMin) {
        MemberCore.require(visitorId, "visitorId");
        MemberCore.require(date, "date");
        return core.call(h -> Native.visitorInviteAgain(h, visitorId, date, windowFromMin,
                windowToMin));
    }

    /**
     * The visitors of today or later (each building's own today) that are invited, awaiting
     * approval or arrived today, soonest first (date, window, name).
     */
    public @NotNull List<Visitor> upcoming() {
        return list(true);
    }

    /**
     * The member's visitors from the local store: {@code upcomingOnly} as {@link #upcoming()},
     * else every visitor, newest date first. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Visitor> list(final boolean upcomingOnly) {
        return MemberCore.listOf(core.call(h -> Native.visitors(h, upcomingOnly)));
    }

    /** One of the member's visitors by id. Errors: NOT_FOUND, INVALID_ARG, UNAUTHORIZED. */
    public @NotNull Visitor get(final @NotNull String visitorId) {
        MemberCore.require(visitorId, "visitorId");
        return core.call(h -> Native.visitorGet(h, visitorId));
    }

    /**
     * Cancel an invitation: at once locally ({@link VisitorStatus#CANCELLED}, pending), queued;
     * the server revokes the code. Errors: NOT_FOUND, STATE (not invited: the message says what
     * it is), UNAUTHORIZED, STORAGE.
     */
    public void cancel(final @NotNull String visitorId) {
        MemberCore.require(visitorId, "visitorId");
        core.run(h -> Native.visitorCancel(h, visitorId));
    }

    /** {@link #decide(String, boolean)} approving: the walk-in may come in. */
    public void approve(@NotNull String visitorId) {
        decide(visitorId, true);
    }

    /** {@link #decide(String, boolean)} declining. */
    public void decline(@NotNull String visitorId) {
        decide(visitorId, false);
    }

    /**
     * Approve or decline a walk-in awaiting approval: at once locally, queued. Errors:
     * NOT_FOUND, STATE (not awaiting approval, or its {@link #APPROVAL_MINUTES} minutes have
     * passed: "declined automatically at 10:42 IST"), UNAUTHORIZED, STORAGE. The server has the
     * last word: a decision that reaches it late is refused ({@code approval_expired}).
     */
    public void decide(final @NotNull String visitorId, final boolean approve) {
        MemberCore.require(visitorId, "visitorId");
        core.run(h -> Native.visitorDecide(h, visitorId, approve));
    }
}
