package org.membercore;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/*
 * Frees a MemberCore's native handle (mc_client_free and the glue's memory) once the MemberCore
 * is unreachable: then no native call can be running on it any more, nor start. A phantom
 * reference on one daemon thread ("membercore-cleaner"), which is what java.lang.ref.Cleaner
 * does, written out because Android has Cleaner only from API 33. A client never closed is
 * closed here too (mc_client_free closes first); one with listeners or a wake-up registered
 * stays reachable through the glue's references until close().
 */
final class HandleCleaner extends PhantomReference<MemberCore> {
    private static final ReferenceQueue<MemberCore> QUEUE = new ReferenceQueue<MemberCore>();
    /* The pending references themselves must stay reachable until they are enqueued. */
    private static final Set<HandleCleaner> PENDING =
            Collections.synchronizedSet(new HashSet<HandleCleaner>());
    private static Thread thread; /* started with the first client */

    private final long handle;

    private HandleCleaner(MemberCore core, long handle) {
        super(core, QUEUE);
        this.handle = handle;
    }

    static void register(MemberCore core, long handle) {
        PENDING.add(new HandleCleaner(core, handle));
        synchronized (HandleCleaner.class) {
            if (thread == null) {
                thread = new Thread(HandleCleaner::drain, "membercore-cleaner");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private static void drain() {
        while (true) {
            try {
                HandleCleaner r = (HandleCleaner) QUEUE.remove();
                PENDING.remove(r);
                Native.free(r.handle);
            } catch (InterruptedException e) {
                /* a daemon: keep draining */
            } catch (Throwable t) {
                System.err.println("membercore: freeing a client failed: " + t);
            }
        }
    }

    /* For tests: handles not freed yet. */
    static int pendingCount() {
        return PENDING.size();
    }
}
