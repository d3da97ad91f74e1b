/*
 * Compile-only stand-in with the signatures of android/java/.../LogcatLogger.java (which needs
 * the Android SDK), for the README's Kotlin example; never run.
 */
package org.membercore.android;

import org.jetbrains.annotations.NotNull;
import org.membercore.LogLevel;
import org.membercore.Logger;

public final class LogcatLogger implements Logger {
    @Override
    public void log(@NotNull LogLevel level, @NotNull String message) {
    }
}
