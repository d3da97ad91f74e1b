// Paging through the Swift API (membercore/page.h) against memberstub: every list a screen
// shows, walked page by page with a small limit to its end, gives each item once, in the order
// of the whole list; a cursor that is not one and a negative limit are refused.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Walks `pages` to its end: every page's items in order, and the pages. Fails the test when a
/// page holds more than `limit` items, a page before the last is empty, or the walk does not end.
func walk<P: PagedResult>(
    _ pages: Pages<P>, limit: Int, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> (items: [P.Item], pages: [P]) {
    var items: [P.Item] = []
    var seen: [P] = []
    for try await page in pages {
        #expect(
            page.items.count <= limit, "a page of \(page.items.count) > \(limit)",
            sourceLocation: sourceLocation)
        if !page.isLastPage {
            #expect(!page.items.isEmpty, "an empty page before the last", sourceLocation: sourceLocation)
        }
        items += page.items
        seen.append(page)
        if seen.count > 1000 {
            Issue.record("the walk did not end after 1000 pages", sourceLocation: sourceLocation)
            break
        }
    }
    return (items, seen)
}

/// `walked` is `whole` item for item (each once, same order), spread over more than one page.
func expectSameList<T: Identifiable>(
    _ walked: [T], pageCount: Int, _ whole: [T], atLeast: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) where T.ID == String {
    let ids = walked.map(\.id)
    #expect(whole.count >= atLeast, "the whole list holds \(whole.count)", sourceLocation: sourceLocation)
    #expect(ids == whole.map(\.id), sourceLocation: sourceLocation)
    #expect(Set(ids).count == ids.count, "an item came twice", sourceLocation: sourceLocation)
    #expect(pageCount > 1, "the walk took \(pageCount) page(s)", sourceLocation: sourceLocation)
}

extension StubServer {
    /// Sends `phone` a notification (a change only they pull).
    func sendNotification(_ phone: String, category: String, title: String) async throws {
        let (status, body) = try await request(
            "POST", "/v1/test/notifications",
            json:
                "{\"phone\":\"\(phone)\",\"category\":\"\(category)\",\"title\":\"\(title)\",\"body\":\"b\"}")
        guard status == 200 || status == 201 else {
            throw TestFailure("POST /v1/test/notifications: HTTP \(status) \(body)")
        }
    }

    /// Creates an event in BLR-1 from `startMs`, an hour long.
    func createEvent(_ title: String, startMs: Int64) async throws {
        let (status, body) = try await request(
            "POST", "/v1/test/events",
            json: "{\"building_id\":\"BLR-1\",\"title\":\"\(title)\",\"starts_at_ms\":\(startMs),"
                + "\"ends_at_ms\":\(startMs + 3_600_000),\"capacity\":20}")
        guard status == 200 || status == 201 else {
            throw TestFailure("POST /v1/test/events: HTTP \(status) \(body)")
        }
    }
}

@Suite("paging every list", .timeLimit(.minutes(1)))
struct PagingTests {
    @Test("the inbox walked 3 at a time: every notification once, in order, counts on every page")
    func notificationsWalk() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            // Some at the same instant (ties broken by id), some a minute apart.
            for i in 0..<8 {
                try await f.stub.sendNotification(
                    asha, category: i % 2 == 0 ? "billing" : "events", title: "Note \(i)")
                if i % 3 == 2 { try await f.stub.advanceClock(60_000) }
            }
            try await core.syncOnce()
            let whole = try core.notifications()
            #expect(whole.nextCursor == nil)
            let (walked, pages) = try await walk(core.notificationPages(limit: 3), limit: 3)
            expectSameList(walked, pageCount: pages.count, whole.notifications, atLeast: 8)
            for page in pages {
                #expect(page.unreadTotal == whole.unreadTotal)
                #expect(page.unreadByCategory == whole.unreadByCategory)
            }

            // By hand, page after page, as a screen scrolls; and the unread-only filter.
            try core.markRead(notificationId: whole.notifications[1].id)
            var page: Page? = Page(limit: 2)
            var unread: [InboxNotification] = []
            var pageCount = 0
            while let p = page, pageCount < 100 {
                let inbox = try core.notifications(unreadOnly: true, page: p)
                unread += inbox.notifications
                page = inbox.nextPage(limit: 2)
                pageCount += 1
            }
            #expect(page == nil, "the unread walk did not end after 100 pages")
            let wholeUnread = try core.notifications(unreadOnly: true).notifications
            #expect(unread.map(\.id) == wholeUnread.map(\.id))
            #expect(!unread.contains { $0.id == whole.notifications[1].id })
            #expect(
                unread.count == whole.notifications.count - whole.notifications.filter(\.isRead).count - 1)
        }
    }

    @Test("events and bookings walked 2 at a time, from a date and all")
    func eventsAndBookingsWalk() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            for i in 0..<5 {
                // Two pairs start together: ties sort by id.
                try await f.stub.createEvent("Meetup \(i)", startMs: t0Ms + 86_400_000 * Int64(1 + i / 2))
            }
            try await core.syncOnce()
            let events = try await walk(core.eventPages(limit: 2), limit: 2)
            expectSameList(events.items, pageCount: events.pages.count, try core.events(), atLeast: 5)
            let later = Date(timeIntervalSince1970: TimeInterval(t0Ms + 2 * 86_400_000) / 1000)
            let fromLater = try await walk(core.eventPages(from: later, limit: 2), limit: 2)
            #expect(fromLater.items.map(\.id) == (try core.events(from: later)).map(\.id))
            #expect(fromLater.items.count < events.items.count)

            for (date, start) in [("2027-01-06", "10:00"), ("2027-01-06", "14:00"), ("2027-01-07", "10:00")] {
                _ = try await core.book(
                    BookingRequest(roomId: "BLR-1-BOARD", date: date, start: start, hours: 1))
            }
            let bookings = try await walk(core.bookingPages(limit: 2), limit: 2)
            expectSameList(bookings.items, pageCount: bookings.pages.count, try core.bookings(), atLeast: 3)

            // The credit ledger: the booked lines once synced, one line a page.
            try await core.syncOnce()
            let whole = try core.credits()
            let ledger = try await walk(core.creditPages(limit: 1), limit: 1)
            expectSameList(ledger.items, pageCount: ledger.pages.count, whole.ledger, atLeast: 3)
            #expect(
                ledger.pages.allSatisfy { $0.balance == whole.balance && $0.companyId == whole.companyId })
            #expect(whole.ledgerNextCursor == nil)
        }
    }

    @Test("invoices, passes and credentials walked a page at a time")
    func billingAndAccessWalk() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let invoices = try await walk(core.invoicePages(limit: 3), limit: 3)
            expectSameList(invoices.items, pageCount: invoices.pages.count, try core.invoices(), atLeast: 4)
            // One page past the first, by hand, equals the walk's second page.
            let first = try core.invoices(page: Page(limit: 3))
            let second = try core.invoices(page: try #require(first.nextPage(limit: 3)))
            #expect(second == invoices.pages[1])

            try await f.buyPasses(core, PassCart(buildingId: "BLR-1", dates: Array(weekDates.prefix(3))))
            try await core.syncOnce()
            let passes = try await walk(core.passPages(limit: 2), limit: 2)
            expectSameList(passes.items, pageCount: passes.pages.count, try core.passes(), atLeast: 3)
            let credentials = try await walk(core.credentialPages(limit: 1), limit: 1)
            expectSameList(
                credentials.items, pageCount: credentials.pages.count, try core.credentials(), atLeast: 3)
        }
    }

    @Test("a cursor that is not one and a negative limit are invalid arguments, on every list")
    func badPagesRefused() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let reads: [(String, (Page) throws -> Void)] = [
                ("notifications", { _ = try core.notifications(page: $0) }),
                ("events", { _ = try core.events(page: $0) }),
                ("bookings", { _ = try core.bookings(page: $0) }),
                ("invoices", { _ = try core.invoices(page: $0) }),
                ("passes", { _ = try core.passes(page: $0) }),
                ("credentials", { _ = try core.credentials(page: $0) }),
                ("credits", { _ = try core.credits(page: $0) }),
            ]
            for (name, read) in reads {
                for bad in [Page(limit: 5, cursor: "not-a-cursor"), Page(limit: -1), Page(limit: Int.min)] {
                    do {
                        try read(bad)
                        Issue.record("\(name): \(bad) was accepted")
                    } catch MemberCoreError.invalidArgument(let message) {
                        #expect(!message.isEmpty, "\(name): an empty message")
                    } catch {
                        Issue.record("\(name): \(bad) threw \(error), not .invalidArgument")
                    }
                }
                // Nothing wrong with the first page of any size, however large.
                try read(Page(limit: Int.max))
                try read(.first)
            }

            // A walk that throws ends there.
            var iterator = core.invoicePages(limit: -1).makeAsyncIterator()
            do {
                _ = try await iterator.next()
                Issue.record("a walk with limit -1 gave a page")
            } catch MemberCoreError.invalidArgument {}
            #expect(try await iterator.next() == nil)

            let invoices = try core.invoices()
            #expect(try core.invoices(page: Page(limit: Int.max)).items == invoices)
            #expect(try core.invoices(page: Page(limit: Int.max)).nextCursor == nil)
        }
    }
}
