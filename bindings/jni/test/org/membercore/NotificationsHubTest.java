package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.Collections;

import org.junit.Test;

/**
 * The notifications hub through the Java API against a real memberstub
 * (docs/notifications-protocol.md): preferences changed offline and honoured by the server once
 * synced (a visitor's arrival reaches Asha by SMS only), mark all read (one arriving meanwhile
 * stays unread) and pruning, the push token unregistered, and deep links parsed into targets,
 * hostile ones refused. Both clocks start at T0 (Monday 2027-01-04 10:00 IST).
 */
public class NotificationsHubTest extends StubFixture {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";
    private static final long DAY_MS = 86400000L;

    private MemberCore open(File d, String url) {
        return TestSupport.openWithClock(d, url, clock, null);
    }

    private MemberCore signedIn(File d, String phone) throws Exception {
        return TestSupport.signedInAndSynced(d, stub, clock, phone);
    }

    @Test
    public void preferencesSetOfflineAreHonouredAfterSync() throws Exception {
        try (MemberCore asha = signedIn(dir, TestSupport.ASHA)) {
            NotificationPrefs p = asha.notifications().prefs();
            assertTrue(p.toString(), p.isSynced());
            /* The server's defaults. */
            assertTrue(p.isOn(NotificationCategory.BILLING, NotificationChannel.EMAIL));
            assertTrue(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.PUSH));
            assertFalse(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.SMS));
            assertFalse(p.isOn(NotificationCategory.OTHER, NotificationChannel.PUSH));
            assertFalse(p.isPending(NotificationCategory.BOOKINGS, NotificationChannel.PUSH));
            assertTrue(p.isQuietEnabled());
            assertEquals("22:00", p.getQuietFrom());
            assertEquals("07:00", p.getQuietTo());
            assertEquals("IST", p.getQuietZoneLabel());
            /* Which messages ignore the switches, and why. */
            assertTrue(p.getAlways(NotificationCategory.BOOKINGS),
                    p.getAlways(NotificationCategory.BOOKINGS).contains("Visitor arrivals"));
            assertTrue(p.getAlways(NotificationCategory.BILLING),
                    p.getAlways(NotificationCategory.BILLING).contains("Payment confirmations"));
            assertNull(p.getAlways(NotificationCategory.SUPPORT));
            asha.community().registerPushToken(PushProvider.FCM, "fcm-token-asha");
            asha.sync().once();
        }

        /* Offline: bookings by SMS, not by push; quiet hours moved. */
        try (MemberCore asha = open(dir, OFFLINE_URL)) {
            Notifications n = asha.notifications();
            n.setPref(NotificationCategory.BOOKINGS, NotificationChannel.SMS, true);
            n.setPref(NotificationCategory.BOOKINGS, NotificationChannel.PUSH, false);
            n.setQuietHours(true, 23 * 60, 6 * 60);
            /* The value it already has queues nothing. */
            n.setPref(NotificationCategory.BILLING, NotificationChannel.EMAIL, true);
            NotificationPrefs p = n.prefs();
            assertTrue(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.SMS));
            assertTrue(p.isPending(NotificationCategory.BOOKINGS, NotificationChannel.SMS));
            assertFalse(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.PUSH));
            assertTrue(p.isPending(NotificationCategory.BOOKINGS, NotificationChannel.PUSH));
            assertFalse(p.isPending(NotificationCategory.BILLING, NotificationChannel.EMAIL));
            assertEquals("23:00", p.getQuietFrom());
            assertEquals("06:00", p.getQuietTo());
            assertTrue(p.isQuietPending());
            assertEquals(3, asha.sync().outbox().size());

            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> n.setPref(NotificationCategory.OTHER, NotificationChannel.PUSH, true));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> n.setPref(null, NotificationChannel.PUSH, true));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> n.setQuietHours(true, 600, 600));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> n.setQuietHours(true, 0, 1440));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> n.setQuietHours(true, -1, 60));
            assertEquals(3, asha.sync().outbox().size());
        }

        String visitorId;
        try (MemberCore asha = open(dir, stub.url())) {
            SyncReport r = asha.sync().once();
            assertEquals(3, r.getPushed());
            assertEquals(0, r.getRejected());
            NotificationPrefs p = asha.notifications().prefs();
            assertTrue(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.SMS));
            assertFalse(p.isPending(NotificationCategory.BOOKINGS, NotificationChannel.SMS));
            assertFalse(p.isOn(NotificationCategory.BOOKINGS, NotificationChannel.PUSH));
            assertFalse(p.isQuietPending());
            assertEquals(23 * 60, p.getQuietFromMin());
            visitorId = asha.visitors().invite(VisitorInvitation.builder("Ravi Kumar",
                    "ravi@example.com", "2027-01-04").build());
            asha.sync().once();
        }

        /* The visitor arrives: the alert reaches Asha by SMS, as she chose, and not by push. */
        File staffDir = TestSupport.tempDir("hub-staff");
        try (MemberCore kiran = signedIn(staffDir, TestSupport.KIRAN)) {
            kiran.reception().checkIn(visitorId);
        } finally {
            TestSupport.deleteTree(staffDir);
        }
        String deliveries = stub.deliveries(TestSupport.ASHA, "visitor.arrived");
        assertEquals(deliveries, Collections.singletonList("sms"), StubServer.channels(deliveries));
        assertTrue(deliveries, deliveries.contains(TestSupport.ASHA));
    }

    @Test
    public void markAllReadKeepsWhatArrivedMeanwhileAndPruneKeepsTheUnread() throws Exception {
        try (MemberCore asha = signedIn(dir, TestSupport.ASHA)) {
            stub.sendNotification(TestSupport.ASHA, "billing", "Invoice INV-1 generated");
            stub.sendNotification(TestSupport.ASHA, "events", "Networking Hour moved");
            asha.sync().once();
            NotificationInbox before = asha.community().notifications();
            int unread = before.getUnreadTotal();
            assertTrue(before.toString(), unread >= 2);
            int billing = before.getUnread(NotificationCategory.BILLING);

            /* One category first, then the rest. */
            assertEquals(billing, asha.notifications().markAllRead(NotificationCategory.BILLING));
            NotificationInbox after = asha.community().notifications();
            assertEquals(0, after.getUnread(NotificationCategory.BILLING));
            assertEquals(unread - billing, after.getUnreadTotal());

            /* A minute on, a notification the server makes before the device's write reaches it
             * (the write names the newest one the device had seen). */
            stub.setClock(StubServer.T0_MS + 60000L);
            clock.set(StubServer.T0_MS + 60000L);
            stub.sendNotification(TestSupport.ASHA, "support", "Ticket T-1001 assigned");
            assertEquals(unread - billing, asha.notifications().markAllRead());
            assertEquals(0, asha.community().notifications().getUnreadTotal());
            for (Notification n : asha.community().notifications().getItems()) {
                assertTrue(n.toString(), n.isRead());
            }
            assertEquals(0, asha.notifications().markAllRead()); /* nothing queued */
            assertEquals(2, asha.sync().outbox().size());

            asha.sync().once();
            NotificationInbox synced = asha.community().notifications();
            assertEquals(synced.toString(), 1, synced.getUnreadTotal());
            assertEquals(1, synced.getUnread(NotificationCategory.SUPPORT));
            for (Notification n : synced.getItems()) {
                assertFalse(n.toString(), n.isPending());
                assertEquals(n.toString(), !n.getTitle().equals("Ticket T-1001 assigned"),
                        n.isRead());
            }

            /* Two days on: read ones older than a day go, the unread one stays. */
            clock.set(StubServer.T0_MS + 2 * DAY_MS);
            int total = synced.getItems().size();
            assertEquals(total - 1, asha.notifications().prune(1));
            NotificationInbox pruned = asha.community().notifications();
            assertEquals(1, pruned.getItems().size());
            assertEquals("Ticket T-1001 assigned", pruned.getItems().get(0).getTitle());
            assertEquals(0, asha.notifications().prune(1));
            TestSupport.expectError(ErrorCode.INVALID_ARG, () -> asha.notifications().prune(0));
        }
    }

    @Test
    public void pushTokenUnregistered() throws Exception {
        try (MemberCore asha = signedIn(dir, TestSupport.ASHA)) {
            asha.community().registerPushToken(PushProvider.FCM, "fcm-token-asha");
            asha.sync().once();
            assertTrue(stub.pushTokens(TestSupport.ASHA).contains("fcm-token-asha"));

            asha.community().unregisterPushToken();
            assertEquals(1, asha.sync().outbox().size());
            assertEquals("device.push_token.remove", asha.sync().outbox().get(0).getKind());
            asha.sync().once();
            assertTrue(asha.sync().outbox().isEmpty());
            String tokens = stub.pushTokens(TestSupport.ASHA);
            assertFalse(tokens, tokens.contains("fcm-token-asha"));
            /* None registered: nothing to queue. */
            asha.community().unregisterPushToken();
            assertTrue(asha.sync().outbox().isEmpty());
        }
    }

    @Test
    public void linksParseIntoTargetsAndHostileOnesAreRefused() {
        assertEquals(new LinkTarget(LinkKind.BOOKING.value(), "res_5eed000000000001", ""),
                Notifications.parseLink("membercore://bookings/res_5eed000000000001"));
        assertEquals(new LinkTarget(LinkKind.TICKET.value(), "tkt_1", ""),
                Notifications.parseLink("membercore://tickets/tkt_1"));
        assertEquals(new LinkTarget(LinkKind.INVOICE.value(), "INV-2026-0011", ""),
                Notifications.parseLink("membercore://billing/invoices/INV-2026-0011"));
        assertEquals(new LinkTarget(LinkKind.EVENT.value(), "evt_1", ""),
                Notifications.parseLink("membercore://events/evt_1"));
        assertEquals(new LinkTarget(LinkKind.PASS.value(), "pas_1", ""),
                Notifications.parseLink("membercore://passes/pas_1"));
        String vis = "vis_0123456789abcdef0123456789abcdef";
        LinkTarget visitor = Notifications.parseLink("membercore://visitors/" + vis);
        assertEquals(LinkKind.VISITOR, visitor.getKind());
        assertEquals("visitor", visitor.getKind().kindName());
        assertEquals(vis, visitor.getId());
        LinkTarget web = Notifications.parseLink("https://example.com/news/2027");
        assertEquals(LinkKind.WEB, web.getKind());
        assertEquals("", web.getId());
        assertEquals("https://example.com/news/2027", web.getUrl());
        assertEquals(LinkKind.NONE, Notifications.parseLink("").getKind());
        assertEquals(LinkKind.NONE, Notifications.parseLink(null).getKind());
        char[] longId = new char[65];
        Arrays.fill(longId, 'a');
        assertEquals(64, Notifications.parseLink("membercore://events/"
                + new String(longId, 0, 64)).getId().length());

        StringBuilder huge = new StringBuilder("https://example.com/");
        while (huge.length() <= 2048) {
            huge.append("abcdefgh/");
        }
        String[] hostile = {
            "membercore://bookings/../credentials/crd_1",
            "membercore://bookings/./res_1",
            "membercore://bookings/res%5F1",
            "membercore://bookings/res_1?pay=1",
            "membercore://bookings/res_1#x",
            "membercore://bookings/res_1/",
            "membercore://bookings/",
            "membercore://bookings/res 1",
            "membercore://bookings/r\u00e9s",
            "membercore://events/" + new String(longId),
            "MEMBERCORE://bookings/res_1",
            "membercore://Bookings/res_1",
            "membercore://wallet/res_1",
            "membercore://billing/res_1",
            "membercore://user@bookings/res_1",
            "http://example.com/news",
            "https://",
            "https://user:pw@example.com/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "membercore:bookings/res_1",
            huge.toString(),
            "membercore://bookings/res_1\0.evil",
        };
        for (String link : hostile) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> Notifications.parseLink(link));
            assertFalse(link, e.getMessage().isEmpty());
        }
        /* A notification's target is its parsed link; one the core refuses has none. */
        assertNotNull(NotificationChannel.parse("Text"));
        assertEquals(NotificationChannel.SMS, NotificationChannel.parse("text"));
        assertEquals("email", NotificationChannel.EMAIL.channelName());
        assertEquals(NotificationCategory.BOOKINGS, NotificationCategory.parse("Bookings"));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> NotificationCategory.parse("other"));
        TestSupport.expectError(ErrorCode.INVALID_ARG, () -> NotificationChannel.parse("pigeon"));
    }
}
