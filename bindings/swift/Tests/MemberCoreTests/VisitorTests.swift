// Visitors through the Swift API against memberstub (docs/notifications-protocol.md): Asha
// invites a visitor offline and syncs (the server emails the code), lists, invites the same
// person again and cancels; Kiran Das at BLR-1's front desk checks a visitor in and Asha sees
// the arrival and its urgent alert after sync; a walk-in she approves. Clocks at t0 (Monday
// 2027-01-04 10:00 IST).
import Foundation
import MemberCore
import Testing

let ravi = VisitorInvitation(
    name: "Ravi Kumar", email: "ravi@example.com", phone: "+919812345678", date: "2027-01-05",
    window: VisitorWindow(fromMinute: 600, toMinute: 720))

extension StubServer {
    /// A GET of a test route that must answer 200, with the phone in its query.
    func testGet(_ path: String, phone: String, extra: String = "") async throws -> String {
        let encoded = phone.replacingOccurrences(of: "+", with: "%2B")
        let (status, body) = try await request("GET", "\(path)?phone=\(encoded)\(extra)")
        guard status == 200 else { throw TestFailure("GET \(path): \(status) \(body)") }
        return body
    }

    /// The emails sent to an address (`GET /v1/test/emails`), as the stub's JSON.
    func emails(to address: String) async throws -> String {
        let (status, body) = try await request("GET", "/v1/test/emails?to=\(address)")
        guard status == 200 else { throw TestFailure("emails: \(status) \(body)") }
        return body
    }

    /// The channels of a member's deliveries of `kind` (`GET /v1/test/deliveries`), oldest first.
    func deliveryChannels(_ phone: String, kind: String) async throws -> [String] {
        let body = try await testGet("/v1/test/deliveries", phone: phone, extra: "&kind=\(kind)")
        guard let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let list = json["deliveries"] as? [[String: Any]]
        else { throw TestFailure("deliveries: \(body)") }
        return list.compactMap { $0["channel"] as? String }
    }
}

/// A second signed-in client (own data directory) for `phone`; the directory goes with `body`.
func withSecondClient(
    _ f: Fixture, _ phone: String, _ body: (MemberCore) async throws -> Void
) async throws {
    let dir = try makeTempDir("second")
    defer { try? FileManager.default.removeItem(at: dir) }
    let core = try f.open(dataDir: dir)
    defer { core.close() }
    try await f.signIn(core, phone)
    try await core.syncOnce()
    try await body(core)
}

@Suite("visitors", .timeLimit(.minutes(1)))
struct VisitorTests {
    @Test("invited offline, synced (the code emailed and texted), invited again, cancelled")
    func inviteOfflineThenSync() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            core.close()

            core = try f.open(deadServer)
            let id = try core.inviteVisitor(ravi)
            #expect(id.hasPrefix("vis_"))
            let listed = try #require(try core.visitors().first { $0.id == id })
            #expect(listed.name == "Ravi Kumar")
            #expect(listed.phone == "+919812345678")
            #expect(listed.buildingId == "BLR-1")
            #expect(listed.date == "2027-01-05")
            #expect(listed.status == .invited)
            #expect(listed.status.name == "invited")
            #expect(listed.isPending)
            #expect(listed.window == VisitorWindow(fromMinute: 600, toMinute: 720))
            #expect(listed.windowFrom?.hour == 10)
            #expect(listed.windowFrom?.label == "IST")
            #expect(listed.windowTo?.hour == 12)
            #expect(listed.arrivedAt == nil)
            #expect(await error { _ = try await core.syncOnce() }?.code == .offline)
            #expect(try core.outbox().map(\.kind) == ["visitor.invite"])
            core.close()

            core = try f.open()
            defer { core.close() }
            let report = try await core.syncOnce()
            #expect(report.pushed == 1 && report.rejected == 0)
            #expect(report.changedKinds.contains(.visitor))
            #expect(try core.visitor(id).isPending == false)
            #expect(try await f.stub.emails(to: "ravi@example.com").contains("access-qr.png"))
            #expect(
                try await f.stub.testGet("/v1/test/sms", phone: "+919812345678")
                    .contains("Asha Rao invited you to Indiranagar"))

            let again = try core.inviteVisitorAgain(id, date: "2027-01-06")
            let copy = try core.visitor(again)
            #expect(again != id)
            #expect(copy.name == "Ravi Kumar" && copy.email == "ravi@example.com")
            #expect(copy.phone == "+919812345678" && copy.date == "2027-01-06")
            #expect(copy.window == nil && copy.windowFrom == nil)
            #expect(try core.visitors().map(\.id) == [id, again])

            try core.cancelVisitor(id)
            #expect(try core.visitor(id).status == .cancelled)
            #expect(try core.visitor(id).isPending)
            let second = try await core.syncOnce()
            #expect(second.pushed == 2 && second.rejected == 0)
            #expect(try core.visitor(id).status == .cancelled)
            #expect(try core.visitor(id).isPending == false)
            #expect(try core.visitors().map(\.id) == [again])
            #expect(try core.visitors(upcomingOnly: false).contains { $0.id == id })
            #expect(await error { try core.cancelVisitor(id) }?.code == .invalidState)
        }
    }

    @Test("bad invitations are refused with their code and nothing is kept")
    func badInvitations() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            var bad = ravi
            bad.name = ""
            #expect(await error { try core.inviteVisitor(bad) }?.message.contains("name") == true)
            bad = ravi
            bad.email = "not an email"
            #expect(await error { try core.inviteVisitor(bad) }?.code == .invalidArgument)
            bad = ravi
            bad.window = VisitorWindow(fromMinute: 720, toMinute: 600)
            #expect(await error { try core.inviteVisitor(bad) }?.code == .invalidArgument)
            bad = ravi
            bad.date = "2027-01-10"  // a Sunday: BLR-1 is closed
            let closed = await error { try core.inviteVisitor(bad) }
            #expect(closed?.code == .invalidState)
            #expect(closed?.message.contains("closed") == true)
            bad.date = "2027-01-01"
            #expect(await error { try core.inviteVisitor(bad) }?.code == .invalidState)
            bad = ravi
            bad.buildingId = "NOWHERE-1"
            #expect(await error { try core.inviteVisitor(bad) }?.code == .notFound)
            #expect(await error { _ = try core.visitor("vis_nobody") }?.code == .notFound)
            #expect(try core.visitors(upcomingOnly: false).isEmpty)
            #expect(try core.outbox().isEmpty)
        }
    }

    @Test("Kiran Das checks a visitor in; Asha sees the arrival and its urgent alert after sync")
    func receptionCheckIn() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            try core.registerPushToken("apns-token-asha", provider: .apns)
            var today = ravi
            today.date = "2027-01-04"
            let id = try core.inviteVisitor(today)
            let tomorrow = try core.inviteVisitor(
                VisitorInvitation(name: "Meera Iyer", email: "meera@example.com", date: "2027-01-05"))
            try await core.syncOnce()

            try await withSecondClient(f, kiran) { desk in
                let expected = try #require(try await desk.receptionVisitors().first { $0.id == id })
                #expect(expected.hostName == "Asha Rao")
                #expect(expected.status == .invited)
                #expect(try await desk.receptionVisitors(date: "2027-01-05").contains { $0.id == tomorrow })
                let arrived = try await desk.checkInVisitor(id)
                #expect(arrived.status == .arrived)
                #expect(arrived.checkIn == .reception)
                #expect(arrived.arrivedAtLocal?.hour == 10)
                #expect(arrived.arrivedAtLocal?.label == "IST")
                let twice = await error { _ = try await desk.checkInVisitor(id) }
                #expect(twice?.code == .invalidState)
                #expect(await error { _ = try await desk.checkInVisitor(tomorrow) }?.code == .invalidState)
                #expect(await error { _ = try await desk.checkInVisitor("vis_nobody") }?.code == .notFound)
            }

            try await core.syncOnce()
            let mine = try core.visitor(id)
            #expect(mine.status == .arrived)
            #expect(mine.checkIn == .reception)
            let alert = try #require(
                try core.notifications().notifications.first { $0.target == .visitor(id: id) })
            #expect(alert.kind == "visitor.arrived")
            #expect(alert.isUrgent)
            #expect(alert.category == .bookings)
            #expect(alert.linkKind == .visitor)
            #expect(alert.target == .visitor(id: id))
            #expect(try await f.stub.pushes(asha).contains("membercore://visitors/\(id)"))
            #expect(await error { _ = try await core.receptionVisitors() }?.code == .forbidden)
        }
    }

    @Test("a walk-in reception registers; the host approves it from the app")
    func walkInApproved() async throws {
        try await withFixture { f in
            var id = ""
            try await withSecondClient(f, kiran) { desk in
                let walkIn = try await desk.registerWalkIn(WalkIn(hostPhone: asha, name: "Sunil Rao"))
                id = walkIn.id
                #expect(walkIn.status == .awaitingApproval)
                #expect(walkIn.isWalkIn)
                #expect(walkIn.hostName == "Asha Rao")
                #expect(walkIn.approvalDueLocal?.hour == 10)
                #expect(walkIn.approvalDueLocal?.minute == 15)
                #expect(
                    await error { _ = try await desk.registerWalkIn(WalkIn(hostPhone: "+919899999999", name: "X")) }?
                        .code == .notFound)
            }
            let core = try await signedInAsha(f)
            defer { core.close() }
            #expect(try core.visitor(id).status == .awaitingApproval)
            #expect(try core.notifications().notifications.contains { $0.kind == "visitor.walk_in" && $0.isUrgent })
            try core.decideVisitor(id, approve: true)
            #expect(try core.visitor(id).isPending)
            try await core.syncOnce()
            #expect(try core.visitor(id).status == .arrived)
            #expect(await error { try core.decideVisitor(id, approve: false) }?.code == .invalidState)
        }
    }
}
