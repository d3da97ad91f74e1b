package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Visitors through the Java API against a real memberstub (docs/notifications-protocol.md):
 * Asha invites a visitor on a device that cannot reach the server, syncs later (the server
 * emails the code), lists, invites the same person again, cancels; Kiran Das at BLR-1's front
 * desk checks a visitor in and Asha sees the arrival and its urgent alert after sync; a walk-in
 * she approves. Both clocks read T0 (Monday 2027-01-04 10:00 IST).
 */
public class VisitorsTest {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final String TODAY = "2027-01-04";
    private static final String TOMORROW = "2027-01-05";
    private static final String RAVI = "Ravi Kumar";
    private static final String RAVI_EMAIL = "ravi@example.com";
    private static final String RAVI_PHONE = "+919812345678";

    private StubServer stub;
    private File memberDir;
    private File staffDir;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        memberDir = TestSupport.tempDir("visitors-member");
        staffDir = TestSupport.tempDir("visitors-staff");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(memberDir);
        TestSupport.deleteTree(staffDir);
        stub.close();
    }

    private MemberCore open(File dir, String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    private MemberCore signedIn(File d, String phone) throws Exception {
        return TestSupport.signedInAndSynced(d, stub, clock, phone);
    }

    private static Visitor find(List<Visitor> list, String id) {
        for (Visitor v : list) {
            if (v.getId().equals(id)) {
                return v;
            }
        }
        return null;
    }

    @Test
    public void invitedOfflineThenSyncedListedInvitedAgainAndCancelled() throws Exception {
        signedIn(memberDir, TestSupport.ASHA).close();

        String id;
        /* The same data directory, with the server out of reach. */
        try (MemberCore asha = open(memberDir, OFFLINE_URL)) {
            id = asha.visitors().invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, TOMORROW)
                    .phone(RAVI_PHONE).window(10 * 60, 12 * 60).build());
            assertTrue(id, id.startsWith("vis_"));
            Visitor v = find(asha.visitors().upcoming(), id);
            assertNotNull(asha.visitors().upcoming().toString(), v);
            assertEquals(RAVI, v.getName());
            assertEquals(RAVI_EMAIL, v.getEmail());
            assertEquals(RAVI_PHONE, v.getPhone());
            assertEquals("BLR-1", v.getBuildingId());
            assertEquals(TOMORROW, v.getDate());
            assertEquals(VisitorStatus.INVITED, v.getStatus());
            assertEquals("invited", v.getStatus().statusName());
            assertTrue(v.isPending());
            assertFalse(v.isWalkIn());
            assertEquals(VisitorCheckin.NONE, v.getCheckin());
            assertTrue(v.hasWindow());
            assertEquals(600, v.getWindowFromMin());
            assertEquals(720, v.getWindowToMin());
            /* The window in Bengaluru's time, whatever this JVM's zone. */
            assertEquals(10, v.getWindowFrom().getHour());
            assertEquals(5, v.getWindowFrom().getDay());
            assertEquals("IST", v.getWindowFrom().getLabel());
            assertEquals(12, v.getWindowTo().getHour());
            assertNull(v.getArrivedAt());
            assertEquals("", v.getHostName());

            TestSupport.expectError(ErrorCode.OFFLINE, asha.sync()::once);
            List<Mutation> outbox = asha.sync().outbox();
            assertEquals(1, outbox.size());
            assertEquals("visitor.invite", outbox.get(0).getKind());
            assertEquals(id, outbox.get(0).getEntityId());
        }

        try (MemberCore asha = open(memberDir, stub.url())) {
            SyncReport r = asha.sync().once();
            assertEquals(1, r.getPushed());
            assertEquals(0, r.getRejected());
            assertTrue(r.getChangedKinds().toString(),
                    r.getChangedKinds().contains(Kind.VISITOR));
            Visitor v = asha.visitors().get(id);
            assertFalse(v.toString(), v.isPending());
            assertEquals(VisitorStatus.INVITED, v.getStatus());
            assertEquals(10, v.getWindowFrom().getHour());
            assertTrue(asha.sync().outbox().isEmpty());
            /* The server emailed Ravi his QR code and texted the entry code. */
            String emails = stub.emails(RAVI_EMAIL);
            assertTrue(emails, emails.contains("access-qr.png"));
            String texts = stub.texts(RAVI_PHONE);
            assertTrue(texts, texts.contains("Asha Rao invited you to Indiranagar"));

            /* The same person again, another day, without retyping. */
            String again = asha.visitors().inviteAgain(id, "2027-01-06");
            assertNotEquals(id, again);
            Visitor copy = asha.visitors().get(again);
            assertEquals(RAVI, copy.getName());
            assertEquals(RAVI_EMAIL, copy.getEmail());
            assertEquals(RAVI_PHONE, copy.getPhone());
            assertEquals("2027-01-06", copy.getDate());
            assertFalse(copy.hasWindow());
            assertNull(copy.getWindowFrom());
            List<Visitor> upcoming = asha.visitors().upcoming();
            assertEquals(id, upcoming.get(0).getId()); /* soonest first */
            assertEquals(again, upcoming.get(1).getId());

            asha.visitors().cancel(id);
            Visitor cancelled = asha.visitors().get(id);
            assertEquals(VisitorStatus.CANCELLED, cancelled.getStatus());
            assertTrue(cancelled.isPending());
            r = asha.sync().once();
            assertEquals(2, r.getPushed());
            assertEquals(0, r.getRejected());
            cancelled = asha.visitors().get(id);
            assertEquals(VisitorStatus.CANCELLED, cancelled.getStatus());
            assertFalse(cancelled.isPending());
            assertNull(find(asha.visitors().upcoming(), id));
            assertNotNull(find(asha.visitors().list(false), id)); /* kept as history */
            MemberCoreException twice = TestSupport.expectError(ErrorCode.STATE,
                    () -> asha.visitors().cancel(id));
            assertTrue(twice.getMessage(), twice.getMessage().contains("cancelled"));
        }
    }

    @Test
    public void badInvitationsAreRefusedAndNothingKept() throws Exception {
        try (MemberCore asha = signedIn(memberDir, TestSupport.ASHA)) {
            Visitors v = asha.visitors();
            MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> v.invite(VisitorInvitation.builder("", RAVI_EMAIL, TOMORROW).build()));
            assertTrue(e.getMessage(), e.getMessage().contains("name"));
            e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> v.invite(VisitorInvitation.builder(RAVI, "not an email", TOMORROW)
                            .build()));
            assertTrue(e.getMessage(), e.getMessage().contains("email"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> v.invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, "5 Jan").build()));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> v.invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, TOMORROW)
                            .window(12 * 60, 10 * 60).build()));
            /* In the past, and on a Sunday BLR-1 is closed. */
            TestSupport.expectError(ErrorCode.STATE,
                    () -> v.invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, "2027-01-01")
                            .build()));
            e = TestSupport.expectError(ErrorCode.STATE,
                    () -> v.invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, "2027-01-10")
                            .build()));
            assertTrue(e.getMessage(), e.getMessage().contains("closed"));
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> v.invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, TOMORROW)
                            .building("NOWHERE-1").build()));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> v.invite(VisitorInvitation.builder(RAVI + "\0", RAVI_EMAIL, TOMORROW)
                            .build()));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> v.invite(null));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> v.get("vis_nobody"));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> v.cancel("vis_nobody"));
            assertTrue(v.list(false).isEmpty());
            assertTrue(asha.sync().outbox().isEmpty());
        }
    }

    @Test
    public void receptionChecksInAndTheHostSeesTheArrival() throws Exception {
        String today;
        String tomorrow;
        try (MemberCore asha = signedIn(memberDir, TestSupport.ASHA)) {
            asha.community().registerPushToken(PushProvider.FCM, "fcm-token-asha");
            today = asha.visitors().invite(VisitorInvitation.builder(RAVI, RAVI_EMAIL, TODAY)
                    .window(10 * 60, 11 * 60).build());
            tomorrow = asha.visitors().invite(VisitorInvitation.builder("Meera Iyer",
                    "meera@example.com", TOMORROW).build());
            asha.sync().once();
            assertTrue(asha.sync().outbox().isEmpty());
        }

        try (MemberCore kiran = signedIn(staffDir, TestSupport.KIRAN)) {
            List<Visitor> desk = kiran.reception().today();
            Visitor expected = find(desk, today);
            assertNotNull(desk.toString(), expected);
            assertEquals("Asha Rao", expected.getHostName());
            assertEquals(VisitorStatus.INVITED, expected.getStatus());
            assertEquals("IST", expected.getWindowFrom().getLabel());
            assertNull(find(desk, tomorrow));
            assertNotNull(find(kiran.reception().visitors(TOMORROW), tomorrow));

            Visitor in = kiran.reception().checkIn(today);
            assertEquals(VisitorStatus.ARRIVED, in.getStatus());
            assertEquals(VisitorCheckin.RECEPTION, in.getCheckin());
            assertEquals(StubServer.T0_MS, in.getArrivedAtMs());
            assertEquals(10, in.getArrivedAt().getHour());
            assertEquals("IST", in.getArrivedAt().getLabel());

            MemberCoreException again = TestSupport.expectError(ErrorCode.STATE,
                    () -> kiran.reception().checkIn(today));
            assertTrue(again.getMessage(), again.getMessage().contains("arrived"));
            MemberCoreException early = TestSupport.expectError(ErrorCode.STATE,
                    () -> kiran.reception().checkIn(tomorrow));
            assertTrue(early.getMessage(), early.getMessage().contains(TOMORROW)
                    || early.getMessage().contains("5 Jan"));
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> kiran.reception().checkIn("vis_nobody"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> kiran.reception().visitors("tomorrow"));
        }

        try (MemberCore asha = open(memberDir, stub.url())) {
            asha.sync().once();
            Visitor arrived = asha.visitors().get(today);
            assertEquals(VisitorStatus.ARRIVED, arrived.getStatus());
            assertEquals(VisitorCheckin.RECEPTION, arrived.getCheckin());
            assertEquals(10, arrived.getArrivedAt().getHour());
            Notification alert = null;
            for (Notification n : asha.community().notifications().getItems()) {
                if (n.getKind().equals("visitor.arrived")
                        && n.getDeepLink().equals("membercore://visitors/" + today)) {
                    alert = n;
                }
            }
            assertNotNull(asha.community().notifications().getItems().toString(), alert);
            assertTrue(alert.isUrgent());
            assertFalse(alert.isRead());
            assertEquals(NotificationCategory.BOOKINGS, alert.getCategory());
            assertEquals(LinkKind.VISITOR, alert.getLinkKind());
            assertEquals(new LinkTarget(LinkKind.VISITOR.value(), today, ""), alert.getTarget());
            assertTrue(alert.getLinkText(), alert.getLinkText().contains(RAVI));
            String pushes = stub.pushes(TestSupport.ASHA);
            assertTrue(pushes, pushes.contains("membercore://visitors/" + today));
            /* A member is not reception. */
            TestSupport.expectError(ErrorCode.FORBIDDEN, () -> asha.reception().today());
        }
    }

    @Test
    public void aWalkInTheHostApproves() throws Exception {
        String id;
        try (MemberCore kiran = signedIn(staffDir, TestSupport.KIRAN)) {
            Visitor w = kiran.reception().walkIn(TestSupport.ASHA, "Sunil Rao", null, null);
            id = w.getId();
            assertEquals(VisitorStatus.AWAITING_APPROVAL, w.getStatus());
            assertTrue(w.isWalkIn());
            assertEquals("Asha Rao", w.getHostName());
            assertEquals(TODAY, w.getDate());
            assertEquals(StubServer.T0_MS + Visitors.APPROVAL_MINUTES * 60000L,
                    w.getApprovalDueMs());
            assertEquals(10, w.getApprovalDue().getHour());
            assertEquals(15, w.getApprovalDue().getMinute());
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> kiran.reception().walkIn("+919899999999", "Nobody's guest", null, null));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> kiran.reception().walkIn(TestSupport.ASHA, "", null, null));
        }
        try (MemberCore asha = signedIn(memberDir, TestSupport.ASHA)) {
            Visitor w = asha.visitors().get(id);
            assertEquals(VisitorStatus.AWAITING_APPROVAL, w.getStatus());
            assertTrue(w.isWalkIn());
            boolean asked = false;
            for (Notification n : asha.community().notifications().getItems()) {
                asked |= n.getKind().equals("visitor.walk_in") && n.isUrgent();
            }
            assertTrue(asked);
            asha.visitors().approve(id);
            assertTrue(asha.visitors().get(id).isPending());
            asha.sync().once();
            Visitor approved = asha.visitors().get(id);
            assertEquals(VisitorStatus.ARRIVED, approved.getStatus());
            assertFalse(approved.isPending());
            TestSupport.expectError(ErrorCode.STATE, () -> asha.visitors().decline(id));
        }
    }
}
