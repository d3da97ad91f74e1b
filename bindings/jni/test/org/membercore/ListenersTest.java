package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Listeners: on the sync thread, queued for the caller's thread, throwing, removed. */
public class ListenersTest {
    private static final EnumSet<SyncEventType> ALL = EnumSet.allOf(SyncEventType.class);
    private StubServer stub;
    private File dir;
    private TestSupport.RecordingLogger logger;
    private MemberCore core;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("listeners");
        logger = new TestSupport.RecordingLogger();
        core = TestSupport.open(dir, stub.url(), new MemoryStorage(), logger);
        TestSupport.signIn(core, stub, TestSupport.ASHA);
    }

    @After
    public void tearDown() throws Exception {
        core.close();
        TestSupport.deleteTree(dir);
        stub.close();
    }

    @Test
    public void immediateListenerRunsOnTheSyncThread() throws Exception {
        final CountDownLatch changed = new CountDownLatch(1);
        final AtomicReference<Thread> thread = new AtomicReference<Thread>();
        final AtomicReference<SyncEvent> event = new AtomicReference<SyncEvent>();
        ListenerHandle h = core.sync().addListener(EnumSet.of(SyncEventType.DATA_CHANGED),
                Delivery.IMMEDIATE, e -> {
                    thread.compareAndSet(null, Thread.currentThread());
                    event.compareAndSet(null, e);
                    changed.countDown();
                });
        core.sync().start();
        assertTrue("no DATA_CHANGED from the sync thread within 10 s",
                changed.await(10, TimeUnit.SECONDS));
        core.sync().stop();
        assertNotNull(thread.get());
        assertNotSame(Thread.currentThread(), thread.get());
        assertEquals("membercore-native", thread.get().getName());
        assertTrue(thread.get().isDaemon());
        assertEquals(SyncEventType.DATA_CHANGED, event.get().getType());
        assertTrue(event.get().getKinds().contains(Kind.EVENT));
        h.remove();
    }

    @Test
    public void queuedListenerRunsOnTheThreadThatDelivers() throws Exception {
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<Thread>());
        final List<SyncEvent> events = Collections.synchronizedList(new ArrayList<SyncEvent>());
        final AtomicInteger wakeups = new AtomicInteger();
        core.sync().setWakeup(wakeups::incrementAndGet);
        ListenerHandle h = core.sync().addListener(ALL, Delivery.QUEUED, e -> {
            threads.add(Thread.currentThread());
            events.add(e);
        });
        core.sync().once();
        assertTrue(events.isEmpty()); /* queued, not delivered */
        assertTrue(wakeups.get() > 0);
        int n = core.sync().deliverQueued();
        assertTrue(n > 0);
        assertEquals(n, events.size());
        for (Thread t : threads) {
            assertSame(Thread.currentThread(), t);
        }
        assertEquals(0, core.sync().deliverQueued());

        /* The background thread queues too; the test thread delivers. */
        events.clear();
        threads.clear();
        core.sync().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.isEmpty() && System.nanoTime() < deadline) {
            core.sync().deliverQueued();
            Thread.sleep(5);
        }
        core.sync().stop();
        assertTrue("nothing queued by the sync thread within 10 s", !events.isEmpty());
        for (Thread t : threads) {
            assertSame(Thread.currentThread(), t);
        }
        h.remove();
        core.sync().setWakeup(null);
    }

    @Test
    public void immediateListenerOfALocalWriteRunsOnTheWriter() throws Exception {
        core.sync().once();
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<Thread>());
        try (ListenerHandle h = core.sync().addListener(EnumSet.of(SyncEventType.DATA_CHANGED),
                Delivery.IMMEDIATE, e -> threads.add(Thread.currentThread()))) {
            core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING);
            assertTrue(threads.size() >= 1);
            assertSame(Thread.currentThread(), threads.get(0));
        }
    }

    @Test
    public void throwingListenersCrashNothing() throws Exception {
        final AtomicInteger thrown = new AtomicInteger();
        final CountDownLatch later = new CountDownLatch(1);
        core.sync().addListener(ALL, Delivery.IMMEDIATE, e -> {
            thrown.incrementAndGet();
            throw new IllegalArgumentException("listener bug");
        });
        core.sync().addListener(ALL, Delivery.QUEUED, e -> {
            throw new Error("queued listener bug");
        });
        core.sync().addListener(ALL, Delivery.IMMEDIATE, e -> later.countDown());
        core.sync().setWakeup(() -> {
            throw new IllegalStateException("wakeup bug");
        });
        SyncReport r = core.sync().once(); /* on this thread */
        assertTrue(r.getPulled() > 0);
        assertTrue(core.sync().deliverQueued() > 0);
        core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING); /* a local write */
        core.sync().start(); /* and on the sync thread */
        core.sync().trigger();
        assertTrue(later.await(10, TimeUnit.SECONDS));
        core.sync().stop();
        assertTrue(thrown.get() > 0);
        assertTrue(logger.contains("listener bug"));
        assertTrue(logger.contains("queued listener bug"));
        assertTrue(logger.contains("wakeup bug"));
        /* Everything still works. */
        assertEquals(Rsvp.GOING, TestSupport.event(core, "EVT-BLR-DIWALI").getMyRsvp());
    }

    @Test
    public void removedListenersAreNotCalled() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        ListenerHandle h = core.sync().addListener(ALL, Delivery.IMMEDIATE, e -> calls.incrementAndGet());
        ListenerHandle q = core.sync().addListener(ALL, Delivery.QUEUED, e -> calls.incrementAndGet());
        h.remove();
        h.remove(); /* twice is fine */
        core.sync().once();
        q.close(); /* drops its queued events */
        assertEquals(0, core.sync().deliverQueued());
        assertEquals(0, calls.get());
    }

    /** A listener removing itself from its own callback (the core does not wait for it). */
    @Test
    public void listenerRemovesItselfInItsCallback() throws Exception {
        long baseline = MemberCore.nativeGlobalRefCount();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<ListenerHandle> self = new AtomicReference<ListenerHandle>();
        self.set(core.sync().addListener(ALL, Delivery.IMMEDIATE, e -> {
            calls.incrementAndGet();
            self.get().remove();
        }));
        core.sync().once();
        assertEquals(1, calls.get());
        core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING);
        assertEquals(1, calls.get());
        /* Its reference is kept until close (the core may still run it elsewhere). */
        assertEquals(baseline + 1, MemberCore.nativeGlobalRefCount());
        core.close();
        assertTrue(MemberCore.nativeGlobalRefCount() < baseline);
    }

    /** close() and stopSync() from inside a listener are refused, never a deadlock. */
    @Test
    public void closeFromAListenerIsRefused() throws Exception {
        final List<Throwable> refused = Collections.synchronizedList(new ArrayList<Throwable>());
        final CountDownLatch fromSyncThread = new CountDownLatch(2);
        core.sync().addListener(ALL, Delivery.IMMEDIATE, e -> {
            if (Thread.currentThread().getName().equals("membercore-native")) {
                try {
                    core.close();
                } catch (IllegalStateException x) {
                    refused.add(x);
                    fromSyncThread.countDown();
                }
                try {
                    core.sync().stop();
                } catch (IllegalStateException x) {
                    refused.add(x);
                    fromSyncThread.countDown();
                }
            }
        });
        core.sync().addListener(ALL, Delivery.QUEUED, e -> {
            try {
                core.close();
            } catch (IllegalStateException x) {
                refused.add(x);
            }
        });
        core.sync().start();
        assertTrue(fromSyncThread.await(10, TimeUnit.SECONDS));
        core.sync().stop();
        assertTrue(core.sync().deliverQueued() > 0);
        assertTrue(refused.size() >= 3);
        assertTrue(!core.isClosed());
        core.sync().once(); /* still usable */
    }
}
