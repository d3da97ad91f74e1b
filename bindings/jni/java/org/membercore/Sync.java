package org.membercore;

import java.util.List;
import java.util.Set;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The sync engine: sync now ({@link #once()}) or in the background ({@link #start()}), its
 * state, listeners for what it does, and the outbox of writes not yet confirmed:
 * {@code core.sync()}.
 *
 * <p>Any thread, except where a method says otherwise. {@link #once()} blocks on the network;
 * the others return at once. Every method throws {@link IllegalStateException} once the
 * {@link MemberCore} is closed.
 */
public final class Sync {
    private final MemberCore core;

    Sync(MemberCore core) {
        this.core = core;
    }

    /** The sync engine's state. Local only. */
    public @NotNull SyncStatus status() {
        return core.call(Native::syncStatus);
    }

    /**
     * Push every pending write, then pull to the server's head, on this thread (blocking; it
     * waits for a round of the background thread in progress). Errors ({@link
     * SyncFailedException}, with what was done before the error): UNAUTHORIZED, OFFLINE,
     * NETWORK, SERVER, STORAGE.
     */
    public @NotNull SyncReport once() {
        return core.call(Native::syncOnce);
    }

    /**
     * Start the background sync thread: it syncs at once, after local writes, on
     * {@link #trigger()}, when the network comes back and every 60 s. Starting twice is fine.
     * Errors: NO_MEMORY (no thread).
     */
    public void start() {
        core.run(Native::syncStart);
    }

    /**
     * Stop the background thread and wait for it. Not from an IMMEDIATE listener
     * ({@link IllegalStateException}): it may be running on that very thread.
     */
    public void stop() {
        if (core.inImmediateCallback()) {
            throw new IllegalStateException("Sync.stop() called from an IMMEDIATE listener");
        }
        core.run(Native::syncStop);
    }

    /** Sync as soon as possible (pull to refresh). */
    public void trigger() {
        core.run(Native::syncTrigger);
    }

    /** The app went to the background: no network use until {@link #resume()}. */
    public void pause() {
        core.run(Native::syncPause);
    }

    /** The app came back to the foreground: sync as before {@link #pause()}. */
    public void resume() {
        core.run(Native::syncResume);
    }

    /** The OS's reachability hint (ConnectivityManager): false stops trying until true. */
    public void setReachable(final boolean reachable) {
        core.run(h -> Native.syncSetReachable(h, reachable));
    }

    /**
     * Call {@code listener} for the events of {@code types}, on the thread {@code delivery}
     * says. The glue holds the listener until {@link ListenerHandle#remove()} or
     * {@link MemberCore#close()}.
     */
    public @NotNull ListenerHandle addListener(@NotNull Set<SyncEventType> types,
            @NotNull Delivery delivery, @NotNull SyncListener listener) {
        MemberCore.require(types, "types");
        MemberCore.require(delivery, "delivery");
        MemberCore.require(listener, "listener");
        return core.addListener(SyncEventType.toBits(types), delivery, listener);
    }

    /**
     * Deliver the queued events to the QUEUED listeners on this thread; returns how many
     * callbacks were made.
     */
    public int deliverQueued() {
        return core.call(Native::deliverQueued);
    }

    /**
     * Run {@code wakeup} (on any thread) whenever an event is queued for a QUEUED listener; it
     * must only post to the UI thread, e.g. {@code () -> handler.post(sync::deliverQueued)},
     * never deliver itself. Null removes it.
     */
    public void setWakeup(final @Nullable Runnable wakeup) {
        final Runnable safe = wakeup == null ? null : new Runnable() {
            @Override
            public void run() {
                core.enterCallback(false);
                try {
                    wakeup.run();
                } catch (Throwable t) {
                    core.callbackFailed("wakeup " + wakeup, t);
                } finally {
                    core.exitCallback(false);
                }
            }
        };
        core.run(h -> Native.setWakeup(h, safe));
    }

    /** The member's writes not yet confirmed, and the rejected ones, oldest first. */
    public @NotNull List<Mutation> outbox() {
        return MemberCore.listOf(core.call(Native::outbox));
    }

    /** Forget a rejected write once the member has seen why. Errors: NOT_FOUND, STATE. */
    public void dismissMutation(final long mutationId) {
        core.run(h -> Native.dismissMutation(h, mutationId));
    }
}
