package org.membercore;

import java.util.Arrays;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Which channels each category reaches the member on, and quiet hours
 * ({@code mc_notification_prefs}, membercore/notifications.h), as on this device now: the
 * server's synced values with this device's queued changes on top ({@link #isPending}). A
 * snapshot: immutable, any thread. Read it with {@link Notifications#prefs()}.
 */
public final class NotificationPrefs {
    private static final int CHANNELS = NotificationChannel.values().length;

    private final boolean[] on;
    private final boolean[] pending;
    private final String[] always;
    private final boolean quietEnabled;
    private final int quietFromMin;
    private final int quietToMin;
    private final boolean quietPending;
    private final String quietZoneLabel;
    private final boolean synced;

    /* Called by the JNI glue (natives_notifications.c): on and pending are category-major
     * (category * channels + channel); always holds "" where the core has none. */
    NotificationPrefs(boolean[] on, boolean[] pending, String[] always, boolean quietEnabled,
            int quietFromMin, int quietToMin, boolean quietPending, String quietZoneLabel,
            boolean synced) {
        this.on = on;
        this.pending = pending;
        this.always = always;
        this.quietEnabled = quietEnabled;
        this.quietFromMin = quietFromMin;
        this.quietToMin = quietToMin;
        this.quietPending = quietPending;
        this.quietZoneLabel = quietZoneLabel;
        this.synced = synced;
    }

    private static int cell(NotificationCategory category, NotificationChannel channel) {
        MemberCore.require(category, "category");
        MemberCore.require(channel, "channel");
        return category.value() * CHANNELS + channel.value();
    }

    /**
     * Does {@code category} reach the member on {@code channel} (this device's queued change
     * included). Always false for {@link NotificationCategory#OTHER}.
     */
    public boolean isOn(@NotNull NotificationCategory category,
            @NotNull NotificationChannel channel) {
        int i = cell(category, channel);
        return i < on.length && on[i];
    }

    /** The cell has a change of this device the server has not confirmed. */
    public boolean isPending(@NotNull NotificationCategory category,
            @NotNull NotificationChannel channel) {
        int i = cell(category, channel);
        return i < pending.length && pending[i];
    }

    /**
     * The messages of {@code category} that reach the member on at least one channel whatever
     * the switches say, and why, in words ("Visitor arrivals always reach you (someone is
     * waiting for you at reception)"); null when none.
     */
    public @Nullable String getAlways(@NotNull NotificationCategory category) {
        MemberCore.require(category, "category");
        int i = category.value();
        return i < always.length && !always[i].isEmpty() ? always[i] : null;
    }

    /** Quiet hours hold back push and SMS of what is not urgent until they end. */
    public boolean isQuietEnabled() {
        return quietEnabled;
    }

    /** Start of quiet hours, minutes after the building's local midnight (0..1439). */
    public int getQuietFromMin() {
        return quietFromMin;
    }

    /** End of quiet hours (0..1439); may be before the start (across midnight). */
    public int getQuietToMin() {
        return quietToMin;
    }

    /** {@link #getQuietFromMin()} as {@code "22:00"}. */
    public @NotNull String getQuietFrom() {
        return clock(quietFromMin);
    }

    /** {@link #getQuietToMin()} as {@code "07:00"}. */
    public @NotNull String getQuietTo() {
        return clock(quietToMin);
    }

    /** The building's zone at the quiet hours: "IST", "GMT"/"BST"; "UTC" when unknown. */
    public @NotNull String getQuietZoneLabel() {
        return quietZoneLabel;
    }

    /** The quiet hours have a change of this device the server has not confirmed. */
    public boolean isQuietPending() {
        return quietPending;
    }

    /** False until the server's preferences were synced: the values are its defaults. */
    public boolean isSynced() {
        return synced;
    }

    private static String clock(int min) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", min / 60, min % 60);
    }

    @Override
    public @NotNull String toString() {
        StringBuilder b = new StringBuilder("NotificationPrefs{");
        for (NotificationCategory c : NotificationCategory.values()) {
            if (c == NotificationCategory.OTHER) {
                continue;
            }
            b.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=');
            for (NotificationChannel ch : NotificationChannel.values()) {
                if (isOn(c, ch)) {
                    b.append(ch.name().charAt(0));
                }
            }
            b.append(' ');
        }
        b.append("quiet=").append(quietEnabled ? getQuietFrom() + "-" + getQuietTo() + " "
                + quietZoneLabel : "off");
        return b.append(synced ? "" : " defaults").append('}').toString();
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NotificationPrefs)) {
            return false;
        }
        NotificationPrefs other = (NotificationPrefs) o;
        return Arrays.equals(on, other.on) && Arrays.equals(pending, other.pending)
                && Arrays.equals(always, other.always) && quietEnabled == other.quietEnabled
                && quietFromMin == other.quietFromMin && quietToMin == other.quietToMin
                && quietPending == other.quietPending
                && Objects.equals(quietZoneLabel, other.quietZoneLabel) && synced == other.synced;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(quietEnabled, quietFromMin, quietToMin, quietPending, quietZoneLabel,
                synced);
        h = 31 * h + Arrays.hashCode(on);
        h = 31 * h + Arrays.hashCode(pending);
        h = 31 * h + Arrays.hashCode(always);
        return h;
    }
}
