package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The front desk ({@code membercore/visitors.h}, reception side): {@code core.reception()}, for
 * an account with the staff role ({@link Role}), signed in like a member. Staff see and act on
 * the visitors of their own building only.
 *
 * <p>Every call is online: it blocks on one request (up to the configured timeouts; call it off
 * the UI thread) and answers with what the server now holds; nothing is kept or queued. Visitors
 * come with their host's name and times in the building's local time. Errors common to every
 * call: INVALID_ARG, UNAUTHORIZED, FORBIDDEN (the account is not staff), OFFLINE, NETWORK,
 * SERVER. Any thread; {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Reception {
    private final MemberCore core;

    Reception(MemberCore core) {
        this.core = core;
    }

    /** {@link #visitors(String)} of today in the building. */
    public @NotNull List<Visitor> today() {
        return visitors(null);
    }

    /**
     * The building's visitors of {@code date} ({@code "YYYY-MM-DD"}; null: today there), by
     * window then name. Errors: INVALID_ARG for a bad date.
     */
    public @NotNull List<Visitor> visitors(final @Nullable String date) {
        return MemberCore.listOf(core.call(h -> Native.receptionVisitors(h, date)));
    }

    /**
     * Check a visitor in by id ({@code "vis_..."}), by the 8-digit code of their SMS (spaces
     * allowed) or by their QR payload; the host is alerted. Returns the visitor as now held
     * (arrived, {@link VisitorCheckin#RECEPTION}). Errors: NOT_FOUND (no such visitor at this
     * building), STATE (cancelled, declined, awaiting approval, already arrived, or invited for
     * another date: the server's message names it).
     */
    public @NotNull Visitor checkIn(final @NotNull String idOrCode) {
        MemberCore.require(idOrCode, "idOrCode");
        return core.call(h -> Native.receptionCheckin(h, idOrCode));
    }

    /**
     * Register a walk-in for today asking for the member with {@code hostPhone}: the host is
     * asked to approve within {@link Visitors#APPROVAL_MINUTES} minutes. {@code email} and
     * {@code phone} may be null. Returns the visitor ({@link VisitorStatus#AWAITING_APPROVAL}).
     * Errors: NOT_FOUND (no member with that phone), INVALID_ARG.
     */
    public @NotNull Visitor walkIn(final @NotNull String hostPhone, final @NotNull String name,
            final @NotNull String email, final @Nullable String phone) {
        MemberCore.require(hostPhone, "hostPhone");
        MemberCore.require(name, "name");
        return core.call(h -> Native.receptionWalkIn(h, hostPhone, name, email, phone));
    }
}
