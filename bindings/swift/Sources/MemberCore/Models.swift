// The plain values the API returns and takes, converted from and to the C structs.
//
// Every C string is copied into a Swift String before the C value is freed; times are Dates;
// the C API's "" for "unknown / none" is nil where an optional reads better.
import CMemberCore
import Foundation

// MARK: - Sign-in

/// What `requestOTP` learnt (`mc_otp_request`).
public struct OTPRequest: Sendable, Equatable {
    /// The E.164 number the code was texted to.
    public var phone: String
    /// `true` when the number already has an account (sign-in rather than sign-up).
    public var isRegistered: Bool
    /// Seconds until the code expires, and until another may be requested.
    public var expiresIn: TimeInterval
    public var resendAfter: TimeInterval

    init(_ r: mc_otp_request) {
        var r = r
        phone = cString(tuple: &r.phone)
        isRegistered = r.registered
        expiresIn = TimeInterval(r.expires_in_s)
        resendAfter = TimeInterval(r.resend_after_s)
    }
}

/// Roles of an account, as bits (`mc_role`).
public struct Role: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let lead = Role(rawValue: UInt32(MC_ROLE_LEAD.rawValue))
    public static let onDemand = Role(rawValue: UInt32(MC_ROLE_ONDEMAND.rawValue))
    public static let member = Role(rawValue: UInt32(MC_ROLE_MEMBER.rawValue))
    public static let staff = Role(rawValue: UInt32(MC_ROLE_STAFF.rawValue))

    /// The core's names of the roles present: ["lead", "ondemanduser", ...].
    public var names: [String] {
        (0..<32).compactMap { bit -> String? in
            let value = UInt32(1) << UInt32(bit)
            guard rawValue & value != 0 else { return nil }
            return String(cString: mc_role_name(mc_role(rawValue: .init(value))))
        }
    }
    public var description: String { "[" + names.joined(separator: ", ") + "]" }
}

/// What the member said they need (`mc_intent`).
public enum Intent: Int32, Sendable, Hashable, CustomStringConvertible {
    case none = 0
    case onDemand = 1
    case privateOffice = 2
    case virtualOffice = 3

    init(_ c: mc_intent) { self = Intent(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .none }
    var cValue: mc_intent { mc_intent(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "none", "on_demand", "private_office", "virtual_office".
    public var name: String { String(cString: mc_intent_name(cValue)) }
    public var description: String { name }
}

/// What the sales team needs for an office intent (`mc_intent_details`).
public struct OfficeDetails: Sendable, Equatable {
    public var industry: String
    public var employees: Int
    /// e.g. "within 3 months".
    public var timeline: String
    /// Monthly budget with its currency, e.g. `Money(minor: 5_000_000, currency: "INR")`.
    public var budget: Money
    public init(industry: String, employees: Int, timeline: String, budget: Money) {
        self.industry = industry
        self.employees = employees
        self.timeline = timeline
        self.budget = budget
    }
}

/// The intent to record with `setIntent`: on-demand needs nothing more, offices need details.
public enum IntentRequest: Sendable, Equatable {
    case onDemand
    case privateOffice(OfficeDetails)
    case virtualOffice(OfficeDetails)
}

/// The profile a new user completes (`mc_profile`). All four are required.
public struct Profile: Sendable, Equatable {
    public var name: String
    public var email: String
    public var company: String
    public var city: String
    public init(name: String, email: String, company: String, city: String) {
        self.name = name
        self.email = email
        self.company = company
        self.city = city
    }
}

/// The signed-in account (`mc_account`).
public struct Account: Sendable, Equatable {
    public var userId: String
    /// E.164.
    public var phone: String
    /// Empty until the profile is complete (new users).
    public var name: String
    public var email: String
    public var company: String
    public var city: String
    public var roles: Role
    public var isProfileComplete: Bool
    /// The CRM lead created by completing the profile, and its status ("new", ...).
    public var leadId: String?
    public var leadStatus: String?
    public var intent: Intent
    /// Office intents: what the member told the sales team.
    public var industry: String?
    public var employees: Int?
    public var timeline: String?
    public var budget: Money?
    /// Members: their company, building and seat ("Cabin 1019").
    public var companyId: String?
    public var buildingId: String?
    public var seat: String?

    init(_ a: UnsafePointer<mc_account>) {
        let a = a.pointee
        userId = string(a.user_id)
        phone = string(a.phone)
        name = string(a.name)
        email = string(a.email)
        company = string(a.company)
        city = string(a.city)
        roles = Role(rawValue: a.roles)
        isProfileComplete = a.profile_complete
        leadId = optionalString(a.lead_id)
        leadStatus = optionalString(a.lead_status)
        intent = Intent(a.intent)
        industry = optionalString(a.industry)
        employees = a.employees > 0 ? Int(a.employees) : nil
        timeline = optionalString(a.timeline)
        budget = a.budget.minor > 0 ? Money(a.budget) : nil
        companyId = optionalString(a.company_id)
        buildingId = optionalString(a.building_id)
        seat = optionalString(a.seat)
    }
}

/// What `verifyOTP` returns: the account, and whether this number was new.
public struct OTPVerification: Sendable, Equatable {
    public var account: Account
    /// `true` when the number had no account before (sign-up: complete the profile next).
    public var isNewUser: Bool
}

// MARK: - Sync

/// Kinds of synced data, as bits (`mc_kind`).
public struct DataKinds: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let profile = DataKinds(rawValue: UInt32(MC_KIND_PROFILE.rawValue))
    public static let company = DataKinds(rawValue: UInt32(MC_KIND_COMPANY.rawValue))
    public static let building = DataKinds(rawValue: UInt32(MC_KIND_BUILDING.rawValue))
    public static let room = DataKinds(rawValue: UInt32(MC_KIND_ROOM.rawValue))
    public static let reservation = DataKinds(rawValue: UInt32(MC_KIND_RESERVATION.rawValue))
    public static let event = DataKinds(rawValue: UInt32(MC_KIND_EVENT.rawValue))
    public static let rsvp = DataKinds(rawValue: UInt32(MC_KIND_RSVP.rawValue))
    public static let notification = DataKinds(rawValue: UInt32(MC_KIND_NOTIFICATION.rawValue))
    /// Rooms' taken blocks (no member names).
    public static let roomBusy = DataKinds(rawValue: UInt32(MC_KIND_ROOM_BUSY.rawValue))
    /// The company's credit ledger.
    public static let creditLedger = DataKinds(rawValue: UInt32(MC_KIND_CREDIT_LEDGER.rawValue))
    /// The member's door credentials (`credentials()`).
    public static let credential = DataKinds(rawValue: UInt32(MC_KIND_CREDENTIAL.rawValue))
    /// Day passes the member bought (`passes()`).
    public static let pass = DataKinds(rawValue: UInt32(MC_KIND_PASS.rawValue))
    public static let invoice = DataKinds(rawValue: UInt32(MC_KIND_INVOICE.rawValue))
    public static let membership = DataKinds(rawValue: UInt32(MC_KIND_MEMBERSHIP.rawValue))
    /// The facility-ticket category tree (`ticketCategories()`).
    public static let ticketCategory = DataKinds(rawValue: UInt32(MC_KIND_TICKET_CATEGORY.rawValue))
    /// The member's facility tickets (`tickets(page:)`, `ticket(_:)`).
    public static let ticket = DataKinds(rawValue: UInt32(MC_KIND_TICKET.rawValue))
    /// The member's visitors (`visitors(upcomingOnly:)`).
    public static let visitor = DataKinds(rawValue: UInt32(MC_KIND_VISITOR.rawValue))
    /// The member's notification channels and quiet hours (`notificationPreferences()`).
    public static let notificationPrefs = DataKinds(rawValue: UInt32(MC_KIND_NOTIFICATION_PREFS.rawValue))
    /// Hot desks, and the member's own dedicated desk (`searchDesks(_:)`, `myDesk()`).
    public static let desk = DataKinds(rawValue: UInt32(MC_KIND_DESK.rawValue))
    /// Desks held on a date (no member names).
    public static let deskBusy = DataKinds(rawValue: UInt32(MC_KIND_DESK_BUSY.rawValue))
    /// The member's desk days (`deskBookings(from:)`).
    public static let deskBooking = DataKinds(rawValue: UInt32(MC_KIND_DESK_BOOKING.rawValue))
    /// Announcements (`announcements()`).
    public static let announcement = DataKinds(rawValue: UInt32(MC_KIND_ANNOUNCEMENT.rawValue))
    /// Partner offers (`offers()`).
    public static let offer = DataKinds(rawValue: UInt32(MC_KIND_OFFER.rawValue))

    /// The wire names of the kinds present: ["event", "rsvp", ...].
    public var names: [String] {
        (0..<32).compactMap { bit -> String? in
            let value = UInt32(1) << UInt32(bit)
            guard rawValue & value != 0 else { return nil }
            return String(cString: mc_kind_name(mc_kind(rawValue: .init(value))))
        }
    }
    public var description: String { "[" + names.joined(separator: ", ") + "]" }
}

/// The engine's state (`mc_sync_state`).
public enum SyncState: Int32, Sendable, Hashable, CustomStringConvertible {
    case idle = 0
    case syncing = 1
    case offline = 2
    case paused = 3
    case signedOut = 4

    init(_ c: mc_sync_state) { self = SyncState(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .idle }
    /// "idle", "syncing", "offline", "paused", "signed_out".
    public var name: String {
        String(cString: mc_sync_state_name(mc_sync_state(rawValue: .init(UInt32(bitPattern: rawValue)))))
    }
    public var description: String { name }
}

/// A snapshot of the engine (`mc_sync_status`).
public struct SyncStatus: Sendable, Equatable {
    public var state: SyncState
    /// The background thread is started.
    public var isRunning: Bool
    /// Mutations not yet accepted by the server.
    public var queueDepth: Int
    /// Rejected mutations kept for the UI to show (see `outbox()`).
    public var rejectedCount: Int
    /// End of the last complete sync; nil if never.
    public var lastSync: Date?
    /// When the background thread tries next; nil when no retry is due.
    public var nextAttempt: Date?
    /// Of the last attempt; nil if it succeeded.
    public var lastError: MemberCoreError.Code?
    public var lastErrorMessage: String?

    init(_ s: mc_sync_status) {
        var s = s
        state = SyncState(s.state)
        isRunning = s.running
        queueDepth = Int(s.queue_depth)
        rejectedCount = Int(s.rejected_count)
        lastSync = date(orNilFromMs: s.last_sync_ms)
        nextAttempt = date(orNilFromMs: s.next_attempt_ms)
        lastError = s.last_error == MC_OK ? nil : MemberCoreError.Code(s.last_error)
        let message = cString(tuple: &s.last_error_message)
        lastErrorMessage = message.isEmpty ? nil : message
    }
}

/// What one `syncOnce` did (`mc_sync_report`).
public struct SyncReport: Sendable, Equatable {
    /// Mutations the server accepted / refused.
    public var pushed: Int
    public var rejected: Int
    /// Changes applied (upserts and tombstones).
    public var pulled: Int
    /// What changed locally.
    public var changedKinds: DataKinds
    /// The server asked for a fresh snapshot.
    public var wasReset: Bool

    init(_ r: mc_sync_report) {
        pushed = Int(r.pushed)
        rejected = Int(r.rejected)
        pulled = Int(r.pulled)
        changedKinds = DataKinds(rawValue: r.changed_kinds)
        wasReset = r.reset
    }
}

/// The event types a listener receives (`mc_sync_event_type` bits).
public struct SyncEventTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let dataChanged = SyncEventTypes(rawValue: UInt32(MC_SYNC_EVENT_DATA_CHANGED.rawValue))
    public static let mutationRejected = SyncEventTypes(
        rawValue: UInt32(MC_SYNC_EVENT_MUTATION_REJECTED.rawValue))
    public static let sessionExpired = SyncEventTypes(
        rawValue: UInt32(MC_SYNC_EVENT_SESSION_EXPIRED.rawValue))
    public static let progress = SyncEventTypes(rawValue: UInt32(MC_SYNC_EVENT_PROGRESS.rawValue))
    public static let statusChanged = SyncEventTypes(rawValue: UInt32(MC_SYNC_EVENT_STATUS_CHANGED.rawValue))
    /// A ticket photo's bytes went up (`SyncEvent.uploadProgress`).
    public static let uploadProgress = SyncEventTypes(
        rawValue: UInt32(MC_SYNC_EVENT_UPLOAD_PROGRESS.rawValue))
    /// The server refused a ticket photo's bytes (`SyncEvent.uploadFailed`).
    public static let uploadFailed = SyncEventTypes(rawValue: UInt32(MC_SYNC_EVENT_UPLOAD_FAILED.rawValue))
    public static let all: SyncEventTypes = [
        .dataChanged, .mutationRejected, .sessionExpired, .progress, .statusChanged,
        .uploadProgress, .uploadFailed,
    ]
}

/// A write the server refused (`MC_SYNC_EVENT_MUTATION_REJECTED`).
public struct MutationRejection: Sendable, Equatable {
    public var mutationId: Int64
    /// "rsvp.set", "notification.read", ...
    public var kind: String
    /// The event / notification it was about.
    public var entityId: String
    public var code: MemberCoreError.Code
    /// "event_full", ...
    public var serverCode: String?
    public var message: String
    /// The booking rule that refused it (`.taken`, ...); `.none` for other refusals.
    public var rule: Rule = .none
}

/// A ticket photo's bytes going up (`MC_SYNC_EVENT_UPLOAD_PROGRESS`).
public struct UploadProgress: Sendable, Equatable {
    /// The photo ("pho_...") and its ticket ("tkt_...").
    public var photoId: String
    public var ticketId: String
    /// Bytes the server has confirmed, of `total` (the photo's size).
    public var sent: Int64
    public var total: Int64
    /// `sent == total`: the last event of this photo.
    public var isComplete: Bool { sent == total }
}

/// A ticket photo whose bytes the server refused (`MC_SYNC_EVENT_UPLOAD_FAILED`); it is not
/// sent again.
public struct UploadFailure: Sendable, Equatable {
    public var photoId: String
    public var ticketId: String
    public var code: MemberCoreError.Code
    /// "photo_corrupt", ...
    public var serverCode: String?
    public var message: String
}

/// One event from the sync engine (`mc_sync_event`).
public enum SyncEvent: Sendable, Equatable {
    /// Local data of these kinds changed: re-read.
    case dataChanged(DataKinds)
    /// The server refused a write; its pending overlay is gone.
    case mutationRejected(MutationRejection)
    /// Sign in again; the outbox is kept.
    case sessionExpired(code: MemberCoreError.Code, message: String)
    /// A snapshot is being pulled: `done` changes applied of `total` (nil if unknown).
    case progress(done: Int64, total: Int64?)
    /// `syncStatus()` has news.
    case statusChanged
    /// A ticket photo's bytes went up.
    case uploadProgress(UploadProgress)
    /// The server refused a ticket photo's bytes.
    case uploadFailed(UploadFailure)

    /// Copies everything out of the C event (its strings live only during the callback).
    init?(_ e: UnsafePointer<mc_sync_event>) {
        let e = e.pointee
        switch e.type {
        case MC_SYNC_EVENT_DATA_CHANGED:
            self = .dataChanged(DataKinds(rawValue: e.kinds))
        case MC_SYNC_EVENT_MUTATION_REJECTED:
            self = .mutationRejected(
                MutationRejection(
                    mutationId: e.mutation_id, kind: string(e.mutation_kind),
                    entityId: string(e.entity_id), code: MemberCoreError.Code(e.code),
                    serverCode: optionalString(e.server_code), message: string(e.message),
                    rule: Rule(e.rule)))
        case MC_SYNC_EVENT_SESSION_EXPIRED:
            self = .sessionExpired(code: MemberCoreError.Code(e.code), message: string(e.message))
        case MC_SYNC_EVENT_PROGRESS:
            self = .progress(done: e.done, total: e.total < 0 ? nil : e.total)
        case MC_SYNC_EVENT_STATUS_CHANGED:
            self = .statusChanged
        case MC_SYNC_EVENT_UPLOAD_PROGRESS:
            self = .uploadProgress(
                UploadProgress(
                    photoId: string(e.photo_id), ticketId: string(e.ticket_id), sent: e.done,
                    total: e.total))
        case MC_SYNC_EVENT_UPLOAD_FAILED:
            self = .uploadFailed(
                UploadFailure(
                    photoId: string(e.photo_id), ticketId: string(e.ticket_id),
                    code: MemberCoreError.Code(e.code), serverCode: optionalString(e.server_code),
                    message: string(e.message)))
        default:
            return nil
        }
    }

    /// The type bit of this event.
    public var type: SyncEventTypes {
        switch self {
        case .dataChanged: .dataChanged
        case .mutationRejected: .mutationRejected
        case .sessionExpired: .sessionExpired
        case .progress: .progress
        case .statusChanged: .statusChanged
        case .uploadProgress: .uploadProgress
        case .uploadFailed: .uploadFailed
        }
    }
}

/// On which thread a closure listener runs (`mc_delivery`).
public enum SyncDelivery: Sendable {
    /// At once, on the thread that caused the event: the sync thread, the client's queue
    /// thread running `syncOnce`, or the caller of a local write. Keep it short. (Closing the
    /// client from it is allowed: the close completes after the callback returns.)
    case immediate
    /// Queued until `deliverQueued()` is called (e.g. on the main thread, after the wake-up hook).
    case queued

    var cValue: mc_delivery { self == .immediate ? MC_DELIVER_IMMEDIATE : MC_DELIVER_QUEUED }
}

/// Identifies a closure listener for `removeSyncListener`.
public struct SyncListenerToken: Hashable, Sendable {
    public let rawValue: UInt64
}

/// The state of an outbox row (`mc_mutation_state`).
public enum MutationState: Int32, Sendable, Hashable, CustomStringConvertible {
    case pending = 0
    case inFlight = 1
    case rejected = 2
    case acknowledged = 3

    init(_ c: mc_mutation_state) {
        self = MutationState(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .pending
    }
    /// "pending", "in_flight", "rejected", "acknowledged".
    public var name: String {
        String(
            cString: mc_mutation_state_name(mc_mutation_state(rawValue: .init(UInt32(bitPattern: rawValue)))))
    }
    public var description: String { name }
}

/// One write in the outbox (`mc_mutation`).
public struct Mutation: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// "rsvp.set", "notification.read", "push_token.register", ...
    public var kind: String
    public var entityId: String
    /// The JSON sent.
    public var payload: String
    public var state: MutationState
    public var attempts: Int
    public var createdAt: Date
    public var nextAttempt: Date?
    /// Rejected: why; otherwise the last transient error, or nil.
    public var errorCode: MemberCoreError.Code?
    public var errorServerCode: String?
    public var errorMessage: String?
    /// Rejected: the booking rule that refused it (`.taken`, ...); `.none` otherwise.
    public var errorRule: Rule

    init(_ m: mc_mutation) {
        id = m.mutation_id
        kind = string(m.kind)
        entityId = string(m.entity_id)
        payload = string(m.payload)
        state = MutationState(m.state)
        attempts = Int(m.attempts)
        createdAt = date(fromMs: m.created_at_ms)
        nextAttempt = date(orNilFromMs: m.next_attempt_ms)
        errorCode = m.error_code == MC_OK ? nil : MemberCoreError.Code(m.error_code)
        errorServerCode = optionalString(m.error_server_code)
        errorMessage = optionalString(m.error_message)
        errorRule = Rule(m.error_rule)
    }
}

// MARK: - Community

/// A member's answer to an event (`mc_rsvp`).
public enum RSVP: Int32, Sendable, Hashable, CustomStringConvertible {
    case none = 0
    case going = 1
    case notGoing = 2
    /// Asked to go to a full event: in line (`Event.waitlistPosition`); the server moves the
    /// member to `.going` when a place frees up (notification `event.promoted`).
    case waitlisted = 3

    init(_ c: mc_rsvp) { self = RSVP(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .none }
    var cValue: mc_rsvp { mc_rsvp(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "none", "going", "not_going", "waitlisted".
    public var name: String { String(cString: mc_rsvp_name(cValue)) }
    public var description: String { name }
}

/// A community event (`mc_event`), with the member's pending RSVP layered on top.
public struct Event: Sendable, Equatable, Identifiable {
    public var id: String
    public var buildingId: String
    public var title: String
    public var description: String
    public var startsAt: Date
    public var endsAt: Date
    /// `startsAt` and `endsAt` on the building's wall clock, with the zone's label.
    public var startsAtLocal: BuildingTime
    public var endsAtLocal: BuildingTime
    public var capacity: Int
    /// Including the member's pending RSVP.
    public var goingCount: Int
    /// Including the member's pending RSVP.
    public var myRSVP: RSVP
    /// `myRSVP` is not confirmed by the server yet.
    public var isPending: Bool
    /// Members waiting for a place (the event is full).
    public var waitlistCount: Int
    /// The member's place in line (1: next) when `myRSVP` is `.waitlisted`; 0 otherwise.
    public var waitlistPosition: Int

    init(_ e: mc_event) {
        id = string(e.id)
        buildingId = string(e.building_id)
        title = string(e.title)
        description = string(e.description)
        startsAt = date(fromMs: e.starts_at_ms)
        endsAt = date(fromMs: e.ends_at_ms)
        startsAtLocal = BuildingTime(e.starts_at)
        endsAtLocal = BuildingTime(e.ends_at)
        capacity = Int(e.capacity)
        goingCount = Int(e.going_count)
        myRSVP = RSVP(e.my_rsvp)
        isPending = e.pending
        waitlistCount = Int(e.waitlist_count)
        waitlistPosition = Int(e.waitlist_position)
    }
}

/// The inbox's categories (`mc_notification_category`).
public enum NotificationCategory: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case other = 0
    case billing = 1
    case support = 2
    case bookings = 3
    case events = 4
    case announcements = 5

    init(_ c: mc_notification_category) {
        self = NotificationCategory(rawValue: Int32(bitPattern: UInt32(c.rawValue))) ?? .other
    }
    /// "billing", "support", "bookings", "events", "announcements", "other".
    public var name: String {
        String(
            cString: mc_notification_category_name(
                mc_notification_category(rawValue: .init(UInt32(bitPattern: rawValue)))))
    }
    public var description: String { name }
}

/// What a notification's deep link opens (`mc_link_kind`); a kind this binding does not know
/// reads as `.other`.
public enum LinkKind: Int32, Sendable, Hashable, CustomStringConvertible {
    case none = 0
    case invoice = 1
    case event = 2
    case booking = 3
    case pass = 4
    case web = 5
    case other = 6
    /// A facility ticket: `membercore://tickets/<id>` (`ticket(_:)`).
    case ticket = 7
    /// A visitor: `membercore://visitors/<id>` (`visitor(_:)`).
    case visitor = 8
    /// A desk day: `membercore://desks/<desk booking id>` (`deskBookings()`).
    case desk = 9
    /// An announcement: `membercore://announcements/<id>` (`announcements()`).
    case announcement = 10
    /// A partner offer: `membercore://offers/<id>` (`offers()`).
    case offer = 11

    init(_ k: mc_link_kind) { self = coreEnum(k.rawValue) ?? .other }
    /// "none", "invoice", "event", "booking", "pass", "web", "other", "ticket", "visitor", "desk",
    /// "announcement", "offer".
    public var name: String { coreName(self) { mc_link_kind_name(mc_link_kind(rawValue: $0)) } }
    public var description: String { name }
}

/// One notification of the inbox (`mc_notification`). Not named `Notification`, which
/// Foundation already has.
public struct InboxNotification: Sendable, Equatable, Identifiable {
    public var id: String
    public var category: NotificationCategory
    public var title: String
    public var body: String
    /// nil when none.
    public var deepLink: String?
    /// What `deepLink` opens (an invoice, an event, ...; `.none` without a link).
    public var linkKind: LinkKind
    /// The id of the item it names, as the link gives it: route with it ("" when none).
    public var linkId: String
    /// Where it leads, in words, the item named as the member knows it: "opens invoice
    /// INV-2026-0011", "opens booking Boardroom, Mon 7 Dec 16:00 IST" ("" without a link).
    public var linkText: String
    public var createdAt: Date
    /// `createdAt` in the local time of the member's building.
    public var createdAtLocal: BuildingTime
    /// Including the member's pending mark-read.
    public var isRead: Bool
    /// `isRead` is not confirmed by the server yet.
    public var isPending: Bool
    /// What caused it (docs/notifications-protocol.md): "visitor.arrived", "booking.reminder",
    /// "invoice.due_soon", ...; "" for older ones.
    public var kind: String
    /// Urgent ones ignore quiet hours (a visitor waiting, a booking about to start).
    public var isUrgent: Bool

    /// `deepLink` parsed into what an app routes on (`LinkTarget(parsing:)`): `.none` without a
    /// link, nil for a link the core does not understand.
    public var target: LinkTarget? { try? LinkTarget(parsing: deepLink ?? "") }

    init(_ n: mc_notification) {
        id = string(n.id)
        category = NotificationCategory(n.category)
        title = string(n.title)
        body = string(n.body)
        deepLink = optionalString(n.deep_link)
        linkKind = LinkKind(n.link_kind)
        linkId = string(n.link_id)
        linkText = string(n.link_text)
        createdAt = date(fromMs: n.created_at_ms)
        createdAtLocal = BuildingTime(n.created_at)
        isRead = n.read
        isPending = n.pending
        kind = string(n.kind)
        isUrgent = n.urgent
    }
}

/// The inbox (`mc_notification_list`): the listed notifications, newest first, and the unread
/// counts over the whole inbox (not only the listed ones). A page of the inbox when read with
/// a `Page`: `items` are its notifications, `nextCursor` the next page's cursor.
public struct Inbox: PagedResult, Equatable {
    public var notifications: [InboxNotification]
    public var unreadTotal: Int
    public var unreadByCategory: [NotificationCategory: Int]
    /// The next page's cursor; nil: no more (always nil from the unpaged `notifications()`).
    public var nextCursor: String?

    /// `notifications`.
    public var items: [InboxNotification] { notifications }

    /// The empty inbox.
    init() {
        notifications = []
        unreadTotal = 0
        unreadByCategory = [:]
        nextCursor = nil
    }

    init(_ l: mc_notification_list) {
        var counts = l.unread_by_category
        unreadByCategory = withUnsafeBytes(of: &counts) { raw in
            let values = raw.bindMemory(to: Int32.self)
            var result: [NotificationCategory: Int] = [:]
            for c in NotificationCategory.allCases where Int(c.rawValue) < values.count {
                result[c] = Int(values[Int(c.rawValue)])
            }
            return result
        }
        notifications = listItems(of: l, InboxNotification.init)
        unreadTotal = Int(l.unread_total)
        nextCursor = optionalString(l.next_cursor)
    }
}

// MARK: - Device

/// Who delivers push notifications to this device (`mc_push_provider`).
public enum PushProvider: Int32, Sendable, Hashable, CustomStringConvertible {
    /// Firebase Cloud Messaging (Android).
    case fcm = 1
    /// Apple Push Notification service (iOS).
    case apns = 2

    var cValue: mc_push_provider { mc_push_provider(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "fcm", "apns".
    public var name: String { String(cString: mc_push_provider_name(cValue)) }
    public var description: String { name }
}

// MARK: - Helpers

/// A C string the core promises is never NULL (NULL is read as "" anyway).
func string(_ p: UnsafePointer<CChar>?) -> String {
    guard let p else { return "" }
    return String(cString: p)
}

func string(_ p: UnsafeMutablePointer<CChar>?) -> String {
    string(UnsafePointer(p))
}

/// nil for NULL or "".
func optionalString(_ p: UnsafePointer<CChar>?) -> String? {
    guard let p, p.pointee != 0 else { return nil }
    return String(cString: p)
}

func optionalString(_ p: UnsafeMutablePointer<CChar>?) -> String? {
    optionalString(UnsafePointer(p))
}

func date(fromMs ms: Int64) -> Date {
    Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
}

func date(orNilFromMs ms: Int64) -> Date? {
    ms == 0 ? nil : date(fromMs: ms)
}

func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
}

/// The Swift case of a core enum's C value (nil for a value this Swift code does not know).
func coreEnum<E: RawRepresentable>(_ value: UInt32) -> E? where E.RawValue == Int32 {
    E(rawValue: Int32(bitPattern: value))
}

/// A core enum's name from the core's `_name()` function (the one table of wire names).
func coreName<E: RawRepresentable>(_ e: E, _ name: (UInt32) -> UnsafePointer<CChar>?) -> String
where E.RawValue == Int32 {
    string(name(UInt32(bitPattern: e.rawValue)))
}
