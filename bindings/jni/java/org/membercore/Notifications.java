package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The notifications hub beyond the inbox list ({@code membercore/notifications.h}):
 * {@code core.notifications()}. Which channels (push, email, SMS) each category reaches the
 * member on, quiet hours, marking all (or a category) read, pruning old read items, and parsing a
 * deep link into a {@link LinkTarget} an app routes on. The inbox itself is in
 * {@link Community#notifications()}.
 *
 * <p>Any thread. Nothing here blocks on the network: preferences and reads are set locally at
 * once (pending) and queued; the server honours them once synced. Every method but the pure
 * {@link #parseLink} throws {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Notifications {
    /** Read notifications older than this many days are pruned from the device after each sync. */
    public static final int RETENTION_DAYS = 90;

    private final MemberCore core;

    Notifications(MemberCore core) {
        this.core = core;
    }

    /** The member's preferences as on this device. Errors: UNAUTHORIZED, STORAGE. */
    public @NotNull NotificationPrefs prefs() {
        return core.call(Native::notificationPrefs);
    }

    /**
     * Switch one category's channel on or off: at once locally (pending), queued; setting the
     * value it already has queues nothing. Errors: INVALID_ARG ({@link NotificationCategory#OTHER}
     * or a null argument), UNAUTHORIZED, STORAGE.
     */
    public void setPref(final @NotNull NotificationCategory category,
            final @NotNull NotificationChannel channel, final boolean on) {
        MemberCore.require(category, "category");
        MemberCore.require(channel, "channel");
        core.run(h -> Native.notificationPrefSet(h, category.value(), channel.value(), on));
    }

    /**
     * Set quiet hours, minutes after the building's local midnight (0..1439, {@code fromMin !=
     * toMin}; from after to crosses midnight): push and SMS of what is not urgent wait until they
     * end. Locally at once, queued. Errors: INVALID_ARG (out of range or equal), UNAUTHORIZED,
     * STORAGE.
     */
    public void setQuietHours(final boolean enabled, final int fromMin, final int toMin) {
        core.run(h -> Native.notificationQuietHoursSet(h, enabled, fromMin, toMin));
    }

    /**
     * Mark every notification of the inbox read, as the inbox is on this device now: at once
     * locally, queued as one write naming the newest one seen (one arriving meanwhile stays
     * unread). Returns how many were unread (0: nothing queued). Errors: UNAUTHORIZED, STORAGE.
     */
    public int markAllRead() {
        return core.call(h -> Native.notificationsMarkAllRead(h, -1));
    }

    /** {@link #markAllRead()} for one category only. Errors: INVALID_ARG as well. */
    public int markAllRead(final @NotNull NotificationCategory category) {
        MemberCore.require(category, "category");
        return core.call(h -> Native.notificationsMarkAllRead(h, category.value()));
    }

    /**
     * Delete from the local inbox the notifications that are read (confirmed by the server) and
     * were made more than {@code olderThanDays} (at least 1) days before the client's clock;
     * unread ones, and ones with a queued read, are never pruned. Sync does this after each round
     * with {@link #RETENTION_DAYS}. Returns how many were deleted. Errors: INVALID_ARG,
     * UNAUTHORIZED, STORAGE.
     */
    public long prune(final int olderThanDays) {
        return core.call(h -> Native.notificationsPrune(h, olderThanDays));
    }

    /**
     * Parse a notification's deep link ({@link Notification#getDeepLink()}):
     * {@code membercore://bookings/<id>}, {@code tickets/<id>}, {@code billing/invoices/<id>},
     * {@code events/<id>}, {@code visitors/<id>}, {@code passes/<id>}, or an {@code https://}
     * page; {@code ""} or null is {@link LinkKind#NONE}. Pure: no client, any thread. Errors:
     * INVALID_ARG for anything else, with a message naming what was wrong (unknown section, bad
     * id, query, escape, dot segment, not https, too long).
     */
    public static @NotNull LinkTarget parseLink(@Nullable String link) {
        return Native.linkParse(link);
    }
}
