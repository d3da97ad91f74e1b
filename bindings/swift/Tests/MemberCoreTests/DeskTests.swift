// Hot desks through the Swift API against memberstub (docs/today-desks-community.md): Asha (8
// plan desk days a month at BLR-1) searches, books a desk offline with a plan day, syncs
// (confirmed, its door code on the device), is refused a second desk that day, cancels;
// Vikram's dedicated desk; a Razorpay desk day paid through the simulated checkout. Clocks at
// t0 (Monday 2027-01-04 10:00 IST).
import Foundation
import MemberCore
import Testing

@Suite("desks", .timeLimit(.minutes(1)))
struct DeskTests {
    @Test("searched, booked offline with a plan day, confirmed on sync with its door code, cancelled")
    func bookOfflineThenSync() async throws {
        try await withFixture { f in
            var core = try await signedInAsha(f)
            core.close()

            core = try f.open(deadServer)
            let window = try core.searchDesks(
                DeskQuery(date: "2027-01-05", area: "window bay", features: ["monitor"]))
            #expect(window.desks.map(\.id) == ["BLR-1-D07", "BLR-1-D09", "BLR-1-D11"])
            #expect(window.whyNone == .none)
            let d07 = try #require(window.desks.first)
            #expect(d07.name == "D07" && d07.area == "Window bay" && d07.kind == .hot && !d07.isMine)
            #expect(d07.features.contains("window"))
            #expect(window.deskDaysLeft == 8 && window.dayCredits == 4)
            #expect(window.checkInBy?.hour == 11 && window.checkInBy?.label == "IST")
            #expect(window.dayPrice.currency == "INR")

            let booking = try await core.bookDesk("BLR-1-D07", date: "2027-01-05", pay: .plan)
            #expect(booking.status == .pending && booking.status.name == "pending")
            #expect(booking.paidBy == .plan && booking.paidBy.name == "plan")
            #expect(booking.isPending && !booking.isDoorCodeReady)
            #expect(
                !(try core.searchDesks(DeskQuery(date: "2027-01-05")).desks.contains {
                    $0.id == "BLR-1-D07"
                }))
            let again = await error {
                _ = try await core.bookDesk("BLR-1-D09", date: "2027-01-05", pay: .plan)
            }
            #expect(again?.code == .conflict)
            #expect(again?.rule == .alreadyBooked)
            #expect(try core.outbox().map(\.kind) == ["desk.book"])
            core.close()

            core = try f.open()
            defer { core.close() }
            let report = try await core.syncOnce()
            #expect(report.pushed == 1 && report.rejected == 0)
            #expect(report.changedKinds.contains(.deskBooking))
            let confirmed = try #require(try core.deskBookings().first { $0.id == booking.id })
            #expect(confirmed.status == .confirmed && !confirmed.isPending)
            #expect(confirmed.deskName == "D07" && confirmed.deskDays == 1)
            #expect(confirmed.isDoorCodeReady)
            let credential = try #require(
                try core.credentials().first { $0.id == confirmed.credentialId })
            #expect(credential.kind == .desk && credential.kind.name == "desk")
            #expect(credential.deskBookingId == booking.id)
            #expect(try core.searchDesks(DeskQuery(date: "2027-01-06")).deskDaysLeft == 7)
            #expect(try core.deskBookings(fromDate: "2027-01-06").isEmpty)
            #expect(try core.deskBookings(page: Page(limit: 1)).items.count == 1)

            let cancelled = try core.cancelDeskBooking(booking.id)
            #expect(cancelled.status == .cancelled && cancelled.isPending)
            #expect(try await core.syncOnce().pushed == 1)
            #expect(await error { try core.cancelDeskBooking(booking.id) }?.code == .invalidState)
        }
    }

    @Test("a dedicated desk is the member's own; no hot desk is booked")
    func dedicatedDesk() async throws {
        try await withFixture { f in
            let core = try f.open()
            defer { core.close() }
            try await f.signIn(core, vikram)
            try await core.syncOnce()
            let mine = try #require(try core.myDesk())
            #expect(mine.id == "BLR-1-D14" && mine.kind == .dedicated && mine.isMine)
            let refused = await error {
                _ = try await core.bookDesk("BLR-1-D07", date: "2027-01-05", pay: .plan)
            }
            #expect(refused?.code == .forbidden)
        }
    }

    @Test("a Razorpay desk day: a forged signature is refused, a valid one confirms")
    func razorpay() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            defer { core.close() }
            let held = try await core.bookDesk("BLR-1-D08", date: "2027-01-06", pay: .razorpay)
            #expect(held.status == .pendingPayment)
            let order = try #require(held.razorpayOrderId)
            #expect(held.razorpayKeyId != nil)  // from the answer's order
            #expect(held.holdExpiresAt != nil && held.amount.minor > 0)
            let forged = try await f.stub.razorpayPay(orderId: order, forge: true)
            let refused = await error {
                _ = try await core.confirmDeskPayment(
                    bookingId: held.id, orderId: order, paymentId: forged.paymentId,
                    signature: forged.signature)
            }
            #expect(refused?.code == .paymentFailed)
            let paid = try await f.stub.razorpayPay(orderId: order)
            let confirmed = try await core.confirmDeskPayment(
                bookingId: held.id, orderId: order, paymentId: paid.paymentId, signature: paid.signature)
            #expect(confirmed.status == .confirmed && confirmed.paidBy == .razorpay)
        }
    }

    @Test("desk states and link kinds are named by the core")
    func names() {
        #expect(DeskBookingStatus.released.name == "released")
        #expect(DeskBookingStatus.pendingPayment.name == "pending_payment")
        #expect(DeskPayment.razorpay.name == "razorpay")
        #expect(LinkKind.desk.name == "desk")
        #expect(Rule.alreadyBooked.name == "already_booked")
        #expect(Rule.afterCutoff.name == "after_cutoff")
        #expect(CredentialKind.desk.name == "desk")
        #expect((try? LinkTarget(parsing: "membercore://desks/dsk_1")) == .desk(id: "dsk_1"))
    }
}
