// The member's calendar as an iCalendar file (membercore/calendar.h, RFC 5545): room bookings,
// desk days, day passes and the events the member is going to, each in its building's time
// zone. Local.
import CMemberCore
import Foundation

extension MemberCore {
    /// The iCalendar text (CRLF line ends) of what ends on or after `from` and starts before
    /// `to` (nil: no bound): pending ones `STATUS:TENTATIVE`; cancelled, released and expired
    /// ones left out. Throws `.invalidArgument` (`to` before `from`), `.unauthorized`,
    /// `.storage`.
    public func exportCalendar(from: Date? = nil, to: Date? = nil) throws -> String {
        try withHandle { h in
            var ics: UnsafeMutablePointer<CChar>?
            var length = 0
            _ = try check {
                mc_calendar_export(
                    h, from.map(milliseconds) ?? 0, to.map(milliseconds) ?? 0, &ics, &length, $0)
            }
            guard let ics else { return "" }
            defer { mc_calendar_free(ics) }
            return ics.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        }
    }
}
