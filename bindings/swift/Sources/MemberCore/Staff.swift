// The ground staff's ticket queue (membercore/staff.h), for an account with the staff role
// signed in like a member: the building's queue by SLA, one ticket with its internal notes,
// the colleagues, assign, start / resolve / reopen, public replies and internal notes.
//
// Every call is online (async): one request, answered with what the server now holds; nothing
// is kept in the local store and nothing is queued. Errors common to every call:
// `.invalidArgument`, `.unauthorized` (nobody signed in, or the session expired), `.forbidden`
// (the account is not staff), `.offline`, `.network`, `.server`.
import CMemberCore
import Foundation

/// Which of the building's tickets a queue lists (`mc_staff_queue`); `name` is the core's.
public enum StaffQueue: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Open, assigned and in progress (the default).
    case active = 0
    case open = 1
    case assigned = 2
    case inProgress = 3
    case resolved = 4
    case closed = 5
    /// Every ticket of the building.
    case all = 6

    var cValue: mc_staff_queue { mc_staff_queue(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "active", "open", "assigned", "in_progress", "resolved", "closed", "all".
    public var name: String { string(mc_staff_queue_name(cValue)) }
    public var description: String { name }

    /// The queue named by one of the words above, case-insensitive ("in-progress" too;
    /// `mc_staff_queue_parse`). Throws `.invalidArgument` naming the word.
    public init(parsing name: String) throws {
        var out = MC_STAFF_QUEUE_ACTIVE
        try name.withCString { n in _ = try check { mc_staff_queue_parse(n, &out, $0) } }
        guard let queue = StaffQueue(rawValue: Int32(bitPattern: UInt32(out.rawValue))) else {
            throw MemberCoreError.invalidArgument(message: "no queue \(name)")
        }
        self = queue
    }
}

/// An internal note on a ticket (`mc_staff_note`): only staff ever see it.
public struct StaffNote: Sendable, Equatable, Identifiable {
    public var id: String
    public var at: Date
    /// `at` in the ticket's building's local time.
    public var atLocal: BuildingTime
    public var authorName: String
    public var text: String

    init(_ n: mc_staff_note) {
        id = string(n.id)
        at = date(fromMs: n.at_ms)
        atLocal = BuildingTime(n.at)
        authorName = string(n.author_name)
        text = string(n.text)
    }
}

/// A ticket as the building's staff see it (`mc_staff_ticket`): the member's view (`ticket`;
/// its timeline and photos filled by `staffTicket(_:)` and the actions, empty in the queue;
/// entries name their author), the reporter, the assignee and the internal notes.
public struct StaffTicket: Sendable, Equatable, Identifiable {
    public var ticket: Ticket
    /// The member who filed it.
    public var reporterId: String
    public var reporterName: String
    /// nil when unassigned.
    public var assigneeId: String?
    /// Internal notes, oldest first (never shown to the member).
    public var notes: [StaffNote]

    public var id: String { ticket.id }

    init(_ t: mc_staff_ticket) {
        ticket = Ticket(t.ticket)
        reporterId = string(t.reporter_id)
        reporterName = string(t.reporter_name)
        assigneeId = optionalString(t.assignee_id)
        notes = UnsafeBufferPointer(start: t.notes, count: t.note_count).map(StaffNote.init)
    }
}

/// A staff member of the caller's building (`mc_staff_colleague`): whom a ticket can be
/// assigned to.
public struct StaffColleague: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
}

extension MemberCore {
    /// The building's tickets in `queue`, most urgent first (by the SLA resolution due time,
    /// then the oldest), without timelines, photos or notes. Online.
    public func staffTickets(_ queue: StaffQueue = .active) async throws -> [StaffTicket] {
        try await blocking { h in
            var list: UnsafeMutablePointer<mc_staff_ticket_list>?
            _ = try check { mc_staff_tickets_list(h, queue.cValue, &list, $0) }
            guard let list else { return [] }
            defer { mc_staff_ticket_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(StaffTicket.init)
        }
    }

    /// One ticket of the building by id or number ("T-1001"), with its timeline, photos and
    /// internal notes. Online. Throws `.notFound`, also for a ticket of another building.
    public func staffTicket(_ idOrNumber: String) async throws -> StaffTicket {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_staff_ticket>?
            try idOrNumber.withCString { id in _ = try check { mc_staff_ticket_get(h, id, &out, $0) } }
            return try takeStaffTicket(out)
        }
    }

    /// The staff of the caller's building: whom a ticket can be assigned to. Online.
    public func staffColleagues() async throws -> [StaffColleague] {
        try await blocking { h in
            var list: UnsafeMutablePointer<mc_staff_colleague_list>?
            _ = try check { mc_staff_colleagues_list(h, &list, $0) }
            guard let list else { return [] }
            defer { mc_staff_colleague_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map {
                StaffColleague(id: string($0.id), name: string($0.name))
            }
        }
    }

    /// Assigns a ticket to `assigneeId` (nil: the caller). An open ticket becomes assigned; an
    /// assigned or in-progress one keeps its status with its new assignee. The member is
    /// notified. Online; returns the ticket as now held. Throws `.notFound`,
    /// `.invalidArgument` (the assignee is not staff of the building: the message says so),
    /// `.invalidState` (resolved or closed: reopen it first).
    @discardableResult
    public func assignTicket(_ idOrNumber: String, to assigneeId: String? = nil) async throws -> StaffTicket {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_staff_ticket>?
            try idOrNumber.withCString { id in
                try withOptionalCString(assigneeId) { a in
                    _ = try check { mc_staff_ticket_assign(h, id, a, &out, $0) }
                }
            }
            return try takeStaffTicket(out)
        }
    }

    /// Moves a ticket: `.inProgress` (start; it must be assigned), `.resolved`, or `.open`
    /// (reopen a resolved ticket). The member is notified. Online; returns the ticket as now
    /// held. Throws `.invalidState` naming the move refused ("a ticket that is open cannot be
    /// started: assign it first"), `.invalidArgument` (`.assigned`, `.closed` or `.unknown`:
    /// not a move staff make here), `.notFound`.
    @discardableResult
    public func setTicketStatus(_ idOrNumber: String, _ status: TicketStatus) async throws -> StaffTicket {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_staff_ticket>?
            try idOrNumber.withCString { id in
                _ = try check { mc_staff_ticket_set_status(h, id, status.cValue, &out, $0) }
            }
            return try takeStaffTicket(out)
        }
    }

    /// Comments on a ticket as staff: `internal` false is a public reply (the member sees it
    /// and is notified), true a note only staff ever see. `text`: 1 to 2000 characters. Online;
    /// returns the ticket as now held. Throws `.invalidArgument` (empty or too long text),
    /// `.invalidState` (the ticket is closed), `.notFound`.
    @discardableResult
    public func staffComment(
        on idOrNumber: String, text: String, internal isInternal: Bool = false
    ) async throws -> StaffTicket {
        try await blocking { h in
            var out: UnsafeMutablePointer<mc_staff_ticket>?
            try withCStrings([idOrNumber, text]) { s in
                _ = try check { mc_staff_ticket_comment(h, s[0], s[1], isInternal, &out, $0) }
            }
            return try takeStaffTicket(out)
        }
    }
}

/// Copies and frees a staff ticket the core returned.
func takeStaffTicket(_ p: UnsafeMutablePointer<mc_staff_ticket>?) throws -> StaffTicket {
    guard let p else {
        throw MemberCoreError.server(message: "the core returned no ticket", httpStatus: nil, serverCode: nil)
    }
    defer { mc_staff_ticket_free(p) }
    return StaffTicket(p.pointee)
}
