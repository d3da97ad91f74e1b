// The synced buildings through the Swift API, against memberstub: zones, opening hours
// (BLR-1 closed on Sundays, LON-1 open around the clock), day-pass prices and bundle tiers,
// read offline; closed and signed out.
import Foundation
import MemberCore
import Testing

/// The building `id` of `list`, or a recorded failure.
func building(_ list: [Building], _ id: String) throws -> Building {
    try #require(list.first { $0.id == id }, "no building \(id) in \(list.map(\.id))")
}

@Suite("buildings", .timeLimit(.minutes(1)))
struct CatalogTests {
    @Test("buildings carry their zone, hours, day-pass price and tiers, by id")
    func buildingsFromTheStore() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let list = try core.buildings()
            #expect(list.count >= 2)
            #expect(list.map(\.id) == list.map(\.id).sorted())

            let blr = try building(list, "BLR-1")
            #expect(blr.timeZoneIdentifier == "Asia/Kolkata")
            #expect(blr.name == "Indiranagar")
            #expect(blr.city == "Bengaluru")
            // Monday to Saturday, 08:00-22:00; Sunday (7) is closed.
            #expect(blr.hours.map(\.weekday) == [1, 2, 3, 4, 5, 6])
            #expect(blr.hours.allSatisfy { $0.openMinute == 480 && $0.closeMinute == 1320 })
            #expect(!blr.hours.contains { $0.weekday == 7 })
            let price = try #require(blr.dayPassPrice)
            #expect(price == Money(minor: 80_000, currency: "INR"))
            #expect(price.formatted == "₹800.00")
            #expect(blr.currency == "INR")
            #expect(blr.tax.formatted == "GST 18%")
            #expect(blr.bookingWindowDays > 0)
            #expect(blr.openSpaceCapacity > 0)
            #expect(blr.tiers.map(\.passes) == [1, 5, 10])
            #expect(blr.tiers.first?.discountPercent == 0)
            #expect(blr.tiers.map(\.discountPercent) == blr.tiers.map(\.discountPercent).sorted())

            let lon = try building(list, "LON-1")
            #expect(lon.timeZoneIdentifier == "Europe/London")
            #expect(lon.hours.map(\.weekday) == [1, 2, 3, 4, 5, 6, 7])
            #expect(lon.hours.allSatisfy { $0.openMinute == 0 && $0.closeMinute == 1440 })
            #expect(lon.currency == "GBP")
            #expect(lon.tax.name == "VAT" && lon.tax.rateBasisPoints == 2000)
            #expect(lon.dayPassPrice?.formatted == "£25.00")
        }
    }

    @Test("buildings are local: read offline; closed is closed; signed out is unauthorized")
    func offlineClosedAndSignedOut() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            core.close()
            core = try f.open(deadServer)
            #expect(try building(core.buildings(), "BLR-1").hours.count == 6)
            core.close()
            #expect(await error { _ = try core.buildings() } == .closed)

            let otherDir = try makeTempDir("nobody")
            defer { try? FileManager.default.removeItem(at: otherDir) }
            let nobody = try f.open(dataDir: otherDir)
            #expect(await error { _ = try nobody.buildings() }?.code == .unauthorized)
        }
    }
}
