package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Log levels ({@code mc_log_level}).
 */
public enum LogLevel {
    DEBUG(0),
    INFO(1),
    WARN(2),
    ERROR(3);

    private final int value;

    LogLevel(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #ERROR} for any other value. */
    public static @NotNull LogLevel fromValue(int value) {
        for (LogLevel v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return ERROR;
    }
}
