package org.membercore;

/**
 * A registered {@link SyncListener}. {@link #remove()} (or {@link #close()}) unregisters it: once
 * it returns the listener is not called again, except for a call already running on another
 * thread. Removing twice, or after the {@link MemberCore} was closed, does nothing. Once
 * {@link MemberCore#close()} has begun, no listener is called any more.
 */
public interface ListenerHandle extends AutoCloseable {
    void remove();

    /** The same as {@link #remove()}. */
    @Override
    void close();
}
