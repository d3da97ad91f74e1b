package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * How a notification reaches the member besides the inbox ({@code mc_channel},
 * membercore/notifications.h). {@link #value()} is the C value and {@link #channelName()} the
 * core's name.
 */
public enum NotificationChannel implements States.Valued {
    /** To the push tokens of the member's devices. */
    PUSH(0),
    /** To the member's profile email. */
    EMAIL(1),
    /** To the member's phone. */
    SMS(2);

    private final int value;

    NotificationChannel(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_CHANNEL_*}). */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_channel_name}): {@code "push"}, {@code "email"}, {@code "sms"}. */
    public @NotNull String channelName() {
        return Native.channelName(value);
    }

    /**
     * The channel named (case-insensitive; {@code "text"} for SMS too; {@code mc_channel_parse}).
     * Pure, any thread. Errors: INVALID_ARG naming the word (or {@code name} null).
     */
    public static @NotNull NotificationChannel parse(@NotNull String name) {
        MemberCore.require(name, "name");
        int value = Native.channelParse(name);
        NotificationChannel c = States.byValue(values(), value, null);
        if (c != null) {
            return c;
        }
        throw new MemberCoreException(ErrorCode.INVALID_ARG, "no channel " + value);
    }
}
