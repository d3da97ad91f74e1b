// Today through the Swift API against memberstub (docs/today-desks-community.md, "Today"):
// Asha's day after a sync, read offline (who and where, the contract, today's desk, events,
// unread counts, what it depends on). Clocks at t0 (Monday 2027-01-04 10:00 IST).
import Foundation
import MemberCore
import Testing

@Suite("today", .timeLimit(.minutes(1)))
struct TodayTests {
    @Test("Asha's day after sync, read offline")
    func today() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            let desk = try await core.bookDesk("BLR-1-D03", date: "2027-01-04", pay: .plan)
            try await core.syncOnce()
            core.close()

            core = try f.open(deadServer)
            defer { core.close() }
            let t = try core.today()
            #expect(t.date == "2027-01-04")
            #expect(t.now.hour == 10 && t.now.label == "IST")
            #expect(t.memberName == "Asha Rao")
            #expect(t.buildingId == "BLR-1" && t.buildingName == "Indiranagar")
            #expect(t.isOpenToday && t.isOpenNow && t.opensAt != nil)
            #expect(t.membership?.plan == "private_cabin" && t.membership?.seat == "Cabin 1019")
            #expect((t.contractDaysLeft ?? 0) > 0)
            let entry = try #require(t.entries.first { $0.id == desk.id })
            #expect(entry.kind == .desk && entry.kind.name == "desk")
            #expect(entry.status == "confirmed" && entry.isDoorCodeReady)
            #expect(t.deskDaysAllowance == 8 && t.deskDaysLeft == 7)
            #expect(t.hasCredits)
            #expect(t.unreadByCategory.values.reduce(0, +) == t.unreadTotal)
            let firstOther = t.events.firstIndex { $0.buildingId != "BLR-1" } ?? t.events.count
            #expect(t.events[firstOther...].allSatisfy { $0.buildingId != "BLR-1" })
            #expect(t.dependsOn.isSuperset(of: [.deskBooking, .event, .notification]))
            #expect(t.isAffected(by: .deskBooking))
            #expect(!t.isAffected(by: []))
        }
    }
}
