package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Config.clock: the core reads the time through a Java Clock (mc_config.clock). */
public class ClockTest {
    private File dir;

    @Before
    public void setUp() throws Exception {
        dir = TestSupport.tempDir("clock");
    }

    @After
    public void tearDown() {
        TestSupport.deleteTree(dir);
    }

    @Test
    public void theInjectedClockIsTheCoresNow() {
        TestSupport.TestClock clock = new TestSupport.TestClock();
        long baseline = MemberCore.nativeGlobalRefCount();
        try (MemberCore core = TestSupport.openWithClock(dir, null, clock, null)) {
            assertEquals(baseline + 2, MemberCore.nativeGlobalRefCount()); /* clock, transport */
            assertEquals(StubServer.T0_MS, core.now());
            clock.set(42);
            assertEquals(42, core.now());
            assertTrue(clock.reads.get() >= 2);
        }
        assertEquals(baseline, MemberCore.nativeGlobalRefCount());
    }

    @Test
    public void withoutOneTheSystemClockIsUsed() {
        try (MemberCore core = MemberCore.open(Config.builder(dir.getPath()).build())) {
            long before = System.currentTimeMillis();
            long now = core.now();
            assertTrue(now >= before && now <= System.currentTimeMillis());
        }
    }

    /** A clock that throws: reported to the Logger once, and the system clock answers. */
    @Test
    public void aThrowingClockFallsBackToTheSystemClock() {
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        Clock broken = () -> {
            throw new IllegalStateException("no time today");
        };
        try (MemberCore core = TestSupport.openWithClock(dir, null, broken, logger)) {
            long before = System.currentTimeMillis();
            long now = core.now();
            assertTrue(now >= before && now <= System.currentTimeMillis());
            core.now();
            assertTrue(logger.lines.toString(), logger.contains("no time today"));
            int reports = 0;
            synchronized (logger.lines) {
                for (String l : logger.lines) {
                    if (l.contains("no time today")) {
                        reports++;
                    }
                }
            }
            assertEquals(1, reports);
        }
    }
}
