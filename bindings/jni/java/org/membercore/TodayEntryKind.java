package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What a {@link TodayEntry} is ({@code mc_today_entry_kind}, membercore/today.h).
 * {@link #value()} is the C value and {@link #kindName()} the core's name; {@link #UNKNOWN}
 * stands for a kind newer than this binding.
 */
public enum TodayEntryKind implements States.Valued {
    /** A meeting-room booking ({@link Rooms}). */
    ROOM(1),
    /** A desk day ({@link Desks}). */
    DESK(2),
    /** A day pass ({@link Billing#passes()}). */
    PASS(3),
    /** A kind this binding does not know (a newer core). */
    UNKNOWN(-1);

    private final int value;

    TodayEntryKind(int value) {
        this.value = value;
    }

    /** The C value ({@code MC_TODAY_*}); -1 for {@link #UNKNOWN}. */
    @Override
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_today_entry_kind_name}): {@code "room"}, ... */
    public @NotNull String kindName() {
        return Native.todayEntryKindName(value);
    }

    /** The constant with this C value; {@link #UNKNOWN} for any other value. */
    public static @NotNull TodayEntryKind fromValue(int value) {
        return States.byValue(values(), value, UNKNOWN);
    }
}
