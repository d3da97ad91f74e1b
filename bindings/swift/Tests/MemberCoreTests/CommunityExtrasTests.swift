// Announcements, offers and event waitlists through the Swift API against memberstub
// (docs/today-desks-community.md): an announcement posted by the operator reaches Asha with its
// notification's link, is marked read offline and synced; a single-use offer redeemed twice
// gives the same code; Vikram waits for a full event and is promoted when Asha drops out.
import Foundation
import MemberCore
import Testing

@Suite("announcements, offers, waitlists", .timeLimit(.minutes(1)))
struct CommunityExtrasTests {
    @Test("an announcement is listed, marked read offline and synced")
    func announcementRead() async throws {
        try await withFixture { f in
            let expires = t0Ms + 7 * dayMs
            let (status, body) = try await f.stub.request(
                "POST", "/v1/test/announcements",
                json: "{\"building_id\":\"BLR-1\",\"title\":\"Lift maintenance\","
                    + "\"body\":\"The east lift is closed on Saturday.\",\"pinned\":true,"
                    + "\"expires_at_ms\":\(expires)}")
            #expect(status == 200, "\(body)")
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let id = try #require(
                json?["id"] as? String ?? (json?["announcement"] as? [String: Any])?["id"] as? String)
            var core = try await signedInAsha(f)
            core.close()

            core = try f.open(deadServer)
            let list = try core.announcements()
            let a = try #require(list.announcements.first { $0.id == id })
            #expect(a.title == "Lift maintenance" && a.buildingId == "BLR-1" && a.isPinned && !a.isRead)
            #expect(a.expiresAtLocal?.label == "IST")
            #expect(list.announcements.first?.isPinned == true)
            let unread = list.unreadCount
            #expect(
                try core.notifications().notifications.contains {
                    $0.linkKind == .announcement && $0.linkId == id
                })
            try core.markAnnouncementRead(id)
            let read = try #require(try core.announcements().announcements.first { $0.id == id })
            #expect(read.isRead && read.isPending)
            #expect(try core.announcements().unreadCount == unread - 1)
            try core.markAnnouncementRead(id)
            #expect(try core.outbox().map(\.kind) == ["announcement.read"])
            #expect(await error { try core.markAnnouncementRead("ann_nope") }?.code == .notFound)
            #expect(try core.announcements(page: Page(limit: 1)).items.count == 1)
            core.close()

            core = try f.open()
            defer { core.close() }
            #expect(try await core.syncOnce().pushed == 1)
            let synced = try #require(try core.announcements().announcements.first { $0.id == id })
            #expect(synced.isRead && !synced.isPending)
        }
    }

    @Test("a single-use offer redeemed twice gives the same code, shown offline afterwards")
    func offerRedeemedTwice() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            let offers = try core.offers()
            let cult = try #require(offers.first { $0.partner.hasPrefix("Cult") })
            let blue = try #require(offers.first { $0.partner.hasPrefix("Blue Tokai") })
            #expect(!offers.contains { $0.partner.hasPrefix("Pret") })
            #expect(
                cult.codeKind == .singleUse && cult.remaining == 3 && !cult.isRedeemed && cult.code == nil)
            #expect(blue.codeKind == .shared && blue.remaining == nil)
            let available = try core.today().offersAvailable
            #expect(available >= 2)
            let first = try await core.redeemOffer(cult.id)
            #expect(try core.today().offersAvailable == available - 1)
            let code = try #require(first.code)
            #expect(first.isRedeemed && first.redeemedAt != nil)
            let second = try await core.redeemOffer(cult.id)
            #expect(second.code == code)
            #expect(try await core.redeemOffer(blue.id).code == "MCBLUE20")
            #expect(await error { _ = try await core.redeemOffer("off_nope") }?.code == .notFound)
            core.close()

            core = try f.open(deadServer)
            defer { core.close() }
            #expect(try core.offers().first { $0.id == cult.id }?.code == code)
            #expect(await error { _ = try await core.redeemOffer(cult.id) }?.code == .offline)
        }
    }

    @Test("a full event's waitlist: position and count, promoted when a seat frees up")
    func waitlist() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            try core.rsvp(eventId: "EVT-BLR-FIRESIDE", .going)
            #expect(try await core.syncOnce().pushed == 1)
            try await withSecondClient(f, vikram) { other in
                let full = try #require(try other.events().first { $0.id == "EVT-BLR-FIRESIDE" })
                #expect(full.goingCount == full.capacity)
                try other.rsvp(eventId: "EVT-BLR-FIRESIDE", .going)
                #expect(try other.events().first { $0.id == "EVT-BLR-FIRESIDE" }?.myRSVP == .waitlisted)
                let report = try await other.syncOnce()
                #expect(report.pushed == 1 && report.rejected == 0)
                let waiting = try #require(try other.events().first { $0.id == "EVT-BLR-FIRESIDE" })
                #expect(waiting.myRSVP == .waitlisted && !waiting.isPending)
                #expect(waiting.waitlistPosition == 1 && waiting.waitlistCount == 1)

                try core.rsvp(eventId: "EVT-BLR-FIRESIDE", .notGoing)
                try await core.syncOnce()
                try await other.syncOnce()
                let promoted = try #require(try other.events().first { $0.id == "EVT-BLR-FIRESIDE" })
                #expect(promoted.myRSVP == .going && promoted.waitlistPosition == 0)
                #expect(try other.notifications().notifications.contains { $0.kind == "event.promoted" })
            }
        }
    }
}
