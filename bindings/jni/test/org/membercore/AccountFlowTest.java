package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The sign-in journey through the Java API, against a real memberstub. */
public class AccountFlowTest {
    private StubServer stub;
    private File dir;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("account");
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        stub.close();
    }

    @Test
    public void newUserSignsUpCompletesProfileAndGoesOnDemand() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            assertFalse(core.auth().isSignedIn());
            assertNull(core.auth().pendingPhone());

            OtpRequest req = core.auth().requestOtp("+91 98765-43210");
            assertEquals("+919876543210", req.getPhone());
            assertFalse(req.isRegistered());
            assertEquals(300, req.getExpiresInSeconds());
            assertEquals(30, req.getResendAfterSeconds());
            assertEquals("+919876543210", core.auth().pendingPhone());

            VerifyResult v = core.auth().verifyOtp(stub.latestOtp(req.getPhone()));
            assertTrue(v.isNewUser());
            Account a = v.getAccount();
            assertEquals("+919876543210", a.getPhone());
            assertFalse(a.isProfileComplete());
            assertTrue(a.getRoles().isEmpty());
            assertEquals("", a.getLeadId());
            assertTrue(core.auth().isSignedIn());

            /* The intent comes after the profile. */
            TestSupport.expectError(ErrorCode.STATE, () -> core.auth().setIntent(IntentDetails.onDemand()));

            a = core.auth().completeProfile(
                    new Profile("Meera Iyer", "meera@example.com", "Iyer Labs", "Chennai"));
            assertTrue(a.isProfileComplete());
            assertEquals("Meera Iyer", a.getName());
            assertEquals("new", a.getLeadStatus());
            assertFalse(a.getLeadId().isEmpty());
            assertTrue(a.hasRole(Role.LEAD));

            a = core.auth().setIntent(IntentDetails.onDemand());
            assertEquals(Intent.ON_DEMAND, a.getIntent());
            assertTrue(a.hasRole(Role.ONDEMAND));

            Account local = core.auth().account();
            assertEquals(a.getUserId(), local.getUserId());
            assertEquals(Intent.ON_DEMAND, local.getIntent());

            core.auth().logout();
            assertFalse(core.auth().isSignedIn());
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.auth()::account);
        }
    }

    @Test
    public void seededMemberSignsIn() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            OtpRequest req = core.auth().requestOtp("98000 00001");
            assertEquals(TestSupport.ASHA, req.getPhone());
            assertTrue(req.isRegistered());
            VerifyResult v = core.auth().verifyOtp(stub.latestOtp(req.getPhone()));
            assertFalse(v.isNewUser());
            Account a = v.getAccount();
            assertEquals("Asha Rao", a.getName());
            assertEquals("Cabin 1019", a.getSeat());
            assertEquals("ACME", a.getCompanyId());
            assertEquals("BLR-1", a.getBuildingId());
            assertTrue(a.hasRole(Role.MEMBER));
            assertEquals("Cabin 1019", core.auth().refreshAccount().getSeat());
        }
    }

    @Test
    public void privateOfficeIntentKeepsItsDetails() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, "+919812345678");
            core.auth().completeProfile(new Profile("Kabir", "kabir@example.com", "Kabir & Co", "Pune"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.auth().setIntent(IntentDetails.privateOffice("", 12, "soon", 100, "INR")));
            Account a = core.auth().setIntent(
                    IntentDetails.privateOffice("Fintech", 12, "within 3 months", 50000000L, "INR"));
            assertEquals(Intent.PRIVATE_OFFICE, a.getIntent());
            assertEquals("Fintech", a.getIndustry());
            assertEquals(12, a.getEmployees());
            assertEquals("within 3 months", a.getTimeline());
            assertEquals(50000000L, a.getBudget().getMinor());
        }
    }

    /** Devanagari and characters outside the BMP survive Java -> C -> server -> C -> Java. */
    @Test
    public void unicodeNamesRoundTrip() throws Exception {
        String name = "आशा राव 🚀👩🏽‍💻";
        String company = "चाय ☕ & 𝄞 Music";
        String city = "बेंगलुरु";
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, "+919876500001");
            Account a = core.auth().completeProfile(new Profile(name, "asha@example.com", company, city));
            assertEquals(name, a.getName());
            assertEquals(company, a.getCompany());
            assertEquals(city, a.getCity());
            Account fresh = core.auth().refreshAccount();
            assertEquals(name, fresh.getName());
            assertEquals(company, fresh.getCompany());
            assertEquals(city, fresh.getCity());
        }
        /* And from the local store of a new process's client. */
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            Account a = core.auth().account();
            assertEquals(name, a.getName());
            assertEquals(company, a.getCompany());
            assertEquals(city, a.getCity());
        }
    }

    /** The core counts characters (code points), not UTF-16 units or bytes. */
    @Test
    public void nameLengthCountsCodePoints() throws Exception {
        StringBuilder hundred = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.appendCodePoint(0x1F600 + (i % 50)); /* 2 UTF-16 units, 4 UTF-8 bytes each */
        }
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, "+919876500002");
            Account a = core.auth().completeProfile(
                    new Profile(hundred.toString(), "e@example.com", "Emoji Inc", "Goa"));
            assertEquals(hundred.toString(), a.getName());
            MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.auth().completeProfile(new Profile(hundred + "😀", "e@example.com",
                            "Emoji Inc", "Goa")));
            assertTrue(e.getMessage(), e.getMessage().contains("name"));
        }
    }

    /** A Java SecureStorage gets the session token; the default store's files are not used. */
    @Test
    public void javaSecureStorageHoldsTheSession() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, null)) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            String token = storage.peek("session_token");
            assertNotNull(token);
            assertTrue(token.startsWith("mcs_"));
            assertFalse(new File(dir, "secure/session_token").exists());
        }
        /* Same storage, same directory: still signed in (a restart). */
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, null)) {
            assertTrue(core.auth().isSignedIn());
            assertEquals("Asha Rao", core.auth().refreshAccount().getName());
            core.auth().logout();
            assertNull(storage.peek("session_token"));
        }
    }

    /** Without a SecureStorage the core's Linux default keeps the token in dataDir/secure. */
    @Test
    public void defaultSecureStorageIsTheCoresFileStore() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            assertTrue(new File(dir, "secure/session_token").isFile());
        }
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            assertTrue(core.auth().isSignedIn());
            assertEquals("Asha Rao", core.auth().account().getName());
        }
    }

    /**
     * The core's log reaches the Java Logger, with a Java SecureStorage and without one (then
     * the core swaps mc_platform.context for its file store; see platform/android/mcj_platform.c).
     * The one line the core logs today: a logout made offline still waiting to reach the server.
     */
    private void deferredLogoutIsLogged(SecureStorage storage) throws Exception {
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        try (MemberCore core = TestSupport.open(dir, stub.url(), storage, logger)) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
        }
        try (MemberCore core = TestSupport.open(dir, "http://127.0.0.1:1", storage, logger)) {
            core.auth().logout(); /* offline: the revocation is kept for later */
            assertFalse(core.auth().isSignedIn());
            TestSupport.expectError(ErrorCode.OFFLINE, () -> core.auth().requestOtp(TestSupport.ASHA));
        }
        assertTrue(logger.lines.toString(), logger.contains("INFO deferred logout still pending"));
    }

    @Test
    public void coreLogReachesTheLoggerWithTheDefaultStore() throws Exception {
        deferredLogoutIsLogged(null);
    }

    @Test
    public void coreLogReachesTheLoggerWithAJavaStore() throws Exception {
        deferredLogoutIsLogged(new MemoryStorage());
    }

    @Test
    public void pushTokenIsQueuedAndSynced() throws Exception {
        try (MemberCore core = TestSupport.open(dir, stub.url())) {
            TestSupport.expectError(ErrorCode.UNAUTHORIZED,
                    () -> core.community().registerPushToken(PushProvider.FCM, "fcm-token-1"));
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().once();
            core.community().registerPushToken(PushProvider.FCM, "fcm-token-1");
            assertEquals(1, core.sync().outbox().size());
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> core.community().registerPushToken(PushProvider.FCM, "not ascii ✓"));
            SyncReport r = core.sync().once();
            assertEquals(1, r.getPushed());
            assertTrue(core.sync().outbox().isEmpty());
        }
    }

    @Test
    public void normalizePhone() {
        assertEquals("+919876543210", MemberCore.normalizePhone("098765 43210"));
        assertEquals("+447700900001", MemberCore.normalizePhone("0044 7700 900001"));
    }
}
