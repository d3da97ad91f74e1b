// The calendar export through the Swift API against memberstub (docs/today-desks-community.md,
// "Calendar"): Asha's room bookings and desk days exported as iCalendar, a VEVENT per booking,
// in the building's zone. Clocks at t0 (Monday 2027-01-04 10:00 IST).
import Foundation
import MemberCore
import Testing

@Suite("the calendar", .timeLimit(.minutes(1)))
struct CalendarTests {
    @Test("the calendar holds a VEVENT per booking and desk day, in the building's zone")
    func calendar() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            let desk = try await core.bookDesk("BLR-1-D05", date: "2027-01-05", pay: .plan)
            let room = try await core.book(
                BookingRequest(roomId: "BLR-1-BOARD", date: "2027-01-07", start: "14:00", hours: 1))
            try await core.syncOnce()
            let ics = try core.exportCalendar()
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
            #expect(ics.contains("VERSION:2.0\r\n") && ics.contains("BEGIN:VTIMEZONE\r\n"))
            let vevents = ics.components(separatedBy: "BEGIN:VEVENT\r\n").count - 1
            #expect(vevents == ics.components(separatedBy: "END:VEVENT\r\n").count - 1)
            let live = try core.bookings().filter { $0.status == .confirmed || $0.status == .pending }
            for b in live { #expect(ics.contains("\(b.id)@membercore"), "\(b.id)") }
            #expect(ics.contains("\(desk.id)@membercore") && ics.contains("\(room.id)@membercore"))
            #expect(ics.contains("Desk BLR-1-D05"))
            #expect(ics.contains("TZID=Asia/Kolkata"))
            #expect(vevents >= live.count + 1)
            let bad = await error {
                _ = try core.exportCalendar(
                    from: Date(timeIntervalSince1970: 10), to: Date(timeIntervalSince1970: 5))
            }
            #expect(bad?.code == .invalidArgument)
        }
    }
}
