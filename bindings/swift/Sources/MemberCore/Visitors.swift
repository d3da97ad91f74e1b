// A member's visitors and the front desk's reception (membercore/visitors.h).
//
// Member side (local, instant): invite a visitor for one date at a building (the server emails
// them a QR door code valid there that date only, and texts the code to a phone), invite the
// same person again, list them, cancel an invitation, approve or decline a walk-in. Writes land
// in the store at once (`isPending`) and go to the outbox; a refusal by the server arrives as
// `SyncEvent.mutationRejected` with the rule's words.
//
// Reception side (role staff, async: one request each): the building's visitors of a day, check
// one in (the host is alerted), register a walk-in (the host is asked to approve).
// docs/notifications-protocol.md has the rules.
import CMemberCore
import Foundation

/// Where a visitor is in their flow (`mc_visitor_status`); `name` is the core's.
public enum VisitorStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A status newer than this library.
    case unknown = -1
    /// Expected; the code works on its date.
    case invited = 1
    /// Scanned in at the door or checked in by reception.
    case arrived = 2
    /// The host cancelled; the code is refused.
    case cancelled = 3
    /// A walk-in: the host must approve or decline (`decideVisitor(_:approve:)`).
    case awaitingApproval = 4
    /// A walk-in declined by the host or by the timeout.
    case declined = 5

    init(_ c: mc_visitor_status) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "invited", "arrived", "cancelled", "awaiting_approval", "declined"; "unknown".
    public var name: String { coreName(self) { mc_visitor_status_name(mc_visitor_status(rawValue: $0)) } }
    public var description: String { name }
}

/// How a visitor arrived (`mc_visitor_checkin`).
public enum VisitorCheckIn: Int32, Sendable, Hashable {
    /// Not arrived (yet).
    case none = 0
    /// Their code was granted at the door.
    case door = 1
    /// Reception checked them in (or the host approved a walk-in).
    case reception = 2

    init(_ c: mc_visitor_checkin) { self = coreEnum(c.rawValue) ?? .none }
}

/// An expected arrival window in minutes after the building's local midnight,
/// `0 <= fromMinute < toMinute <= 1440` (checked by the core).
public struct VisitorWindow: Sendable, Hashable {
    public var fromMinute: Int
    public var toMinute: Int
    public init(fromMinute: Int, toMinute: Int) {
        self.fromMinute = fromMinute
        self.toMinute = toMinute
    }
}

/// A visitor (`mc_visitor`): from the member's store (their unconfirmed writes included:
/// `isPending`) or as reception sees it (with `hostName`). Instants come with a `BuildingTime`
/// in the building's local time.
public struct Visitor: Sendable, Equatable, Identifiable {
    /// "vis_" + 32 hex.
    public var id: String
    public var buildingId: String
    public var name: String
    /// Where the QR code was emailed ("" for a walk-in who gave none).
    public var email: String
    /// E.164; nil when none.
    public var phone: String?
    /// "YYYY-MM-DD": the building-local date the code is valid on.
    public var date: String
    /// The expected arrival window; nil when none was given.
    public var window: VisitorWindow?
    /// The window's start and end on `date` in the building's local time; nil without a window.
    public var windowFrom: BuildingTime?
    public var windowTo: BuildingTime?
    /// Including the member's pending cancel or decision.
    public var status: VisitorStatus
    /// Registered by reception without an invitation.
    public var isWalkIn: Bool
    /// How they arrived (`.none` until they do).
    public var checkIn: VisitorCheckIn
    /// nil until they arrive.
    public var arrivedAt: Date?
    public var arrivedAtLocal: BuildingTime?
    /// A walk-in awaiting approval: when it declines itself.
    public var approvalDue: Date?
    public var approvalDueLocal: BuildingTime?
    /// `.declined` because nobody answered in time.
    public var declinedByTimeout: Bool
    public var createdAt: Date
    /// The member who invited them.
    public var hostId: String
    /// The host's name as reception sees it; "" on the member's side.
    public var hostName: String
    /// A write of this device not yet confirmed by the server (the invitation, a cancel or a
    /// decision; `status` already shows its effect).
    public var isPending: Bool

    init(_ v: mc_visitor) {
        id = string(v.id)
        buildingId = string(v.building_id)
        name = string(v.name)
        email = string(v.email)
        phone = optionalString(v.phone)
        date = string(v.date)
        window =
            v.window_from_min >= 0
            ? VisitorWindow(fromMinute: Int(v.window_from_min), toMinute: Int(v.window_to_min)) : nil
        windowFrom = BuildingTime.orNil(v.window_from)
        windowTo = BuildingTime.orNil(v.window_to)
        status = VisitorStatus(v.status)
        isWalkIn = v.walk_in
        checkIn = VisitorCheckIn(v.checkin)
        arrivedAt = instantOrNil(v.arrived_at_ms)
        arrivedAtLocal = BuildingTime.orNil(v.arrived_at)
        approvalDue = instantOrNil(v.approval_due_ms)
        approvalDueLocal = BuildingTime.orNil(v.approval_due)
        declinedByTimeout = v.declined_by_timeout
        createdAt = instantOrNil(v.created_at_ms) ?? Date(timeIntervalSince1970: 0)
        hostId = string(v.host_id)
        hostName = string(v.host_name)
        isPending = v.pending
    }
}

/// A visitor to invite (`mc_visitor_invitation`). The core checks it (`inviteVisitor(_:)`).
public struct VisitorInvitation: Sendable, Equatable {
    /// 1 to 100 characters (trimmed by the core).
    public var name: String
    /// Where the QR code is emailed.
    public var email: String
    /// The visitor's phone (normalised as at sign-in): they get the code by SMS too.
    public var phone: String?
    /// nil: the member's own building.
    public var buildingId: String?
    /// "YYYY-MM-DD" in the building's local time.
    public var date: String
    public var window: VisitorWindow?

    public init(
        name: String, email: String, phone: String? = nil, buildingId: String? = nil, date: String,
        window: VisitorWindow? = nil
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.buildingId = buildingId
        self.date = date
        self.window = window
    }
}

/// A walk-in reception registers (`mc_walk_in`).
public struct WalkIn: Sendable, Equatable {
    /// The member they ask for, normalised as at sign-in.
    public var hostPhone: String
    public var name: String
    public var email: String?
    public var phone: String?

    public init(hostPhone: String, name: String, email: String? = nil, phone: String? = nil) {
        self.hostPhone = hostPhone
        self.name = name
        self.email = email
        self.phone = phone
    }
}

extension MemberCore {
    /// A visitor's name: at most this many characters.
    public static let visitorNameMaxCharacters = Int(MC_VISITOR_NAME_MAX)
    /// Invitations reach at most this many days ahead (building-local dates).
    public static let visitorDaysAheadMax = Int(MC_VISITOR_DAYS_AHEAD_MAX)
    /// A walk-in not approved within this many minutes is declined.
    public static let visitorApprovalMinutes = Int(MC_VISITOR_APPROVAL_MINUTES)

    // MARK: - The member's side (local)

    /// Invites a visitor: checked, saved and queued at once (offline too); listed as pending
    /// until the server has issued the code. Returns the new id; nothing is kept when a check
    /// fails. Throws `.invalidArgument` naming what was wrong (name, email, phone, a date not
    /// YYYY-MM-DD, a bad window), `.invalidState` (a date in the past, too far ahead or one the
    /// building is closed: named), `.notFound` (no such building on this device),
    /// `.unauthorized`, `.storage`.
    @discardableResult
    public func inviteVisitor(_ invitation: VisitorInvitation) throws -> String {
        try withHandle { h in
            var out = [CChar](repeating: 0, count: idCap)
            try withOptionalCString(invitation.phone) { phone in
                try withOptionalCString(invitation.buildingId) { building in
                    try withCStrings([invitation.name, invitation.email, invitation.date]) { s in
                        var inv = mc_visitor_invitation()
                        inv.name = s[0]
                        inv.email = s[1]
                        inv.date = s[2]
                        inv.phone = phone
                        inv.building_id = building
                        inv.window_from_min = Int32(clamping: invitation.window?.fromMinute ?? -1)
                        inv.window_to_min = Int32(clamping: invitation.window?.toMinute ?? -1)
                        _ = try check { mc_visitor_invite(h, &inv, &out, idCap, $0) }
                    }
                }
            }
            return idString(out)
        }
    }

    /// Invites the same person as earlier visitor `visitorId` (any status) again, without
    /// retyping: name, email, phone and building copied, for `date` and `window`. Returns the
    /// new id. Throws as `inviteVisitor(_:)`; `.notFound` when there is no such visitor of this
    /// member on the device.
    @discardableResult
    public func inviteVisitorAgain(_ visitorId: String, date: String, window: VisitorWindow? = nil) throws -> String {
        try withHandle { h in
            var out = [CChar](repeating: 0, count: idCap)
            try withCStrings([visitorId, date]) { s in
                _ = try check {
                    mc_visitor_invite_again(
                        h, s[0], s[1], Int32(clamping: window?.fromMinute ?? -1),
                        Int32(clamping: window?.toMinute ?? -1), &out, idCap, $0)
                }
            }
            return idString(out)
        }
    }

    /// The member's visitors from the store: `upcomingOnly` lists those of today or later
    /// (each building's own today) that are invited, awaiting approval or arrived today, soonest
    /// first; else every visitor, newest date first. Throws `.unauthorized`, `.storage`.
    public func visitors(upcomingOnly: Bool = true) throws -> [Visitor] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_visitor_list>?
            _ = try check { mc_visitors_list(h, upcomingOnly, &list, $0) }
            return takeVisitors(list)
        }
    }

    /// One of the member's visitors. Throws `.notFound`, `.invalidArgument`, `.unauthorized`.
    public func visitor(_ visitorId: String) throws -> Visitor {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_visitor>?
            try visitorId.withCString { id in _ = try check { mc_visitor_get(h, id, &out, $0) } }
            return try takeVisitor(out)
        }
    }

    /// Cancels an invitation: at once locally (`.cancelled`, pending), queued; the server
    /// revokes the code. Throws `.notFound`, `.invalidState` (not invited: the message says
    /// what it is), `.unauthorized`, `.storage`.
    public func cancelVisitor(_ visitorId: String) throws {
        try withHandle { h in
            try visitorId.withCString { id in _ = try check { mc_visitor_cancel(h, id, $0) } }
        }
    }

    /// Approves (true) or declines (false) a walk-in awaiting approval: at once locally,
    /// queued. Throws `.notFound`, `.invalidState` (not awaiting approval, or its 15 minutes
    /// have passed: "declined automatically at 10:42 IST"), `.unauthorized`, `.storage`. The
    /// server has the last word (a late decision is refused: `approval_expired`).
    public func decideVisitor(_ visitorId: String, approve: Bool) throws {
        try withHandle { h in
            try visitorId.withCString { id in _ = try check { mc_visitor_decide(h, id, approve, $0) } }
        }
    }

    // MARK: - Reception (staff, online)

    /// The staff member's building's visitors of `date` ("YYYY-MM-DD"; nil: today there), by
    /// window then name, with their hosts' names. Online. Throws `.invalidArgument` (a bad
    /// date), `.forbidden` (not staff), `.unauthorized`, `.offline`, `.network`, `.server`.
    public func receptionVisitors(date: String? = nil) async throws -> [Visitor] {
        try await blocking { h in
            var list: UnsafeMutablePointer<mc_visitor_list>?
            try withOptionalCString(date) { d in _ = try check { mc_reception_visitors(h, d, &list, $0) } }
            return takeVisitors(list)
        }
    }

    /// Checks a visitor in by id, by the 8-digit code of their SMS (spaces allowed) or by their
    /// QR payload; the host is alerted. Online; returns the visitor as now held. Throws
    /// `.notFound` (no such visitor at this building), `.invalidState` (cancelled, declined,
    /// awaiting approval, already arrived, or invited for another date: the server's message
    /// names it), `.forbidden`, `.offline`, ...
    @discardableResult
    public func checkInVisitor(_ idOrCode: String) async throws -> Visitor {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_visitor>?
            try idOrCode.withCString { c in _ = try check { mc_reception_checkin(h, c, &out, $0) } }
            return try takeVisitor(out)
        }
    }

    /// Registers a walk-in for today: the host is asked to approve within 15 minutes. Online;
    /// returns the visitor (`.awaitingApproval`). Throws `.notFound` (no member with that
    /// phone), `.invalidArgument`, `.forbidden`, `.offline`, ...
    @discardableResult
    public func registerWalkIn(_ walkIn: WalkIn) async throws -> Visitor {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_visitor>?
            try withOptionalCString(walkIn.email) { email in
                try withOptionalCString(walkIn.phone) { phone in
                    try withCStrings([walkIn.hostPhone, walkIn.name]) { s in
                        var w = mc_walk_in()
                        w.host_phone = s[0]
                        w.name = s[1]
                        w.email = email
                        w.phone = phone
                        _ = try check { mc_reception_walk_in(h, &w, &out, $0) }
                    }
                }
            }
            return try takeVisitor(out)
        }
    }
}

/// Room for a visitor id and its NUL.
private let idCap = Int(MC_VISITOR_ID_CAP)

/// The id the core wrote into `buffer` (NUL-terminated).
private func idString(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `date(orNilFromMs:)` under a name `Visitor.date` does not hide.
private func instantOrNil(_ ms: Int64) -> Date? {
    date(orNilFromMs: ms)
}

/// Copies and frees a visitor list the core returned (nil: empty).
func takeVisitors(_ list: UnsafeMutablePointer<mc_visitor_list>?) -> [Visitor] {
    guard let list else { return [] }
    defer { mc_visitor_list_free(list) }
    return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(Visitor.init)
}

/// Copies and frees a visitor the core returned.
func takeVisitor(_ p: UnsafeMutablePointer<mc_visitor>?) throws -> Visitor {
    guard let p else {
        throw MemberCoreError.server(message: "the core returned no visitor", httpStatus: nil, serverCode: nil)
    }
    defer { mc_visitor_free(p) }
    return Visitor(p.pointee)
}
