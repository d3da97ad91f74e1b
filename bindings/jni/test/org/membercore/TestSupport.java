package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Helpers shared by the tests. */
final class TestSupport {
    static final String ASHA = "+919800000001";
    static final String VIKRAM = "+919800000002";
    /** Staff of BLR-1 and of LON-1 (DOMAIN.md's seed). */
    static final String KIRAN = "+919800000010";
    static final String TOM = "+447700900010";

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

    /** A client on dir with clock, phone signed in on stub and a first sync done. */
    static MemberCore signedInAndSynced(File dir, StubServer stub, Clock clock, String phone)
            throws IOException {
        MemberCore core = openWithClock(dir, stub.url(), clock, null);
        try {
            signIn(core, stub, phone);
            core.sync().once();
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
        return core;
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

    /**
     * A real PNG of width x height RGB pixels (a gradient, so no two files of other sizes are
     * alike), written to file: signature, IHDR, one zlib IDAT, IEND, each chunk with its CRC.
     */
    static File writePng(File file, int width, int height) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0); /* filter: none */
            for (int x = 0; x < width; x++) {
                raw.write(x * 255 / Math.max(1, width - 1));
                raw.write(y * 255 / Math.max(1, height - 1));
                raw.write((x + y) & 0xff);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); /* 8-bit RGB, deflate, no filter, no interlace */
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        pngChunk(out, "IHDR", ihdr.toByteArray());
        pngChunk(out, "IDAT", idat.toByteArray());
        pngChunk(out, "IEND", new byte[0]);
        Files.write(file.toPath(), png.toByteArray());
        return file;
    }

    private static void pngChunk(DataOutputStream out, String type, byte[] data)
            throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        out.writeInt((int) crc.getValue());
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
