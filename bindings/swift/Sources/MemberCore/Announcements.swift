// The operator's announcements (membercore/announcements.h) and partner offers
// (membercore/offers.h). Announcements are local (marking one read is queued, like a
// notification); redeeming an offer is online, because the server hands out the codes.
import CMemberCore
import Foundation

/// An announcement (`mc_announcement`): a building's or everyone's, with the member's read
/// state (their pending mark included).
public struct Announcement: Sendable, Equatable, Identifiable {
    public var id: String
    /// nil for an operator-wide one.
    public var buildingId: String?
    public var title: String
    public var body: String
    /// Listed first.
    public var isPinned: Bool
    public var publishedAt: Date
    /// In its building's local time (the member's for an operator-wide one).
    public var publishedAtLocal: BuildingTime
    /// nil: it does not expire.
    public var expiresAt: Date?
    public var expiresAtLocal: BuildingTime?
    /// Including the member's pending mark.
    public var isRead: Bool
    /// `isRead` is not confirmed by the server yet.
    public var isPending: Bool

    init(_ a: mc_announcement) {
        id = string(a.id)
        buildingId = optionalString(a.building_id)
        title = string(a.title)
        body = string(a.body)
        isPinned = a.pinned
        publishedAt = date(fromMs: a.published_at_ms)
        publishedAtLocal = BuildingTime(a.published_at)
        expiresAt = date(orNilFromMs: a.expires_at_ms)
        expiresAtLocal = BuildingTime.orNil(a.expires_at)
        isRead = a.read
        isPending = a.pending
    }
}

/// The live announcements (`mc_announcement_list`): pinned first, then newest first, and the
/// unread count over all the live ones. A page when read with a `Page`.
public struct AnnouncementList: PagedResult, Equatable {
    public var announcements: [Announcement]
    public var unreadCount: Int
    /// The next page's cursor; nil: no more (always nil from the unpaged `announcements()`).
    public var nextCursor: String?

    /// `announcements`.
    public var items: [Announcement] { announcements }

    init() {
        announcements = []
        unreadCount = 0
        nextCursor = nil
    }

    init(_ l: mc_announcement_list) {
        announcements = listItems(of: l, Announcement.init)
        unreadCount = Int(l.unread_count)
        nextCursor = optionalString(l.next_cursor)
    }
}

extension mc_announcement_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_announcement_list_free(list) }
}

/// How an offer's codes are handed out (`mc_offer_code_kind`).
public enum OfferCodeKind: Int32, Sendable, Hashable {
    /// A kind newer than this library.
    case unknown = -1
    /// One code for everyone.
    case shared = 1
    /// One code of a pool per member; asking again gives the same one.
    case singleUse = 2

    init(_ c: mc_offer_code_kind) { self = coreEnum(c.rawValue) ?? .unknown }
}

/// A partner offer (`mc_offer`): its terms, validity and buildings, and the member's code once
/// redeemed (kept, shown offline afterwards).
public struct Offer: Sendable, Equatable, Identifiable {
    public var id: String
    /// "Blue Tokai".
    public var partner: String
    /// "20% off coffee".
    public var title: String
    public var description: String
    public var terms: String
    /// The buildings it applies to; empty: every building.
    public var buildingIds: [String]
    /// Building-local "YYYY-MM-DD", inclusive.
    public var validFrom: String
    public var validUntil: String
    public var codeKind: OfferCodeKind
    /// Single-use codes left as last synced; nil for a shared offer.
    public var remaining: Int?
    /// The member's code; nil until redeemed.
    public var code: String?
    public var redeemedAt: BuildingTime?
    public var isRedeemed: Bool

    init(_ o: mc_offer) {
        id = string(o.id)
        partner = string(o.partner)
        title = string(o.title)
        description = string(o.description)
        terms = string(o.terms)
        buildingIds = UnsafeBufferPointer(start: o.building_ids, count: o.building_count).map { string($0) }
        validFrom = string(o.valid_from)
        validUntil = string(o.valid_until)
        codeKind = OfferCodeKind(o.code_kind)
        remaining = o.remaining < 0 ? nil : Int(o.remaining)
        code = optionalString(o.code)
        redeemedAt = BuildingTime.orNil(o.redeemed_at)
        isRedeemed = o.redeemed
    }
}

extension MemberCore {
    // MARK: - Announcements

    /// The live announcements of the member's building and the operator-wide ones, pinned
    /// first then newest first, with the unread count: the whole list. Local. Throws
    /// `.unauthorized`, `.storage`.
    public func announcements() throws -> AnnouncementList {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_announcement_list>?
            _ = try check { mc_announcements_list(h, &list, $0) }
            return takeCList(list, AnnouncementList(), AnnouncementList.init)
        }
    }

    /// One page of `announcements()` (membercore/page.h): screens use this one. Throws as
    /// `announcements()`, and `.invalidArgument` for a bad page.
    public func announcements(page: Page) throws -> AnnouncementList {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_announcement_list>?
            _ = try withPage(page) { p in try check { mc_announcements_page(h, p, &list, $0) } }
            return takeCList(list, AnnouncementList(), AnnouncementList.init)
        }
    }

    /// Marks one announcement read: at once locally (pending), queued (`announcement.read`); a
    /// read one again queues nothing. Throws `.invalidArgument`, `.notFound`, `.unauthorized`,
    /// `.storage`.
    public func markAnnouncementRead(_ announcementId: String) throws {
        try withHandle { h in
            try announcementId.withCString { id in
                _ = try check { mc_announcement_mark_read(h, id, $0) }
            }
        }
    }

    // MARK: - Offers

    /// The offers valid today in scope of the member's building (on-demand users: all),
    /// redeemable ones first, then by partner. Local. Throws `.unauthorized`, `.storage`.
    public func offers() throws -> [Offer] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_offer_list>?
            _ = try check { mc_offers_list(h, &list, $0) }
            guard let list else { return [] }
            defer { mc_offer_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(Offer.init)
        }
    }

    /// Redeems an offer (online) and keeps its code: the offer with `code`; again, the same
    /// code. Throws `.invalidArgument`, `.notFound` (unknown, or not for the member's building),
    /// `.conflict` (no single-use codes left; outside its validity: the message names the
    /// dates), `.unauthorized`, `.offline`, `.network`, `.server`, `.storage`.
    @discardableResult
    public func redeemOffer(_ offerId: String) async throws -> Offer {
        try await blocking { h in
            var offer: UnsafeMutablePointer<mc_offer>?
            try offerId.withCString { id in _ = try check { mc_offer_redeem(h, id, &offer, $0) } }
            guard let offer else {
                throw MemberCoreError.server(
                    message: "the core returned no offer", httpStatus: nil, serverCode: nil)
            }
            defer { mc_offer_free(offer) }
            return Offer(offer.pointee)
        }
    }
}
