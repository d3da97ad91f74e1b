// Meeting rooms through the Swift API: search, credit bookings offline, cancel, Razorpay.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Asha, signed in and synced, on her own data directory.
func signedInAsha(_ f: Fixture) async throws -> MemberCore {
    let core = try f.open()
    try await f.signIn(core, asha)
    try await core.syncOnce()
    return core
}

@Suite("rooms and bookings", .timeLimit(.minutes(1)))
struct BookingTests {
    @Test("search answers from the local store, filtered, and names bad fields")
    func search() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let result = try core.searchRooms(
                RoomQuery(buildingId: "BLR-1", date: "2027-01-05", minCapacity: 10, amenities: ["projector"]))
            #expect(result.timeZoneIdentifier == "Asia/Kolkata")
            #expect(result.rooms.allSatisfy { $0.capacity >= 10 })
            let board = try #require(result.rooms.first { $0.id == "BLR-1-BOARD" })
            #expect(board.capacity == 12)
            #expect(board.amenities.contains("projector"))
            #expect(board.creditsPerHour == 6)
            #expect(board.pricePerHour.minor == 250_000)
            #expect((1...14).contains(board.freeSlots.count))
            #expect(board.freeSlots[0].localMinute >= 8 * 60)
            #expect(board.freeSlots.map(\.start) == board.freeSlots.map(\.start).sorted())

            let narrowed = try core.searchRooms(
                RoomQuery(buildingId: "BLR-1", date: "2027-01-05", from: "10:00", to: "12:00"))
            let slots = try #require(narrowed.rooms.first { $0.id == "BLR-1-BOARD" }).freeSlots
            #expect(slots.allSatisfy { (600..<720).contains($0.localMinute) })
            #expect(slots.first.map { ["10:00", "11:00"].contains($0.localTime) } ?? true)
            let sunday = try core.searchRooms(RoomQuery(buildingId: "BLR-1", date: "2027-01-10"))
            #expect(sunday.rooms.allSatisfy { $0.freeSlots.isEmpty })
            #expect(sunday.whyNone == .closed)
            #expect(sunday.whyNone.name == "closed")
            #expect(sunday.whyNoneMessage == "BLR-1 is closed on Sundays")
            #expect(sunday.rooms.allSatisfy { $0.whyNone == .closed })
            #expect(narrowed.whyNone == .none || narrowed.rooms.allSatisfy { $0.freeSlots.isEmpty })
            #expect(result.whyNone == .none && result.whyNoneMessage == "")

            do {
                _ = try core.searchRooms(RoomQuery(buildingId: "BLR-1", date: "2027-02-30"))
                Issue.record("2027-02-30 was accepted")
            } catch MemberCoreError.invalidArgument(let message) {
                #expect(message.contains("date"))
            }
            #expect(throws: MemberCoreError.self) {
                try core.searchRooms(RoomQuery(buildingId: "BLR-1", date: "2027-01-05", from: "25:00"))
            }
            do {
                _ = try core.searchRooms(RoomQuery(buildingId: "PAR-9", date: "2027-01-05"))
                Issue.record("an unknown building was found")
            } catch MemberCoreError.notFound {}
        }
    }

    @Test("a credit booking made offline is pending, then confirmed on sync with the guest's credential")
    func offlineCreditBooking() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            let before = try core.credits()
            #expect(before.companyId == "ACME")
            #expect(before.companyName == "Acme Corp")
            #expect(before.monthlyCredits == 200)
            core.close()

            core = try f.open(deadServer)
            let booking = try await core.book(
                BookingRequest(
                    roomId: "BLR-1-BOARD", date: "2027-01-07", start: "10:00", hours: 2,
                    guests: [Guest(name: "Ravi Kumar", email: "ravi@example.in")]))
            #expect(booking.status == .pending)
            #expect(booking.status.name == "pending")
            #expect(booking.isPending)
            #expect(booking.paidBy == .credits)
            #expect(booking.end.timeIntervalSince(booking.start) == 2 * 3600)
            #expect(booking.credits == 12)
            #expect(booking.guests.first?.credentialId == nil)
            let free = try core.searchRooms(RoomQuery(buildingId: "BLR-1", date: "2027-01-07"))
            let minutes = try #require(free.rooms.first { $0.id == "BLR-1-BOARD" }).freeSlots.map(
                \.localMinute)
            #expect(minutes.contains(540))
            #expect(!minutes.contains(600) && !minutes.contains(660))
            let held = try core.credits()
            #expect(held.balance == before.balance - 12)
            #expect(held.pendingDebit == 12)
            #expect(try core.bookings().first { $0.id == booking.id }?.isPending == true)
            core.close()

            core = try f.open()
            #expect(try await core.syncOnce().pushed == 1)
            let confirmed = try #require(try core.bookings().first { $0.id == booking.id })
            #expect(confirmed.status == .confirmed)
            #expect(confirmed.isPending == false)
            #expect(confirmed.guests.count == 1)
            #expect(confirmed.guests[0].name == "Ravi Kumar")
            #expect(confirmed.guests[0].credentialId != nil)
            let after = try core.credits()
            #expect(after.balance == before.balance - 12)
            #expect(after.pendingDebit == 0)
            #expect(after.ledger.first?.reason == "booking")
            #expect(after.ledger.first?.delta == -12)
            let (status, emails) = try await f.stub.request("GET", "/v1/test/emails?to=ravi@example.in")
            #expect(status == 200)
            #expect(emails.contains("credential_id"))
        }
    }

    @Test("cancel refunds the credits and frees the block; twice is invalidState")
    func cancel() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let before = try core.credits().balance
            let booking = try await core.book(
                BookingRequest(roomId: "BLR-1-BOARD", date: "2027-01-06", start: "11:00", hours: 1))
            try await core.syncOnce()
            #expect(try core.credits().balance < before)
            let returned = try core.cancelBooking(booking.id)
            #expect(returned.id == booking.id && returned.status == .cancelled && returned.isPending)
            let cancelled = try #require(try core.bookings().first { $0.id == booking.id })
            #expect(cancelled.status == .cancelled)
            #expect(cancelled.isPending)
            try await core.syncOnce()
            #expect(try core.credits().balance == before)
            #expect(try core.credits().ledger.contains { $0.reason == "refund" && $0.delta == 6 })
            do {
                try core.cancelBooking(booking.id)
                Issue.record("cancelled twice")
            } catch MemberCoreError.invalidState {}
            do {
                try core.cancelBooking("no-such-booking")
                Issue.record("an unknown booking was cancelled")
            } catch MemberCoreError.notFound {}
        }
    }

    @Test("Razorpay: a forged signature is paymentFailed, a valid one confirms; offline is offline")
    func razorpay() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let booking = try await core.book(
                BookingRequest(
                    roomId: "BLR-1-BOARD", date: "2027-01-07", start: "16:00", hours: 1, payment: .razorpay))
            #expect(booking.status == .pendingPayment)
            #expect(booking.paidBy == .razorpay)
            #expect(booking.amount.minor == 295_000)  // 1 h at ₹2,500 plus 18% GST
            #expect(!booking.isPaid)  // held, not paid
            let order = try #require(booking.razorpayOrderId)
            #expect(booking.razorpayKeyId != nil)

            func checkout(forge: Bool) async throws -> (paymentId: String, signature: String) {
                let (status, body) = try await f.stub.request(
                    "POST", "/v1/test/razorpay/pay", json: "{\"order_id\":\"\(order)\",\"forge\":\(forge)}")
                #expect(status == 200)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                return (
                    try #require(json["payment_id"] as? String), try #require(json["signature"] as? String)
                )
            }
            let forged = try await checkout(forge: true)
            do {
                _ = try await core.confirmPayment(
                    bookingId: booking.id, orderId: order, paymentId: forged.paymentId,
                    signature: forged.signature)
                Issue.record("a forged signature confirmed the payment")
            } catch MemberCoreError.paymentFailed(_, let http, _) {
                #expect(http != nil)
            }
            let paid = try await checkout(forge: false)
            for _ in 0..<2 {  // confirming twice is harmless
                let confirmed = try await core.confirmPayment(
                    bookingId: booking.id, orderId: order, paymentId: paid.paymentId,
                    signature: paid.signature)
                #expect(confirmed.status == .confirmed)
                #expect(confirmed.isPaid)
            }
            core.close()

            let offline = try f.open(deadServer)
            do {
                _ = try await offline.book(
                    BookingRequest(
                        roomId: "BLR-1-BOARD", date: "2027-01-07", start: "17:00", hours: 1,
                        payment: .razorpay))
                Issue.record("a Razorpay booking was made offline")
            } catch MemberCoreError.offline {}
        }
    }

    @Test("two members book one block: the second is refused on sync (slot_taken) and rolled back")
    func conflictRollsBack() async throws {
        try await withFixture { f in
            let a = try await signedInAsha(f)
            let otherDir = try makeTempDir("vikram")
            defer { try? FileManager.default.removeItem(at: otherDir) }
            let v = try f.open(dataDir: otherDir)
            try await f.signIn(v, vikram)
            try await v.syncOnce()
            let request = BookingRequest(roomId: "BLR-1-BOARD", date: "2027-01-05", start: "15:00", hours: 1)
            _ = try await a.book(request)
            _ = try await v.book(request)
            try await a.syncOnce()
            let rejections = try v.syncEvents(.mutationRejected)
            let report = try await v.syncOnce()
            #expect(report.rejected == 1)
            let event = try await first(rejections, within: 5) { _ in true }
            guard case .mutationRejected(let r) = try #require(event) else {
                Issue.record("no rejection")
                return
            }
            #expect(r.serverCode == "slot_taken")
            #expect(r.rule == .taken)
            #expect(try v.outbox().map(\.errorRule) == [.taken])
            #expect(try v.bookings().isEmpty)
            #expect(try v.credits().balance == a.credits().balance)
            #expect(try v.credits().pendingDebit == 0)
        }
    }

    @Test("a refused booking names the rule and says it: closed, beyond the window, taken")
    func refusalsNameTheRule() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            func refusal(_ date: String, _ start: String) async -> MemberCoreError? {
                do {
                    _ = try await core.book(
                        BookingRequest(roomId: "BLR-1-BOARD", date: date, start: start, hours: 1))
                    return nil
                } catch let e as MemberCoreError {
                    return e
                } catch {
                    return nil
                }
            }
            let sunday = try #require(await refusal("2027-01-10", "10:00"))
            guard case .conflict(let message, _, _, let rule) = sunday else {
                Issue.record("got \(sunday)")
                return
            }
            #expect(rule == .closed)
            #expect(sunday.rule == .closed)
            #expect(message == "BLR-1-BOARD on 2027-01-10 at 10:00 for 1 h: BLR-1 is closed on Sundays")
            let far = try #require(await refusal("2027-02-10", "10:00"))
            #expect(far.rule == .beyondWindow)
            #expect(far.message.contains("30 days ahead"))
            let seeded = try #require(await refusal("2027-01-05", "10:00")) /* a seeded booking */
            #expect(seeded.rule == .taken)
            let unknownRoom: MemberCoreError
            do {
                _ = try await core.book(
                    BookingRequest(roomId: "BLR-1-NOPE", date: "2027-01-07", start: "10:00", hours: 1))
                Issue.record("an unknown room was booked")
                return
            } catch let e as MemberCoreError {
                unknownRoom = e
            }
            #expect(unknownRoom.rule == .none)
        }
    }

    @Test("a booking the credits cannot pay is refused at once")
    func insufficientCredits() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let dates = ["2027-01-07", "2027-01-08", "2027-01-09", "2027-01-11", "2027-01-12", "2027-01-13"]
            var refusal: MemberCoreError?
            for d in dates where refusal == nil {
                do {
                    _ = try await core.book(
                        BookingRequest(roomId: "BLR-1-BOARD", date: d, start: "08:00", hours: 12))
                } catch let e as MemberCoreError {
                    refusal = e
                }
            }
            guard case .insufficientCredits(let message, _, _) = try #require(refusal) else {
                Issue.record("got \(String(describing: refusal))")
                return
            }
            #expect(message.contains("credits"))
            #expect(try core.credits().balance >= 0)
        }
    }
}
