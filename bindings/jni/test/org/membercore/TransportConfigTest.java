package org.membercore;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The transport rules as an app meets them when it opens a client (docs/security.md,
 * "Transport"): plain http only to loopback, pins at least two and well formed, a CA file that
 * exists, and those two only with the built-in transport. All checked at open, before any
 * request.
 */
public class TransportConfigTest {
    private static final String PIN_A = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String PIN_B = "sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    private File dir;

    @Before
    public void setUp() throws Exception {
        dir = TestSupport.tempDir("transport");
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
    }

    private static MemberCoreException refused(Config.Builder b) {
        return TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.open(b.build()));
    }

    @Test
    public void plainHttpOnlyToLoopback() {
        MemberCoreException e = refused(Config.builder(dir.getPath()).serverUrl("http://api.example.com"));
        assertTrue(e.getMessage(), e.getMessage().contains("https"));
        MemberCore.open(Config.builder(dir.getPath()).serverUrl("http://127.0.0.1:9").build()).close();
        MemberCore.open(Config.builder(dir.getPath()).serverUrl("https://api.example.com").build())
                .close();
    }

    @Test
    public void pinsNeedABackupAndTheirForm() {
        String https = "https://api.example.com";
        /* Pins are the built-in transport's (a Java one pins by the platform's configuration). */
        MemberCoreException one = refused(
                Config.builder(dir.getPath()).serverUrl(https).builtInTransport().tlsPins(PIN_A));
        assertTrue(one.getMessage(), one.getMessage().contains("pin"));
        refused(Config.builder(dir.getPath()).serverUrl(https).builtInTransport()
                .tlsPins(PIN_A, "md5/abc"));
        try (MemberCore core = MemberCore.open(Config.builder(dir.getPath()).serverUrl(https)
                .builtInTransport().tlsPins(PIN_A, PIN_B).build())) {
            assertFalse(core.auth().isSignedIn());
        }
    }

    @Test
    public void caFileMustExist() {
        File missing = new File(dir, "no-such-ca.pem");
        MemberCoreException e = refused(Config.builder(dir.getPath())
                .serverUrl("https://api.example.com").builtInTransport()
                .tlsCaFile(missing.getPath()));
        assertTrue(e.getMessage(), e.getMessage().contains("no-such-ca.pem"));
    }

    /** Pins and a CA file with the Java transport (the default): refused, saying why. */
    @Test
    public void pinsAndCaFileAreTheBuiltInTransportsOnly() throws Exception {
        String https = "https://api.example.com";
        File ca = new File(dir, "ca.pem");
        java.nio.file.Files.write(ca.toPath(), "not read".getBytes("UTF-8"));
        MemberCoreException pins =
                refused(Config.builder(dir.getPath()).serverUrl(https).tlsPins(PIN_A, PIN_B));
        assertTrue(pins.getMessage(), pins.getMessage().contains("transport"));
        MemberCoreException file =
                refused(Config.builder(dir.getPath()).serverUrl(https).tlsCaFile(ca.getPath()));
        assertTrue(file.getMessage(), file.getMessage().contains("transport"));
    }
}
