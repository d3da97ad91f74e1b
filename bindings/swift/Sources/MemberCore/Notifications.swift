// The notifications hub beyond the inbox list (membercore/notifications.h): which channels
// (push, email, SMS) each category reaches the member on, quiet hours, marking all (or a
// category) read, pruning old read items, and a deep link parsed into a typed target an app
// routes on (`LinkTarget`). The inbox itself is in Community.swift.
//
// All local: preferences and reads are set in the store at once (pending) and queued; the
// server honours them once synced. Link parsing is pure.
import CMemberCore
import Foundation

/// How a notification reaches the member besides the inbox (`mc_channel`); `name` is the core's.
public enum NotificationChannel: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// To the push tokens of the member's devices.
    case push = 0
    /// To the member's profile email.
    case email = 1
    /// To the member's phone.
    case sms = 2

    var cValue: mc_channel { mc_channel(rawValue: .init(UInt32(bitPattern: rawValue))) }
    /// "push", "email", "sms".
    public var name: String { string(mc_channel_name(cValue)) }
    public var description: String { name }

    /// The channel named (case-insensitive; "text" for SMS too; `mc_channel_parse`). Throws
    /// `.invalidArgument` naming the word.
    public init(parsing name: String) throws {
        var out = MC_CHANNEL_PUSH
        try name.withCString { n in _ = try check { mc_channel_parse(n, &out, $0) } }
        guard let channel = NotificationChannel(rawValue: Int32(bitPattern: UInt32(out.rawValue))) else {
            throw MemberCoreError.invalidArgument(message: "no channel \(name)")
        }
        self = channel
    }
}

extension NotificationCategory {
    /// The category named "billing", "support", "bookings", "events" or "announcements"
    /// (case-insensitive; `mc_notification_category_parse`; "other" is refused: nothing is sent
    /// in it). Throws `.invalidArgument` naming the word and the choices.
    public init(parsing name: String) throws {
        var out = MC_NOTIFY_OTHER
        try name.withCString { n in _ = try check { mc_notification_category_parse(n, &out, $0) } }
        self.init(out)
    }

    var cValue: mc_notification_category {
        mc_notification_category(rawValue: .init(UInt32(bitPattern: rawValue)))
    }
}

/// Which channels each category reaches the member on, and quiet hours
/// (`mc_notification_prefs`), as on this device now: the server's synced values with this
/// device's queued changes on top (`isPending`).
public struct NotificationPreferences: Sendable, Equatable {
    /// Per category, the channels it reaches the member on (`.other`: none).
    public var channels: [NotificationCategory: Set<NotificationChannel>]
    /// Per category, the channels with a change of this device not yet confirmed.
    public var pendingChannels: [NotificationCategory: Set<NotificationChannel>]
    /// Per category, the messages that reach the member on at least one channel whatever the
    /// switches say, and why, in words ("Visitor arrivals always reach you (someone is waiting
    /// for you at reception)"); absent when none.
    public var alwaysReaches: [NotificationCategory: String]
    /// Quiet hours hold back push and SMS of what is not urgent until they end.
    public var quietHoursEnabled: Bool
    /// Minutes after the building's local midnight (0..1439); `quietTo` may be before
    /// `quietFrom` (across midnight).
    public var quietFromMinute: Int
    public var quietToMinute: Int
    public var quietHoursPending: Bool
    /// The building's zone: "IST", "GMT"/"BST"; "UTC" when unknown.
    public var quietZoneLabel: String
    /// False until the server's preferences were synced: the values are its defaults.
    public var isSynced: Bool

    /// Does `category` reach the member on `channel`.
    public func isOn(_ category: NotificationCategory, _ channel: NotificationChannel) -> Bool {
        channels[category]?.contains(channel) ?? false
    }

    /// The cell has a change of this device the server has not confirmed.
    public func isPending(_ category: NotificationCategory, _ channel: NotificationChannel) -> Bool {
        pendingChannels[category]?.contains(channel) ?? false
    }

    /// "22:00" for `quietFromMinute`.
    public var quietFrom: String { clock(quietFromMinute) }
    /// "07:00" for `quietToMinute`.
    public var quietTo: String { clock(quietToMinute) }

    init(_ p: mc_notification_prefs) {
        var p = p
        let categories = NotificationCategory.allCases
        let cells = withUnsafeBytes(of: &p.on) { on in
            withUnsafeBytes(of: &p.pending) { pending in
                (Array(on.bindMemory(to: Bool.self)), Array(pending.bindMemory(to: Bool.self)))
            }
        }
        let always = withUnsafeBytes(of: &p.always) { raw in
            raw.bindMemory(to: UnsafePointer<CChar>?.self).map { optionalString($0) }
        }
        let count = NotificationChannel.allCases.count
        var channels: [NotificationCategory: Set<NotificationChannel>] = [:]
        var pendingChannels: [NotificationCategory: Set<NotificationChannel>] = [:]
        var alwaysReaches: [NotificationCategory: String] = [:]
        for c in categories {
            let row = Int(c.rawValue)
            channels[c] = Set(NotificationChannel.allCases.filter { cells.0[row * count + Int($0.rawValue)] })
            pendingChannels[c] = Set(NotificationChannel.allCases.filter { cells.1[row * count + Int($0.rawValue)] })
            if row < always.count, let words = always[row] { alwaysReaches[c] = words }
        }
        self.channels = channels
        self.pendingChannels = pendingChannels
        self.alwaysReaches = alwaysReaches
        quietHoursEnabled = p.quiet_enabled
        quietFromMinute = Int(p.quiet_from_min)
        quietToMinute = Int(p.quiet_to_min)
        quietHoursPending = p.quiet_pending
        quietZoneLabel = cString(tuple: &p.quiet_zone_label)
        isSynced = p.synced
    }
}

private func clock(_ minute: Int) -> String {
    String(format: "%02d:%02d", minute / 60, minute % 60)
}

/// What a notification's deep link opens, parsed by the core (`mc_link_parse`): the item to
/// route to, with its id or number. A link the core does not understand is refused, never a
/// target.
public enum LinkTarget: Sendable, Hashable {
    /// No link.
    case none
    /// `membercore://billing/invoices/<id or number>`
    case invoice(id: String)
    /// `membercore://events/<id>`
    case event(id: String)
    /// `membercore://bookings/<id>`
    case booking(id: String)
    /// `membercore://passes/<id>`
    case pass(id: String)
    /// `membercore://tickets/<id>`
    case ticket(id: String)
    /// `membercore://visitors/<id>`
    case visitor(id: String)
    /// `membercore://desks/<desk booking id>`
    case desk(id: String)
    /// `membercore://announcements/<id>`
    case announcement(id: String)
    /// `membercore://offers/<id>`
    case offer(id: String)
    /// An https page: open it.
    case web(url: String)

    /// Parses `link` ("" : `.none`). Pure, any thread. Throws `.invalidArgument` for anything
    /// else, naming what was wrong (unknown section, bad id, query, escape, dot segment, not
    /// https, too long).
    public init(parsing link: String) throws {
        var t = mc_link_target()
        try link.withCString { l in _ = try check { mc_link_parse(l, &t, $0) } }
        let id = cString(tuple: &t.id)
        switch LinkKind(t.kind) {
        case .none: self = .none
        case .invoice: self = .invoice(id: id)
        case .event: self = .event(id: id)
        case .booking: self = .booking(id: id)
        case .pass: self = .pass(id: id)
        case .ticket: self = .ticket(id: id)
        case .visitor: self = .visitor(id: id)
        case .desk: self = .desk(id: id)
        case .announcement: self = .announcement(id: id)
        case .offer: self = .offer(id: id)
        case .web: self = .web(url: link)
        case .other:
            throw MemberCoreError.invalidArgument(message: "a link this library does not understand: \(link)")
        }
    }

    /// The kind of item (`LinkKind`).
    public var kind: LinkKind {
        switch self {
        case .none: .none
        case .invoice: .invoice
        case .event: .event
        case .booking: .booking
        case .pass: .pass
        case .ticket: .ticket
        case .visitor: .visitor
        case .desk: .desk
        case .announcement: .announcement
        case .offer: .offer
        case .web: .web
        }
    }
}

extension MemberCore {
    /// Read notifications older than this many days are pruned from the device after each sync.
    public static let notificationRetentionDays = Int(MC_NOTIFICATION_RETENTION_DAYS)

    /// The member's preferences as on this device. Throws `.unauthorized`, `.storage`.
    public func notificationPreferences() throws -> NotificationPreferences {
        try withHandle { h in
            var p = mc_notification_prefs()
            _ = try check { mc_notification_prefs_get(h, &p, $0) }
            return NotificationPreferences(p)
        }
    }

    /// Switches one category's channel on or off: at once locally (pending), queued; the value
    /// it already has queues nothing. Throws `.invalidArgument` (`.other`), `.unauthorized`,
    /// `.storage`.
    public func setNotificationPreference(
        _ category: NotificationCategory, _ channel: NotificationChannel, on: Bool
    ) throws {
        try withHandle { h in
            _ = try check { mc_notification_pref_set(h, category.cValue, channel.cValue, on, $0) }
        }
    }

    /// Sets quiet hours, minutes after the building's local midnight (0...1439, from != to;
    /// from after to crosses midnight). Locally at once, queued. Throws `.invalidArgument`,
    /// `.unauthorized`, `.storage`.
    public func setQuietHours(enabled: Bool, fromMinute: Int, toMinute: Int) throws {
        try withHandle { h in
            _ = try check {
                mc_notification_quiet_hours_set(
                    h, enabled, Int32(clamping: fromMinute), Int32(clamping: toMinute), $0)
            }
        }
    }

    /// Marks read every notification of the inbox (`category` nil) or of one category, as the
    /// inbox is on this device now: at once locally, queued as one write naming the newest one
    /// seen (one arriving meanwhile stays unread). Returns how many were unread (0: nothing
    /// queued). Throws `.invalidArgument`, `.unauthorized`, `.storage`.
    @discardableResult
    public func markAllRead(category: NotificationCategory? = nil) throws -> Int {
        try withHandle { h in
            var marked: Int32 = 0
            _ = try check {
                mc_notifications_mark_all_read(
                    h, category == nil, category?.cValue ?? MC_NOTIFY_OTHER, &marked, $0)
            }
            return Int(marked)
        }
    }

    /// Deletes from the local inbox the notifications that are read (confirmed by the server)
    /// and older than `olderThanDays` (at least 1) by the client's clock; unread ones, and ones
    /// with a queued read, are never pruned. Returns how many. Throws `.invalidArgument`,
    /// `.unauthorized`, `.storage`.
    @discardableResult
    public func pruneNotifications(olderThanDays: Int = MemberCore.notificationRetentionDays) throws -> Int {
        try withHandle { h in
            var pruned: Int64 = 0
            _ = try check { mc_notifications_prune(h, Int32(clamping: olderThanDays), &pruned, $0) }
            return Int(pruned)
        }
    }
}
