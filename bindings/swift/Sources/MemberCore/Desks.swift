// Hot desks by the day (membercore/desks.h): search the free desks of a date (local), book with
// the plan's desk days or the company's credits (offline: pending at once, confirmed or refused
// on sync) or by card through Razorpay (online), confirm the card payment, cancel before the
// cut-off, list the member's desk days, and the member's own dedicated desk.
// docs/today-desks-community.md is the contract.
import CMemberCore
import Foundation

/// What kind of desk (`mc_desk_kind`).
public enum DeskKind: Int32, Sendable, Hashable {
    /// A kind newer than this library.
    case unknown = -1
    /// Booked by the day by anyone allowed.
    case hot = 1
    /// One member's own desk (only theirs is listed, as `Desk.isMine`).
    case dedicated = 2

    init(_ c: mc_desk_kind) { self = coreEnum(c.rawValue) ?? .unknown }
}

/// A desk (`mc_desk`).
public struct Desk: Sendable, Equatable, Identifiable {
    /// "BLR-1-D07".
    public var id: String
    public var buildingId: String
    /// "D07".
    public var name: String
    /// "Window bay"; nil when none.
    public var area: String?
    /// Words from a fixed list: "monitor", "standing", "window", "dual_monitor", "quiet",
    /// "phone_booth_nearby".
    public var features: [String]
    public var kind: DeskKind
    /// The member's own dedicated desk.
    public var isMine: Bool

    init(_ d: mc_desk) {
        id = string(d.id)
        buildingId = string(d.building_id)
        name = string(d.name)
        area = optionalString(d.area)
        features = UnsafeBufferPointer(start: d.features, count: d.feature_count).map { string($0) }
        kind = DeskKind(d.kind)
        isMine = d.mine
    }
}

/// What `searchDesks(_:)` looks for (`mc_desk_query`).
public struct DeskQuery: Sendable, Equatable {
    /// Building-local "YYYY-MM-DD".
    public var date: String
    /// nil: the member's own building.
    public var buildingId: String?
    /// nil: any; else the area's name, any case ("Quiet zone").
    public var area: String?
    /// Desks must have all of these.
    public var features: [String]

    public init(date: String, buildingId: String? = nil, area: String? = nil, features: [String] = []) {
        self.date = date
        self.buildingId = buildingId
        self.area = area
        self.features = features
    }
}

/// What `searchDesks(_:)` found (`mc_desk_search`): the free hot desks and how the member may
/// pay that day, as last synced.
public struct DeskSearch: Sendable, Equatable {
    /// The free hot desks matching, by name.
    public var desks: [Desk]
    /// Matching desks already held that day by others.
    public var takenCount: Int
    /// This month's plan desk days left (0 when none).
    public var deskDaysLeft: Int
    /// The company's credits left; nil without a company.
    public var creditsLeft: Int?
    /// What a desk day costs in credits at that building.
    public var dayCredits: Int
    /// By card: the day's price plus the building's tax.
    public var dayPrice: Money
    /// The date's check-in cut-off in the building's local time.
    public var checkInBy: BuildingTime?
    /// `.none` when a desk is free; else why none is (closed, blackout, past, ...).
    public var whyNone: Rule
    public var whyNoneMessage: String

    init(_ s: mc_desk_search) {
        desks = UnsafeBufferPointer(start: s.desks, count: s.count).map(Desk.init)
        takenCount = Int(s.taken_count)
        deskDaysLeft = Int(s.desk_days_left)
        creditsLeft = s.credits_left < 0 ? nil : Int(s.credits_left)
        dayCredits = Int(s.day_credits)
        dayPrice = Money(s.day_price)
        checkInBy = BuildingTime.orNil(s.checkin_by)
        whyNone = Rule(s.why_none)
        whyNoneMessage = string(s.why_none_message)
    }
}

/// How a desk day is paid (`mc_desk_payment`); `name` is the core's.
public enum DeskPayment: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A way of paying newer than this library.
    case unknown = -1
    /// One of the plan's desk days this month (offline).
    case plan = 1
    /// The company's credits (offline).
    case credits = 2
    /// By card through Razorpay: the day's price plus tax (online).
    case razorpay = 3

    init(_ c: mc_desk_payment) { self = coreEnum(c.rawValue) ?? .unknown }
    var cValue: mc_desk_payment { mc_desk_payment(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "plan", "credits", "razorpay"; "unknown".
    public var name: String { coreName(self) { mc_desk_payment_name(mc_desk_payment(rawValue: $0)) } }
    public var description: String { name }
}

/// Where a desk booking is (`mc_desk_booking_status`); `name` is the core's.
public enum DeskBookingStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// Made on this device, not yet confirmed.
    case pending = 0
    /// A Razorpay order is open; the desk is held 15 minutes.
    case pendingPayment = 1
    case confirmed = 2
    case cancelled = 3
    /// Not checked in by the cut-off: the desk went to others.
    case released = 4
    /// A Razorpay hold that lapsed unpaid (nothing charged).
    case expired = 5
    /// A status newer than this library.
    case unknown = 6

    init(_ c: mc_desk_booking_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "pending", "pending_payment", "confirmed", "cancelled", "released", "expired"; "unknown".
    public var name: String {
        coreName(self) { mc_desk_booking_status_name(mc_desk_booking_status(rawValue: $0)) }
    }
    public var description: String { name }
}

/// A desk day of the member's (`mc_desk_booking`), their pending change included.
public struct DeskBooking: Sendable, Equatable, Identifiable {
    public var id: String
    public var deskId: String
    /// "D07" (nil when the desk is not on this device).
    public var deskName: String?
    public var area: String?
    public var buildingId: String
    /// Building-local "YYYY-MM-DD".
    public var date: String
    /// The date's check-in cut-off in the building's local time.
    public var checkInBy: BuildingTime?
    public var status: DeskBookingStatus
    public var paidBy: DeskPayment
    /// Plan desk days used (1 for a plan booking).
    public var deskDays: Int
    /// Credits debited (a credits booking).
    public var credits: Int
    /// Razorpay: what was charged; zero otherwise.
    public var amount: Money
    /// Razorpay: the order and key for checkout; nil otherwise.
    public var razorpayOrderId: String?
    public var razorpayKeyId: String?
    /// Razorpay's hold; nil when none.
    public var holdExpiresAt: BuildingTime?
    /// The door code's credential (`credentialPayload(_:)`); nil until issued.
    public var credentialId: String?
    /// The credential and its secret are on this device: the door code works offline.
    public var isDoorCodeReady: Bool
    public var isCheckedIn: Bool
    public var checkedInAt: BuildingTime?
    public var releasedAt: BuildingTime?
    /// A change of it is waiting for the server.
    public var isPending: Bool

    init(_ b: mc_desk_booking) {
        id = string(b.id)
        deskId = string(b.desk_id)
        deskName = optionalString(b.desk_name)
        area = optionalString(b.area)
        buildingId = string(b.building_id)
        date = string(b.date)
        checkInBy = BuildingTime.orNil(b.checkin_by)
        status = DeskBookingStatus(b.status)
        paidBy = DeskPayment(b.paid_by)
        deskDays = Int(b.desk_days)
        credits = Int(b.credits)
        amount = Money(b.amount)
        razorpayOrderId = optionalString(b.order_id)
        razorpayKeyId = optionalString(b.razorpay_key_id)
        holdExpiresAt = BuildingTime.orNil(b.hold_expires_at)
        credentialId = optionalString(b.credential_id)
        isDoorCodeReady = b.door_code_ready
        isCheckedIn = b.checked_in
        checkedInAt = BuildingTime.orNil(b.checked_in_at)
        releasedAt = BuildingTime.orNil(b.released_at)
        isPending = b.pending
    }
}

extension mc_desk_booking_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_desk_booking_list_free(list) }
}

extension MemberCore {
    /// The free hot desks of `query.date` and how the member may pay that day, from the local
    /// store (offline, instant). Throws `.invalidArgument` (names the field: a bad date, an
    /// unknown feature word), `.notFound` (building), `.unauthorized`, `.storage`.
    public func searchDesks(_ query: DeskQuery) throws -> DeskSearch {
        try withHandle { h in
            var result: UnsafeMutablePointer<mc_desk_search>?
            try query.date.withCString { day in
                try withOptionalCString(query.buildingId) { building in
                    try withOptionalCString(query.area) { area in
                        try withCStrings(query.features) { features in
                            var q = mc_desk_query()
                            q.building_id = building
                            q.date = day
                            q.area = area
                            q.features = features.baseAddress
                            q.feature_count = features.count
                            _ = try check { mc_desks_search(h, &q, &result, $0) }
                        }
                    }
                }
            }
            guard let result else {
                throw MemberCoreError.server(
                    message: "the core returned no desk search", httpStatus: nil, serverCode: nil)
            }
            defer { mc_desk_search_free(result) }
            return DeskSearch(result.pointee)
        }
    }

    /// Books `deskId` for `date` (building-local "YYYY-MM-DD"). `.plan` and `.credits`: checked
    /// locally, recorded at once as `.pending` and queued (works offline). `.razorpay`: online;
    /// the desk is held 15 minutes and the booking carries the order for checkout, then call
    /// `confirmDeskPayment`. Throws `.invalidArgument`, `.notFound` (desk), `.conflict` with
    /// `rule` (`.taken`, `.closed`, `.blackout`, `.past`, `.beyondWindow`, `.alreadyBooked`,
    /// `.afterCutoff`), `.insufficientCredits` (credits or desk days), `.forbidden` (a dedicated
    /// desk, a plan without desk days, credits without a company), `.unauthorized`, `.storage`;
    /// Razorpay also `.offline`, `.network`, `.server`.
    public func bookDesk(_ deskId: String, date: String, pay: DeskPayment) async throws -> DeskBooking {
        try await blocking { h in
            var booking: UnsafeMutablePointer<mc_desk_booking>?
            try withCStrings([deskId, date]) { s in
                _ = try check { mc_desk_book(h, s[0], s[1], pay.cValue, &booking, $0) }
            }
            return try takeDeskBooking(booking)
        }
    }

    /// Confirms a Razorpay payment with what checkout returned; only the server's signature
    /// check confirms it. Twice is harmless; the store is synced before it returns. Throws
    /// `.paymentFailed`, `.conflict` (the hold lapsed), `.invalidArgument`, `.notFound`,
    /// `.unauthorized`, `.offline`, `.network`, `.server`, `.storage`.
    public func confirmDeskPayment(
        bookingId: String, orderId: String, paymentId: String, signature: String
    ) async throws -> DeskBooking {
        try await blocking { h in
            var booking: UnsafeMutablePointer<mc_desk_booking>?
            try withCStrings([bookingId, orderId, paymentId, signature]) { s in
                _ = try check { mc_desk_confirm_payment(h, s[0], s[1], s[2], s[3], &booking, $0) }
            }
            return try takeDeskBooking(booking)
        }
    }

    /// Cancels a desk booking: shown cancelled (pending) at once, queued; before the date's
    /// cut-off the desk day or credits come back. Throws `.invalidArgument`, `.notFound`,
    /// `.invalidState` (already cancelled or released, or the cut-off passed: the message says
    /// which), `.unauthorized`, `.storage`.
    @discardableResult
    public func cancelDeskBooking(_ bookingId: String) throws -> DeskBooking {
        try withHandle { h in
            var booking: UnsafeMutablePointer<mc_desk_booking>?
            try bookingId.withCString { id in _ = try check { mc_desk_cancel(h, id, &booking, $0) } }
            return try takeDeskBooking(booking)
        }
    }

    /// The member's desk bookings dated on or after `fromDate` ("YYYY-MM-DD"; nil: all),
    /// soonest first, pending changes on top: the whole list. Local. Throws
    /// `.invalidArgument`, `.unauthorized`, `.storage`.
    public func deskBookings(fromDate: String? = nil) throws -> [DeskBooking] {
        try readList(DeskBooking.init) { h, list, err in
            withOptionalCString(fromDate) { mc_desk_bookings_list(h, $0, &list, err) }
        }
    }

    /// One page of `deskBookings(fromDate:)` (membercore/page.h): screens use this one.
    public func deskBookings(fromDate: String? = nil, page: Page) throws -> ListPage<DeskBooking> {
        try readPage(page, DeskBooking.init) { h, p, list, err in
            withOptionalCString(fromDate) { mc_desk_bookings_page(h, $0, p, &list, err) }
        }
    }

    /// The member's dedicated desk; nil when they have none. Local.
    public func myDesk() throws -> Desk? {
        try withHandle { h in
            var desk: UnsafeMutablePointer<mc_desk>?
            _ = try check { mc_desk_mine(h, &desk, $0) }
            guard let desk else { return nil }
            defer { mc_desk_free(desk) }
            return Desk(desk.pointee)
        }
    }
}

/// Copies and frees a desk booking the core returned.
func takeDeskBooking(_ p: UnsafeMutablePointer<mc_desk_booking>?) throws -> DeskBooking {
    guard let p else {
        throw MemberCoreError.server(
            message: "the core returned no desk booking", httpStatus: nil, serverCode: nil)
    }
    defer { mc_desk_booking_free(p) }
    return DeskBooking(p.pointee)
}
