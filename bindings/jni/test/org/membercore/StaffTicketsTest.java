package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The staff side through the Java API against a real memberstub: Kiran Das (BLR-1 staff) lists
 * the queue, assigns Asha's ticket to himself, starts it, writes an internal note and a public
 * reply, resolves it; Asha sees the result (never the note) with her notifications and pushes.
 * Refusals: a member is not staff, another building's staff cannot see the ticket, a move out
 * of order names it. Both clocks read T0 (Monday 2027-01-04 10:00 IST).
 */
public class StaffTicketsTest {
    private static final String NOTE = "Dispenser needs a new pump: ordered";
    private static final String REPLY = "Soap restocked and the dispenser fixed";

    private StubServer stub;
    private File memberDir;
    private File staffDir;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        memberDir = TestSupport.tempDir("staff-member");
        staffDir = TestSupport.tempDir("staff");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(memberDir);
        TestSupport.deleteTree(staffDir);
        stub.close();
    }

    private MemberCore signedIn(File dir, String phone) throws Exception {
        MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null);
        TestSupport.signIn(core, stub, phone);
        return core;
    }

    /** Asha files a high-priority Washroom ticket and syncs it: T-1001. */
    private String fileAsAsha(MemberCore asha) {
        String id = asha.tickets().file(TicketDraft.builder("cleaning.washroom",
                TicketPriority.HIGH, "No soap in the second-floor washroom").cabin("Cabin 1019")
                .build());
        asha.sync().once();
        assertEquals("T-1001", asha.tickets().get(id).getNumber());
        return id;
    }

    private static StaffTicket find(List<StaffTicket> queue, String number) {
        for (StaffTicket t : queue) {
            if (t.getTicket().getNumber().equals(number)) {
                return t;
            }
        }
        return null;
    }

    @Test
    public void kiranWorksTheTicketAndAshaSeesIt() throws Exception {
        try (MemberCore asha = signedIn(memberDir, TestSupport.ASHA);
                MemberCore kiran = signedIn(staffDir, TestSupport.KIRAN)) {
            asha.community().registerPushToken(PushProvider.FCM, "fcm-token-asha");
            asha.sync().once();
            String id = fileAsAsha(asha);

            StaffTicket queued = find(kiran.staff().queue(), "T-1001");
            assertNotNull(kiran.staff().queue().toString(), queued);
            assertEquals(id, queued.getTicket().getId());
            assertEquals("Asha Rao", queued.getReporterName());
            assertEquals("", queued.getAssigneeId());
            assertEquals(TicketStatus.OPEN, queued.getTicket().getStatus());
            assertTrue(queued.getTicket().getTimeline().isEmpty());
            assertEquals(queued.getTicket().getCreatedAtMs() + 30 * 60000L,
                    queued.getTicket().getResolutionDueMs());
            assertNotNull(find(kiran.staff().queue(StaffQueue.OPEN), "T-1001"));
            assertEquals(null, find(kiran.staff().queue(StaffQueue.RESOLVED), "T-1001"));

            String kiranId = null;
            for (StaffColleague c : kiran.staff().colleagues()) {
                if (c.getName().equals("Kiran Das")) {
                    kiranId = c.getId();
                }
            }
            assertNotNull(kiran.staff().colleagues().toString(), kiranId);

            StaffTicket assigned = kiran.staff().assign("T-1001", null);
            assertEquals(TicketStatus.ASSIGNED, assigned.getTicket().getStatus());
            assertEquals("Kiran Das", assigned.getTicket().getAssigneeName());
            assertEquals(kiranId, assigned.getAssigneeId());

            StaffTicket started = kiran.staff().setStatus(id, TicketStatus.IN_PROGRESS);
            assertEquals(TicketStatus.IN_PROGRESS, started.getTicket().getStatus());

            StaffTicket noted = kiran.staff().comment("T-1001", NOTE, true);
            assertEquals(1, noted.getNotes().size());
            StaffNote note = noted.getNotes().get(0);
            assertEquals(NOTE, note.getText());
            assertEquals("Kiran Das", note.getAuthorName());
            assertEquals("IST", note.getAt().getLabel());

            StaffTicket replied = kiran.staff().comment("T-1001", REPLY, false);
            TicketEntry reply = replied.getTicket().getTimeline()
                    .get(replied.getTicket().getTimeline().size() - 1);
            assertEquals(TicketEntryType.COMMENT, reply.getType());
            assertEquals(REPLY, reply.getText());
            assertEquals("staff", reply.getAuthorRole());
            assertEquals("Kiran Das", reply.getAuthorName());

            StaffTicket resolved = kiran.staff().setStatus("T-1001", TicketStatus.RESOLVED);
            assertEquals(TicketStatus.RESOLVED, resolved.getTicket().getStatus());
            StaffTicket full = kiran.staff().get("T-1001");
            assertEquals(1, full.getNotes().size());
            assertEquals(TicketStatus.RESOLVED, full.getTicket().getStatus());
            assertFalse(full.getTicket().getTimeline().isEmpty());

            /* Asha's side: the server's state, the reply, never the note. */
            asha.sync().once();
            Ticket mine = asha.tickets().get(id);
            assertEquals(TicketStatus.RESOLVED, mine.getStatus());
            assertEquals("Kiran Das", mine.getAssigneeName());
            assertTrue(mine.getRespondedAtMs() > 0);
            boolean sawReply = false;
            for (TicketEntry e : mine.getTimeline()) {
                assertFalse(e.toString(), e.getText().contains(NOTE));
                sawReply |= e.getText().equals(REPLY) && e.getAuthorName().equals("Kiran Das");
            }
            assertTrue(mine.getTimeline().toString(), sawReply);

            int ticketNotifications = 0;
            for (Notification n : asha.community().notifications().getItems()) {
                if (n.getLinkKind() == LinkKind.TICKET) {
                    assertEquals(NotificationCategory.SUPPORT, n.getCategory());
                    assertFalse(n.getTitle(), n.getTitle().contains(NOTE));
                    assertFalse(n.getBody(), n.getBody().contains(NOTE));
                    ticketNotifications++;
                }
            }
            /* received, assigned, in progress, the reply, resolved */
            assertEquals(5, ticketNotifications);
            String pushes = stub.pushes(TestSupport.ASHA);
            assertTrue(pushes, pushes.contains("fcm-token-asha"));
            assertTrue(pushes, pushes.contains("membercore://tickets/" + id));
            assertFalse(pushes, pushes.contains(NOTE));
        }
    }

    @Test
    public void staffRefusalsSayWhy() throws Exception {
        try (MemberCore asha = signedIn(memberDir, TestSupport.ASHA)) {
            asha.sync().once();
            fileAsAsha(asha);
            /* A member is not staff. */
            TestSupport.expectError(ErrorCode.FORBIDDEN, () -> asha.staff().queue());
        }
        try (MemberCore tom = signedIn(staffDir, TestSupport.TOM)) {
            /* LON-1's staff cannot see (or probe) a BLR-1 ticket. */
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> tom.staff().get("T-1001"));
            assertEquals(null, find(tom.staff().queue(StaffQueue.ALL), "T-1001"));
        }
        TestSupport.deleteTree(staffDir);
        staffDir = TestSupport.tempDir("staff");
        try (MemberCore kiran = signedIn(staffDir, TestSupport.KIRAN)) {
            MemberCoreException early = TestSupport.expectError(ErrorCode.STATE,
                    () -> kiran.staff().setStatus("T-1001", TicketStatus.IN_PROGRESS));
            assertTrue(early.getMessage(), early.getMessage().contains("assign it first"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> kiran.staff().setStatus("T-1001", TicketStatus.CLOSED));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> kiran.staff().assign("T-1001", "usr_not_a_colleague"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> kiran.staff().comment("T-1001", "", false));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> kiran.staff().get("T-9999"));
        }
        assertEquals(StaffQueue.IN_PROGRESS, StaffQueue.parse("in-progress"));
        assertEquals("in_progress", StaffQueue.IN_PROGRESS.queueName());
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> StaffQueue.parse("later"));
    }
}
