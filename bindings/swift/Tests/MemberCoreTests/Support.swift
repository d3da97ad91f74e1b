// Test support: a real memberstub per test (Foundation.Process on 127.0.0.1, an ephemeral port,
// test mode, a fresh database), plain HTTP to its test routes, temporary data directories.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// 2027-01-04T04:30:00Z, a Monday morning in Bengaluru: the stub's clock stands here.
let t0Ms: Int64 = 1_799_037_000_000

/// Seeded members (server-stub/README.md).
let asha = "+919800000001"
let vikram = "+919800000002"

/// A port nothing listens on: "offline".
let deadServer = URL(string: "http://127.0.0.1:1")!

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh temporary directory, removed by `remove()`.
func makeTempDir(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("membercore-swift-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The memberstub binary: $MEMBERSTUB (scripts/test-swift.sh sets it), else the meson build
/// dir next to this package.
func memberstubPath() throws -> String {
    if let env = ProcessInfo.processInfo.environment["MEMBERSTUB"], !env.isEmpty { return env }
    let root = URL(fileURLWithPath: #filePath)  // <root>/bindings/swift/Tests/MemberCoreTests/x
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("build/server-stub/memberstub").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw TestFailure("memberstub not found: set MEMBERSTUB or build build/ with meson")
    }
    return path
}

/// One memberstub process. Immutable after start; the Process is only touched by stop().
final class StubServer: @unchecked Sendable {
    let process: Process
    let dir: URL
    let url: URL
    let port: Int

    init() throws {
        dir = try makeTempDir("stub")
        let portFile = dir.appendingPathComponent("port")
        let log = dir.appendingPathComponent("stub.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: try memberstubPath())
        process.arguments = [
            "--db", dir.appendingPathComponent("stub.db").path, "--port", "0",
            "--port-file", portFile.path, "--test-mode", "--clock-ms", String(t0Ms),
        ]
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        var found = 0
        for _ in 0..<1000 where found == 0 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8),
                let p = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), p > 0
            {
                found = p
            } else if !process.isRunning {
                break
            } else {
                usleep(10_000)
            }
        }
        guard found > 0 else {
            if process.isRunning { process.terminate() }
            throw TestFailure("memberstub did not start (see \(log.path))")
        }
        port = found
        url = URL(string: "http://127.0.0.1:\(found)")!
    }

    /// SIGTERM and wait; the exit status (0 on a clean stop).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let status = process.terminationStatus
        if status == 0 { try? FileManager.default.removeItem(at: dir) }
        return status
    }

    /// One HTTP request to the stub; (status, body).
    func request(_ method: String, _ path: String, json: String? = nil) async throws -> (Int, String) {
        var req = URLRequest(url: URL(string: url.absoluteString + path)!)
        req.httpMethod = method
        if let json {
            req.httpBody = Data(json.utf8)
            req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: req)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, String(decoding: data, as: UTF8.self))
    }

    func setClock(_ ms: Int64) async throws {
        let (status, body) = try await request("POST", "/v1/test/clock", json: "{\"now_ms\": \(ms)}")
        guard status == 200 else { throw TestFailure("clock: \(status) \(body)") }
    }

    func advanceClock(_ ms: Int64) async throws {
        let (status, body) = try await request("POST", "/v1/test/clock", json: "{\"advance_ms\": \(ms)}")
        guard status == 200 else { throw TestFailure("clock: \(status) \(body)") }
    }

    /// The latest code texted to `phone` (E.164), from the simulated SMS outbox.
    func latestOTP(_ phone: String) async throws -> String {
        let encoded = phone.replacingOccurrences(of: "+", with: "%2B")
        let (status, body) = try await request("GET", "/v1/test/sms/latest?phone=\(encoded)")
        guard status == 200,
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let code = json["code"] as? String, code.count == 6
        else { throw TestFailure("no SMS for \(phone): \(status) \(body)") }
        return code
    }
}

/// A stub and a data directory for one test; both cleaned up after `body`. The stub's clock
/// and the clients' clock stand at t0 and move together (`advanceClock`): booking rules
/// (too soon, booking window) are checked on both sides.
struct Fixture: Sendable {
    let stub: StubServer
    let dataDir: URL
    let nowMs = Locked(t0Ms)

    func open(
        _ server: URL? = nil, dataDir: URL? = nil, storage: (any SecureStorage)? = nil,
        logger: (@Sendable (LogLevel, String) -> Void)? = nil
    ) throws -> MemberCore {
        let now = nowMs
        return try MemberCore(
            configuration: .init(
                dataDirectory: dataDir ?? self.dataDir, serverURL: server ?? stub.url,
                connectTimeout: 2, requestTimeout: 5, secureStorage: storage, logger: logger,
                clock: { Date(timeIntervalSince1970: TimeInterval(now.read()) / 1000) }))
    }

    /// Moves the server's clock and the clients' together.
    func advanceClock(_ ms: Int64) async throws {
        try await stub.advanceClock(ms)
        nowMs.update { $0 += ms }
    }

    /// request -> the SMS -> verify.
    @discardableResult
    func signIn(_ core: MemberCore, _ phone: String) async throws -> OTPVerification {
        let request = try await core.requestOTP(phone: phone)
        return try await core.verifyOTP(try await stub.latestOTP(request.phone))
    }
}

func withFixture(_ body: (Fixture) async throws -> Void) async throws {
    let stub = try StubServer()
    let dataDir = try makeTempDir("data")
    defer { try? FileManager.default.removeItem(at: dataDir) }
    do {
        try await stub.setClock(t0Ms)
        try await body(Fixture(stub: stub, dataDir: dataDir))
    } catch {
        stub.stop()
        throw error
    }
    let status = stub.stop()
    #expect(status == 0, "memberstub exited with status \(status)")
}

/// The first element of `stream` matching `predicate` within `seconds`, or nil.
func first<T: Sendable>(
    _ stream: AsyncStream<T>, within seconds: Double, where predicate: @escaping @Sendable (T) -> Bool
) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            for await element in stream where predicate(element) { return element }
            return nil
        }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return nil
        }
        let result = try await group.next() ?? nil
        group.cancelAll()
        return result
    }
}

/// A thread-safe box for values the C callbacks write and the test reads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func read() -> Value { lock.withLock { value } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}

/// A SecureStorage that counts the core's calls (in memory).
final class CountingStorage: SecureStorage, @unchecked Sendable {
    // @unchecked: everything below is only touched under `lock`.
    private let lock = NSLock()
    private var values: [String: String] = [:]
    private var getCount = 0
    private var setKeys: [String] = []
    private var deleteKeys: [String] = []
    private var failWrites = false

    /// From now on every write throws (the core must answer `.storage`).
    func refuseWrites() { lock.withLock { failWrites = true } }

    func value(forKey key: String) throws -> String? {
        lock.withLock {
            getCount += 1
            return values[key]
        }
    }
    func setValue(_ value: String, forKey key: String) throws {
        try lock.withLock {
            if failWrites { throw TestFailure("write refused") }
            setKeys.append(key)
            values[key] = value
        }
    }
    func removeValue(forKey key: String) throws {
        lock.withLock {
            deleteKeys.append(key)
            values.removeValue(forKey: key)
        }
    }
    func stored(_ key: String) -> String? { lock.withLock { values[key] } }
    var gets: Int { lock.withLock { getCount } }
    var sets: [String] { lock.withLock { setKeys } }
    var deletes: [String] { lock.withLock { deleteKeys } }
}

// MARK: - Day passes, payments and the door (docs/passes-protocol.md, "Test mode")

/// One day in milliseconds.
let dayMs: Int64 = 86_400_000

extension StubServer {
    /// The stub's day passes and door reader are needed by the billing and access suites: say
    /// so plainly (a failure, not a skip) when this memberstub does not serve them.
    func requirePassRoutes() async throws {
        let (scan, scanBody) = try await request(
            "POST", "/v1/test/door/scan", json: "{\"building\":\"BLR-1\",\"payload\":\"MC1|x\"}")
        guard scan == 200 else {
            throw TestFailure(
                "memberstub answers POST /v1/test/door/scan with HTTP \(scan) (\(scanBody)): these tests "
                    + "need the stub's door route (docs/passes-protocol.md, \"Test mode\")")
        }
        let (checkout, checkoutBody) = try await request("POST", "/v1/passes/checkout", json: "{}")
        guard [400, 401, 422].contains(checkout) else {
            throw TestFailure(
                "memberstub answers POST /v1/passes/checkout (no token) with HTTP \(checkout) "
                    + "(\(checkoutBody)), not 401: these tests need the stub's day-pass checkout")
        }
    }

    /// The simulated Razorpay checkout: a payment id and its signature (forged: made with
    /// another key).
    func razorpayPay(orderId: String, forge: Bool = false) async throws -> (
        paymentId: String, signature: String
    ) {
        let (status, body) = try await request(
            "POST", "/v1/test/razorpay/pay", json: "{\"order_id\":\"\(orderId)\",\"forge\":\(forge)}")
        guard status == 200,
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let payment = json["payment_id"] as? String, let signature = json["signature"] as? String
        else { throw TestFailure("razorpay pay \(orderId): \(status) \(body)") }
        return (payment, signature)
    }

    /// The door reader facing `direction` ("in" or "out"): "granted", or why not
    /// ("anti_passback", "replayed", "expired", "wrong_building", ...).
    func doorScan(building: String, payload: String, direction: String = "in") async throws -> String {
        let request = try JSONSerialization.data(
            withJSONObject: ["building": building, "payload": payload, "direction": direction])
        let (status, body) = try await self.request(
            "POST", "/v1/test/door/scan", json: String(decoding: request, as: UTF8.self))
        guard status == 200,
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let granted = json["granted"] as? Bool
        else {
            throw TestFailure(
                "door scan: HTTP \(status) \(body) (the stub's POST /v1/test/door/scan is needed)")
        }
        return granted ? "granted" : (json["reason"] as? String ?? "?")
    }

    /// Changes a building's day-pass price (synced to clients as a building change).
    func setDayPassPrice(_ buildingId: String, paise: Int64) async throws {
        let (status, body) = try await request(
            "POST", "/v1/test/open_space",
            json: "{\"building_id\":\"\(buildingId)\",\"day_pass_price_paise\":\(paise)}")
        guard status == 200 else { throw TestFailure("open_space: \(status) \(body)") }
    }
}

extension Fixture {
    /// Now by the clients' (and the stub's) clock.
    var now: Date { Date(timeIntervalSince1970: TimeInterval(nowMs.read()) / 1000) }

    /// Checks out `cart`, pays it through the simulated Razorpay checkout and confirms it: the
    /// passes are active and their credentials synced when this returns.
    @discardableResult
    func buyPasses(_ core: MemberCore, _ cart: PassCart) async throws -> Order {
        let order = try await core.checkoutPasses(cart)
        let paid = try await stub.razorpayPay(orderId: order.orderId)
        try await core.confirmInvoicePayment(
            orderId: order.orderId, paymentId: paid.paymentId, signature: paid.signature)
        return order
    }
}
