package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Every error path surfaces as a MemberCoreException with the core's code and details. */
public class ErrorsTest {
    private StubServer stub;
    private File dir;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("errors");
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    @Test
    public void errorCodeMirrorsMcStatus() {
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.fromValue(c.value()));
            if (c != ErrorCode.UNKNOWN) {
                assertNotEquals(c + " is not a code of the core", "unknown", c.statusName());
            }
        }
        assertEquals("invalid_argument", ErrorCode.INVALID_ARG.statusName());
        assertEquals("offline", ErrorCode.OFFLINE.statusName());
        /* The first value after the enum's last is unknown to the core too: no code missing. */
        int next = ErrorCode.CANCELLED.value() + 1;
        assertEquals("the core has codes this enum lacks", "unknown", Native.statusName(next));
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.fromValue(next));
    }

    @Test
    public void ruleMirrorsMcRule() {
        for (Rule r : Rule.values()) {
            assertEquals(r, Rule.fromValue(r.value()));
            if (r != Rule.UNKNOWN) {
                assertNotEquals(r + " is not a rule of the core", "unknown", r.ruleName());
            }
        }
        assertEquals("hold_limit", Rule.HOLD_LIMIT.ruleName());
        assertEquals("hold_cooldown", Rule.HOLD_COOLDOWN.ruleName());
        int next = Rule.HOLD_COOLDOWN.value() + 1;
        assertEquals("the core has rules this enum lacks", "unknown", Native.ruleName(next));
        assertEquals(Rule.UNKNOWN, Rule.fromValue(next));
    }

    @Test
    public void invalidPhone() {
        MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                () -> MemberCore.normalizePhone("98765x4321"));
        assertTrue(e.getMessage(), e.getMessage().contains("phone"));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.normalizePhone(""));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.normalizePhone(null));
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.auth().requestOtp("12345"));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.auth().requestOtp("+91 5555 55555"));
            assertEquals(null, core.auth().pendingPhone());
        }
    }

    @Test
    public void wrongOtpSaysHowManyAttemptsAreLeft() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.expectError(ErrorCode.STATE, () -> core.auth().verifyOtp("123456"));
            OtpRequest req = core.auth().requestOtp(TestSupport.ASHA);
            String code = stub.latestOtp(req.getPhone());
            String wrong = code.substring(0, 5) + (code.charAt(5) == '9' ? '0' : (char) (code.charAt(5) + 1));
            MemberCoreException e = TestSupport.expectError(ErrorCode.OTP_WRONG,
                    () -> core.auth().verifyOtp(wrong));
            assertEquals(4, e.getAttemptsLeft());
            assertEquals("otp_wrong", e.getServerCode());
            assertEquals(400, e.getHttpStatus());
            assertTrue(e.getMessage(), e.getMessage().contains("4"));
            e = TestSupport.expectError(ErrorCode.OTP_WRONG, () -> core.auth().verifyOtp(wrong));
            assertEquals(3, e.getAttemptsLeft());
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.auth().verifyOtp("12ab56"));
            assertTrue(core.auth().verifyOtp(code).getAccount().hasRole(Role.MEMBER));
        }
    }

    @Test
    public void otpRequestsAreRateLimited() {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            core.auth().requestOtp(TestSupport.ASHA);
            MemberCoreException e = TestSupport.expectError(ErrorCode.OTP_RATE_LIMITED,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertEquals(30, e.getRetryAfterSeconds()); /* the stub's clock stands still */
            assertEquals(429, e.getHttpStatus());
            assertEquals(-1, e.getAttemptsLeft());
            assertFalse(e.getServerCode().isEmpty());
        }
    }

    @Test
    public void offlineIsItsOwnCode() {
        try (MemberCore core = TestSupport.open(dir, "http://127.0.0.1:1")) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.OFFLINE,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertEquals(0, e.getHttpStatus());
            assertEquals(null, core.auth().pendingPhone());
        }
    }

    @Test
    public void unauthorizedWithoutASession() {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    core.sync()::once);
            assertTrue(e instanceof SyncFailedException);
            assertNotNull(((SyncFailedException) e).getReport());
            assertEquals(0, ((SyncFailedException) e).getReport().getPushed());
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.auth()::refreshAccount);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.auth()::account);
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.community().events());
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, () -> core.community().notifications(false));
            TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    () -> core.auth().completeProfile(new Profile("A", "a@example.com", "B", "C")));
        }
    }

    /** The server revoked the session (another client logged it out): 401 -> UNAUTHORIZED. */
    @Test
    public void revokedSessionIsUnauthorized() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        File other = TestSupport.tempDir("errors-other");
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, null)) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            /* A second client with a copy of the same token logs out: the server revokes it. */
            MemoryStorage copy = new MemoryStorage();
            copy.set("session_token", storage.peek("session_token"));
            try (MemberCore twin = TestSupport.open(other, stub.url(), copy, null)) {
                twin.auth().logout();
            }
            MemberCoreException e = TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    core.auth()::refreshAccount);
            assertEquals(401, e.getHttpStatus());
            assertFalse(core.auth().isSignedIn());
        } finally {
            TestSupport.deleteTree(other);
        }
    }

    @Test
    public void badConfigAndArguments() throws Exception {
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.open(
                Config.builder(dir.getPath()).connectTimeoutMs(0).build()));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.open(
                Config.builder(dir.getPath()).serverUrl("ftp://example.com").build()));
        TestSupport.expectError(ErrorCode.INVALID_ARG,
                () -> MemberCore.open(Config.builder(null).build()));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> MemberCore.open(null));
        File file = new File(dir, "plain-file");
        assertTrue(file.createNewFile());
        TestSupport.expectError(ErrorCode.STORAGE,
                () -> MemberCore.open(Config.builder(file.getPath()).build()));

        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            /* U+0000 cannot cross into C: refused, naming the argument. */
            MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.auth().requestOtp("+91980000\u00000001"));
            assertTrue(e.getMessage(), e.getMessage().contains("phone"));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.auth().completeProfile(null));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.auth().setIntent(null));
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().once();
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> core.community().rsvp("EVT-NOPE", Rsvp.GOING));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.community().rsvp("EVT-BLR-DIWALI", Rsvp.NONE));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.community().rsvp(null, Rsvp.GOING));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> core.community().markNotificationRead("ntf_x"));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> core.sync().dismissMutation(987654));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> core.sync().addListener(
                    java.util.EnumSet.noneOf(SyncEventType.class), Delivery.QUEUED, e2 -> { }));
        }
    }

    /** A SecureStorage that throws: STORAGE for the call, the exception reported, no crash. */
    @Test
    public void throwingSecureStorageIsAStorageError() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        storage.failWrites = true;
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, logger)) {
            OtpRequest req = core.auth().requestOtp(TestSupport.ASHA);
            String code = stub.latestOtp(req.getPhone());
            TestSupport.expectError(ErrorCode.STORAGE, () -> core.auth().verifyOtp(code));
            assertFalse(core.auth().isSignedIn());
            assertTrue(logger.lines.toString(), logger.contains("disk on fire"));
        }
    }
}
