package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Told about sync events. Added with {@link Sync#addListener}; the {@link Delivery}
 * given there decides the thread it runs on. An exception thrown here is caught and reported to
 * the {@link Logger} (or stderr); it affects nothing else.
 */
public interface SyncListener {
    void onSyncEvent(@NotNull SyncEvent event);
}
