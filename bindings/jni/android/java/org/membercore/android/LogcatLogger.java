package org.membercore.android;

import android.util.Log;

import org.membercore.LogLevel;
import org.membercore.Logger;

import org.jetbrains.annotations.NotNull;

/** The core's log lines to logcat, under one tag. Not compiled here (no Android SDK). */
public final class LogcatLogger implements Logger {
    private final String tag;

    public LogcatLogger() {
        this("membercore");
    }

    public LogcatLogger(@NotNull String tag) {
        this.tag = tag;
    }

    @Override
    public void log(@NotNull LogLevel level, @NotNull String message) {
        switch (level) {
            case DEBUG:
                Log.d(tag, message);
                break;
            case INFO:
                Log.i(tag, message);
                break;
            case WARN:
                Log.w(tag, message);
                break;
            default:
                Log.e(tag, message);
        }
    }
}
