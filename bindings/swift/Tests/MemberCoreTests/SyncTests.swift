// Sync, events, RSVPs, notifications, listeners and the outbox through the Swift API.
import Foundation
import MemberCore
import Testing

@Suite("sync and community", .timeLimit(.minutes(1)))
struct SyncTests {
    @Test("syncOnce pulls the snapshot; events and notifications read locally")
    func syncOnceAndEvents() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            #expect(try core.syncStatus().lastSync == nil)

            let report = try await core.syncOnce()
            #expect(report.pulled > 0)
            #expect(report.pushed == 0)
            #expect(report.changedKinds.isSuperset(of: [.event, .notification, .rsvp]))
            #expect(report.changedKinds.names.contains("event"))

            let status = try core.syncStatus()
            #expect(status.lastSync != nil)
            #expect(status.queueDepth == 0)
            #expect(status.lastError == nil)
            #expect(status.state == .idle)
            #expect(status.isRunning == false)

            let events = try core.events()
            #expect(events.count >= 5)
            #expect(events.map(\.startsAt) == events.map(\.startsAt).sorted())
            let networking = try #require(events.first { $0.id == "EVT-BLR-NETWORKING" })
            #expect(networking.title == "Networking Hour")
            #expect(networking.myRSVP == .going)
            #expect(networking.isPending == false)
            #expect(networking.capacity == 40)
            #expect(networking.endsAt > networking.startsAt)
            let fireside = try #require(events.first { $0.id == "EVT-BLR-FIRESIDE" })
            #expect(fireside.capacity == 2)
            #expect(fireside.goingCount == 1)
            #expect(fireside.myRSVP == .none)

            // "from" filters on the end time: nothing ends after the year 3000.
            #expect(try core.events(from: Date(timeIntervalSince1970: 32_503_680_000)).isEmpty)
        }
    }

    @Test("RSVP offline is pending, then synced on the real server")
    func rsvpOfflineThenSynced() async throws {
        try await withFixture { f in
            var core = try f.open()
            try await f.signIn(core, asha)
            try await core.syncOnce()
            let before = try #require(try core.events().first { $0.id == "EVT-BLR-DIWALI" })
            core.close()

            // Offline: a client on a dead port over the same data directory.
            core = try f.open(deadServer)
            try core.rsvp(eventId: "EVT-BLR-DIWALI", .going)
            let pending = try #require(try core.events().first { $0.id == "EVT-BLR-DIWALI" })
            #expect(pending.myRSVP == .going)
            #expect(pending.isPending)
            #expect(pending.goingCount == before.goingCount + 1)
            let outbox = try core.outbox()
            #expect(outbox.count == 1)
            #expect(outbox.first?.kind == "rsvp.set")
            #expect(outbox.first?.entityId == "EVT-BLR-DIWALI")
            #expect(outbox.first?.state == .pending)
            #expect(outbox.first?.payload.contains("going") == true)
            await #expect(throws: MemberCoreError.self) { try await core.syncOnce() }
            let offline = try core.syncStatus()
            #expect(offline.queueDepth == 1)
            #expect(offline.lastError == .offline)
            #expect(offline.state == .offline)
            core.close()

            // Online again.
            core = try f.open()
            let report = try await core.syncOnce()
            #expect(report.pushed == 1)
            let confirmed = try #require(try core.events().first { $0.id == "EVT-BLR-DIWALI" })
            #expect(confirmed.myRSVP == .going)
            #expect(confirmed.isPending == false)
            #expect(confirmed.goingCount == before.goingCount + 1)
            #expect(try core.outbox().isEmpty)
            #expect(try core.syncStatus().queueDepth == 0)
        }
    }

    @Test("markRead is pending at once, confirmed by sync")
    func markRead() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            try await core.syncOnce()
            let inbox = try core.notifications()
            #expect(inbox.notifications.count == 6)  // and her Focus Room's "Payment confirmed" (read)
            #expect(inbox.unreadTotal == 3)
            #expect(inbox.unreadByCategory[.bookings] == 1)
            #expect(inbox.unreadByCategory[.billing] == 0)
            let unread = try core.notifications(unreadOnly: true)
            #expect(unread.notifications.count == 3)
            #expect(unread.notifications.allSatisfy { !$0.isRead })
            let visitor = try #require(unread.notifications.first { $0.category == .bookings })
            #expect(visitor.title == "Visitor waiting at reception")
            #expect(inbox.notifications.contains { $0.category == .events && $0.deepLink != nil })
            /* Where each link leads: the id to route with, and in words the invoice by its number,
             * the event by its title. */
            let invoiceLink = try #require(inbox.notifications.first { $0.linkKind == .invoice })
            #expect(invoiceLink.linkId.hasPrefix("inv_"))
            #expect(invoiceLink.linkText.hasPrefix("opens invoice INV-"))
            let eventLink = try #require(inbox.notifications.first { $0.linkKind == .event })
            #expect(eventLink.linkId == "EVT-BLR-NETWORKING")
            #expect(eventLink.linkText == "opens event Networking Hour")
            #expect(
                inbox.notifications.filter { $0.deepLink == nil }.allSatisfy {
                    $0.linkKind == LinkKind.none && $0.linkText.isEmpty
                })

            try core.markRead(notificationId: visitor.id)
            let after = try core.notifications()
            let marked = try #require(after.notifications.first { $0.id == visitor.id })
            #expect(marked.isRead)
            #expect(marked.isPending)
            #expect(after.unreadTotal == 2)
            #expect(after.unreadByCategory[.bookings] == 0)
            try core.markRead(notificationId: visitor.id)  // already read: nothing more queued
            #expect(try core.outbox().count == 1)

            #expect(try await core.syncOnce().pushed == 1)
            let synced = try #require(try core.notifications().notifications.first { $0.id == visitor.id })
            #expect(synced.isRead)
            #expect(synced.isPending == false)
        }
    }

    @Test("a listener's event arrives from the sync thread after start()")
    func listenerFromSyncThread() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            let changes = try core.syncEvents(.dataChanged)
            let statuses = try core.syncEvents(.statusChanged)
            try core.start()
            try core.start()  // twice is fine
            #expect(try core.syncStatus().isRunning)
            let event = try await first(changes, within: 10) { _ in true }
            guard case .dataChanged(let kinds) = try #require(event) else {
                Issue.record("not a data-changed event: \(String(describing: event))")
                return
            }
            #expect(kinds.contains(.event))
            #expect(try await first(statuses, within: 10) { $0 == .statusChanged } != nil)

            // A local write wakes the thread, which pushes it.
            let pushed = try core.syncEvents(.dataChanged)
            try core.rsvp(eventId: "EVT-BLR-DIWALI", .going)
            #expect(try await first(pushed, within: 10) { _ in true } != nil)
            var drained = false
            for _ in 0..<100 where !drained {
                drained = try core.syncStatus().queueDepth == 0 && core.outbox().isEmpty
                if !drained { try await Task.sleep(nanoseconds: 50_000_000) }
            }
            #expect(drained)

            try core.pause()
            #expect(try core.syncStatus().state == .paused)
            try core.resume()
            try core.setReachable(false)
            try core.setReachable(true)
            try core.trigger()
            try await core.stop()
            #expect(try core.syncStatus().isRunning == false)
            core.close()  // ends the streams
            #expect(try await first(changes, within: 5) { _ in false } == nil)
        }
    }

    @Test("a closure listener is released after removal; queued delivery uses the wake-up hook")
    func closureListeners() async throws {
        try await withFixture { f in
            final class Sentinel: Sendable {}
            let core = try f.open()
            try await f.signIn(core, asha)

            let seen = Locked<[SyncEvent]>([])
            weak var weakSentinel: Sentinel?
            var token: SyncListenerToken
            do {
                let sentinel = Sentinel()
                weakSentinel = sentinel
                token = try core.addSyncListener(.dataChanged) { event in
                    _ = sentinel
                    seen.update { $0.append(event) }
                }
            }
            #expect(weakSentinel != nil)  // retained by the core's context
            try await core.syncOnce()
            #expect(seen.read().count == 1)
            try core.removeSyncListener(token)
            #expect(weakSentinel == nil)  // released on removal
            #expect(throws: MemberCoreError.self) { try core.removeSyncListener(token) }
            try core.markRead(notificationId: "ntf_5eed000000000101")
            #expect(seen.read().count == 1)  // never called after removal

            let wakeups = Locked(0)
            let queued = Locked<[SyncEvent]>([])
            try core.setWakeup { wakeups.update { $0 += 1 } }
            token = try core.addSyncListener(.dataChanged, delivery: .queued) { event in
                queued.update { $0.append(event) }
            }
            try core.markRead(notificationId: "ntf_5eed000000000104")
            #expect(wakeups.read() >= 1)
            #expect(queued.read().isEmpty)
            #expect(try core.deliverQueued() >= 1)
            #expect(queued.read().first == .dataChanged(.notification))
            try core.setWakeup(nil)

            // close() releases the listeners still registered.
            do {
                let sentinel = Sentinel()
                weakSentinel = sentinel
                _ = try core.addSyncListener { _ in _ = sentinel }
            }
            #expect(weakSentinel != nil)
            core.close()
            #expect(weakSentinel == nil)
        }
    }

    // A full event no longer refuses an RSVP (the member waits in line: CommunityExtrasTests);
    // the refusal flow is shown by two members of one company booking the same room block.
    @Test("a refused write: rejection event, rejected outbox row, dismiss")
    func rejectedWrite() async throws {
        try await withFixture { f in
            let core = try f.open()
            defer { core.close() }
            try await f.signIn(core, asha)
            try await core.syncOnce()
            let request = BookingRequest(roomId: "BLR-1-BOARD", date: "2027-01-07", start: "17:00", hours: 1)

            // Vikram takes the block from another device first.
            let otherDir = try makeTempDir("vikram")
            defer { try? FileManager.default.removeItem(at: otherDir) }
            let other = try f.open(dataDir: otherDir)
            try await f.signIn(other, vikram)
            try await other.syncOnce()
            _ = try await other.book(request)
            #expect(try await other.syncOnce().pushed == 1)
            other.close()

            let rejections = try core.syncEvents(.mutationRejected)
            let mine = try await core.book(request)  // locally it is still free
            let report = try await core.syncOnce()
            #expect(report.rejected == 1)
            let event = try await first(rejections, within: 5) { _ in true }
            guard case .mutationRejected(let r) = try #require(event) else {
                Issue.record("no rejection: \(String(describing: event))")
                return
            }
            #expect(r.kind == "booking.create")
            #expect(r.entityId == mine.id)
            #expect(r.serverCode == "slot_taken")
            #expect(r.code == .conflict)
            #expect(r.rule == .taken)

            let outbox = try core.outbox()
            let rejected = try #require(outbox.first { $0.state == .rejected })
            #expect(rejected.errorServerCode == "slot_taken")
            #expect(try core.syncStatus().rejectedCount == 1)
            try core.dismissMutation(rejected.id)
            #expect(try core.outbox().isEmpty)
            #expect(throws: MemberCoreError.self) { try core.dismissMutation(rejected.id) }
        }
    }

    @Test("a push token registers through the outbox and reaches the server")
    func pushToken() async throws {
        try await withFixture { f in
            let core = try f.open()
            #expect(throws: MemberCoreError.self) { try core.registerPushToken("apns-1") }
            try await f.signIn(core, asha)
            try core.registerPushToken(apnsDeviceToken: Data([0xde, 0xad, 0xbe, 0xef]))
            try core.registerPushToken(apnsDeviceToken: Data([0xde, 0xad, 0xbe, 0xef]))
            #expect(try core.syncStatus().queueDepth == 1)
            do {
                try core.registerPushToken("has space", provider: .fcm)
                Issue.record("a token with a space was accepted")
            } catch MemberCoreError.invalidArgument(let message) {
                #expect(message.contains("token"))
            }
            try await core.syncOnce()
            let (status, body) = try await f.stub.request("GET", "/v1/test/push_tokens?phone=%2B919800000001")
            #expect(status == 200)
            #expect(body.contains("\"deadbeef\""))
            #expect(body.contains("\"apns\""))
            #expect(PushProvider.apns.name == "apns")
        }
    }
}
