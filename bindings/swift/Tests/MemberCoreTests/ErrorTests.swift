// Every error path maps to the right MemberCoreError case, with its details.
import Foundation
import MemberCore
import Testing

/// The error `body` throws, as a MemberCoreError (records an issue when it does not throw one).
func error(of body: () async throws -> Void) async -> MemberCoreError? {
    do {
        try await body()
        Issue.record("no error was thrown")
        return nil
    } catch let e as MemberCoreError {
        return e
    } catch {
        Issue.record("not a MemberCoreError: \(error)")
        return nil
    }
}

@Suite("errors", .timeLimit(.minutes(1)))
struct ErrorTests {
    @Test("invalid phone and code formats are invalidArgument, naming the field")
    func invalidArgument() async throws {
        try await withFixture { f in
            let core = try f.open()
            let e = await error { _ = try await core.requestOTP(phone: "12345") }
            guard case .invalidArgument(let message) = e else {
                Issue.record("got \(String(describing: e))")
                return
            }
            #expect(message.contains("phone"))
            #expect(e?.code == .invalidArgument)
            #expect(e?.code.name == "invalid_argument")
            #expect(e?.httpStatus == nil)

            _ = try await core.requestOTP(phone: "9876543210")
            let format = await error { _ = try await core.verifyOTP("12 456") }
            #expect(format?.code == .invalidArgument)
            #expect(format?.message.contains("6 digits") == true)
            #expect(throws: MemberCoreError.self) { try core.rsvp(eventId: "EVT-BLR-DIWALI", .none) }
        }
    }

    @Test("a wrong OTP is otpWrong with attemptsLeft; five kill it (otpExhausted)")
    func wrongOTP() async throws {
        try await withFixture { f in
            let core = try f.open()
            let request = try await core.requestOTP(phone: "9876543210")
            let code = try await f.stub.latestOTP(request.phone)
            let wrong =
                String(code.dropLast()) + (code.last == "9" ? "0" : String(code.last!.wholeNumberValue! + 1))
            let e = await error { _ = try await core.verifyOTP(wrong) }
            guard case .otpWrong(_, let attemptsLeft) = e else {
                Issue.record("got \(String(describing: e))")
                return
            }
            #expect(attemptsLeft == 4)
            #expect(e?.attemptsLeft == 4)
            #expect(e?.code.name == "otp_wrong")
            for left in [3, 2, 1, 0] {
                let again = await error { _ = try await core.verifyOTP(wrong) }
                #expect(again?.code == .otpWrong)
                #expect(again?.attemptsLeft == left)
            }
            let dead = await error { _ = try await core.verifyOTP(code) }
            guard case .otpExhausted = dead else {
                Issue.record("got \(String(describing: dead))")
                return
            }
        }
    }

    @Test("verify with no code requested is invalidState; an expired code is otpExpired")
    func stateAndExpired() async throws {
        try await withFixture { f in
            let core = try f.open()
            let none = await error { _ = try await core.verifyOTP("123456") }
            #expect(none?.code == .invalidState)
            let request = try await core.requestOTP(phone: "9876543210")
            let code = try await f.stub.latestOTP(request.phone)
            try await f.advanceClock(5 * 60 * 1000)
            let expired = await error { _ = try await core.verifyOTP(code) }
            guard case .otpExpired = expired else {
                Issue.record("got \(String(describing: expired))")
                return
            }
        }
    }

    @Test("no server is offline, distinct from a server error; nothing changes locally")
    func offline() async throws {
        try await withFixture { f in
            let core = try f.open(deadServer)
            let e = await error { _ = try await core.requestOTP(phone: "9876543210") }
            guard case .offline(let message) = e else {
                Issue.record("got \(String(describing: e))")
                return
            }
            #expect(message.contains("unreachable"))
            #expect(e?.httpStatus == nil)
            #expect(try core.pendingPhone() == nil)
        }
    }

    @Test("calls that need a session are unauthorized; an expired session is dropped")
    func unauthorized() async throws {
        try await withFixture { f in
            let core = try f.open()
            let profile = Profile(name: "N", email: "n@example.in", company: "C", city: "Pune")
            let noSession = await error { _ = try await core.completeProfile(profile) }
            #expect(noSession?.code == .unauthorized)
            #expect(await error { try await core.syncOnce() }?.code == .unauthorized)
            #expect(await error { _ = try core.account() }?.code == .unauthorized)
            #expect(await error { _ = try core.events() }?.code == .unauthorized)
            #expect(await error { _ = try core.notifications() }?.code == .unauthorized)
            #expect(await error { _ = try core.outbox() }?.code == .unauthorized)

            try await f.signIn(core, vikram)
            try await f.advanceClock(31 * 24 * 3600 * 1000)
            let expired = await error { _ = try await core.refreshAccount() }
            guard case .unauthorized(_, let http) = expired else {
                Issue.record("got \(String(describing: expired))")
                return
            }
            #expect(http == 401)
            #expect(try core.isSignedIn == false)
        }
    }

    @Test("a second code within 30 s is otpRateLimited with retryAfter")
    func rateLimited() async throws {
        try await withFixture { f in
            let core = try f.open()
            _ = try await core.requestOTP(phone: "9876543210")
            try await f.advanceClock(10 * 1000)
            let e = await error { _ = try await core.requestOTP(phone: "9876543210") }
            guard case .otpRateLimited(_, let retryAfter) = e else {
                Issue.record("got \(String(describing: e))")
                return
            }
            #expect(retryAfter == 20)
            #expect(e?.retryAfter == 20)
            #expect(e?.code.name == "otp_rate_limited")
        }
    }

    @Test("unknown ids are notFound; a profile before intent is invalidState")
    func notFoundAndState() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, "9876543210")
            let intent = await error { _ = try await core.setIntent(.onDemand) }
            #expect(intent?.code == .invalidState)
            #expect(intent?.httpStatus == 409)
            try await core.syncOnce()
            #expect(await error { try core.rsvp(eventId: "EVT-NOPE", .going) }?.code == .notFound)
            #expect(await error { try core.markRead(notificationId: "ntf_nope") }?.code == .notFound)
            #expect(await error { try core.dismissMutation(987_654) }?.code == .notFound)
        }
    }

    @Test("a failing SecureStorage surfaces as storage")
    func storageFailure() async throws {
        try await withFixture { f in
            let storage = CountingStorage()
            let core = try f.open(storage: storage)
            let request = try await core.requestOTP(phone: "9876543210")
            storage.refuseWrites()
            let e = await error { _ = try await core.verifyOTP(try await f.stub.latestOTP(request.phone)) }
            #expect(e?.code == .storage)
            #expect(try core.isSignedIn == false)
        }
    }

    @Test("bad configuration is invalidArgument")
    func badConfiguration() throws {
        let dir = try makeTempDir("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: MemberCoreError.self) {
            _ = try MemberCore(configuration: .init(dataDirectory: dir, connectTimeout: 0))
        }
        do {
            _ = try MemberCore(
                configuration: .init(dataDirectory: dir, serverURL: URL(string: "ftp://example.com")!))
            Issue.record("ftp:// was accepted")
        } catch MemberCoreError.invalidArgument(let message) {
            #expect(message.contains("server_url"))
        }
    }
}

@Suite("error and rule names")
struct ErrorNameTests {
    @Test("every core status has a named code here, and the next one is unknown to both")
    func statusesMirrorTheCore() {
        let known: [MemberCoreError.Code] = [
            .invalidArgument, .notFound, .conflict, .insufficientCredits, .offline, .network,
            .unauthorized, .otpWrong, .otpExpired, .otpExhausted, .otpRateLimited, .paymentFailed,
            .storage, .noMemory, .invalidState, .server, .forbidden, .tls, .tlsPin, .storeDamaged,
            .cancelled,
        ]
        for (i, code) in known.enumerated() {
            #expect(code.rawValue == Int32(i + 1))
            #expect(code.name != "unknown", "\(code.rawValue) has no name in the core")
        }
        #expect(MemberCoreError.Code.tlsPin.name == "tls_pin")
        #expect(MemberCoreError.Code.storeDamaged.name == "store_damaged")
        #expect(MemberCoreError.Code.cancelled.name == "cancelled")
        let next = MemberCoreError.Code(rawValue: Int32(known.count + 1))
        #expect(next.name == "unknown", "the core has statuses this binding lacks")
    }

    @Test("every core rule has a case here, and the next one is unknown to both")
    func rulesMirrorTheCore() {
        #expect(Rule.holdLimit.name == "hold_limit")
        #expect(Rule.tooLong.name == "too_long")
        #expect(Rule.holdCooldown.name == "hold_cooldown")
        for raw in Int32(1)...Rule.holdCooldown.rawValue {
            let rule = Rule(rawValue: raw)
            #expect(rule != nil && rule!.name != "unknown", "rule \(raw) is missing here")
        }
        #expect(Rule(rawValue: Rule.holdCooldown.rawValue + 1) == nil)
    }
}
