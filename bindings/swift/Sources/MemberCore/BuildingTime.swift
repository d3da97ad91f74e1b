// BuildingTime.swift - an instant as a member sees it: on the wall clock of the building it
// belongs to (`mc_local_time`, membercore/localtime.h). The core fills it from the zone rules
// the server sends with the building; this type only carries the result and never converts
// with the phone's time zone.

import CMemberCore
import Foundation

/// An instant in its building's local time, as the core gave it. A Bengaluru booking at 16:00
/// reads `hour == 16`, `offsetMinutes == 330`, `iso8601 == "2026-12-07T16:00:00+05:30"`,
/// `label == "IST"`, whatever the phone's own time zone is. Where the core's instant is 0
/// ("none": an invoice not paid yet) the property is nil.
public struct BuildingTime: Sendable, Hashable, CustomStringConvertible {
    /// The instant (equal to the `Date` it stands beside).
    public var date: Date
    /// Minutes east of UTC in force at the instant: 330 in Bengaluru, 60 in a London summer.
    public var offsetMinutes: Int
    /// The building's calendar and wall clock.
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 1 = Monday ... 7 = Sunday.
    public var weekday: Int
    /// "2026-12-07T16:00:00+05:30": ISO 8601 with the building's offset.
    public var iso8601: String
    /// The zone's short name at the instant: "IST", "GMT", "BST"; "UTC+05:30" when the server
    /// names none; "UTC" when the building's zone is unknown.
    public var label: String

    /// The offset as a Foundation `TimeZone` (a fixed offset, for formatting `date` the way the
    /// building's clock reads it).
    public var timeZone: TimeZone { TimeZone(secondsFromGMT: offsetMinutes * 60) ?? .gmt }

    /// "2026-12-07T16:00:00+05:30 IST".
    public var description: String { "\(iso8601) \(label)" }

    /// The core's value; an unset one (the API's 0) reads as that instant, 1970-01-01 00:00 UTC.
    init(_ t: mc_local_time) {
        var t = t
        let iso = cString(tuple: &t.iso8601)
        let set = !iso.isEmpty
        date = instant(fromMs: t.utc_ms)
        offsetMinutes = Int(t.offset_min)
        year = set ? Int(t.year) : 1970
        month = set ? Int(t.month) : 1
        day = set ? Int(t.day) : 1
        hour = Int(t.hour)
        minute = Int(t.minute)
        second = Int(t.second)
        weekday = set ? Int(t.weekday) : 4
        iso8601 = set ? iso : "1970-01-01T00:00:00+00:00"
        label = set ? cString(tuple: &t.label) : "UTC"
    }

    /// nil where the core left it unset (its instant is 0: "none").
    static func orNil(_ t: mc_local_time) -> BuildingTime? {
        var t = t
        return cString(tuple: &t.iso8601).isEmpty ? nil : BuildingTime(t)
    }
}

/// `date(fromMs:)` under a name the struct's `date` property does not hide.
private func instant(fromMs ms: Int64) -> Date {
    date(fromMs: ms)
}
