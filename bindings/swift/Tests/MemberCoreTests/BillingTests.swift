// Day passes, invoices and membership through the Swift API, against memberstub: the local
// quote (tiers, GST, rules), checkout, Razorpay payment and confirmation, lapsed holds,
// paying an issued invoice, and the errors.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Asha, signed in and synced, on a stub that sells day passes (fails clearly otherwise).
func ashaBuyingPasses(_ f: Fixture) async throws -> MemberCore {
    try await f.stub.requirePassRoutes()
    return try await signedInAsha(f)
}

/// GST as docs/passes-protocol.md computes it: 18% of the taxable amount, half up, in paise.
func gst(_ taxable: Int64) -> Int64 { (taxable * 18 + 50) / 100 }

/// Monday 2027-01-04 10:00 IST is t0: Tuesday to Saturday of that week are open days.
let weekDates = ["2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09"]

@Suite("day passes and invoices", .timeLimit(.minutes(1)))
struct BillingTests {
    @Test("a London day pass quotes in pounds with VAT 20%, a Bengaluru one in rupees with GST 18%")
    func quoteInTheBuildingsMoney() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let london = try core.quotePasses(PassCart(buildingId: "LON-1", dates: ["2027-01-05"]))
            #expect(london.unit == Money(minor: 2_500, currency: "GBP"))
            #expect(london.taxRule.formatted == "VAT 20%")
            #expect(london.tax.formatted == "£5.00")
            #expect(london.total.formatted == "£30.00")
            let bengaluru = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-05"]))
            #expect(bengaluru.taxRule.formatted == "GST 18%")
            #expect(bengaluru.tax.formatted == "₹144.00")
            #expect(bengaluru.total.formatted == "₹944.00")
            #expect(bengaluru.total.currency == "INR")
        }
    }

    @Test("a quote prices the 5-pass bundle at the 10% tier with exact GST; the server agrees")
    func quoteBundle() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let five = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: weekDates))
            #expect(five.isValid)
            #expect(five.unit.minor == 80_000)
            #expect(five.subtotal.minor == 400_000)
            #expect(five.tierPasses == 5)
            #expect(five.discountPercent == 10)
            #expect(five.discount.minor == 40_000)
            #expect(five.tax.minor == 64_800)
            #expect(five.total.minor == 424_800)

            let one = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-05"]))
            #expect(one.tierPasses == 1)
            #expect(one.discountPercent == 0)
            #expect(one.discount.minor == 0)
            #expect(one.tax.minor == 14_400)
            #expect(one.total.minor == 94_400)
            let four = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: Array(weekDates.prefix(4))))
            #expect(four.tierPasses == 1)

            // A price where every rounding shows: 5 x 800.01 = 4000.05; 10% = 400.005 -> 400.01
            // (half up); GST 18% of 3600.04 = 648.0072 -> 648.01.
            try await f.stub.setDayPassPrice("BLR-1", paise: 80_001)
            try await core.syncOnce()
            let odd = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: weekDates))
            #expect(odd.unit.minor == 80_001)
            #expect(odd.subtotal.minor == 400_005)
            #expect(odd.discount.minor == 40_001)
            #expect(odd.tax.minor == 64_801)
            #expect(odd.tax.minor == gst(odd.subtotal.minor - odd.discount.minor))
            #expect(odd.total.minor == 424_805)
            #expect(odd.total.minor == odd.subtotal.minor - odd.discount.minor + odd.tax.minor)

            let order = try await core.checkoutPasses(PassCart(buildingId: "BLR-1", dates: weekDates))
            #expect(order.amount.minor == odd.total.minor)
            let draft = try #require(try core.invoices().first { $0.id == order.invoiceId })
            #expect(draft.status == .draft)
            #expect(draft.subtotal.minor == odd.subtotal.minor)
            #expect(draft.discount.minor == odd.discount.minor)
            #expect(draft.tax.minor == odd.tax.minor)
            #expect(draft.total.minor == odd.total.minor)
        }
    }

    @Test("the quote reports every rule the device knows, by pass; the server refuses a past date")
    func quoteRules() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let ravi = Guest(name: "Ravi Kumar", email: "ravi@example.in")
            let cart = PassCart(
                buildingId: "BLR-1",
                passes: [
                    PassItem(date: "2027-01-02"),  // Saturday: in the past
                    PassItem(date: "2027-02-10"),  // beyond the 30-day window
                    PassItem(date: "2027-01-10"),  // a Sunday: closed
                    PassItem(date: "2027-01-26"),  // Republic Day blackout
                    PassItem(date: "2027-01-05"),
                    PassItem(date: "2027-01-05"),  // Asha twice on one date
                    PassItem(date: "2027-01-05", guest: ravi),
                    PassItem(date: "2027-01-04"),  // today is fine
                ])
            let quote = try core.quotePasses(cart)
            #expect(!quote.isValid)
            #expect(quote.violations.map(\.index) == [0, 1, 2, 3, 5])
            #expect(
                quote.violations.map(\.rule) == [.pastDate, .beyondWindow, .closed, .blackout, .duplicate])
            #expect(quote.violations[0].rule.rawValue == "past_date")
            #expect(quote.violations[0].message.contains("2027-01-02"))
            #expect(quote.violations[3].message.contains("2027-01-26"))
            // Priced all the same: 8 passes, the 5-pass tier.
            #expect(quote.tierPasses == 5)
            #expect(quote.subtotal.minor == 8 * 80_000)

            let past = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-02"]))
            #expect(past.violations.map(\.index) == [0])
            #expect(past.violations.map(\.rule) == [.pastDate])
            let e = await error {
                _ = try await core.checkoutPasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-02"]))
            }
            guard case .conflict(let message, let http, let code, _) = e else {
                Issue.record("got \(String(describing: e))")
                return
            }
            // The C API passes on the server's summary ("1 of the cart's rules is broken; see
            // violations"), not the violations themselves.
            #expect(message.contains("rule"))
            #expect(http == 422)
            #expect(code == "cart_invalid")
            #expect(try core.passes().isEmpty)
        }
    }

    @Test("checkout, a forged payment, then pay and confirm: passes active with credentials, invoice paid")
    func checkoutAndPay() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let ravi = Guest(name: "Ravi Kumar", email: "ravi@example.in")
            let cart = PassCart(
                buildingId: "BLR-1",
                passes: [
                    PassItem(date: "2027-01-05"), PassItem(date: "2027-01-06"),
                    PassItem(date: "2027-01-05", guest: ravi),
                ])
            let quote = try core.quotePasses(cart)
            #expect(quote.isValid)

            let order = try await core.checkoutPasses(cart)
            #expect(!order.invoiceId.isEmpty)
            #expect(order.orderId.hasPrefix("order_"))
            #expect(order.keyId == "rzp_test_memberstub")
            #expect(order.amount.currency == "INR")
            #expect(order.amount.minor == quote.total.minor)
            let holdEnds = try #require(order.holdExpiresAt)
            #expect(holdEnds.timeIntervalSince(f.now) == 15 * 60)
            // The held passes and the draft were synced before checkout returned.
            let held = try core.passes()
            #expect(held.count == 3)
            #expect(held.allSatisfy { $0.status == .held && $0.invoiceId == order.invoiceId })
            #expect(held.allSatisfy { $0.credentialId == nil })
            #expect(held.map(\.date) == held.map(\.date).sorted())
            #expect(held.filter { $0.guest == ravi }.count == 1)
            #expect(held.filter { $0.guest == nil }.count == 2)
            let draft = try #require(try core.invoices().first { $0.id == order.invoiceId })
            #expect(draft.status == .draft)
            #expect(draft.number == nil)

            let forged = try await f.stub.razorpayPay(orderId: order.orderId, forge: true)
            let refused = await error {
                try await core.confirmInvoicePayment(
                    orderId: order.orderId, paymentId: forged.paymentId, signature: forged.signature)
            }
            guard case .paymentFailed(_, let http, let code) = refused else {
                Issue.record("got \(String(describing: refused))")
                return
            }
            #expect(http == 402)
            #expect(code == "payment_failed")
            #expect(try core.passes().allSatisfy { $0.status == .held })

            let paid = try await f.stub.razorpayPay(orderId: order.orderId)
            for _ in 0..<2 {  // confirming twice is harmless
                try await core.confirmInvoicePayment(
                    orderId: order.orderId, paymentId: paid.paymentId, signature: paid.signature)
            }
            let active = try core.passes()
            #expect(active.count == 3)
            #expect(active.allSatisfy { $0.status == .active })
            let mine = active.filter { $0.guest == nil }
            #expect(mine.allSatisfy { $0.credentialId != nil })
            let invoice = try #require(try core.invoices().first { $0.id == order.invoiceId })
            #expect(invoice.status == .paid)
            #expect(invoice.number == "INV-2027-0004")  // numbered when paid, after the seeded ones
            #expect(invoice.paidAt == f.now)
            #expect(invoice.total.minor == quote.total.minor)
            #expect(invoice.lines.reduce(0) { $0 + $1.amount.minor } == invoice.subtotal.minor)
            #expect(invoice.lines.allSatisfy { $0.quantity > 0 && $0.unit.minor > 0 })

            // Asha's own passes have their credentials here; Ravi's code is emailed to him.
            let credentials = try core.credentials()
            #expect(credentials.count == 2)
            #expect(Set(credentials.map(\.id)) == Set(mine.compactMap(\.credentialId)))
            #expect(credentials.allSatisfy { $0.kind == .pass && $0.buildingId == "BLR-1" })
            #expect(credentials.map(\.validFrom) == credentials.map(\.validFrom).sorted())
            let first = credentials[0]
            #expect(first.passId == mine.first { $0.date == "2027-01-05" }?.id)
            #expect(first.reservationId == nil)
            // The whole local day of 2027-01-05 in Bengaluru (UTC+5:30).
            #expect(first.validFrom == Date(timeIntervalSince1970: 1_799_087_400))
            #expect(first.validUntil.timeIntervalSince(first.validFrom) == 86_400)
            #expect(!first.isValid(at: f.now))
            let (status, emails) = try await f.stub.request("GET", "/v1/test/emails?to=ravi@example.in")
            #expect(status == 200)
            #expect(emails.contains("MC1|"))
            let inbox = try core.notifications()
            #expect(
                inbox.notifications.contains { $0.category == .billing && $0.title == "Payment confirmed" })
        }
    }

    @Test("a hold that lapsed: confirming is a conflict, the passes are released, the checkout expired")
    func lapsedHold() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let order = try await core.checkoutPasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-07"]))
            let paid = try await f.stub.razorpayPay(orderId: order.orderId)
            try await f.advanceClock(16 * 60 * 1000)
            let e = await error {
                try await core.confirmInvoicePayment(
                    orderId: order.orderId, paymentId: paid.paymentId, signature: paid.signature)
            }
            #expect(e?.code == .conflict)
            try await core.syncOnce()
            #expect(try core.passes().map(\.status) == [.released])
            let expired = try #require(try core.invoices().first { $0.id == order.invoiceId })
            #expect(expired.status == .expired)
            #expect(expired.voidedAt != nil && expired.voidedAtLocal?.label == "IST")
            #expect(try core.credentials().isEmpty)
        }
    }

    @Test("an issued invoice is paid through Razorpay; a paid one is not payable")
    func payInvoice() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let january = "inv_5eed000000000003"
            #expect(try core.invoices().first { $0.id == january }?.status == .issued)
            let order = try await core.payInvoice(january)
            #expect(order.invoiceId == january)
            #expect(order.amount.minor == 4_248_000)
            #expect(order.holdExpiresAt == nil)
            // Vikram, of the same company, opens his own order for it (by its number) first.
            let otherDir = try makeTempDir("vikram")
            defer { try? FileManager.default.removeItem(at: otherDir) }
            let v = try f.open(dataDir: otherDir)
            try await f.signIn(v, vikram)
            let his = try await v.payInvoice("INV-2027-0002")
            #expect(his.invoiceId == january)
            let paid = try await f.stub.razorpayPay(orderId: order.orderId)
            let result = try await core.confirmInvoicePayment(
                orderId: order.orderId, paymentId: paid.paymentId, signature: paid.signature)
            #expect(result.invoiceNumber == "INV-2027-0002" && result.refund == nil)
            let invoice = try #require(try core.invoices().first { $0.id == january })
            #expect(invoice.status == .paid)
            #expect(invoice.paidAt == f.now)
            #expect(invoice.refunds.isEmpty)
            // His stale order paid after hers: refunded, and he is told so.
            let late = try await f.stub.razorpayPay(orderId: his.orderId)
            let refunded = try await v.confirmInvoicePayment(
                orderId: his.orderId, paymentId: late.paymentId, signature: late.signature)
            let refund = try #require(refunded.refund)
            #expect(refund.reason == "already_paid" && refund.amount.minor == 4_248_000)
            #expect(try v.invoices().first { $0.id == january }?.refunds.map(\.id) == [refund.id])

            let overdue = try await core.payInvoice("inv_5eed000000000001")
            #expect(overdue.amount.minor == 590_000)

            let again = await error { _ = try await core.payInvoice(january) }
            #expect(again?.code == .conflict)  // billing.h says MC_ERR_STATE; the core maps 409 to CONFLICT
            #expect(again?.serverCode == "not_payable")
            #expect(again?.httpStatus == 409)
            let unknown = await error { _ = try await core.payInvoice("inv_nope") }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test("invoices (newest first, with lines) and membership come from the local store")
    func invoicesAndMembership() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            let all = try core.invoices()
            // Asha's Focus Room, paid by Razorpay: 1 h at ₹600 plus 18% GST, newest.
            let room = try #require(all.first)
            #expect(room.id == "inv_5eed000000000005" && room.number == "INV-2027-0003")
            #expect(room.status == .paid && room.tax.minor == gst(60_000) && room.total.minor == 70_800)
            let invoices = Array(all.dropFirst())
            #expect(
                invoices.map(\.number) == [
                    "INV-2027-0002", "INV-2027-0001", "INV-2026-0002", "INV-2026-0001",
                ])
            #expect(invoices.map(\.status) == [.issued, .paid, .paid, .overdue])
            let january = invoices[0]
            #expect(january.id == "inv_5eed000000000003")
            #expect(january.lines.count == 2)
            #expect(january.lines[0].description == "Private cabin, Cabin 1019, January 2027")
            #expect(january.lines[0].quantity == 1)
            #expect(january.lines[0].unit.minor == 2_400_000)
            #expect(january.lines.map(\.amount.minor) == [2_400_000, 1_200_000])
            #expect(january.subtotal.minor == 3_600_000)
            #expect(january.discount.minor == 0)
            #expect(january.tax.minor == gst(3_600_000))
            #expect(january.total.minor == 4_248_000)
            #expect(january.issuedAt == Date(timeIntervalSince1970: 1_798_950_600))
            #expect(january.dueAt == Date(timeIntervalSince1970: 1_799_605_800))
            #expect(january.paidAt == nil)
            #expect(invoices[1].paidAt == Date(timeIntervalSince1970: 1_798_950_600))

            let membership = try core.membership()
            #expect(membership.isActive)
            #expect(membership.status == .active)
            #expect(membership.plan == "private_cabin")
            #expect(membership.companyId == "ACME")
            #expect(membership.buildingId == "BLR-1")
            #expect(membership.seat == "Cabin 1019")
            #expect(membership.contractStart == "2026-04-01")
            #expect(membership.contractEnd == "2027-03-31")
            // Offline, the same.
            core.close()
            let offline = try f.open(deadServer)
            #expect(try offline.membership() == membership)
            #expect(try offline.invoices() == all)
        }
    }

    @Test("an on-demand user has no membership and no invoices")
    func onDemand() async throws {
        try await withFixture { f in
            try await f.stub.requirePassRoutes()
            let core = try f.open()
            let verified = try await f.signIn(core, "+919876543210")
            #expect(verified.isNewUser)
            _ = try await core.completeProfile(
                Profile(
                    name: "Meera Iyer", email: "meera@example.in", company: "Freelance", city: "Bengaluru"))
            try await core.syncOnce()
            let membership = try core.membership()
            #expect(!membership.isActive)
            #expect(membership.status == .none)
            #expect(membership.plan == nil && membership.seat == nil && membership.contractStart == nil)
            #expect(try core.invoices().isEmpty)
            #expect(try core.passes().isEmpty)
            // Anyone signed in can buy a pass.
            let quote = try core.quotePasses(PassCart(buildingId: "BLR-1", dates: ["2027-01-05"]))
            #expect(quote.isValid)
        }
    }

    @Test("invalid inputs are invalidArgument naming the field, before any network")
    func invalidArguments() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            func invalid(_ cart: PassCart, mentions field: String) async {
                for e in [
                    await error { _ = try core.quotePasses(cart) },
                    await error { _ = try await core.checkoutPasses(cart) },
                ] {
                    guard case .invalidArgument(let message) = e else {
                        Issue.record("\(cart): got \(String(describing: e))")
                        continue
                    }
                    #expect(message.contains(field), "\(message)")
                }
            }
            await invalid(PassCart(buildingId: "BLR-1", dates: ["2027-02-30"]), mentions: "items[0].date")
            await invalid(
                PassCart(buildingId: "BLR-1", dates: ["2027-01-05", "05/01/2027"]), mentions: "items[1].date")
            await invalid(PassCart(buildingId: "", dates: ["2027-01-05"]), mentions: "building_id")
            await invalid(PassCart(buildingId: "BLR-1", passes: []), mentions: "1 to 50")
            await invalid(
                PassCart(buildingId: "BLR-1", dates: Array(repeating: "2027-01-05", count: 51)),
                mentions: "1 to 50")
            await invalid(
                PassCart(
                    buildingId: "BLR-1",
                    passes: [PassItem(date: "2027-01-05", guest: Guest(name: "Ravi", email: "ravi@"))]),
                mentions: "items[0].guest_email")
            await invalid(
                PassCart(
                    buildingId: "BLR-1",
                    passes: [PassItem(date: "2027-01-05", guest: Guest(name: "", email: "ravi@example.in"))]),
                mentions: "name and an email")
            await invalid(
                PassCart(
                    buildingId: "BLR-1",
                    passes: [
                        PassItem(date: "2027-01-05"),
                        PassItem(
                            date: "2027-01-05",
                            guest: Guest(name: String(repeating: "a", count: 101), email: "a@b.in")),
                    ]),
                mentions: "items[1].guest_name")

            let badId = await error { _ = try await core.payInvoice("../me") }
            #expect(badId?.code == .invalidArgument)
            #expect(badId?.message.contains("invoice_id") == true)
            for (fields, name) in [
                (["", "pay_1", "sig"], "order_id"), (["order_1", "", "sig"], "payment_id"),
                (["order_1", "pay_1", ""], "signature"),
            ] {
                let e = await error {
                    try await core.confirmInvoicePayment(
                        orderId: fields[0], paymentId: fields[1], signature: fields[2])
                }
                #expect(e?.code == .invalidArgument)
                #expect(e?.message.contains(name) == true, "\(String(describing: e))")
            }
            let notSold = await error {
                _ = try core.quotePasses(PassCart(buildingId: "PAR-9", dates: ["2027-01-05"]))
            }
            #expect(notSold?.code == .notFound)
            // Nothing reached the server.
            #expect(try core.passes().isEmpty)
        }
    }

    @Test("offline: the quote works, the checkout is offline; signed out is unauthorized; closed is closed")
    func offlineAndSignedOut() async throws {
        try await withFixture { f in
            var core = try await ashaBuyingPasses(f)
            core.close()
            core = try f.open(deadServer)
            let cart = PassCart(buildingId: "BLR-1", dates: ["2027-01-05"])
            #expect(try core.quotePasses(cart).total.minor == 94_400)
            let offline = await error { _ = try await core.checkoutPasses(cart) }
            #expect(offline?.code == .offline)
            let pay = await error { _ = try await core.payInvoice("inv_5eed000000000003") }
            #expect(pay?.code == .offline)
            core.close()
            #expect(await error { _ = try core.quotePasses(cart) } == .closed)
            #expect(await error { _ = try await core.checkoutPasses(cart) } == .closed)
            #expect(await error { _ = try core.invoices() } == .closed)

            let otherDir = try makeTempDir("nobody")
            defer { try? FileManager.default.removeItem(at: otherDir) }
            let nobody = try f.open(dataDir: otherDir)
            #expect(await error { _ = try nobody.quotePasses(cart) }?.code == .unauthorized)
            #expect(await error { _ = try nobody.passes() }?.code == .unauthorized)
            #expect(await error { _ = try nobody.invoices() }?.code == .unauthorized)
            #expect(await error { _ = try nobody.membership() }?.code == .unauthorized)
            #expect(await error { _ = try await nobody.checkoutPasses(cart) }?.code == .unauthorized)
        }
    }
}
