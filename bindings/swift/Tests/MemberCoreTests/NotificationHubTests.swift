// The notifications hub through the Swift API against memberstub
// (docs/notifications-protocol.md): preferences set offline and honoured once synced (a
// visitor's arrival reaches Asha by SMS only), mark all read (one arriving meanwhile stays
// unread) and pruning, the push token unregistered, deep links parsed into `LinkTarget`s and
// hostile ones refused.
import Foundation
import MemberCore
import Testing

@Suite("notifications hub", .timeLimit(.minutes(1)))
struct NotificationHubTests {
    @Test("preferences changed offline are honoured by the server after sync")
    func preferencesOffline() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            let defaults = try core.notificationPreferences()
            #expect(defaults.isSynced)
            #expect(defaults.isOn(.bookings, .push) && !defaults.isOn(.bookings, .sms))
            #expect(defaults.isOn(.billing, .email))
            #expect(!defaults.isOn(.other, .push))
            #expect(defaults.quietHoursEnabled && defaults.quietFrom == "22:00" && defaults.quietTo == "07:00")
            #expect(defaults.quietZoneLabel == "IST")
            #expect(defaults.alwaysReaches[.bookings]?.contains("Visitor arrivals") == true)
            #expect(defaults.alwaysReaches[.billing]?.contains("Payment confirmations") == true)
            #expect(defaults.alwaysReaches[.support] == nil)
            try core.registerPushToken("apns-token-asha", provider: .apns)
            try await core.syncOnce()
            core.close()

            core = try f.open(deadServer)
            try core.setNotificationPreference(.bookings, .sms, on: true)
            try core.setNotificationPreference(.bookings, .push, on: false)
            try core.setNotificationPreference(.billing, .email, on: true)  // unchanged: nothing queued
            try core.setQuietHours(enabled: true, fromMinute: 23 * 60, toMinute: 6 * 60)
            let local = try core.notificationPreferences()
            #expect(local.isOn(.bookings, .sms) && local.isPending(.bookings, .sms))
            #expect(!local.isOn(.bookings, .push) && local.isPending(.bookings, .push))
            #expect(!local.isPending(.billing, .email))
            #expect(local.quietFrom == "23:00" && local.quietHoursPending)
            #expect(try core.outbox().count == 3)
            #expect(await error { try core.setNotificationPreference(.other, .push, on: true) }?.code == .invalidArgument)
            #expect(await error { try core.setQuietHours(enabled: true, fromMinute: 600, toMinute: 600) }?.code == .invalidArgument)
            #expect(await error { try core.setQuietHours(enabled: true, fromMinute: 0, toMinute: 1440) }?.code == .invalidArgument)
            core.close()

            core = try f.open()
            defer { core.close() }
            let report = try await core.syncOnce()
            #expect(report.pushed == 3 && report.rejected == 0)
            let synced = try core.notificationPreferences()
            #expect(synced.isOn(.bookings, .sms) && !synced.isPending(.bookings, .sms))
            #expect(!synced.quietHoursPending && synced.quietFromMinute == 23 * 60)

            var today = ravi
            today.date = "2027-01-04"
            let id = try core.inviteVisitor(today)
            try await core.syncOnce()
            try await withSecondClient(f, kiran) { desk in _ = try await desk.checkInVisitor(id) }
            #expect(try await f.stub.deliveryChannels(asha, kind: "visitor.arrived") == ["sms"])
        }
    }

    @Test("mark all read keeps what arrived meanwhile unread; prune keeps the unread")
    func markAllReadAndPrune() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            try await f.stub.sendNotification(asha, category: "billing", title: "Invoice INV-1 generated")
            try await f.stub.sendNotification(asha, category: "events", title: "Networking Hour moved")
            try await core.syncOnce()
            let before = try core.notifications()
            let billing = before.unreadByCategory[.billing] ?? 0
            #expect(before.unreadTotal >= 2)
            #expect(try core.markAllRead(category: .billing) == billing)
            #expect(try core.notifications().unreadByCategory[.billing] == 0)
            // A minute on, one the server makes before the device's write reaches it (the write
            // names the newest one the device had seen).
            try await f.advanceClock(minuteMs)
            try await f.stub.sendNotification(asha, category: "support", title: "Ticket T-1001 assigned")
            #expect(try core.markAllRead() == before.unreadTotal - billing)
            #expect(try core.notifications().unreadTotal == 0)
            #expect(try core.markAllRead() == 0)
            #expect(try core.outbox().count == 2)

            try await core.syncOnce()
            let synced = try core.notifications()
            #expect(synced.unreadTotal == 1)
            #expect(synced.unreadByCategory[.support] == 1)
            #expect(synced.notifications.allSatisfy { !$0.isPending })

            f.nowMs.update { $0 += 2 * dayMs }  // the device's clock only
            #expect(try core.pruneNotifications(olderThanDays: 1) == synced.notifications.count - 1)
            #expect(try core.notifications().notifications.map(\.title) == ["Ticket T-1001 assigned"])
            #expect(await error { _ = try core.pruneNotifications(olderThanDays: 0) }?.code == .invalidArgument)
        }
    }

    @Test("the push token unregistered: queued, synced, gone from the server")
    func pushUnregister() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            try core.registerPushToken("apns-token-asha", provider: .apns)
            try await core.syncOnce()
            #expect(try await f.stub.testGet("/v1/test/push_tokens", phone: asha).contains("apns-token-asha"))
            try core.unregisterPushToken()
            #expect(try core.outbox().map(\.kind) == ["device.push_token.remove"])
            try await core.syncOnce()
            #expect(try core.outbox().isEmpty)
            #expect(try await !f.stub.testGet("/v1/test/push_tokens", phone: asha).contains("apns-token-asha"))
            try core.unregisterPushToken()
            #expect(try core.outbox().isEmpty)
        }
    }

    @Test("links parse into targets an app routes on; hostile links are refused")
    func links() throws {
        #expect(try LinkTarget(parsing: "membercore://bookings/res_1") == .booking(id: "res_1"))
        #expect(try LinkTarget(parsing: "membercore://tickets/tkt_1") == .ticket(id: "tkt_1"))
        #expect(try LinkTarget(parsing: "membercore://billing/invoices/INV-2026-0011") == .invoice(id: "INV-2026-0011"))
        #expect(try LinkTarget(parsing: "membercore://events/evt_1") == .event(id: "evt_1"))
        #expect(try LinkTarget(parsing: "membercore://passes/pas_1") == .pass(id: "pas_1"))
        let vis = "vis_0123456789abcdef0123456789abcdef"
        #expect(try LinkTarget(parsing: "membercore://visitors/\(vis)") == .visitor(id: vis))
        #expect(try LinkTarget(parsing: "membercore://visitors/\(vis)").kind == .visitor)
        #expect(try LinkTarget(parsing: "https://example.com/news") == .web(url: "https://example.com/news"))
        #expect(try LinkTarget(parsing: "") == LinkTarget.none)
        let id64 = String(repeating: "a", count: 64)
        #expect(try LinkTarget(parsing: "membercore://events/\(id64)") == .event(id: id64))
        let hostile = [
            "membercore://bookings/../credentials/crd_1", "membercore://bookings/./res_1",
            "membercore://bookings/res%5F1", "membercore://bookings/res_1?pay=1",
            "membercore://bookings/res_1#x", "membercore://bookings/res_1/", "membercore://bookings/",
            "membercore://bookings/res 1", "membercore://bookings/r\u{e9}s",
            "membercore://events/\(id64)a", "MEMBERCORE://bookings/res_1", "membercore://Bookings/res_1",
            "membercore://wallet/res_1", "membercore://billing/res_1", "membercore://user@bookings/res_1",
            "http://example.com/news", "https://", "https://user:pw@example.com/", "javascript:alert(1)",
            "file:///etc/passwd", "membercore:bookings/res_1",
            "https://example.com/" + String(repeating: "abcdefgh/", count: 230),
        ]
        for link in hostile {
            do {
                let target = try LinkTarget(parsing: link)
                Issue.record("\(link) parsed as \(target)")
            } catch let e as MemberCoreError {
                #expect(e.code == .invalidArgument, "\(link)")
                #expect(!e.message.isEmpty)
            }
        }
        #expect(try NotificationChannel(parsing: "Text") == .sms)
        #expect(NotificationChannel.email.name == "email")
        #expect(try NotificationCategory(parsing: "Bookings") == .bookings)
        #expect(throws: MemberCoreError.self) { try NotificationCategory(parsing: "other") }
        #expect(throws: MemberCoreError.self) { try NotificationChannel(parsing: "pigeon") }
    }
}
