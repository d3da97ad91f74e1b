package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Events and RSVPs, the notification inbox and the push token: {@code core.community()}.
 *
 * <p>Any thread. Every method answers from the local store and is quick; writes are recorded
 * locally at once and queued for the server (the sync sends them), so none blocks on the
 * network. Every method throws {@link IllegalStateException} once the {@link MemberCore} is
 * closed.
 */
public final class Community {
    private final MemberCore core;

    Community(MemberCore core) {
        this.core = core;
    }

    /** Every event, soonest first, from the local store (pending RSVPs included). */
    public @NotNull List<Event> events() {
        return events(0);
    }

    /** Events that end after {@code fromMs} (0: all), soonest first. Errors: UNAUTHORIZED. */
    public @NotNull List<Event> events(final long fromMs) {
        return MemberCore.listOf(core.call(h -> Native.events(h, fromMs)));
    }

    /**
     * One page of {@link #events(long)}'s list, soonest first, read through an index (its cost
     * does not grow with the number of events): screens use this one. Errors: UNAUTHORIZED,
     * STORAGE; INVALID_ARG ({@code page} null, or its cursor not one this list, with this
     * {@code fromMs}, returned).
     */
    public @NotNull ListPage<Event> events(final long fromMs, final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.eventsPage(h, fromMs, page.getLimit(), page.getCursor()));
    }

    /**
     * RSVP going / not going: recorded locally at once (listed as pending) and queued for the
     * server. Errors: INVALID_ARG, NOT_FOUND, CONFLICT (looks full already), UNAUTHORIZED.
     */
    public void rsvp(final @NotNull String eventId, final @NotNull Rsvp rsvp) {
        MemberCore.require(rsvp, "rsvp");
        core.run(h -> Native.rsvp(h, eventId, rsvp.value()));
    }

    /** The whole inbox, newest first, with unread counts. */
    public @NotNull NotificationInbox notifications() {
        return notifications(false);
    }

    /** The inbox (only the unread notifications when {@code unreadOnly}), newest first. */
    public @NotNull NotificationInbox notifications(final boolean unreadOnly) {
        return core.call(h -> Native.notifications(h, unreadOnly));
    }

    /**
     * One page of the inbox (only the unread notifications when {@code unreadOnly}), newest first,
     * with the unread counts over the whole inbox, read through indexes: screens use this one.
     * Errors: UNAUTHORIZED, STORAGE; INVALID_ARG ({@code page} null, or its cursor not one this
     * list, with this {@code unreadOnly}, returned).
     */
    public @NotNull NotificationInbox notifications(final boolean unreadOnly,
            final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.notificationsPage(h, unreadOnly, page.getLimit(),
                page.getCursor()));
    }

    /** Mark one notification read: locally at once, queued for the server. */
    public void markNotificationRead(final @NotNull String notificationId) {
        core.run(h -> Native.markNotificationRead(h, notificationId));
    }

    /**
     * Register this install's push token (from FirebaseMessaging, and again whenever it
     * rotates). Queued like any write; never blocks on the network. Errors: INVALID_ARG,
     * UNAUTHORIZED, STORAGE.
     */
    public void registerPushToken(final @NotNull PushProvider provider,
            final @NotNull String token) {
        MemberCore.require(provider, "provider");
        core.run(h -> Native.registerPushToken(h, provider.value(), token));
    }

    /**
     * Unregister this install's push token (sign-out of push on this device: the server sends it
     * no more pushes). Recorded locally at once and queued; with no token registered it queues
     * nothing. Never blocks on the network. Errors: UNAUTHORIZED, STORAGE.
     */
    public void unregisterPushToken() {
        core.run(Native::unregisterPushToken);
    }
}
