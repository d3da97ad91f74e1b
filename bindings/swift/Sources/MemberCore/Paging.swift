// Paging (membercore/page.h): which page of a list to read (`Page`), what a page holds
// (`PagedResult`, `ListPage`), and `Pages`, an AsyncSequence that walks a list to its end.
// The per-list calls live with their area (events(from:page:) in Community.swift, ...).
import CMemberCore
import Foundation

/// Which page of a list to read (`mc_page`). Cursors are keyset cursors: a page costs the
/// same however deep it is, and items added or removed meanwhile neither repeat nor skip the
/// items after the cursor. A cursor is opaque, valid only for the list (and filter) that
/// returned it, across restarts of the app too.
public struct Page: Sendable, Hashable {
    /// Items in a page when `limit` is 0 (`MC_PAGE_DEFAULT_LIMIT`).
    public static let defaultLimit = Int(MC_PAGE_DEFAULT_LIMIT)
    /// Most items a page holds; a larger `limit` is lowered to this (`MC_PAGE_MAX_LIMIT`).
    public static let maxLimit = Int(MC_PAGE_MAX_LIMIT)
    /// The first page of `defaultLimit` items.
    public static let first = Page()

    /// Items wanted: 0 means `defaultLimit`, above `maxLimit` is capped; negative is refused
    /// (`.invalidArgument`) by the read.
    public var limit: Int
    /// nil or "": the first page; otherwise the `nextCursor` of a page of the same list.
    /// Anything else is refused (`.invalidArgument`).
    public var cursor: String?

    public init(limit: Int = 0, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of a list: its items, in the list's order, and the cursor of the next page.
public protocol PagedResult: Sendable {
    associatedtype Item: Sendable
    /// This page's items, in the list's order.
    var items: [Item] { get }
    /// The next page's cursor; nil: this is the last page.
    var nextCursor: String? { get }
}

extension PagedResult {
    /// No page follows this one.
    public var isLastPage: Bool { nextCursor == nil }
    /// The page after this one with `limit` items (0: `Page.defaultLimit`); nil on the last page.
    public func nextPage(limit: Int = 0) -> Page? {
        nextCursor.map { Page(limit: limit, cursor: $0) }
    }
}

/// One page of a plain list (events, bookings, invoices, passes, credentials).
public struct ListPage<Item: Sendable & Equatable>: PagedResult, Equatable {
    public var items: [Item]
    public var nextCursor: String?
}

/// Every page of one list, first to last, read as the sequence is iterated (a page per
/// `next()`); the iteration ends after the page whose `nextCursor` is nil. Each step is a local
/// read of the store, on the iterating task; it throws what the list's paged read throws
/// (`.invalidArgument` for a negative limit, `.unauthorized`, `.storage`, `.closed`), and ends
/// after a throw. Make one with `eventPages(...)`, `invoicePages(...)`, ... Any thread or task.
public struct Pages<Result: PagedResult>: AsyncSequence, Sendable {
    public typealias Element = Result

    let limit: Int
    let read: @Sendable (Page) throws -> Result

    init(limit: Int, read: @escaping @Sendable (Page) throws -> Result) {
        self.limit = limit
        self.read = read
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let limit: Int
        let read: @Sendable (Page) throws -> Result
        var cursor: String?
        var finished = false

        /// The next page, or nil after the last one (or after a throw).
        public mutating func next() async throws -> Result? {
            guard !finished else { return nil }
            finished = true
            let page = try read(Page(limit: limit, cursor: cursor))
            cursor = page.nextCursor
            finished = cursor == nil
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(limit: limit, read: read)
    }
}

// MARK: - C lists

/// A C list a paged read returns: its items, their count, the next page's cursor.
protocol CPagedList {
    associatedtype CItem
    var items: UnsafeMutablePointer<CItem>! { get }
    var count: Int { get }
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var next_cursor: UnsafeMutablePointer<CChar>! { get }
    /// Frees the list (its `mc_*_list_free`).
    static func free(_ list: UnsafeMutablePointer<Self>)
}

extension mc_event_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_event_list_free(list) }
}
extension mc_notification_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_notification_list_free(list) }
}
extension mc_booking_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_booking_list_free(list) }
}
extension mc_invoice_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_invoice_list_free(list) }
}
extension mc_pass_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_pass_list_free(list) }
}
extension mc_credential_list: CPagedList {
    static func free(_ list: UnsafeMutablePointer<Self>) { mc_credential_list_free(list) }
}

extension MemberCore {
    /// A whole list (an unpaged `mc_*_list` call, `read(handle, &list, err)`), copied.
    func readList<L: CPagedList, Item: Sendable & Equatable>(
        _ convert: (L.CItem) -> Item,
        _ read: (OpaquePointer, inout UnsafeMutablePointer<L>?, UnsafeMutablePointer<mc_error>) -> mc_status
    ) throws -> [Item] {
        try withHandle { h in
            var list: UnsafeMutablePointer<L>?
            _ = try check { read(h, &list, $0) }
            return takeList(list, convert).items
        }
    }

    /// One page of a list (an `mc_*_page` call, `read(handle, page, &list, err)`), copied.
    func readPage<L: CPagedList, Item: Sendable & Equatable>(
        _ page: Page, _ convert: (L.CItem) -> Item,
        _ read: (
            OpaquePointer, UnsafePointer<mc_page>, inout UnsafeMutablePointer<L>?,
            UnsafeMutablePointer<mc_error>
        )
            -> mc_status
    ) throws -> ListPage<Item> {
        try withHandle { h in
            var list: UnsafeMutablePointer<L>?
            _ = try withPage(page) { p in try check { read(h, p, &list, $0) } }
            return takeList(list, convert)
        }
    }
}

/// Copies a list the core returned (nil: empty) into a `ListPage`, then frees it.
func takeList<L: CPagedList, Item>(
    _ list: UnsafeMutablePointer<L>?, _ convert: (L.CItem) -> Item
) -> ListPage<Item> {
    takeCList(list, ListPage(items: [], nextCursor: nil)) { l in
        ListPage(items: listItems(of: l, convert), nextCursor: optionalString(l.next_cursor))
    }
}

/// `make` over a list the core returned, which is freed after; `empty()` when it is nil.
func takeCList<L: CPagedList, T>(
    _ list: UnsafeMutablePointer<L>?, _ empty: @autoclosure () -> T, _ make: (L) -> T
) -> T {
    guard let list else { return empty() }
    defer { L.free(list) }
    return make(list.pointee)
}

/// A C list's items, converted.
func listItems<L: CPagedList, Item>(of list: L, _ convert: (L.CItem) -> Item) -> [Item] {
    UnsafeBufferPointer(start: list.items, count: list.count).map(convert)
}

/// `body` with `page` as an `mc_page` (its cursor alive for the call). A limit beyond Int32
/// keeps its sign (the core caps a large one and refuses a negative one).
func withPage<T>(_ page: Page, _ body: (UnsafePointer<mc_page>) throws -> T) rethrows -> T {
    try withOptionalCString(page.cursor) { cursor in
        var p = mc_page()
        p.limit = Int32(clamping: page.limit)
        p.cursor = cursor
        return try withUnsafePointer(to: &p) { try body($0) }
    }
}
