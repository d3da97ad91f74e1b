// The operator's buildings as last synced (membercore/catalog.h): where they are, their time
// zone, when they open, their currency and tax, and their open-space day-pass pricing. Local,
// instant, offline.
//
// Hours are the building's local minutes of the day, whatever the phone's time zone. Money is
// a `Money` in the building's currency.
import CMemberCore
import Foundation

/// The hours a building is open on one weekday (`mc_opening_hours`). A weekday a building does
/// not list is a closed day.
public struct OpeningHours: Sendable, Equatable {
    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    public var weekday: Int
    /// Building-local minute of the day it opens, 0...1440 (480 = 08:00).
    public var openMinute: Int
    /// Building-local minute of the day it closes, 0...1440 (1440 = midnight; 0...1440 is open
    /// all day).
    public var closeMinute: Int
}

/// A day-pass bundle tier (`mc_bundle_tier`): a cart of at least `passes` passes gets
/// `discountPercent` percent off.
public struct BundleTier: Sendable, Equatable {
    public var passes: Int
    public var discountPercent: Int
}

/// A building of the operator (`mc_building`), as last synced.
public struct Building: Sendable, Equatable, Identifiable {
    /// e.g. "BLR-1".
    public var id: String
    /// e.g. "Indiranagar".
    public var name: String
    public var city: String
    /// The building's IANA zone, e.g. "Asia/Kolkata": its dates and hours are local to it.
    public var timeZoneIdentifier: String
    /// One entry per open weekday, as synced; a weekday not listed is closed.
    public var hours: [OpeningHours]
    /// How many days ahead rooms and passes can be booked.
    public var bookingWindowDays: Int
    /// The ISO 4217 code every amount of this building is in, e.g. "GBP".
    public var currency: String
    /// The tax its prices are charged with, e.g. "VAT 20%".
    public var tax: Tax
    /// The price of one open-space day pass, before tax; nil when the building sells none.
    public var dayPassPrice: Money?
    /// Open-space seats a day.
    public var openSpaceCapacity: Int
    /// The day-pass bundle tiers, as synced.
    public var tiers: [BundleTier]

    init(_ b: mc_building) {
        id = string(b.id)
        name = string(b.name)
        city = string(b.city)
        timeZoneIdentifier = string(b.timezone)
        hours = UnsafeBufferPointer(start: b.hours, count: b.hours_count).map {
            OpeningHours(
                weekday: Int($0.weekday), openMinute: Int($0.open_minute), closeMinute: Int($0.close_minute))
        }
        bookingWindowDays = Int(b.booking_window_days)
        currency = withUnsafeBytes(of: b.currency) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        tax = Tax(b.tax)
        dayPassPrice = b.day_pass_price.minor == 0 ? nil : Money(b.day_pass_price)
        openSpaceCapacity = Int(b.open_space_capacity)
        tiers = UnsafeBufferPointer(start: b.tiers, count: b.tier_count).map {
            BundleTier(passes: Int($0.passes), discountPercent: Int($0.discount_pct))
        }
    }
}

// MARK: - Calls

extension MemberCore {
    /// The operator's buildings from the local store, by id (sync to refresh). Throws
    /// `.unauthorized`, `.storage`.
    public func buildings() throws -> [Building] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_building_list>?
            _ = try check { mc_buildings_list(h, &list, $0) }
            guard let list else { return [] }
            defer { mc_building_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(
                Building.init)
        }
    }
}
