package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Facility tickets through the Java API against a real memberstub (docs/tickets-protocol.md):
 * the synced category tree, a ticket filed offline with a real PNG and synced (its number, its
 * photo on the server, the upload's progress events), the timeline, comment / resolve / reopen,
 * the automatic close, and bad input refused with its code. Both clocks read T0 (Monday
 * 2027-01-04 10:00 in Bengaluru, BLR-1 open) unless a test moves them together.
 */
public class TicketsTest {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final long MINUTE = 60000L;
    private static final long DAY = 86400000L;

    private StubServer stub;
    private File dir;
    private File files;
    private TestSupport.TestClock clock;

    @Before
    public void setUp() throws Exception {
        stub = StubServer.start();
        dir = TestSupport.tempDir("tickets");
        files = TestSupport.tempDir("ticket-files");
        clock = new TestSupport.TestClock();
    }

    @After
    public void tearDown() throws Exception {
        TestSupport.deleteTree(dir);
        TestSupport.deleteTree(files);
        stub.close();
    }

    private MemberCore open(String url) {
        return TestSupport.openWithClock(dir, url, clock, null);
    }

    /** Asha (BLR-1), signed in and synced. */
    private MemberCore asha() throws Exception {
        MemberCore core = open(stub.url());
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().once();
        return core;
    }

    private File png(String name, int width, int height) throws Exception {
        return TestSupport.writePng(new File(files, name), width, height);
    }

    private static TicketDraft.Builder washroom(String text) {
        return TicketDraft.builder("cleaning.washroom", TicketPriority.HIGH, text);
    }

    /** Moves the stub's clock and the client's together. */
    private void moveClocks(long toMs) throws Exception {
        stub.setClock(toMs);
        clock.set(toMs);
    }

    @Test
    public void categoriesAreTheSyncedTreeInTreeOrder() throws Exception {
        try (MemberCore core = asha()) {
            List<TicketCategory> all = core.tickets().categories();
            assertEquals(all.toString(), 15, all.size()); /* 5 top levels, 10 leaves */
            TicketCategory cleaning = all.get(0);
            assertEquals("cleaning", cleaning.getId());
            assertEquals("Cleaning", cleaning.getPath());
            assertFalse(cleaning.isLeaf());
            assertEquals("", cleaning.getParentId());
            assertEquals("", cleaning.getTeam());
            TicketCategory washroom = all.get(1);
            assertEquals("cleaning.washroom", washroom.getId());
            assertEquals("cleaning", washroom.getParentId());
            assertEquals("Washroom", washroom.getName());
            assertEquals("Cleaning/Washroom", washroom.getPath());
            assertTrue(washroom.isLeaf());
            assertEquals("Housekeeping", washroom.getTeam());
            assertEquals(15, washroom.getResponseMinutes());
            assertEquals(60, washroom.getResolutionMinutes());
            /* Each top level is followed by its own leaves. */
            String top = null;
            int tops = 0;
            for (TicketCategory c : all) {
                if (!c.isLeaf()) {
                    top = c.getId();
                    tops++;
                } else {
                    assertEquals(c.toString(), top, c.getParentId());
                    assertTrue(c.toString(), c.getResolutionMinutes() > 0);
                }
            }
            assertEquals(5, tops);

            assertEquals("cleaning.washroom", core.tickets().findCategory("Cleaning/Washroom").getId());
            assertEquals("it.wifi", core.tickets().findCategory("it → wi-fi").getId());
            assertEquals("furniture.chair", core.tickets().findCategory("furniture.chair").getId());
            MemberCoreException top1 = TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> core.tickets().findCategory("Cleaning"));
            assertTrue(top1.getMessage(), top1.getMessage().contains("Washroom"));
            MemberCoreException none = TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> core.tickets().findCategory("Plumbing/Leak"));
            assertTrue(none.getMessage(), none.getMessage().contains("Plumbing/Leak"));
        }
    }

    @Test
    public void aTicketFiledOfflineWithAPhotoReachesTheServerAndUploads() throws Exception {
        asha().close();
        File photo = png("soap.png", 64, 48);
        long photoBytes = photo.length();
        String id;
        String localCopy;
        try (MemberCore core = open(OFFLINE_URL)) {
            id = core.tickets().file(washroom("No soap in the second-floor washroom")
                    .cabin("Cabin 1019").photo(photo.getPath()).build());
            assertTrue(id, id.matches("tkt_[0-9a-f]{32}"));
            Ticket t = core.tickets().get(id);
            assertTrue(t.isPending());
            assertEquals("", t.getNumber());
            assertEquals(id, t.getDisplayId());
            assertEquals("BLR-1", t.getBuildingId());
            assertEquals("Cleaning/Washroom", t.getCategoryPath());
            assertEquals(TicketPriority.HIGH, t.getPriority());
            assertEquals("high", t.getPriority().priorityName());
            assertEquals(TicketStatus.OPEN, t.getStatus());
            assertEquals(TicketLocationKind.CABIN, t.getLocationKind());
            assertEquals("Cabin 1019", t.getLocationName());
            assertEquals(SlaState.NONE, t.getSla());
            assertEquals(0L, t.getResolutionDueMs());
            assertNull(t.getResolutionDue());
            assertEquals(1, t.getPhotosWaiting());
            assertEquals(1, t.getPhotos().size());
            TicketPhoto p = t.getPhotos().get(0);
            assertTrue(p.getId(), p.getId().matches("pho_[0-9a-f]{32}"));
            assertEquals("image/png", p.getContentType());
            assertEquals(photoBytes, p.getBytes());
            assertFalse(p.isUploaded());
            assertEquals(0L, p.getSentBytes());
            assertEquals("", p.getCommentId());
            localCopy = p.getLocalPath();
            assertTrue(localCopy, new File(localCopy).isFile());
            TicketEntry created = t.getTimeline().get(0);
            assertEquals(TicketEntryType.CREATED, created.getType());
            assertEquals("created", created.getType().typeName());
            assertEquals("You", created.getAuthorName());
            assertTrue(created.isPending());
            ListPage<Ticket> mine = core.tickets().list(Page.first(20));
            assertEquals(1, mine.getItems().size());
            assertEquals(id, mine.getItems().get(0).getId());
            assertTrue(mine.getItems().get(0).getTimeline().isEmpty());
            assertTrue(core.sync().outbox().size() >= 1);
        }
        /* The library kept its own copy: the member's file may go. */
        assertTrue(photo.delete());

        final List<SyncEvent> progress = Collections.synchronizedList(new ArrayList<SyncEvent>());
        try (MemberCore core = open(stub.url())) {
            ListenerHandle handle = core.sync().addListener(
                    EnumSet.of(SyncEventType.UPLOAD_PROGRESS, SyncEventType.UPLOAD_FAILED),
                    Delivery.IMMEDIATE, progress::add);
            core.sync().once();
            handle.remove();

            Ticket t = core.tickets().get(id);
            assertFalse(t.isPending());
            assertEquals("T-1001", t.getNumber());
            assertEquals(id, core.tickets().get("T-1001").getId());
            assertEquals(TicketStatus.OPEN, t.getStatus());
            assertEquals(0, t.getPhotosWaiting());
            TicketPhoto p = t.getPhotos().get(0);
            assertTrue(p.isUploaded());
            assertFalse(p.isFailed());
            assertEquals("", p.getFailure());
            assertEquals(photoBytes, p.getSentBytes());
            assertEquals("", p.getLocalPath());
            assertFalse("the uploaded copy is deleted", new File(localCopy).exists());

            /* The server's SLA, shown as given: high priority halves Washroom's 15/60 minutes. */
            assertEquals(t.getCreatedAtMs() + 8 * MINUTE, t.getResponseDueMs());
            assertEquals(t.getCreatedAtMs() + 30 * MINUTE, t.getResolutionDueMs());
            assertEquals(t.getCreatedAtMs() + 24 * MINUTE, t.getAtRiskFromMs());
            assertEquals(SlaState.ON_TRACK, t.getSla());
            assertEquals("on_track", t.getSla().stateName());
            BuildingTime due = t.getResolutionDue();
            assertEquals("IST", due.getLabel());
            assertEquals(330, due.getOffsetMinutes());
            assertEquals(10, due.getHour());
            assertEquals(30, due.getMinute());

            /* The timeline: filed, then the photo's arrival. */
            TicketEntry created = t.getTimeline().get(0);
            assertEquals(TicketEntryType.CREATED, created.getType());
            assertEquals("created", created.getType().typeName());
            assertFalse(created.isPending());
            assertEquals("IST", created.getAt().getLabel());
            boolean photoEntry = false;
            for (TicketEntry e : t.getTimeline()) {
                photoEntry |= e.getType() == TicketEntryType.PHOTO
                        && e.getPhotoIds().contains(p.getId());
            }
            assertTrue(t.getTimeline().toString(), photoEntry);

            /* The server has every byte, sent once. */
            String held = stub.upload(p.getId());
            assertTrue(held, held.matches("(?s).*\"complete\"\\s*:\\s*true.*"));
            assertEquals(photoBytes, StubServer.jsonLong(held, "received"));
            assertEquals(photoBytes, StubServer.jsonLong(held, "bytes_received_total"));

            /* Progress for that photo, rising to its size. */
            synchronized (progress) {
                assertFalse("no UPLOAD_PROGRESS event", progress.isEmpty());
                long last = -1;
                for (SyncEvent e : progress) {
                    assertEquals(e.toString(), SyncEventType.UPLOAD_PROGRESS, e.getType());
                    assertEquals(p.getId(), e.getPhotoId());
                    assertEquals(id, e.getTicketId());
                    assertEquals(photoBytes, e.getTotal());
                    assertTrue(e.toString(), e.getDone() > last);
                    last = e.getDone();
                }
                assertEquals(photoBytes, last);
            }
        }
    }

    @Test
    public void aPhotoTheServerRefusesIsReportedOnceAndNotSentAgain() throws Exception {
        asha().close();
        String id;
        String photoId;
        try (MemberCore core = open(OFFLINE_URL)) {
            id = core.tickets().file(washroom("The mirror is cracked")
                    .photo(png("mirror.png", 40, 30).getPath()).build());
            TicketPhoto p = core.tickets().get(id).getPhotos().get(0);
            photoId = p.getId();
            /* The library's copy changes after its sha256 was declared (same size): the
             * server's check of the whole file refuses it. */
            byte[] bytes = Files.readAllBytes(new File(p.getLocalPath()).toPath());
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(new File(p.getLocalPath()).toPath(), bytes);
        }
        final List<SyncEvent> failed = Collections.synchronizedList(new ArrayList<SyncEvent>());
        try (MemberCore core = open(stub.url())) {
            core.sync().addListener(EnumSet.of(SyncEventType.UPLOAD_FAILED), Delivery.IMMEDIATE,
                    failed::add);
            core.sync().once();
            core.sync().once(); /* a failed photo is not tried again */
            assertEquals(failed.toString(), 1, failed.size());
            SyncEvent e = failed.get(0);
            assertEquals(SyncEventType.UPLOAD_FAILED, e.getType());
            assertEquals(photoId, e.getPhotoId());
            assertEquals(id, e.getTicketId());
            assertEquals("photo_corrupt", e.getServerCode());
            assertFalse(e.getCode() == ErrorCode.OK);
            assertFalse(e.getMessage().isEmpty());
            Ticket t = core.tickets().get(id);
            assertEquals("T-1001", t.getNumber());
            TicketPhoto shown = t.getPhotos().get(0);
            assertFalse(shown.isUploaded());
            assertTrue(shown.toString(), shown.isFailed());
            assertEquals(e.getMessage(), shown.getFailure());
            assertEquals("", shown.getLocalPath());
            assertEquals(0, t.getPhotosWaiting());
            assertEquals(1, t.getPhotosFailed());
            Ticket listed = core.tickets().list(Page.first(20)).getItems().get(0);
            assertEquals(0, listed.getPhotosWaiting());
            assertEquals(1, listed.getPhotosFailed());
        }
        String held = stub.upload(photoId);
        assertTrue(held, held.matches("(?s).*\"complete\"\\s*:\\s*false.*"));
    }

    @Test
    public void commentResolveAndReopenReachTheServer() throws Exception {
        try (MemberCore core = asha()) {
            String id = core.tickets().file(
                    TicketDraft.builder("it.wifi", TicketPriority.NORMAL, "Wi-Fi drops every hour")
                            .room("BLR-1-BOARD").build());
            core.sync().once();
            Ticket t = core.tickets().get(id);
            assertEquals("T-1001", t.getNumber());
            assertEquals(TicketLocationKind.ROOM, t.getLocationKind());
            assertEquals("BLR-1-BOARD", t.getLocationId());

            File shot = png("router.png", 32, 32);
            core.tickets().comment("T-1001", "Still dropping at 11:00", Arrays.asList(shot.getPath()));
            t = core.tickets().get(id);
            TicketEntry comment = t.getTimeline().get(t.getTimeline().size() - 1);
            assertEquals(TicketEntryType.COMMENT, comment.getType());
            assertEquals("Still dropping at 11:00", comment.getText());
            assertEquals("You", comment.getAuthorName());
            assertTrue(comment.isPending());
            assertEquals(1, comment.getPhotoIds().size());
            assertEquals(1, t.getPhotosWaiting());
            TicketPhoto photo = t.getPhotos().get(0);
            assertFalse(photo.getCommentId().isEmpty());
            assertEquals(comment.getPhotoIds().get(0), photo.getId());

            core.sync().once();
            t = core.tickets().get(id);
            assertFalse(t.isPending());
            assertEquals(0, t.getPhotosWaiting());
            assertTrue(t.getPhotos().get(0).isUploaded());
            boolean commentOnServer = false;
            for (TicketEntry e : t.getTimeline()) {
                commentOnServer |= e.getType() == TicketEntryType.COMMENT && !e.isPending()
                        && e.getText().equals("Still dropping at 11:00");
            }
            assertTrue(t.getTimeline().toString(), commentOnServer);

            core.tickets().resolve("T-1001");
            t = core.tickets().get(id);
            assertEquals(TicketStatus.RESOLVED, t.getStatus());
            assertTrue(t.isPending());
            core.sync().once();
            t = core.tickets().get(id);
            assertEquals(TicketStatus.RESOLVED, t.getStatus());
            assertEquals("resolved", t.getStatus().statusName());
            assertFalse(t.isPending());
            assertTrue(t.getResolvedAtMs() > 0);
            assertEquals(t.getResolvedAtMs() + 7 * DAY, t.getReopenUntilMs());
            assertEquals("IST", t.getReopenUntil().getLabel());
            assertEquals(SlaState.MET, t.getSla());
            MemberCoreException again = TestSupport.expectError(ErrorCode.STATE,
                    () -> core.tickets().resolve(id));
            assertFalse(again.getMessage().isEmpty());

            core.tickets().reopen(id);
            assertEquals(TicketStatus.OPEN, core.tickets().get(id).getStatus());
            core.sync().once();
            t = core.tickets().get(id);
            assertEquals(TicketStatus.OPEN, t.getStatus());
            assertFalse(t.isPending());
            assertEquals(0L, t.getReopenUntilMs());
            int toResolved = 0;
            int toOpen = 0;
            for (TicketEntry e : t.getTimeline()) {
                if (e.getType() == TicketEntryType.STATUS) {
                    toResolved += e.getTo() == TicketStatus.RESOLVED ? 1 : 0;
                    toOpen += e.getFrom() == TicketStatus.RESOLVED && e.getTo() == TicketStatus.OPEN
                            ? 1 : 0;
                }
            }
            assertEquals(t.getTimeline().toString(), 1, toResolved);
            assertEquals(t.getTimeline().toString(), 1, toOpen);

            /* Each change is a support notification that opens the ticket. */
            int linked = 0;
            for (Notification n : core.community().notifications().getItems()) {
                if (n.getLinkKind() == LinkKind.TICKET) {
                    assertEquals(NotificationCategory.SUPPORT, n.getCategory());
                    assertTrue(n.getDeepLink(), n.getDeepLink().endsWith(id));
                    assertTrue(n.getTitle(), n.getTitle().contains("T-1001"));
                    linked++;
                }
            }
            assertTrue("notifications linking the ticket: " + linked, linked >= 3);
        }
    }

    @Test
    public void aResolvedTicketClosesAfterSevenDaysAndThenRefusesEverything() throws Exception {
        try (MemberCore core = asha()) {
            String id = core.tickets().file(TicketDraft.builder("furniture.chair",
                    TicketPriority.LOW, "The chair at desk D-14 wobbles").desk("D-14").build());
            core.tickets().resolve(id);
            core.sync().once();
            Ticket t = core.tickets().get(id);
            assertEquals(TicketStatus.RESOLVED, t.getStatus());

            moveClocks(t.getReopenUntilMs() + MINUTE);
            core.sync().once();
            t = core.tickets().get(id);
            assertEquals(TicketStatus.CLOSED, t.getStatus());
            assertTrue(t.getClosedAtMs() > 0);
            assertNotNull(t.getClosedAt());

            MemberCoreException comment = TestSupport.expectError(ErrorCode.STATE,
                    () -> core.tickets().comment(id, "Still wobbly"));
            assertTrue(comment.getMessage(), comment.getMessage().contains("closed"));
            TestSupport.expectError(ErrorCode.STATE, () -> core.tickets().reopen(id));
            TestSupport.expectError(ErrorCode.STATE, () -> core.tickets().resolve(id));
        }
    }

    @Test
    public void badInputIsRefusedWithItsCodeAndNothingIsKept() throws Exception {
        try (MemberCore core = asha()) {
            final Tickets tickets = core.tickets();
            MemberCoreException unknown = TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> tickets.file(TicketDraft.builder("plumbing.leak", TicketPriority.NORMAL,
                            "A leak under the sink").build()));
            assertTrue(unknown.getMessage(), unknown.getMessage().contains("plumbing.leak"));

            /* A text file named .png: judged by its bytes, not its name. */
            File fake = new File(files, "notes.png");
            Files.write(fake.toPath(), "not an image at all".getBytes(StandardCharsets.UTF_8));
            MemberCoreException notImage = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(washroom("A photo that is not one").photo(fake.getPath())
                            .build()));
            assertTrue(notImage.getMessage(), notImage.getMessage().contains("notes.png"));

            TicketDraft.Builder six = washroom("Six photos");
            for (int i = 0; i < 6; i++) {
                six.photo(png("p" + i + ".png", 8 + i, 8).getPath());
            }
            final TicketDraft sixPhotos = six.build();
            MemberCoreException tooMany = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(sixPhotos));
            assertTrue(tooMany.getMessage(), tooMany.getMessage().contains("5"));

            StringBuilder longText = new StringBuilder();
            for (int i = 0; i < 2001; i++) {
                longText.append('x');
            }
            MemberCoreException tooLong = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(washroom(longText.toString()).build()));
            assertTrue(tooLong.getMessage(), tooLong.getMessage().contains("2000"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(washroom("   ").build()));
            TestSupport.expectError(ErrorCode.NOT_FOUND,
                    () -> tickets.file(washroom("In a room that is not there").room("BLR-1-NOPE")
                            .build()));

            /* The binding's own checks name the argument. */
            MemberCoreException nullDraft = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(null));
            assertEquals("draft is null", nullDraft.getMessage());
            MemberCoreException nullPhoto = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(washroom("A null photo").photo(null).build()));
            assertEquals("photoPaths[0] is null", nullPhoto.getMessage());
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> tickets.file(washroom("nul \u0000 inside").build()));

            assertEquals(TicketPriority.URGENT, TicketPriority.parse("URGENT"));
            MemberCoreException asap = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> TicketPriority.parse("asap"));
            assertTrue(asap.getMessage(), asap.getMessage().contains("asap"));
            TestSupport.expectError(ErrorCode.NOT_FOUND, () -> tickets.get("T-9999"));

            /* Nothing was kept or queued by any refusal. */
            assertTrue(tickets.list(Page.first(10)).getItems().isEmpty());
            assertTrue(core.sync().outbox().isEmpty());
        }
    }
}
