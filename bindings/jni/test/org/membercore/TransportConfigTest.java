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
 * exists. All checked at open, before any request.
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
        MemberCoreException one = refused(Config.builder(dir.getPath()).serverUrl(https).tlsPins(PIN_A));
        assertTrue(one.getMessage(), one.getMessage().contains("pin"));
        refused(Config.builder(dir.getPath()).serverUrl(https).tlsPins(PIN_A, "md5/abc"));
        try (MemberCore core = MemberCore.open(
                Config.builder(dir.getPath()).serverUrl(https).tlsPins(PIN_A, PIN_B).build())) {
            assertFalse(core.auth().isSignedIn());
        }
    }

    @Test
    public void caFileMustExist() {
        File missing = new File(dir, "no-such-ca.pem");
        MemberCoreException e = refused(Config.builder(dir.getPath())
                .serverUrl("https://api.example.com").tlsCaFile(missing.getPath()));
        assertTrue(e.getMessage(), e.getMessage().contains("no-such-ca.pem"));
    }
}
