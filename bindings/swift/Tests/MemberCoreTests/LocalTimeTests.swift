// What a member reads for an instant: the wall clock of the building it belongs to, as the
// core gives it (`BuildingTime`), whatever the phone's own time zone is.
import Foundation
import MemberCore
import Testing

/// A London member (server-stub/README.md).
let olivia = "+447700900001"

@Suite("building local times", .timeLimit(.minutes(1)))
struct LocalTimeTests {
    @Test("a Bengaluru booking at 16:00 reads 16:00 +05:30 IST, not 10:30Z")
    func bengaluru() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let booking = try await core.book(
                BookingRequest(
                    roomId: "BLR-1-BOARD", date: "2027-01-07", start: "16:00", hours: 1, payment: .razorpay))
            let start = booking.startLocal
            #expect(start.date == booking.start)
            #expect(booking.start == Date(timeIntervalSince1970: 1_799_317_800))  // 10:30Z
            #expect(start.hour == 16 && start.minute == 0)
            #expect(start.offsetMinutes == 330)
            #expect(start.iso8601 == "2027-01-07T16:00:00+05:30")
            #expect(start.label == "IST")
            #expect(start.weekday == 4)  // a Thursday
            #expect(start.timeZone.secondsFromGMT() == 330 * 60)
            #expect(booking.endLocal.iso8601 == "2027-01-07T17:00:00+05:30")
            let listed = try #require(try core.bookings().first { $0.id == booking.id })
            #expect(listed.startLocal == start)
            let search = try core.searchRooms(RoomQuery(buildingId: "BLR-1", date: "2027-01-07"))
            let board = try #require(search.rooms.first { $0.id == "BLR-1-BOARD" })
            #expect(board.freeSlots[0].startLocal.iso8601 == "2027-01-07T08:00:00+05:30")
            #expect(try core.credits().ledger.allSatisfy { $0.atLocal.label == "IST" })
        }
    }

    @Test("a London booking in summer reads BST, and after the October change GMT")
    func london() async throws {
        try await withFixture { f in
            // 2027-10-20T09:00:00Z: London on summer time, its change on the 31st.
            try await f.advanceClock(1_824_022_800_000 - t0Ms)
            let core = try f.open()
            try await f.signIn(core, olivia)
            try await core.syncOnce()
            let summer = try await core.book(
                BookingRequest(
                    roomId: "LON-1-NOOK", date: "2027-10-30", start: "16:00", hours: 1, payment: .razorpay))
            #expect(summer.startLocal.iso8601 == "2027-10-30T16:00:00+01:00")
            #expect(summer.startLocal.label == "BST")
            #expect(summer.startLocal.offsetMinutes == 60)
            #expect(summer.startLocal.hour == 16)
            let winter = try await core.book(
                BookingRequest(
                    roomId: "LON-1-NOOK", date: "2027-11-01", start: "10:00", hours: 1, payment: .razorpay))
            #expect(winter.startLocal.iso8601 == "2027-11-01T10:00:00+00:00")
            #expect(winter.startLocal.label == "GMT")
        }
    }
}
