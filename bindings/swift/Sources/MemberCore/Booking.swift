// Meeting rooms (membercore/booking.h): search, book with credits (offline) or Razorpay
// (online), confirm payment, cancel, list bookings, the company's credits.
//
// Dates and times a member picks are the building's local ones, as strings ("2027-03-28",
// "10:00"), whatever the phone's time zone: the zone rules come with the building's data.
// Instants are Dates.
import CMemberCore
import Foundation

/// What to look for (`mc_room_query`).
public struct RoomQuery: Sendable, Equatable {
    /// e.g. "BLR-1".
    public var buildingId: String
    /// Building-local "YYYY-MM-DD".
    public var date: String
    /// Building-local "HH:MM"; nil: from opening / to closing.
    public var from: String?
    public var to: String?
    /// 0: any.
    public var minCapacity: Int
    /// Rooms must have all of these ("projector", "whiteboard", ...).
    public var amenities: [String]

    public init(
        buildingId: String, date: String, from: String? = nil, to: String? = nil,
        minCapacity: Int = 0, amenities: [String] = []
    ) {
        self.buildingId = buildingId
        self.date = date
        self.from = from
        self.to = to
        self.minCapacity = minCapacity
        self.amenities = amenities
    }
}

/// One free 60-minute block (`mc_slot`).
public struct Slot: Sendable, Equatable {
    public var start: Date
    /// `start` on the building's wall clock, with the zone's label.
    public var startLocal: BuildingTime
    /// Building-local minute of the day it starts at (600 = 10:00).
    public var localMinute: Int
    /// "HH:MM", building-local: what `BookingRequest.start` takes.
    public var localTime: String { String(format: "%02d:%02d", localMinute / 60, localMinute % 60) }
}

/// A room that matches a search, with its free blocks (`mc_room`).
public struct Room: Sendable, Equatable, Identifiable {
    public var id: String
    public var buildingId: String
    public var name: String
    public var capacity: Int
    public var amenities: [String]
    /// Before tax, in the building's currency.
    public var pricePerHour: Money
    public var creditsPerHour: Int
    /// The free blocks of the searched window, in time order.
    public var freeSlots: [Slot]
    /// No free block: the rule why (closed, blackout, taken, ...); `.none` when there is one.
    public var whyNone: Rule
    /// `whyNone` in words ("BLR-1-BOARD is blacked out on 2027-01-07: ..."); "" when free.
    public var whyNoneMessage: String

    init(_ r: mc_room) {
        whyNone = Rule(r.why_none)
        whyNoneMessage = string(r.why_none_message)
        id = string(r.id)
        buildingId = string(r.building_id)
        name = string(r.name)
        capacity = Int(r.capacity)
        amenities = UnsafeBufferPointer(start: r.amenities, count: r.amenity_count).map { string($0) }
        pricePerHour = Money(r.price_per_hour)
        creditsPerHour = Int(r.credits_per_hour)
        freeSlots = UnsafeBufferPointer(start: r.free, count: r.free_count).map {
            Slot(
                start: date(fromMs: $0.start_ms), startLocal: BuildingTime($0.start),
                localMinute: Int($0.local_minute))
        }
    }
}

/// What `searchRooms` found (`mc_room_search`).
public struct RoomSearch: Sendable, Equatable {
    /// Rooms matching capacity and amenities, even those with no free block.
    public var rooms: [Room]
    /// The building's zone name, e.g. "Asia/Kolkata".
    public var timeZoneIdentifier: String
    /// No room has a free block: why (`.noRoom` when no room matches; else the rooms' rule,
    /// the most common when they differ); `.none` when some room has a free block.
    public var whyNone: Rule = .none
    /// `whyNone` in words ("BLR-1 is closed on Sundays"); "" when some block is free.
    public var whyNoneMessage: String = ""
}

/// How a booking is paid (`mc_payment`).
public enum Payment: Int32, Sendable, Hashable {
    /// Company credits: checked locally, works offline, queued.
    case credits = 1
    /// Razorpay: online; the server holds the slot and opens an order.
    case razorpay = 2

    init(_ c: mc_payment) { self = Payment(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .credits }
    var cValue: mc_payment { mc_payment(rawValue: .init(UInt32(bitPattern: rawValue))) }
}

/// A booking's state (`mc_booking_status`).
public enum BookingStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// Made on this device, not yet confirmed by the server.
    case pending = 0
    /// Razorpay order open; the slot is held 15 minutes.
    case pendingPayment = 1
    case confirmed = 2
    case cancelled = 3
    /// A state newer than this library.
    case unknown = 4
    /// A Razorpay booking whose 15-minute payment hold lapsed unpaid: nothing was charged.
    case expired = 5

    init(_ c: mc_booking_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "pending", "pending_payment", "confirmed", "cancelled", "expired", "unknown".
    public var name: String {
        coreName(self) { mc_booking_status_name(mc_booking_status(rawValue: $0)) }
    }
    public var description: String { name }
}

/// A visitor invited to a booking (`mc_guest`): the access QR is emailed to them.
public struct Guest: Sendable, Equatable {
    public var name: String
    public var email: String
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// What to book (`mc_booking_request`).
public struct BookingRequest: Sendable, Equatable {
    public var roomId: String
    /// Building-local "YYYY-MM-DD" and "HH:MM" (on the hour).
    public var date: String
    public var start: String
    /// 1-24 consecutive blocks, ending by midnight.
    public var hours: Int
    /// At most 20, and fewer than the room's capacity.
    public var guests: [Guest]
    public var payment: Payment

    public init(
        roomId: String, date: String, start: String, hours: Int, guests: [Guest] = [],
        payment: Payment = .credits
    ) {
        self.roomId = roomId
        self.date = date
        self.start = start
        self.hours = hours
        self.guests = guests
        self.payment = payment
    }
}

/// A guest of a booking as the server knows them (`mc_booking_guest`).
public struct BookingGuest: Sendable, Equatable {
    public var name: String
    public var email: String
    /// nil until the server provisioned the access credential.
    public var credentialId: String?
}

/// One of the member's bookings (`mc_booking`).
public struct Booking: Sendable, Equatable, Identifiable {
    public var id: String
    public var roomId: String
    public var buildingId: String
    public var start: Date
    public var end: Date
    /// `start` and `end` on the building's wall clock: a 16:00 booking in Bengaluru reads
    /// 16:00 IST.
    public var startLocal: BuildingTime
    public var endLocal: BuildingTime
    public var status: BookingStatus
    public var paidBy: Payment
    /// Credits debited (credit bookings).
    public var credits: Int
    /// Price (Razorpay bookings), in the building's currency.
    public var amount: Money
    /// Razorpay took the payment. False for credit bookings and for a Razorpay booking never
    /// paid: a `.cancelled` one that is not paid was cancelled before payment, nothing charged.
    public var isPaid: Bool
    public var guests: [BookingGuest]
    /// Razorpay: the order and key to hand to Razorpay checkout; nil otherwise.
    public var razorpayOrderId: String?
    public var razorpayKeyId: String?
    /// A change of this booking is waiting for the server.
    public var isPending: Bool

    init(_ b: mc_booking) {
        id = string(b.id)
        roomId = string(b.room_id)
        buildingId = string(b.building_id)
        start = date(fromMs: b.start_ms)
        end = date(fromMs: b.end_ms)
        startLocal = BuildingTime(b.start)
        endLocal = BuildingTime(b.end)
        status = BookingStatus(b.status)
        paidBy = Payment(b.paid_by)
        credits = Int(b.credits)
        amount = Money(b.amount)
        isPaid = b.paid
        guests = UnsafeBufferPointer(start: b.guests, count: b.guest_count).map {
            BookingGuest(
                name: string($0.name), email: string($0.email),
                credentialId: optionalString($0.credential_id))
        }
        razorpayOrderId = optionalString(b.order_id)
        razorpayKeyId = optionalString(b.razorpay_key_id)
        isPending = b.pending
    }
}

/// One line of the company's credit ledger (`mc_credit_line`).
public struct CreditLine: Sendable, Equatable, Identifiable {
    public var id: String
    /// + refund / reset, - booking.
    public var delta: Int
    public var balanceAfter: Int
    /// "monthly_reset", "booking", "refund".
    public var reason: String
    public var reservationId: String?
    public var at: Date
    /// `at` in the local time of the member's building.
    public var atLocal: BuildingTime
}

/// The member's company credits (`mc_credits`). Read with a `Page`, `ledger` is one page of
/// the ledger: `items` are its lines and `nextCursor` is `ledgerNextCursor`.
public struct Credits: PagedResult, Equatable {
    public var companyId: String
    public var companyName: String
    public var monthlyCredits: Int
    /// As last synced, minus pending credit bookings.
    public var balance: Int
    /// Credits held by bookings waiting for the server.
    public var pendingDebit: Int
    /// Newest first.
    public var ledger: [CreditLine]
    /// The ledger's next page's cursor; nil: no more (always nil from the unpaged `credits()`).
    public var ledgerNextCursor: String?

    /// `ledger`.
    public var items: [CreditLine] { ledger }
    /// `ledgerNextCursor`.
    public var nextCursor: String? { ledgerNextCursor }
}

extension MemberCore {
    /// Rooms of a building that match, with their free blocks on the date, from the local store
    /// (offline, instant; sync to refresh). The member's pending bookings count as taken.
    /// Throws `.invalidArgument` (names the field), `.notFound` (no such building locally:
    /// sync first), `.unauthorized`, `.storage`.
    public func searchRooms(_ query: RoomQuery) throws -> RoomSearch {
        try withHandle { h in
            var result: UnsafeMutablePointer<mc_room_search>?
            try query.buildingId.withCString { building in
                try query.date.withCString { day in
                    try withOptionalCString(query.from) { from in
                        try withOptionalCString(query.to) { to in
                            try withCStrings(query.amenities) { amenities in
                                var q = mc_room_query()
                                q.building_id = building
                                q.date = day
                                q.from = from
                                q.to = to
                                q.min_capacity = Int32(clamping: query.minCapacity)
                                q.amenities = amenities.baseAddress
                                q.amenity_count = amenities.count
                                _ = try check { mc_rooms_search(h, &q, &result, $0) }
                            }
                        }
                    }
                }
            }
            guard let result else { return RoomSearch(rooms: [], timeZoneIdentifier: "") }
            defer { mc_room_search_free(result) }
            let s = result.pointee
            return RoomSearch(
                rooms: UnsafeBufferPointer(start: s.rooms, count: s.count).map(Room.init),
                timeZoneIdentifier: string(s.timezone), whyNone: Rule(s.why_none),
                whyNoneMessage: string(s.why_none_message))
        }
    }

    /// Books `request.hours` blocks from `request.start`. Credits: checked locally, recorded
    /// at once as `.pending` and queued (no network). Razorpay: online; the booking comes back
    /// `.pendingPayment` with `razorpayOrderId` / `razorpayKeyId` for Razorpay checkout, then
    /// call `confirmPayment`. Throws `.invalidArgument`, `.notFound` (room), `.conflict` (taken,
    /// closed, too soon, ...: the message says which), `.insufficientCredits`, `.forbidden`,
    /// `.unauthorized`, `.storage`; for Razorpay also `.offline`, `.network`, `.server`.
    public func book(_ request: BookingRequest) async throws -> Booking {
        try await blocking { h in
            var booking: UnsafeMutablePointer<mc_booking>?
            try request.roomId.withCString { room in
                try request.date.withCString { day in
                    try request.start.withCString { start in
                        try withCStrings(request.guests.flatMap { [$0.name, $0.email] }) { strings in
                            let guests = (0..<request.guests.count).map {
                                mc_guest(name: strings[2 * $0], email: strings[2 * $0 + 1])
                            }
                            try guests.withUnsafeBufferPointer { g in
                                var r = mc_booking_request()
                                r.room_id = room
                                r.date = day
                                r.start = start
                                r.hours = Int32(clamping: request.hours)
                                r.guests = g.baseAddress
                                r.guest_count = g.count
                                r.pay = request.payment.cValue
                                _ = try check { mc_booking_create(h, &r, &booking, $0) }
                            }
                        }
                    }
                }
            }
            return try takeBooking(booking)
        }
    }

    /// Confirms a Razorpay payment with what Razorpay checkout returned; only the server's
    /// signature check confirms it. Confirming twice is harmless. Throws `.paymentFailed`
    /// (signature refused), `.invalidArgument`, `.notFound`, `.unauthorized`, `.offline`, ...
    public func confirmPayment(
        bookingId: String, orderId: String, paymentId: String, signature: String
    ) async throws -> Booking {
        try await blocking { h in
            var booking: UnsafeMutablePointer<mc_booking>?
            try withCStrings([bookingId, orderId, paymentId, signature]) { s in
                _ = try check { mc_booking_confirm_payment(h, s[0], s[1], s[2], s[3], &booking, $0) }
            }
            return try takeBooking(booking)
        }
    }

    /// Cancels a booking: shown cancelled (pending) at once, queued; the server refunds credits
    /// before the building's cut-off. Throws `.notFound`, `.invalidState` (already cancelled or
    /// over), `.invalidArgument`, `.unauthorized`, `.storage`. Returns the booking as now shown
    /// (`.cancelled`, pending).
    @discardableResult
    public func cancelBooking(_ bookingId: String) throws -> Booking {
        try withHandle { h in
            var booking: UnsafeMutablePointer<mc_booking>?
            try bookingId.withCString { id in _ = try check { mc_booking_cancel(h, id, &booking, $0) } }
            return try takeBooking(booking)
        }
    }

    /// The member's bookings ending after `from` (nil: all), soonest first, with pending
    /// changes layered on top: the whole list (a screen reads `bookings(from:page:)`). Local
    /// only. Any thread. Throws `.unauthorized`, `.storage`, `.closed`.
    public func bookings(from: Date? = nil) throws -> [Booking] {
        try readList(Booking.init) { mc_bookings_list($0, from.map(milliseconds) ?? 0, &$1, $2) }
    }

    /// One page of `bookings(from:)`, through an index (membercore/page.h). Local only. Any
    /// thread; reads run beside other reads and beside sync. Throws `.invalidArgument`
    /// (negative limit, or a cursor this list did not return), `.unauthorized`, `.storage`,
    /// `.closed`.
    public func bookings(from: Date? = nil, page: Page) throws -> ListPage<Booking> {
        try readPage(page, Booking.init) { mc_bookings_page($0, from.map(milliseconds) ?? 0, $1, &$2, $3) }
    }

    /// Every page of `bookings(from:)`, `limit` items each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `bookings(from:page:)`. Any thread or task.
    public func bookingPages(from: Date? = nil, limit: Int = 0) -> Pages<ListPage<Booking>> {
        Pages(limit: limit) { [self] page in try bookings(from: from, page: page) }
    }

    /// The member's company credits and its whole ledger, from the local store (a screen reads
    /// `credits(page:)`). Any thread. Throws `.notFound` (no company), `.unauthorized`,
    /// `.storage`, `.closed`.
    public func credits() throws -> Credits {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_credits>?
            _ = try check { mc_credits_get(h, &out, $0) }
            return try takeCredits(out)
        }
    }

    /// The member's company credits with one page of the ledger (newest first) and
    /// `ledgerNextCursor` (membercore/page.h), through an index. Any thread; reads run beside
    /// other reads and beside sync. Throws `.invalidArgument` (negative limit, or a cursor the
    /// ledger did not return), `.notFound` (no company), `.unauthorized`, `.storage`, `.closed`.
    public func credits(page: Page) throws -> Credits {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_credits>?
            _ = try withPage(page) { p in try check { mc_credits_get_page(h, p, &out, $0) } }
            return try takeCredits(out)
        }
    }

    /// Every page of the credit ledger, `limit` lines each (0: `Page.defaultLimit`), each with
    /// the balance as read then; read as iterated, throws as `credits(page:)`. Any thread or
    /// task.
    public func creditPages(limit: Int = 0) -> Pages<Credits> {
        Pages(limit: limit) { [self] page in try credits(page: page) }
    }
}

/// Copies and frees the credits the core returned.
func takeCredits(_ p: UnsafeMutablePointer<mc_credits>?) throws -> Credits {
    guard let p else {
        throw MemberCoreError.server(
            message: "the core returned no credits", httpStatus: nil, serverCode: nil)
    }
    defer { mc_credits_free(p) }
    let c = p.pointee
    return Credits(
        companyId: string(c.company_id), companyName: string(c.company_name),
        monthlyCredits: Int(c.monthly_credits), balance: Int(c.balance),
        pendingDebit: Int(c.pending_debit),
        ledger: UnsafeBufferPointer(start: c.ledger, count: c.ledger_count).map {
            CreditLine(
                id: string($0.id), delta: Int($0.delta), balanceAfter: Int($0.balance_after),
                reason: string($0.reason), reservationId: optionalString($0.reservation_id),
                at: date(fromMs: $0.at_ms), atLocal: BuildingTime($0.at))
        },
        ledgerNextCursor: optionalString(c.ledger_next_cursor))
}

/// Copies and frees a booking the core returned.
func takeBooking(_ p: UnsafeMutablePointer<mc_booking>?) throws -> Booking {
    guard let p else {
        throw MemberCoreError.server(
            message: "the core returned no booking", httpStatus: nil, serverCode: nil)
    }
    defer { mc_booking_free(p) }
    return Booking(p.pointee)
}

/// `body` with C copies of `strings` (alive for the call, freed after), as a buffer of pointers.
func withCStrings<T>(
    _ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) throws -> T
) rethrows -> T {
    let copies = strings.map { s -> UnsafeMutablePointer<CChar>? in strdup(s) }
    defer { for c in copies { free(c) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { try body($0) }
}
