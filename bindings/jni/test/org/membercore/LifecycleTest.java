package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Open, close, use after close, concurrent close, and no leaked global references. */
public class LifecycleTest {
    private StubServer stub;
    private File dir;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("lifecycle");
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    @Test
    public void versions() {
        assertTrue(MemberCore.version(), MemberCore.version().matches("\\d+\\.\\d+\\.\\d+"));
        assertTrue(MemberCore.storeSchemaVersion() > 0);
    }

    @Test
    public void defaultDataDirFollowsXdg() {
        String xdg = System.getenv("XDG_DATA_HOME");
        String home = System.getenv("HOME");
        if ((xdg == null || xdg.isEmpty()) && (home == null || home.isEmpty())) {
            TestSupport.expectError(ErrorCode.NOT_FOUND, MemberCore::defaultDataDir);
            return;
        }
        String expected = xdg != null && !xdg.isEmpty() ? xdg + "/membercore"
                : home + "/.local/share/membercore";
        assertEquals(expected, MemberCore.defaultDataDir());
    }

    @Test
    public void emptyStoreIsDamagedSignsOutAndRemoveStoreRecovers() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            assertTrue(core.auth().isSignedIn());
        }
        File store = new File(dir, "membercore.db");
        new java.io.FileOutputStream(store).close(); /* zero bytes, as a full disk can leave it */
        MemberCoreException e = TestSupport.expectError(ErrorCode.STORE_DAMAGED,
                () -> TestSupport.open(dir, stub.url()));
        assertTrue(e.getMessage(), e.getMessage().contains("damaged"));
        assertFalse(new File(dir, "secure/session_token").exists());
        MemberCore.removeStore(dir);
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            assertFalse(core.auth().isSignedIn());
        }
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.removeStore(null));
    }

    @Test
    public void closeTwiceAndUseAfterClose() {
        MemberCore core = TestSupport.open(dir, stub.url());
        ListenerHandle h = core.sync().addListener(EnumSet.allOf(SyncEventType.class),
                Delivery.QUEUED, e -> { });
        assertFalse(core.isClosed());
        core.close();
        core.close();
        assertTrue(core.isClosed());
        h.remove(); /* after close: nothing to do, no crash */
        Runnable[] calls = {
            () -> core.auth().requestOtp(TestSupport.ASHA),
            () -> core.auth().verifyOtp("123456"),
            core.auth()::pendingPhone,
            core.auth()::account,
            core.auth()::refreshAccount,
            core.auth()::isSignedIn,
            core.auth()::logout,
            core.sync()::once,
            core.sync()::status,
            core.sync()::start,
            core.sync()::stop,
            core.sync()::trigger,
            core.sync()::pause,
            core.sync()::resume,
            () -> core.sync().setReachable(true),
            core.sync()::deliverQueued,
            () -> core.sync().setWakeup(null),
            () -> core.sync().addListener(EnumSet.allOf(SyncEventType.class), Delivery.QUEUED,
                    e -> { }),
            core.sync()::outbox,
            () -> core.sync().dismissMutation(1),
            () -> core.community().events(),
            () -> core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING),
            () -> core.community().notifications(false),
            () -> core.community().markNotificationRead("ntf"),
            () -> core.community().registerPushToken(PushProvider.FCM, "t"),
            core::now,
            () -> core.rooms().search(RoomQuery.builder("BLR-1", "2027-01-07").build()),
            () -> core.rooms().book(
                    BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "10:00").build()),
            () -> core.rooms().confirmPayment("b", "o", "p", "s"),
            () -> core.rooms().cancel("b"),
            () -> core.rooms().bookings(),
            core.rooms()::credits,
            () -> core.billing().quote(Cart.builder("BLR-1").build()),
            () -> core.billing().checkout(Cart.builder("BLR-1").build()),
            () -> core.billing().payInvoice("i"),
            () -> core.billing().confirmInvoicePayment("o", "p", "s"),
            core.billing()::passes,
            core.billing()::invoices,
            core.billing()::membership,
            core.access()::credentials,
            () -> core.access().payload("c"),
            core.buildings()::list,
        };
        for (int i = 0; i < calls.length; i++) {
            try {
                calls[i].run();
                fail("call " + i + " worked after close");
            } catch (IllegalStateException expected) {
                /* the point */
            }
        }
    }

    /** Every global reference the glue takes is released by close (and by remove). */
    @Test
    public void noGlobalReferenceOutlivesClose() throws Exception {
        long baseline = MemberCore.nativeGlobalRefCount();
        assertTrue("the cached classes are global references", baseline > 0);
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        MemberCore core = TestSupport.open(dir, stub.url(), new MemoryStorage(), logger);
        /* storage, logger, transport */
        assertEquals(baseline + 3, MemberCore.nativeGlobalRefCount());
        ListenerHandle a = core.sync().addListener(EnumSet.allOf(SyncEventType.class),
                Delivery.IMMEDIATE, e -> { });
        core.sync().addListener(EnumSet.allOf(SyncEventType.class), Delivery.QUEUED, e -> { });
        core.sync().addListener(EnumSet.of(SyncEventType.DATA_CHANGED), Delivery.IMMEDIATE,
                e -> { });
        core.sync().setWakeup(() -> { });
        core.sync().setWakeup(() -> { }); /* replaces: the first one is released */
        assertEquals(baseline + 3 + 3 + 1, MemberCore.nativeGlobalRefCount());
        a.remove();
        assertEquals(baseline + 3 + 2 + 1, MemberCore.nativeGlobalRefCount());
        core.sync().setWakeup(null);
        assertEquals(baseline + 3 + 2, MemberCore.nativeGlobalRefCount());

        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().setWakeup(() -> { });
        core.sync().start();
        core.sync().once();
        core.sync().deliverQueued();
        core.close(); /* with the sync thread running, listeners and wake-up registered */
        assertEquals(baseline, MemberCore.nativeGlobalRefCount());

        /* Without storage and logger: the transport only, and no references once closed. */
        core = TestSupport.open(dir, stub.url());
        assertEquals(baseline + 1, MemberCore.nativeGlobalRefCount());
        core.sync().addListener(EnumSet.allOf(SyncEventType.class), Delivery.QUEUED, e -> { });
        core.close();
        assertEquals(baseline, MemberCore.nativeGlobalRefCount());
    }

    /** close() waits for calls in flight on other threads; they never see a freed client. */
    @Test
    public void closeWhileOtherThreadsCall() throws Exception {
        final MemberCore core = TestSupport.open(dir, stub.url());
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().start();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> unexpected = new AtomicReference<Throwable>();
        final CountDownLatch started = new CountDownLatch(4);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            final int kind = i;
            threads[i] = new Thread(() -> {
                started.countDown();
                try {
                    while (true) {
                        switch (kind) {
                            case 0:
                                core.sync().once();
                                break;
                            case 1:
                                core.community().events();
                                break;
                            case 2:
                                core.community().rsvp("EVT-BLR-DIWALI",
                                        done.get() % 2 == 0 ? Rsvp.GOING : Rsvp.NOT_GOING);
                                break;
                            default:
                                core.sync().status();
                                core.sync().trigger();
                        }
                        done.incrementAndGet();
                    }
                } catch (IllegalStateException closed) {
                    /* the expected end */
                } catch (MemberCoreException e) {
                    /* NOT_FOUND before the first pull; CANCELLED: a request close cut short */
                    if (e.getCode() != ErrorCode.NOT_FOUND && e.getCode() != ErrorCode.CANCELLED) {
                        unexpected.compareAndSet(null, e);
                    }
                } catch (Throwable t) {
                    unexpected.compareAndSet(null, t);
                }
            });
            threads[i].start();
        }
        started.await();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (done.get() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        core.close();
        for (Thread t : threads) {
            t.join(10000);
            assertFalse(t.isAlive());
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a caller failed", unexpected.get());
        }
        assertTrue(done.get() > 0);
    }

    /**
     * The handle's memory outlives close() (a late call gets IllegalStateException, not a freed
     * pointer) and is freed once the MemberCore is unreachable; a client dropped without
     * close() is closed and freed the same way.
     */
    @Test
    public void handleFreedOnceUnreachable() throws Exception {
        int before = HandleCleaner.pendingCount();
        openAndDrop(true);
        openAndDrop(false);
        assertEquals(before + 2, HandleCleaner.pendingCount());
        /* Waits for the garbage collector, which no test can drive: bounded, 20 s at most. */
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (HandleCleaner.pendingCount() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue("handles left: " + (HandleCleaner.pendingCount() - before),
                HandleCleaner.pendingCount() <= before);
        /* The data directory is free again: a new client opens it and reads. */
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            assertFalse(core.auth().isSignedIn());
        }
    }

    private void openAndDrop(boolean close) {
        MemberCore core = TestSupport.open(dir, stub.url());
        assertFalse(core.auth().isSignedIn());
        if (close) {
            core.close();
            try {
                core.auth().isSignedIn();
                fail("a call after close worked");
            } catch (IllegalStateException expected) {
                /* the point */
            }
        }
    }

    /** Two threads closing at once: both return, the client is closed once. */
    @Test
    public void concurrentCloses() throws Exception {
        final MemberCore core = TestSupport.open(dir, stub.url(), new MemoryStorage(), null);
        long baseline = MemberCore.nativeGlobalRefCount() - 2; /* storage, transport */
        Thread other = new Thread(core::close);
        other.start();
        core.close();
        other.join(10000);
        assertFalse(other.isAlive());
        assertTrue(core.isClosed());
        assertEquals(baseline, MemberCore.nativeGlobalRefCount());
    }

    /** No server URL: an offline-only client still reads and refuses network calls. */
    @Test
    public void offlineOnlyClient() {
        try (MemberCore core = MemberCore.open(Config.builder(dir.getPath()).build())) {
            assertFalse(core.auth().isSignedIn());
            assertNull(core.auth().pendingPhone());
            MemberCoreException e = TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    core.sync()::once);
            assertTrue(e.getMessage().length() > 0);
        }
    }
}
