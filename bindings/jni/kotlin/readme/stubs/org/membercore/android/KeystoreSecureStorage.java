/*
 * Compile-only stand-in with the signatures of android/java/.../KeystoreSecureStorage.java
 * (which needs the Android SDK), for the README's Kotlin example; never run.
 */
package org.membercore.android;

import android.content.Context;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import org.membercore.SecureStorage;

public final class KeystoreSecureStorage implements SecureStorage {
    public KeystoreSecureStorage(@NotNull Context context) {
    }

    @Override
    public @Nullable String get(@NotNull String name) {
        return null;
    }

    @Override
    public void set(@NotNull String name, @NotNull String value) {
    }

    @Override
    public void delete(@NotNull String name) {
    }
}
