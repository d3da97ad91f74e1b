// The member's day in one call (membercore/today.h): read from the local store alone (offline,
// one read transaction, no network), every time in the building's local time. Read it again
// when a sync event's kinds touch it (`Today.isAffected(by:)`).
import CMemberCore
import Foundation

/// What a `TodayEntry` is (`mc_today_entry_kind`); `name` is the core's.
public enum TodayEntryKind: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A kind newer than this library.
    case unknown = -1
    /// A meeting-room booking.
    case room = 1
    /// A desk day.
    case desk = 2
    /// A day pass.
    case pass = 3

    init(_ c: mc_today_entry_kind) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "room", "desk", "pass"; "unknown".
    public var name: String {
        coreName(self) { mc_today_entry_kind_name(mc_today_entry_kind(rawValue: $0)) }
    }
    public var description: String { name }
}

/// One thing the member has today (`mc_today_entry`), with whether its door code works offline.
public struct TodayEntry: Sendable, Equatable, Identifiable {
    public var kind: TodayEntryKind
    /// The booking's, desk booking's or pass's id.
    public var id: String
    /// "Boardroom", "Desk D07, Window bay", "Day pass".
    public var title: String
    public var buildingId: String
    /// A room's first block; the building-local day's start otherwise.
    public var start: Date
    public var end: Date
    public var startLocal: BuildingTime
    public var endLocal: BuildingTime
    /// The item's own status name: "confirmed", "pending", "active", ...
    public var status: String
    /// A change of it is waiting for the server.
    public var isPending: Bool
    /// The door code's credential; nil when it has none.
    public var credentialId: String?
    /// That credential and its secret are on this device.
    public var isDoorCodeReady: Bool

    init(_ e: mc_today_entry) {
        kind = TodayEntryKind(e.kind)
        id = string(e.id)
        title = string(e.title)
        buildingId = string(e.building_id)
        start = date(fromMs: e.start_ms)
        end = date(fromMs: e.end_ms)
        startLocal = BuildingTime(e.start)
        endLocal = BuildingTime(e.end)
        status = string(e.status)
        isPending = e.pending
        credentialId = optionalString(e.credential_id)
        isDoorCodeReady = e.door_code_ready
    }
}

/// The member's day (`mc_today`). An on-demand user gets the parts that apply (`membership`
/// nil, no credits).
public struct Today: Sendable, Equatable {
    /// The client's clock in the member's building's local time.
    public var now: BuildingTime
    /// That building-local date, "YYYY-MM-DD".
    public var date: String
    public var memberName: String
    /// nil without a company.
    public var companyName: String?
    /// The member's building (nil when none is known yet), its name and city.
    public var buildingId: String?
    public var buildingName: String
    public var buildingCity: String
    public var isOpenToday: Bool
    public var isOpenNow: Bool
    /// Today's opening and closing; nil when closed today.
    public var opensAt: BuildingTime?
    public var closesAt: BuildingTime?
    /// The contract; nil for an on-demand user.
    public var membership: Membership?
    /// Days to the contract's end, building-local; nil when none.
    public var contractDaysLeft: Int?
    /// Today's room bookings, desk and passes, by start.
    public var entries: [TodayEntry]
    /// Visitors expected or arrived today, by window.
    public var visitors: [Visitor]
    /// Tickets not resolved or closed, SLA due first.
    public var openTickets: [Ticket]
    /// Events ending after now and starting within 7 days: the member's building first.
    public var events: [Event]
    public var unreadTotal: Int
    public var unreadByCategory: [NotificationCategory: Int]
    /// Invoices issued and not yet paid, or overdue; due first.
    public var invoicesDue: [Invoice]
    /// The member's company has room credits: left this month, of the monthly allowance.
    public var hasCredits: Bool
    public var creditsLeft: Int
    public var creditsMonthly: Int
    /// This month's plan desk days left, of the allowance (0 when the plan has none).
    public var deskDaysLeft: Int
    public var deskDaysAllowance: Int
    /// Live announcements that are pinned or unread.
    public var announcements: [Announcement]
    /// Offers valid today the member has not redeemed.
    public var offersAvailable: Int
    /// The kinds of synced data this was read from.
    public var dependsOn: DataKinds

    /// Whether a sync event's changed kinds touch this day (`mc_today_affected`): read
    /// `today()` again when true.
    public func isAffected(by changed: DataKinds) -> Bool {
        var t = mc_today()
        t.depends_on = dependsOn.rawValue
        return mc_today_affected(&t, changed.rawValue)
    }

    init(_ t: mc_today) {
        now = BuildingTime(t.now)
        date = string(t.date)
        memberName = string(t.member_name)
        companyName = optionalString(t.company_name)
        buildingId = optionalString(t.building_id)
        buildingName = string(t.building_name)
        buildingCity = string(t.building_city)
        isOpenToday = t.open_today
        isOpenNow = t.open_now
        opensAt = BuildingTime.orNil(t.opens_at)
        closesAt = BuildingTime.orNil(t.closes_at)
        membership = t.membership.map { Membership($0.pointee) }
        contractDaysLeft = t.contract_days_left < 0 ? nil : Int(t.contract_days_left)
        entries = UnsafeBufferPointer(start: t.entries, count: t.entry_count).map(TodayEntry.init)
        visitors =
            t.visitors.map {
                UnsafeBufferPointer(start: $0.pointee.items, count: $0.pointee.count).map(Visitor.init)
            } ?? []
        openTickets =
            t.open_tickets.map {
                UnsafeBufferPointer(start: $0.pointee.items, count: $0.pointee.count).map(Ticket.init)
            } ?? []
        events = t.events.map { listItems(of: $0.pointee, Event.init) } ?? []
        var counts = t.unread_by_category
        unreadByCategory = withUnsafeBytes(of: &counts) { raw in
            let values = raw.bindMemory(to: Int32.self)
            var result: [NotificationCategory: Int] = [:]
            for c in NotificationCategory.allCases where Int(c.rawValue) < values.count {
                result[c] = Int(values[Int(c.rawValue)])
            }
            return result
        }
        unreadTotal = Int(t.unread_total)
        invoicesDue = t.invoices_due.map { listItems(of: $0.pointee, Invoice.init) } ?? []
        hasCredits = t.has_credits
        creditsLeft = Int(t.credits_left)
        creditsMonthly = Int(t.credits_monthly)
        deskDaysLeft = Int(t.desk_days_left)
        deskDaysAllowance = Int(t.desk_days_allowance)
        announcements = t.announcements.map { listItems(of: $0.pointee, Announcement.init) } ?? []
        offersAvailable = Int(t.offers_available)
        dependsOn = DataKinds(rawValue: t.depends_on)
    }
}

extension MemberCore {
    /// The member's day from the local store: offline, one read, never blocks on a sync round.
    /// Throws `.unauthorized` (nobody signed in), `.storage`, `.noMemory`.
    public func today() throws -> Today {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_today>?
            _ = try check { mc_today_get(h, &out, $0) }
            guard let out else {
                throw MemberCoreError.server(
                    message: "the core returned no day", httpStatus: nil, serverCode: nil)
            }
            defer { mc_today_free(out) }
            return Today(out.pointee)
        }
    }
}
