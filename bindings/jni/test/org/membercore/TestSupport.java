package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers shared by the tests. */
final class TestSupport {
    static final String ASHA = "+919800000001";
    static final String VIKRAM = "+919800000002";

    private TestSupport() {
    }

    static File tempDir(String prefix) throws IOException {
        return Files.createTempDirectory("membercore-jni-" + prefix).toFile();
    }

    static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }

    static MemberCore open(File dataDir, String url, SecureStorage storage, Logger logger) {
        return MemberCore.open(Config.builder(dataDir.getPath()).serverUrl(url)
                .connectTimeoutMs(2000).requestTimeoutMs(5000).secureStorage(storage)
                .logger(logger).build());
    }

    static MemberCore open(File dataDir, String url) {
        return open(dataDir, url, null, null);
    }

    /** A client whose clock is clock (the stub's, for tests that depend on "now"). */
    static MemberCore openWithClock(File dataDir, String url, Clock clock, Logger logger) {
        return MemberCore.open(Config.builder(dataDir.getPath()).serverUrl(url)
                .connectTimeoutMs(2000).requestTimeoutMs(5000).logger(logger).clock(clock)
                .build());
    }

    /** A clock the test moves; it starts at the stub's T0. */
    static final class TestClock implements Clock {
        private final AtomicLong now = new AtomicLong(StubServer.T0_MS);
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public long nowMs() {
            reads.incrementAndGet();
            return now.get();
        }

        void set(long ms) {
            now.set(ms);
        }
    }

    /** Request a code, read it from the stub, verify it. */
    static VerifyResult signIn(MemberCore core, StubServer stub, String phone) throws IOException {
        OtpRequest req = core.auth().requestOtp(phone);
        return core.auth().verifyOtp(stub.latestOtp(req.getPhone()));
    }

    /** Run r, which must throw a MemberCoreException with code; return it. */
    static MemberCoreException expectError(ErrorCode code, Runnable r) {
        try {
            r.run();
        } catch (MemberCoreException e) {
            assertEquals("code of " + e, code, e.getCode());
            return e;
        }
        fail("expected MemberCoreException " + code);
        return null;
    }

    static Event event(MemberCore core, String id) {
        for (Event e : core.community().events()) {
            if (e.getId().equals(id)) {
                return e;
            }
        }
        fail("no event " + id + " in " + core.community().events());
        return null;
    }

    /** A Logger that keeps every line. */
    static final class RecordingLogger implements Logger {
        final List<String> lines = Collections.synchronizedList(new ArrayList<String>());

        @Override
        public void log(LogLevel level, String message) {
            lines.add(level + " " + message);
        }

        boolean contains(String part) {
            synchronized (lines) {
                for (String l : lines) {
                    if (l.contains(part)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
