// Facility tickets (membercore/tickets.h): the synced category tree, filing a ticket with photos
// (offline too: saved and queued at once, photos copied beside the store and uploaded by sync,
// resumably), the member's tickets with their timelines, comments, resolve and reopen.
//
// Every write is local and instant (the outbox sends it exactly once; a refusal arrives as
// `SyncEvent.mutationRejected`); photo uploads report `SyncEvent.uploadProgress`. Instants a
// member sees come with a `BuildingTime` in the ticket's building's local time; the SLA
// instants are the server's and the badge (`sla`) the core's: nothing is computed here.
// docs/tickets-protocol.md has the rules.
import CMemberCore
import Foundation

// MARK: - Named values

/// How urgent a ticket is (`mc_ticket_priority`); the server scales the SLA by it.
/// `name` is the core's (`mc_ticket_priority_name`).
public enum TicketPriority: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A priority newer than this library (never accepted by `fileTicket`).
    case unknown = -1
    case low = 0
    case normal = 1
    case high = 2
    case urgent = 3

    init(_ c: mc_ticket_priority) { self = coreEnum(c.rawValue) ?? .unknown }
    var cValue: mc_ticket_priority { mc_ticket_priority(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "low", "normal", "high", "urgent"; "unknown".
    public var name: String { string(mc_ticket_priority_name(cValue)) }
    public var description: String { name }

    /// The priority named "low" ... "urgent", case-insensitive (`mc_ticket_priority_parse`).
    /// Throws `.invalidArgument` naming the word.
    public init(parsing name: String) throws {
        var out = MC_TICKET_PRIORITY_NORMAL
        try name.withCString { n in _ = try check { mc_ticket_priority_parse(n, &out, $0) } }
        self.init(out)
    }
}

/// Where a ticket is in its flow (`mc_ticket_status`); `name` is the core's.
public enum TicketStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A status newer than this library.
    case unknown = -1
    /// Filed; waiting for staff (or still on this device: `isPending`).
    case open = 0
    /// A staff member has it.
    case assigned = 1
    case inProgress = 2
    /// Fixed; the member may reopen it until `reopenUntil`.
    case resolved = 3
    /// Final: closed 7 days after resolution.
    case closed = 4

    init(_ c: mc_ticket_status) { self = coreEnum(c.rawValue) ?? .unknown }
    var cValue: mc_ticket_status { mc_ticket_status(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "open", "assigned", "in_progress", "resolved", "closed"; "unknown".
    public var name: String { string(mc_ticket_status_name(cValue)) }
    public var description: String { name }
}

/// A ticket's SLA badge (`mc_sla_state`): the clock compared with the server's instants, by
/// the core. `name` is the core's.
public enum SLAState: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A state newer than this library.
    case unknown = -1
    /// No SLA yet: the ticket is not on the server.
    case none = 0
    /// Before `atRiskFrom`.
    case onTrack = 1
    /// 80% of the resolution time has run.
    case atRisk = 2
    /// Unresolved past `resolutionDue`, or resolved late.
    case breached = 3
    /// Resolved in time.
    case met = 4

    init(_ c: mc_sla_state) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "none", "on_track", "at_risk", "breached", "met"; "unknown".
    public var name: String {
        string(mc_sla_state_name(mc_sla_state(rawValue: .init(UInt32(bitPattern: rawValue)))))
    }
    public var description: String { name }
}

/// Where in the building a ticket is about (`mc_ticket_location_kind`); `name` is the core's.
public enum TicketLocationKind: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A kind newer than this library.
    case unknown = -1
    /// The building as a whole.
    case none = 0
    /// A meeting room of the building (`locationId`).
    case room = 1
    /// A cabin by name (`locationName`: "Cabin 1019").
    case cabin = 2
    /// A desk by name.
    case desk = 3

    init(_ c: mc_ticket_location_kind) { self = coreEnum(c.rawValue) ?? .unknown }
    var cValue: mc_ticket_location_kind {
        mc_ticket_location_kind(rawValue: .init(UInt32(bitPattern: rawValue)))
    }
    /// "none", "room", "cabin", "desk"; "unknown".
    public var name: String { string(mc_ticket_location_kind_name(cValue)) }
    public var description: String { name }
}

/// What a timeline entry records (`mc_ticket_entry_type`).
public enum TicketEntryType: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A type newer than this library.
    case unknown = -1
    /// The ticket was filed.
    case created = 0
    /// A status change (`from` → `to`).
    case status = 1
    /// A comment (`text`, maybe photos).
    case comment = 2
    /// A photo arrived at the server.
    case photo = 3

    init(_ c: mc_ticket_entry_type) { self = coreEnum(c.rawValue) ?? .unknown }
    var cValue: mc_ticket_entry_type {
        mc_ticket_entry_type(rawValue: .init(UInt32(bitPattern: rawValue)))
    }
    /// "created", "status", "comment", "photo"; "unknown".
    public var name: String { string(mc_ticket_entry_type_name(cValue)) }
    public var description: String { name }
}

// MARK: - Values

/// One node of the category tree as last synced (`mc_ticket_category`): a top level
/// ("Cleaning") or a leaf ("Cleaning/Washroom") with its team and SLA at normal priority.
public struct TicketCategory: Sendable, Equatable, Identifiable {
    /// "cleaning.washroom"
    public var id: String
    /// The top level's id for a leaf; nil for a top level.
    public var parentId: String?
    /// "Washroom"
    public var name: String
    /// "Cleaning/Washroom" ("Cleaning" for a top level).
    public var path: String
    /// Tickets are filed under leaves only.
    public var isLeaf: Bool
    /// A leaf: the team it routes to ("Housekeeping"); nil for a top level.
    public var team: String?
    /// A leaf: SLA minutes (business hours, normal priority) to a first response / to
    /// resolution; 0 for a top level.
    public var responseMinutes: Int
    public var resolutionMinutes: Int

    init(_ c: mc_ticket_category) {
        id = string(c.id)
        parentId = optionalString(c.parent_id)
        name = string(c.name)
        path = string(c.path)
        isLeaf = c.leaf
        team = optionalString(c.team)
        responseMinutes = Int(c.response_min)
        resolutionMinutes = Int(c.resolution_min)
    }
}

/// One entry of a ticket's timeline (`mc_ticket_entry`).
public struct TicketEntry: Sendable, Equatable, Identifiable {
    public var id: String
    public var type: TicketEntryType
    public var at: Date
    /// `at` in the ticket's building's local time: show this.
    public var atLocal: BuildingTime
    /// "member", "staff", "system".
    public var authorRole: String
    /// "Kiran Das"; "You" for the member's own entries.
    public var authorName: String
    /// `.status` entries: the change; nil for other types.
    public var from: TicketStatus?
    public var to: TicketStatus?
    /// A comment's text, or a status change in words; "" otherwise.
    public var text: String
    public var photoIds: [String]
    /// Made on this device, not yet on the server.
    public var isPending: Bool

    init(_ e: mc_ticket_entry) {
        id = string(e.id)
        type = TicketEntryType(e.type)
        at = date(fromMs: e.at_ms)
        atLocal = BuildingTime(e.at)
        authorRole = string(e.author_role)
        authorName = string(e.author_name)
        from = type == .status ? TicketStatus(e.from) : nil
        to = type == .status ? TicketStatus(e.to) : nil
        text = string(e.text)
        photoIds = UnsafeBufferPointer(start: e.photo_ids, count: e.photo_count).map { string($0) }
        isPending = e.pending
    }
}

/// A photo of a ticket or of one of its comments (`mc_ticket_photo`).
public struct TicketPhoto: Sendable, Equatable, Identifiable {
    /// "pho_" and 32 hex digits.
    public var id: String
    /// The comment it came with; nil for the ticket's own photos.
    public var commentId: String?
    /// "image/jpeg" or "image/png" (from the file's bytes).
    public var contentType: String
    public var bytes: Int64
    /// The server has all of it.
    public var isUploaded: Bool
    /// Bytes the server has confirmed so far (`bytes` once uploaded).
    public var sentBytes: Int64
    /// The library's own copy on this device until uploaded; nil after (and once failed).
    public var localFile: URL?
    /// Not uploaded and never will be: the server refused it for good (sync reported it once
    /// as `.uploadFailed`). Neither uploaded nor waiting.
    public var isFailed: Bool
    /// Why it failed, in words; nil unless `isFailed`.
    public var failure: String?

    init(_ p: mc_ticket_photo) {
        id = string(p.id)
        commentId = optionalString(p.comment_id)
        contentType = string(p.content_type)
        bytes = p.bytes
        isUploaded = p.uploaded
        sentBytes = p.sent_bytes
        localFile = optionalString(p.local_path).map { URL(fileURLWithPath: $0) }
        isFailed = p.failed
        failure = p.failed ? string(p.failure) : nil
    }
}

/// A facility ticket as the member sees it (`mc_ticket`), including their own changes not yet
/// on the server (`isPending`). Optional instants are nil where the core's are 0 ("none").
public struct Ticket: Sendable, Equatable, Identifiable {
    /// "tkt_" and 32 hex digits (made on the device).
    public var id: String
    /// The server's number, "T-1001"; nil until the server has the ticket.
    public var number: String?
    public var buildingId: String
    /// The leaf, "cleaning.washroom", and its path, "Cleaning/Washroom".
    public var categoryId: String
    public var categoryPath: String
    public var priority: TicketPriority
    public var description: String
    public var locationKind: TicketLocationKind
    /// `.room`: the room's id; nil otherwise.
    public var locationId: String?
    /// The room's, cabin's or desk's name; nil for `.none`.
    public var locationName: String?
    /// Including the member's pending resolve or reopen.
    public var status: TicketStatus
    /// nil when unassigned.
    public var assigneeName: String?
    public var createdAt: Date
    public var createdAtLocal: BuildingTime
    public var updatedAt: Date
    public var updatedAtLocal: BuildingTime
    /// nil unless resolved or closed.
    public var resolvedAt: Date?
    public var resolvedAtLocal: BuildingTime?
    /// nil unless closed.
    public var closedAt: Date?
    public var closedAtLocal: BuildingTime?
    /// `.resolved`: the member may reopen until then; nil otherwise.
    public var reopenUntil: Date?
    public var reopenUntilLocal: BuildingTime?
    /// The server's SLA instants; nil while the ticket is pending.
    public var responseDue: Date?
    public var responseDueLocal: BuildingTime?
    public var resolutionDue: Date?
    public var resolutionDueLocal: BuildingTime?
    public var atRiskFrom: Date?
    /// The first staff response the member saw; nil: none yet.
    public var respondedAt: Date?
    /// The SLA badge as the core judged it when this was read.
    public var sla: SLAState
    /// Oldest first; filled by `ticket(_:)` (and the staff calls), empty in pages.
    public var timeline: [TicketEntry]
    /// Filled by `ticket(_:)` (and the staff calls), empty in pages.
    public var photos: [TicketPhoto]
    /// Photos not yet uploaded (failed ones not counted).
    public var photosWaiting: Int
    /// Photos whose upload the server refused for good (in pages too); each reads `isFailed`
    /// with its reason in `failure`.
    public var photosFailed: Int
    /// A change of this ticket is waiting for the server.
    public var isPending: Bool

    /// `number` when the server gave one, else `id`: what to show or look up.
    public var displayId: String { number ?? id }

    init(_ t: mc_ticket) {
        id = string(t.id)
        number = optionalString(t.number)
        buildingId = string(t.building_id)
        categoryId = string(t.category_id)
        categoryPath = string(t.category_path)
        priority = TicketPriority(t.priority)
        description = string(t.description)
        locationKind = TicketLocationKind(t.location_kind)
        locationId = optionalString(t.location_id)
        locationName = optionalString(t.location_name)
        status = TicketStatus(t.status)
        assigneeName = optionalString(t.assignee_name)
        createdAt = date(fromMs: t.created_at_ms)
        createdAtLocal = BuildingTime(t.created_at)
        updatedAt = date(fromMs: t.updated_at_ms)
        updatedAtLocal = BuildingTime(t.updated_at)
        resolvedAt = date(orNilFromMs: t.resolved_at_ms)
        resolvedAtLocal = BuildingTime.orNil(t.resolved_at)
        closedAt = date(orNilFromMs: t.closed_at_ms)
        closedAtLocal = BuildingTime.orNil(t.closed_at)
        reopenUntil = date(orNilFromMs: t.reopen_until_ms)
        reopenUntilLocal = BuildingTime.orNil(t.reopen_until)
        responseDue = date(orNilFromMs: t.response_due_ms)
        responseDueLocal = BuildingTime.orNil(t.response_due)
        resolutionDue = date(orNilFromMs: t.resolution_due_ms)
        resolutionDueLocal = BuildingTime.orNil(t.resolution_due)
        atRiskFrom = date(orNilFromMs: t.at_risk_from_ms)
        respondedAt = date(orNilFromMs: t.responded_at_ms)
        sla = SLAState(t.sla)
        timeline = UnsafeBufferPointer(start: t.timeline, count: t.timeline_count).map(TicketEntry.init)
        photos = UnsafeBufferPointer(start: t.photos, count: t.photo_count).map(TicketPhoto.init)
        photosWaiting = Int(t.photos_waiting)
        photosFailed = Int(t.photos_failed)
        isPending = t.pending
    }
}

/// A ticket to file (`mc_ticket_draft`). The core checks it when it is filed.
public struct TicketDraft: Sendable, Equatable {
    /// Where in the building.
    public enum Location: Sendable, Equatable {
        /// The building as a whole.
        case building
        /// A meeting room of the building, by id ("BLR-1-BOARD").
        case room(id: String)
        /// A cabin or a desk by name (1-80 characters).
        case cabin(name: String)
        case desk(name: String)
    }

    /// A leaf's id ("cleaning.washroom"; `ticketCategory(named:)` resolves a path).
    public var categoryId: String
    public var priority: TicketPriority
    /// 1 to `MemberCore.ticketTextMaxCharacters` characters (trimmed by the core).
    public var description: String
    /// nil: the member's own building.
    public var buildingId: String?
    public var location: Location
    /// Up to `MemberCore.ticketPhotosMax` image files (JPEG or PNG by their bytes, at most
    /// 10 MiB each), copied when the ticket is filed: delete them afterwards if you like.
    public var photos: [URL]

    public init(
        categoryId: String, priority: TicketPriority = .normal, description: String,
        buildingId: String? = nil, location: Location = .building, photos: [URL] = []
    ) {
        self.categoryId = categoryId
        self.priority = priority
        self.description = description
        self.buildingId = buildingId
        self.location = location
        self.photos = photos
    }
}

extension mc_ticket_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_ticket_list_free(list) }
}

// MARK: - Calls

extension MemberCore {
    /// Characters of a description or comment, at most (`MC_TICKET_TEXT_MAX_CHARS`).
    public static let ticketTextMaxCharacters = Int(MC_TICKET_TEXT_MAX_CHARS)
    /// Photos on one ticket or one comment, at most (`MC_TICKET_PHOTOS_MAX`).
    public static let ticketPhotosMax = Int(MC_TICKET_PHOTOS_MAX)
    /// Bytes of one photo, at most (`MC_TICKET_PHOTO_MAX_BYTES`, 10 MiB).
    public static let ticketPhotoMaxBytes = Int(MC_TICKET_PHOTO_MAX_BYTES)
    /// Days after resolution the member may reopen; a resolved ticket closes after them.
    public static let ticketReopenDays = Int(MC_TICKET_REOPEN_DAYS)

    /// The category tree as last synced, in tree order: each top level followed by its leaves.
    /// Empty before the first sync. Local. Throws `.unauthorized`, `.storage`, `.closed`.
    public func ticketCategories() throws -> [TicketCategory] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_ticket_category_list>?
            _ = try check { mc_ticket_categories_list(h, &list, $0) }
            return takeCategories(list)
        }
    }

    /// The leaf named by its id ("cleaning.washroom") or path ("Cleaning/Washroom", also
    /// "Cleaning → Washroom"; case-insensitive). Local. Throws `.notFound` (no such category, or
    /// a top level: the message names it and the leaves under it), `.invalidArgument`,
    /// `.unauthorized`, `.storage`.
    public func ticketCategory(named name: String) throws -> TicketCategory {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_ticket_category_list>?
            try name.withCString { n in _ = try check { mc_ticket_category_find(h, n, &list, $0) } }
            guard let category = takeCategories(list).first else {
                throw MemberCoreError.notFound(
                    message: "no category \(name)", httpStatus: nil, serverCode: nil)
            }
            return category
        }
    }

    /// Files a ticket: checked, saved and queued at once (offline too); it shows as pending
    /// until the server has it, then its photos upload (`SyncEvent.uploadProgress`). Returns
    /// the new ticket's id; nothing is kept when a check fails. Throws `.invalidArgument` with
    /// a message naming what was wrong (an empty or over-long description, a sixth photo, a
    /// file that is not a JPEG or PNG, one over 10 MiB, an unreadable file named by its path, a
    /// bad location, an `.unknown` priority), `.notFound` (no such category leaf, building or
    /// room on this device), `.unauthorized`, `.storage`.
    @discardableResult
    public func fileTicket(_ draft: TicketDraft) throws -> String {
        guard draft.priority != .unknown else {
            throw MemberCoreError.invalidArgument(message: "priority is unknown")
        }
        let (kind, locationId, locationName): (TicketLocationKind, String?, String?) =
            switch draft.location {
            case .building: (.none, nil, nil)
            case .room(let id): (.room, id, nil)
            case .cabin(let name): (.cabin, nil, name)
            case .desk(let name): (.desk, nil, name)
            }
        return try withHandle { h in
            try withCStrings([draft.categoryId, draft.description]) { s in
                try withOptionalCString(draft.buildingId) { building in
                    try withOptionalCString(locationId) { locId in
                        try withOptionalCString(locationName) { locName in
                            try withPhotoPaths(draft.photos) { paths, count in
                                var d = mc_ticket_draft()
                                d.category_id = s[0]
                                d.priority = draft.priority.cValue
                                d.description = s[1]
                                d.building_id = building
                                d.location_kind = kind.cValue
                                d.location_id = locId
                                d.location_name = locName
                                d.photo_paths = paths
                                d.photo_count = count
                                var id = [CChar](repeating: 0, count: 64)
                                _ = try check { mc_ticket_file(h, &d, &id, id.count, $0) }
                                return String(
                                    decoding: id.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                    as: UTF8.self)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One page of the member's tickets: active ones first (open, assigned, in progress), then
    /// resolved, then closed; newest first within each. Items carry no timeline or photos.
    /// Local. Throws `.invalidArgument` (negative limit, or a cursor this list did not return),
    /// `.unauthorized`, `.storage`, `.closed`.
    public func tickets(page: Page = .first) throws -> ListPage<Ticket> {
        try readPage(page, Ticket.init) { mc_tickets_page($0, $1, &$2, $3) }
    }

    /// Every page of the member's tickets, `limit` each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `tickets(page:)`. Any thread or task.
    public func ticketPages(limit: Int = 0) -> Pages<ListPage<Ticket>> {
        Pages(limit: limit) { [self] page in try tickets(page: page) }
    }

    /// One ticket with its timeline (oldest first) and photos, by id or number ("T-1001").
    /// Local. Throws `.notFound` (not one of the member's tickets on this device),
    /// `.invalidArgument`, `.unauthorized`, `.storage`.
    public func ticket(_ idOrNumber: String) throws -> Ticket {
        try withHandle { h in
            var out: UnsafeMutablePointer<mc_ticket>?
            try idOrNumber.withCString { id in _ = try check { mc_ticket_get(h, id, &out, $0) } }
            guard let out else {
                throw MemberCoreError.server(message: "the core returned no ticket", httpStatus: nil, serverCode: nil)
            }
            defer { mc_ticket_free(out) }
            return Ticket(out.pointee)
        }
    }

    /// Comments on a ticket (id or number) with up to 5 photos (checked and copied as for
    /// `fileTicket`): recorded and queued at once. Throws `.invalidArgument` (text, photos),
    /// `.notFound`, `.invalidState` (the ticket is closed: the message says so),
    /// `.unauthorized`, `.storage`.
    public func commentOnTicket(_ idOrNumber: String, text: String, photos: [URL] = []) throws {
        try withHandle { h in
            try withCStrings([idOrNumber, text]) { s in
                try withPhotoPaths(photos) { paths, count in
                    _ = try check { mc_ticket_comment(h, s[0], s[1], paths, count, $0) }
                }
            }
        }
    }

    /// Marks a ticket resolved from the member's side (open, assigned or in progress):
    /// recorded and queued at once. Throws `.invalidState` (already resolved or closed),
    /// `.notFound`, `.invalidArgument`, `.unauthorized`, `.storage`.
    public func resolveTicket(_ idOrNumber: String) throws {
        try withHandle { h in
            try idOrNumber.withCString { id in _ = try check { mc_ticket_resolve(h, id, $0) } }
        }
    }

    /// Reopens a resolved ticket within 7 days of its resolution: recorded and queued at once.
    /// Throws `.invalidState` (not resolved; closed; or the 7 days have passed: the message
    /// gives the date it ended, in the building's time), `.notFound`, `.invalidArgument`,
    /// `.unauthorized`, `.storage`.
    public func reopenTicket(_ idOrNumber: String) throws {
        try withHandle { h in
            try idOrNumber.withCString { id in _ = try check { mc_ticket_reopen(h, id, $0) } }
        }
    }
}

/// Copies and frees a category list the core returned (nil: empty).
func takeCategories(_ list: UnsafeMutablePointer<mc_ticket_category_list>?) -> [TicketCategory] {
    guard let list else { return [] }
    defer { mc_ticket_category_list_free(list) }
    return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(TicketCategory.init)
}

/// `body` with file URLs as the C array of paths the core borrows (NULL when there are none).
func withPhotoPaths<T>(
    _ photos: [URL], _ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int) throws -> T
) rethrows -> T {
    try withCStrings(photos.map(\.path)) { p in try body(p.isEmpty ? nil : p.baseAddress, p.count) }
}
