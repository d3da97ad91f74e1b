// Day passes, invoices and membership (membercore/billing.h): a local quote of a cart, the
// online checkout (a draft invoice and a Razorpay order, seats held 15 minutes), paying an
// issued invoice, confirming a payment, and the passes, invoices and membership in the store.
//
// Dates are the building's local ones, as strings ("2027-01-05"), whatever the phone's time
// zone. Money is a `Money` in the building's currency, taxed by its rule (GST 18% in India,
// VAT 20% in the UK). docs/passes-protocol.md has the rules.
import CMemberCore
import Foundation

// MARK: - Cart and quote

/// One pass of a cart (`mc_pass_item`): for the buyer (`guest` nil) or for a guest, whose
/// access code is emailed to them.
public struct PassItem: Sendable, Equatable {
    /// Building-local "YYYY-MM-DD".
    public var date: String
    /// nil: the pass is the buyer's own.
    public var guest: Guest?

    public init(date: String, guest: Guest? = nil) {
        self.date = date
        self.guest = guest
    }
}

/// What to buy (`mc_cart`): 1 to 50 passes at one building.
public struct PassCart: Sendable, Equatable {
    /// e.g. "BLR-1".
    public var buildingId: String
    public var passes: [PassItem]

    public init(buildingId: String, passes: [PassItem]) {
        self.buildingId = buildingId
        self.passes = passes
    }

    /// The buyer's own passes, one per date.
    public init(buildingId: String, dates: [String]) {
        self.init(buildingId: buildingId, passes: dates.map { PassItem(date: $0) })
    }
}

/// The name of a rule a pass breaks (`mc_violation.rule`). A string-backed struct rather than
/// an enum so that rules a newer core reports still have a value.
public struct CartRule: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Before the building's local today.
    public static let pastDate = CartRule(rawValue: "past_date")
    /// More than the booking window (30 days) ahead.
    public static let beyondWindow = CartRule(rawValue: "beyond_window")
    public static let blackout = CartRule(rawValue: "blackout")
    /// The building is closed that weekday.
    public static let closed = CartRule(rawValue: "closed")
    /// One pass per person per building per date.
    public static let duplicate = CartRule(rawValue: "duplicate")
    /// No seats left (only the server knows: a checkout refusal).
    public static let capacity = CartRule(rawValue: "capacity")

    public var description: String { rawValue }
}

/// A rule one pass of the cart breaks (`mc_violation`).
public struct CartViolation: Sendable, Equatable {
    /// Of the pass in `PassCart.passes`.
    public var index: Int
    public var rule: CartRule
    /// e.g. "pass 1: 2027-01-03 is in the past".
    public var message: String
}

/// The price of a cart and what breaks its rules as far as the device knows (`mc_quote`).
public struct Quote: Sendable, Equatable {
    /// The building's day-pass price, before tax.
    public var unit: Money
    public var subtotal: Money
    public var discount: Money
    /// The building's tax rule, e.g. "VAT 20%" in London.
    public var taxRule: Tax
    /// The rule's rate of (subtotal - discount), rounded half up to the minor unit.
    public var tax: Money
    public var total: Money
    /// The bundle tier applied (e.g. 5 passes) and its discount (e.g. 10 %).
    public var tierPasses: Int
    public var discountPercent: Int
    /// Empty when the cart is fine as far as the device knows (capacity is the server's).
    public var violations: [CartViolation]

    /// No rule the device knows is broken.
    public var isValid: Bool { violations.isEmpty }

    init(_ q: mc_quote) {
        unit = Money(q.unit)
        subtotal = Money(q.subtotal)
        discount = Money(q.discount)
        taxRule = Tax(q.tax_rule)
        tax = Money(q.tax)
        total = Money(q.total)
        tierPasses = Int(q.tier_passes)
        discountPercent = Int(q.discount_pct)
        violations = UnsafeBufferPointer(start: q.violations, count: q.violation_count).map {
            CartViolation(
                index: Int($0.index), rule: CartRule(rawValue: string($0.rule)), message: string($0.message))
        }
    }
}

/// A Razorpay order to open Razorpay checkout with (`mc_order`).
public struct Order: Sendable, Equatable {
    /// The invoice this order pays.
    public var invoiceId: String
    /// Razorpay's order id and the key id to open checkout with.
    public var orderId: String
    public var keyId: String
    /// What Razorpay charges, in the building's currency (e.g. GBP in pence).
    public var amount: Money
    /// When the held seats are released unless paid; nil when nothing is held.
    public var holdExpiresAt: Date?
    /// `holdExpiresAt` in the building's local time; nil when nothing is held.
    public var holdExpiresAtLocal: BuildingTime?

    init(_ o: mc_order) {
        invoiceId = string(o.invoice_id)
        orderId = string(o.order_id)
        keyId = string(o.key_id)
        amount = Money(o.amount)
        holdExpiresAt = date(orNilFromMs: o.hold_expires_at_ms)
        holdExpiresAtLocal = BuildingTime.orNil(o.hold_expires_at)
    }
}

// MARK: - Passes, invoices, membership

/// A pass's state (`mc_pass_status`); `name` is the core's (`mc_pass_status_name`).
public enum PassStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A state newer than this library.
    case unknown = 0
    /// Checked out, not paid yet: the seat is held 15 minutes.
    case held = 1
    /// Paid: its credential opens the door on its date.
    case active = 2
    /// The hold lapsed unpaid.
    case released = 3

    init(_ c: mc_pass_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "held", "active", "released", "unknown".
    public var name: String { coreName(self) { mc_pass_status_name(mc_pass_status(rawValue: $0)) } }
    public var description: String { name }
}

/// A day pass the member bought (`mc_pass`).
public struct Pass: Sendable, Equatable, Identifiable {
    public var id: String
    public var buildingId: String
    /// Building-local "YYYY-MM-DD".
    public var date: String
    /// nil: the buyer's own pass; otherwise the guest it was bought for.
    public var guest: Guest?
    public var status: PassStatus
    public var invoiceId: String
    /// The door credential (see `credentials()`); nil until the pass is active.
    public var credentialId: String?

    init(_ p: mc_pass) {
        id = string(p.id)
        buildingId = string(p.building_id)
        date = string(p.date)
        let name = string(p.holder_name)
        let email = string(p.holder_email)
        guest = name.isEmpty && email.isEmpty ? nil : Guest(name: name, email: email)
        status = PassStatus(p.status)
        invoiceId = string(p.invoice_id)
        credentialId = optionalString(p.credential_id)
    }
}

/// An invoice's state (`mc_invoice_status`); `name` is the core's (`mc_invoice_status_name`).
public enum InvoiceStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A state newer than this library.
    case unknown = 0
    /// A checkout's invoice, waiting for its payment.
    case draft = 1
    /// Payable with `payInvoice`.
    case issued = 2
    case paid = 3
    /// Past its due date, still payable.
    case overdue = 4
    /// Cancelled (e.g. a checkout whose hold lapsed).
    case void = 5

    init(_ c: mc_invoice_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "draft", "issued", "paid", "overdue", "void", "unknown".
    public var name: String {
        coreName(self) { mc_invoice_status_name(mc_invoice_status(rawValue: $0)) }
    }
    public var description: String { name }
}

/// One line of an invoice (`mc_invoice_line`).
public struct InvoiceLine: Sendable, Equatable {
    public var description: String
    public var quantity: Int
    public var unit: Money
    public var amount: Money
}

/// An invoice of the member (members: their company's) (`mc_invoice`).
public struct Invoice: Sendable, Equatable, Identifiable {
    public var id: String
    /// e.g. "INV-2027-0001"; nil while a checkout's invoice is a draft (numbered when paid).
    public var number: String?
    public var status: InvoiceStatus
    public var lines: [InvoiceLine]
    /// In the invoice's currency (its building's).
    public var subtotal: Money
    public var discount: Money
    /// The tax it charged, e.g. "GST 18%".
    public var taxRule: Tax
    public var tax: Money
    public var total: Money
    /// nil when not issued / no due date / not paid.
    public var issuedAt: Date?
    public var dueAt: Date?
    public var paidAt: Date?
    /// The three in the building's local time (the member's building until invoices carry
    /// theirs); nil where the `Date` is.
    public var issuedAtLocal: BuildingTime?
    public var dueAtLocal: BuildingTime?
    public var paidAtLocal: BuildingTime?

    init(_ i: mc_invoice) {
        id = string(i.id)
        number = optionalString(i.number)
        status = InvoiceStatus(i.status)
        lines = UnsafeBufferPointer(start: i.lines, count: i.line_count).map {
            InvoiceLine(
                description: string($0.description), quantity: Int($0.quantity),
                unit: Money($0.unit), amount: Money($0.amount))
        }
        subtotal = Money(i.subtotal)
        discount = Money(i.discount)
        taxRule = Tax(i.tax_rule)
        tax = Money(i.tax)
        total = Money(i.total)
        issuedAt = date(orNilFromMs: i.issued_at_ms)
        dueAt = date(orNilFromMs: i.due_at_ms)
        paidAt = date(orNilFromMs: i.paid_at_ms)
        issuedAtLocal = BuildingTime.orNil(i.issued_at)
        dueAtLocal = BuildingTime.orNil(i.due_at)
        paidAtLocal = BuildingTime.orNil(i.paid_at)
    }
}

/// A membership's state (`mc_membership_status`); `name` is the core's.
public enum MembershipStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A state newer than this library.
    case unknown = 0
    /// An on-demand user: no membership.
    case none = 1
    case active = 2

    init(_ c: mc_membership_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "none", "active", "unknown".
    public var name: String {
        coreName(self) { mc_membership_status_name(mc_membership_status(rawValue: $0)) }
    }
    public var description: String { name }
}

/// The member's membership (`mc_membership`); on-demand users have none (`isActive` false,
/// every other field nil).
public struct Membership: Sendable, Equatable {
    public var status: MembershipStatus
    /// e.g. "private_cabin", "dedicated_desk".
    public var plan: String?
    public var companyId: String?
    public var buildingId: String?
    /// e.g. "Cabin 1019".
    public var seat: String?
    /// "YYYY-MM-DD".
    public var contractStart: String?
    public var contractEnd: String?

    public var isActive: Bool { status == .active }

    init(_ m: mc_membership) {
        status = MembershipStatus(m.status)
        plan = optionalString(m.plan)
        companyId = optionalString(m.company_id)
        buildingId = optionalString(m.building_id)
        seat = optionalString(m.seat)
        contractStart = optionalString(m.contract_start)
        contractEnd = optionalString(m.contract_end)
    }
}

// MARK: - Calls

extension MemberCore {
    /// Prices a cart with the synced bundle tiers and checks every rule the device knows
    /// (past dates, the booking window, blackouts, closed days, one pass per person per date).
    /// Local, instant, offline. Broken rules are not errors: see `Quote.violations`. Throws
    /// `.invalidArgument` (the cart's shape, a date, a guest: the message names the C field,
    /// e.g. "items[2].guest_email"), `.notFound` (building not synced, or it sells no day
    /// passes), `.unauthorized`, `.storage`.
    public func quotePasses(_ cart: PassCart) throws -> Quote {
        try withHandle { h in
            var quote: UnsafeMutablePointer<mc_quote>?
            try withCart(cart) { c in _ = try check { mc_passes_quote(h, c, &quote, $0) } }
            guard let quote else {
                throw MemberCoreError.server(
                    message: "the core returned no quote", httpStatus: nil, serverCode: nil)
            }
            defer { mc_quote_free(quote) }
            return Quote(quote.pointee)
        }
    }

    /// Checks out a cart: the server re-checks it (capacity included), creates a draft invoice
    /// and a Razorpay order, and holds the seats 15 minutes (the held passes are synced before
    /// this returns). Open Razorpay checkout with the order, then call `confirmInvoicePayment`.
    /// Each call is a new checkout. Throws `.invalidArgument`, `.conflict` (a rule broken or no
    /// seats: the message says which pass and rule), `.unauthorized`, `.offline`, `.network`,
    /// `.server`.
    public func checkoutPasses(_ cart: PassCart) async throws -> Order {
        try await blocking { h in
            var order: UnsafeMutablePointer<mc_order>?
            try withCart(cart) { c in _ = try check { mc_passes_checkout(h, c, &order, $0) } }
            return try takeOrder(order)
        }
    }

    /// A Razorpay order for an issued or overdue invoice. Online. Throws `.invalidArgument`
    /// (the id), `.notFound`, `.conflict` with `serverCode` "not_payable" (paid, void or draft;
    /// billing.h says `MC_ERR_STATE`, the core maps the server's 409 to `.conflict`),
    /// `.unauthorized`, `.offline`, `.network`, `.server`.
    public func payInvoice(_ invoiceId: String) async throws -> Order {
        try await blocking { h in
            var order: UnsafeMutablePointer<mc_order>?
            try invoiceId.withCString { id in _ = try check { mc_invoice_pay(h, id, &order, $0) } }
            var result = try takeOrder(order)
            // The server's answer to /pay has no invoice id, so the core leaves it "": it is
            // the one asked for.
            if result.invoiceId.isEmpty { result.invoiceId = invoiceId }
            return result
        }
    }

    /// Confirms an invoice's payment (a checkout's or `payInvoice`'s order) with what Razorpay
    /// checkout returned; only the server's signature check confirms it, and confirming twice
    /// is harmless. The store is synced before this returns: the invoice is paid, the passes
    /// active and their credentials ready (`invoices()`, `passes()`, `credentials()`).
    /// Throws `.paymentFailed` (signature refused), `.conflict` (the hold lapsed),
    /// `.invalidArgument` (an empty field, or a room booking's order: use
    /// `confirmPayment(bookingId:...)`), `.notFound`, `.unauthorized`, `.offline`, ...
    public func confirmInvoicePayment(orderId: String, paymentId: String, signature: String) async throws {
        try await blocking { h in
            try withCStrings([orderId, paymentId, signature]) { s in
                _ = try check { mc_invoice_confirm_payment(h, s[0], s[1], s[2], $0) }
            }
        }
    }

    /// The member's day passes from the local store, by date: the whole list (a screen reads
    /// `passes(page:)`). Any thread. Throws `.unauthorized`, `.storage`, `.closed`.
    public func passes() throws -> [Pass] {
        try readList(Pass.init) { mc_passes_list($0, &$1, $2) }
    }

    /// One page of `passes()`, through an index (membercore/page.h). Any thread; reads run
    /// beside other reads and beside sync. Throws `.invalidArgument` (negative limit, or a
    /// cursor this list did not return), `.unauthorized`, `.storage`, `.closed`.
    public func passes(page: Page) throws -> ListPage<Pass> {
        try readPage(page, Pass.init) { mc_passes_page($0, $1, &$2, $3) }
    }

    /// Every page of `passes()`, `limit` items each (0: `Page.defaultLimit`), read as iterated;
    /// throws as `passes(page:)`. Any thread or task.
    public func passPages(limit: Int = 0) -> Pages<ListPage<Pass>> {
        Pages(limit: limit) { [self] page in try passes(page: page) }
    }

    /// The billing history from the local store, newest first: the whole list (a screen reads
    /// `invoices(page:)`). Any thread. Throws `.unauthorized`, `.storage`, `.closed`.
    public func invoices() throws -> [Invoice] {
        try readList(Invoice.init) { mc_invoices_list($0, &$1, $2) }
    }

    /// One page of `invoices()`, through an index (membercore/page.h). Any thread; reads run
    /// beside other reads and beside sync. Throws `.invalidArgument` (negative limit, or a
    /// cursor this list did not return), `.unauthorized`, `.storage`, `.closed`.
    public func invoices(page: Page) throws -> ListPage<Invoice> {
        try readPage(page, Invoice.init) { mc_invoices_page($0, $1, &$2, $3) }
    }

    /// Every page of `invoices()`, `limit` items each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `invoices(page:)`. Any thread or task.
    public func invoicePages(limit: Int = 0) -> Pages<ListPage<Invoice>> {
        Pages(limit: limit) { [self] page in try invoices(page: page) }
    }

    /// The member's membership from the local store (`isActive` false for on-demand users).
    /// Throws `.unauthorized`, `.storage`.
    public func membership() throws -> Membership {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_membership>?
            _ = try check { mc_membership_get(h, &out, $0) }
            guard let out else {
                throw MemberCoreError.server(
                    message: "the core returned no membership", httpStatus: nil, serverCode: nil)
            }
            defer { mc_membership_free(out) }
            return Membership(out.pointee)
        }
    }
}

/// `body` with the cart as C borrows it (every string alive for the call). A guest's name and
/// email are passed as given, so the core names whichever is wrong.
func withCart<T>(_ cart: PassCart, _ body: (UnsafePointer<mc_cart>) throws -> T) rethrows -> T {
    // Three strings per pass: date, guest name, guest email (nil for the buyer's own pass).
    let strings = cart.passes.flatMap { [$0.date, $0.guest?.name ?? "", $0.guest?.email ?? ""] }
    return try cart.buildingId.withCString { building in
        try withCStrings(strings) { s in
            let items = cart.passes.indices.map { i in
                cart.passes[i].guest == nil
                    ? mc_pass_item(date: s[3 * i], guest_name: nil, guest_email: nil)
                    : mc_pass_item(date: s[3 * i], guest_name: s[3 * i + 1], guest_email: s[3 * i + 2])
            }
            return try items.withUnsafeBufferPointer { p in
                var c = mc_cart()
                c.building_id = building
                c.items = p.baseAddress
                c.count = p.count
                return try body(&c)
            }
        }
    }
}

/// Copies and frees an order the core returned.
func takeOrder(_ p: UnsafeMutablePointer<mc_order>?) throws -> Order {
    guard let p else {
        throw MemberCoreError.server(message: "the core returned no order", httpStatus: nil, serverCode: nil)
    }
    defer { mc_order_free(p) }
    return Order(p.pointee)
}
