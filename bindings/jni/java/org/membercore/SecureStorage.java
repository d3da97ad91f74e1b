package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Where the core keeps its secrets (the session token): the platform's secure storage. On
 * Android use {@code org.membercore.android.KeystoreSecureStorage}; without one, the core
 * uses its default, files of mode 0600 under {@code dataDir/secure}.
 *
 * <p>Called from any thread that calls into the core, including the background sync thread:
 * implementations must be thread-safe, and must not call back into {@link MemberCore}. Keys are
 * short ASCII names ({@code "session_token"}, ...), values ASCII and under 256 bytes. An exception
 * thrown here becomes {@link ErrorCode#STORAGE} for the call that needed the value (and is
 * reported to the {@link Logger}, if any).
 */
public interface SecureStorage {
    /** The value stored under key, or null when there is none. */
    @Nullable String get(@NotNull String key) throws Exception;

    /** Store value under key, replacing any previous one, durably. */
    void set(@NotNull String key, @NotNull String value) throws Exception;

    /** Remove key; removing a missing key is not an error. */
    void delete(@NotNull String key) throws Exception;
}
