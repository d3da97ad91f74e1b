// Events, RSVPs and the notifications inbox (membercore/community.h), and the push token
// (membercore/device.h). All local: reads answer from the store, writes go to the outbox.
import CMemberCore
import Foundation

extension MemberCore {
    // MARK: - Events

    /// Events that end after `from` (nil: all), soonest first, with the member's pending RSVP
    /// layered on top. Throws `.unauthorized` (nobody signed in), `.storage`.
    public func events(from: Date? = nil) throws -> [Event] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_event_list>?
            _ = try check { mc_events_list(h, from.map(milliseconds) ?? 0, &list, $0) }
            guard let list else { return [] }
            defer { mc_event_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(Event.init)
        }
    }

    /// RSVP going / not going: recorded at once (the list shows it pending) and queued for the
    /// server, which decides. Never blocks on the network. Throws `.invalidArgument` (`.none`),
    /// `.notFound` (no such event locally), `.conflict` (it looks full already),
    /// `.unauthorized`, `.storage`.
    public func rsvp(eventId: String, _ rsvp: RSVP) throws {
        try withHandle { h in
            try eventId.withCString { id in _ = try check { mc_event_rsvp(h, id, rsvp.cValue, $0) } }
        }
    }

    // MARK: - Notifications

    /// The inbox, newest first (`unreadOnly`: only unread ones), with unread counts over the
    /// whole inbox. Throws `.unauthorized`, `.storage`.
    public func notifications(unreadOnly: Bool = false) throws -> Inbox {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_notification_list>?
            _ = try check { mc_notifications_list(h, unreadOnly, &list, $0) }
            guard let list else { return Inbox(notifications: [], unreadTotal: 0, unreadByCategory: [:]) }
            defer { mc_notification_list_free(list) }
            let l = list.pointee
            var counts = l.unread_by_category
            let byCategory = withUnsafeBytes(of: &counts) { raw in
                let values = raw.bindMemory(to: Int32.self)
                var result: [NotificationCategory: Int] = [:]
                for c in NotificationCategory.allCases where Int(c.rawValue) < values.count {
                    result[c] = Int(values[Int(c.rawValue)])
                }
                return result
            }
            return Inbox(
                notifications: UnsafeBufferPointer(start: l.items, count: l.count).map(
                    InboxNotification.init),
                unreadTotal: Int(l.unread_total), unreadByCategory: byCategory)
        }
    }

    /// Marks one notification read: at once locally, queued for the server (already read:
    /// nothing queued). Throws `.invalidArgument`, `.notFound`, `.unauthorized`, `.storage`.
    public func markRead(notificationId: String) throws {
        try withHandle { h in
            try notificationId.withCString { id in
                _ = try check { mc_notification_mark_read(h, id, $0) }
            }
        }
    }

    // MARK: - Push token

    /// Registers this install's push token for the signed-in member: recorded at once, queued
    /// and sent by sync (the same token again queues nothing). Throws `.invalidArgument`
    /// (empty, over 4096 bytes, not printable ASCII), `.unauthorized`, `.storage`.
    public func registerPushToken(_ token: String, provider: PushProvider = .apns) throws {
        try withHandle { h in
            try token.withCString { t in
                _ = try check { mc_push_token_register(h, provider.cValue, t, $0) }
            }
        }
    }

    /// The APNs device token as `application(_:didRegisterForRemoteNotificationsWithDeviceToken:)`
    /// hands it over, registered as lower-case hex.
    public func registerPushToken(apnsDeviceToken: Data) throws {
        try registerPushToken(apnsDeviceToken.map { String(format: "%02x", $0) }.joined(), provider: .apns)
    }
}
