package org.membercore;

import java.io.File;

import org.junit.After;
import org.junit.Before;

/**
 * What most JNI suites start from: a real memberstub on loopback, a fresh data directory
 * named after the suite, and a test clock reading T0 (Monday 2027-01-04 10:00 IST). JUnit
 * runs these before and after each test of a subclass; a subclass adds only its own.
 */
public abstract class StubFixture {
    protected StubServer stub;
    protected File dir;
    protected TestSupport.TestClock clock;

    @Before
    public void startStub() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir(getClass().getSimpleName().toLowerCase());
        clock = new TestSupport.TestClock();
    }

    @After
    public void stopStub() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }
}
