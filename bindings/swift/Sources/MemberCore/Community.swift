// Events, RSVPs and the notifications inbox (membercore/community.h), and the push token
// (membercore/device.h). All local: reads answer from the store, writes go to the outbox.
import CMemberCore
import Foundation

extension MemberCore {
    // MARK: - Events

    /// Events that end after `from` (nil: all), soonest first, with the member's pending RSVP
    /// layered on top: the whole list (a screen reads `events(from:page:)`). Any thread.
    /// Throws `.unauthorized` (nobody signed in), `.storage`, `.closed`.
    public func events(from: Date? = nil) throws -> [Event] {
        try readList(Event.init) { mc_events_list($0, from.map(milliseconds) ?? 0, &$1, $2) }
    }

    /// One page of `events(from:)`, through an index (membercore/page.h). Any thread; reads run
    /// beside other reads and beside sync. Throws `.invalidArgument` (negative limit, or a
    /// cursor this list did not return), `.unauthorized`, `.storage`, `.closed`.
    public func events(from: Date? = nil, page: Page) throws -> ListPage<Event> {
        try readPage(page, Event.init) { mc_events_page($0, from.map(milliseconds) ?? 0, $1, &$2, $3) }
    }

    /// Every page of `events(from:)`, `limit` items each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `events(from:page:)`. Any thread or task.
    public func eventPages(from: Date? = nil, limit: Int = 0) -> Pages<ListPage<Event>> {
        Pages(limit: limit) { [self] page in try events(from: from, page: page) }
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
    /// whole inbox: the whole list (a screen reads `notifications(unreadOnly:page:)`). Any
    /// thread. Throws `.unauthorized`, `.storage`, `.closed`.
    public func notifications(unreadOnly: Bool = false) throws -> Inbox {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_notification_list>?
            _ = try check { mc_notifications_list(h, unreadOnly, &list, $0) }
            return takeCList(list, Inbox(), Inbox.init)
        }
    }

    /// One page of the inbox (`notifications(unreadOnly:)`), through an index, with the unread
    /// counts over the whole inbox and `nextCursor` (membercore/page.h). Any thread; reads run
    /// beside other reads and beside sync. Throws `.invalidArgument` (negative limit, or a
    /// cursor this list and filter did not return), `.unauthorized`, `.storage`, `.closed`.
    public func notifications(unreadOnly: Bool = false, page: Page) throws -> Inbox {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_notification_list>?
            _ = try withPage(page) { p in
                try check { mc_notifications_page(h, unreadOnly, p, &list, $0) }
            }
            return takeCList(list, Inbox(), Inbox.init)
        }
    }

    /// Every page of the inbox, `limit` notifications each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `notifications(unreadOnly:page:)`. Any thread or task.
    public func notificationPages(unreadOnly: Bool = false, limit: Int = 0) -> Pages<Inbox> {
        Pages(limit: limit) { [self] page in try notifications(unreadOnly: unreadOnly, page: page) }
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

    /// Unregisters this install's push token (sign-out of push on this device: the server
    /// sends it no more pushes): recorded at once and queued; with no token registered it
    /// queues nothing. Never blocks on the network. Throws `.unauthorized`, `.storage`.
    public func unregisterPushToken() throws {
        try withHandle { h in _ = try check { mc_push_token_unregister(h, $0) } }
    }
}
