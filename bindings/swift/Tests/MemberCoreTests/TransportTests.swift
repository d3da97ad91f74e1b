// The HTTP transport as an app meets it (membercore/transport.h): every request of the core goes
// through the Swift `Transport` the configuration names (URLSessionTransport by default), which
// sees its method, URL and headers; what a transport throws becomes a MemberCoreError; a closed
// port is offline; close() cancels a request blocked on a server that never answers; a ticket
// photo (a body streamed from a file) is uploaded through it, byte for byte.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a transport saw of one request.
struct SeenRequest: Sendable {
    let id: UInt64
    let method: String
    let url: URL
    let headers: [TransportHeader]
    let bodyBytes: Int64?
    let description: String
    var path: String { url.path }
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A Transport that records each request, then hands it to `inner` (URLSession by default).
final class RecordingTransport: Transport, @unchecked Sendable {
    // @unchecked: `seen` and `bodies` only under `lock`.
    let inner: any Transport
    private let lock = NSLock()
    private var seen: [SeenRequest] = []
    private var bodies: [TransportBody] = []
    init(_ inner: any Transport = URLSessionTransport()) { self.inner = inner }

    func send(_ request: TransportRequest) throws -> TransportResponse {
        lock.withLock {
            seen.append(
                SeenRequest(
                    id: request.id, method: request.method, url: request.url, headers: request.headers,
                    bodyBytes: request.body?.count, description: request.description))
            if let body = request.body { bodies.append(body) }
        }
        return try inner.send(request)
    }
    func cancel(requestID id: UInt64) { inner.cancel(requestID: id) }

    var requests: [SeenRequest] { lock.withLock { seen } }
    var keptBodies: [TransportBody] { lock.withLock { bodies } }
}

/// A Transport that always throws `error`, counting its calls.
final class ThrowingTransport: Transport, @unchecked Sendable {
    let error: any Error
    private let calls = Locked(0)
    init(_ error: any Error) { self.error = error }
    func send(_ request: TransportRequest) throws -> TransportResponse {
        calls.update { $0 += 1 }
        throw error
    }
    var count: Int { calls.read() }
}

struct OddFailure: Error, CustomStringConvertible {
    var description: String { "the radio fell over" }
}

/// A TCP server on 127.0.0.1 that accepts connections and reads what comes: it never answers,
/// or answers every request (head and Content-Length body) with the raw `answer`.
final class RawServer: @unchecked Sendable {
    // @unchecked: the vars only under `lock`; the lets are set once in init.
    let port: Int
    private let listener: Int32
    private let answer: [UInt8]?
    private var heads: [String] = []
    private let lock = NSLock()
    private var fds: [Int32] = []
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var requestsSeen = 0

    init(answer: String? = nil) throws {
        self.answer = answer.map { Array($0.utf8) }
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw TestFailure("bind/listen: \(errno)")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let conn = accept(fd, nil, nil)
                if conn < 0 { return }  // the listener was closed
                lock.withLock { fds.append(conn) }
                Thread.detachNewThread { [self] in
                    var buf = [UInt8](repeating: 0, count: 4096)
                    var announced = false
                    var pending: [UInt8] = []
                    while true {
                        let n = read(conn, &buf, buf.count)
                        if n <= 0 { break }
                        pending += buf[0..<n]
                        if let reply = self.answer { serve(&pending, reply, conn) }
                        if !announced {
                            announced = true
                            let ready = lock.withLock {
                                requestsSeen += 1
                                defer { waiters = [] }
                                return waiters
                            }
                            ready.forEach { $0.resume() }
                        }
                    }
                }
            }
        }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The heads of the complete requests answered so far.
    var requestHeads: [String] { lock.withLock { heads } }

    /// Answers each complete request at the start of `pending`, and drops it.
    private func serve(_ pending: inout [UInt8], _ answer: [UInt8], _ conn: Int32) {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while let at = pending.indices.first(where: { pending[$0...].starts(with: end) }) {
            let head = String(decoding: pending[..<at], as: UTF8.self)
            let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
            guard pending.count >= at + 4 + length else { return }
            pending.removeFirst(at + 4 + length)
            lock.withLock { heads.append(head) }
            _ = answer.withUnsafeBytes { write(conn, $0.baseAddress, $0.count) }
        }
    }

    /// Returns once a request's first bytes arrived.
    func requestArrived() async {
        await withCheckedContinuation { c in
            let now = lock.withLock {
                if requestsSeen > 0 { return true }
                waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in lock.withLock({ fds }) {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }
}

extension Fixture {
    /// A client over this fixture's stub through `transport`.
    func open(transport: TransportChoice, storage: (any SecureStorage)? = nil) throws -> MemberCore {
        let now = nowMs
        return try MemberCore(
            configuration: .init(
                dataDirectory: dataDir, serverURL: stub.url, connectTimeout: 2, requestTimeout: 5,
                secureStorage: storage,
                clock: { Date(timeIntervalSince1970: TimeInterval(now.read()) / 1000) },
                transport: transport))
    }
}

@Suite("the app's transport")
struct TransportTests {
    @Test("a custom Transport sees every request: method, URL, headers; the token only in Authorization")
    func seesEachRequest() async throws {
        try await withFixture { f in
            let recorder = RecordingTransport()
            let storage = CountingStorage()
            let core = try f.open(transport: .custom(recorder), storage: storage)
            try await f.signIn(core, asha)
            try await core.syncOnce()
            #expect(try core.account().phone == asha)

            let seen = recorder.requests
            let request = try #require(seen.first)
            #expect(request.method == "POST")
            #expect(request.url.absoluteString == f.stub.url.absoluteString + "/v1/auth/otp/request")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Authorization") == nil)
            #expect((request.bodyBytes ?? 0) > 0)
            #expect(seen.dropFirst().first?.path == "/v1/auth/otp/verify")

            let token = try #require(storage.stored("session_token"))
            let pulls = seen.filter { $0.method == "GET" && $0.path == "/v1/sync/pull" }
            #expect(!pulls.isEmpty)
            for pull in pulls {
                #expect(pull.header("Authorization") == "Bearer \(token)")
                #expect(pull.bodyBytes == nil)
                #expect(!pull.description.contains(token))
            }
            #expect(Set(seen.map(\.id)).count == seen.count, "request ids are unique")
            #expect(!seen.contains { $0.id == 0 })
            core.close()
        }
    }

    @Test("what a transport throws becomes a MemberCoreError the app can act on")
    func thrownErrors() async throws {
        try await withFixture { f in
            let cases: [(any Error, MemberCoreError.Code, String)] = [
                (OddFailure(), .network, "the radio fell over"),
                (MemberCoreError.tls(message: "certificate for another host"), .tls, "another host"),
                (MemberCoreError.tlsPin(message: "not a pinned key"), .tlsPin, "pinned"),
                (MemberCoreError.offline(message: "airplane mode"), .offline, "airplane mode"),
                (URLError(.notConnectedToInternet), .offline, "unreachable"),
                (URLError(.serverCertificateUntrusted), .tls, "certificate"),
                (URLError(.networkConnectionLost), .network, "failed"),
            ]
            for (thrown, code, words) in cases {
                let transport = ThrowingTransport(thrown)
                let core = try f.open(transport: .custom(transport))
                do {
                    _ = try await core.requestOTP(phone: "9876543210")
                    Issue.record("\(thrown): no error")
                } catch let e as MemberCoreError {
                    #expect(e.code == code, "\(thrown) -> \(e)")
                    #expect(e.message.contains(words), "\(thrown) -> \(e.message)")
                    #expect(e.httpStatus == nil)
                }
                #expect(transport.count == 1)
                #expect(try core.pendingPhone() == nil)
                core.close()
            }
        }
    }

    @Test("a closed port is offline through URLSession, and nothing changes locally")
    func closedPortIsOffline() async throws {
        let dir = try makeTempDir("transport-offline")
        defer { try? FileManager.default.removeItem(at: dir) }
        let recorder = RecordingTransport(URLSessionTransport())
        let core = try MemberCore(
            configuration: .init(
                dataDirectory: dir, serverURL: deadServer, secureStorage: InMemorySecureStorage(),
                transport: .custom(recorder)))
        do {
            _ = try await core.requestOTP(phone: "9876543210")
            Issue.record("no error")
        } catch MemberCoreError.offline(let message) {
            #expect(message.contains("unreachable"))
        }
        #expect(recorder.requests.map(\.path) == ["/v1/auth/otp/request"])
        #expect(try core.pendingPhone() == nil)
    }

    @Test("close() during a request to a server that never answers cancels it at once")
    func closeCancels() async throws {
        let silent = try RawServer()
        defer { silent.stop() }
        let dir = try makeTempDir("transport-close")
        defer { try? FileManager.default.removeItem(at: dir) }
        let core = try MemberCore(
            configuration: .init(
                dataDirectory: dir, serverURL: silent.url, connectTimeout: 30, requestTimeout: 30,
                secureStorage: InMemorySecureStorage()))
        let call = Task { () -> MemberCoreError? in
            do {
                _ = try await core.requestOTP(phone: "9876543210")
                return nil
            } catch let e as MemberCoreError {
                return e
            } catch {
                return .unknown(code: .init(rawValue: -2), message: "\(error)", httpStatus: nil, serverCode: nil)
            }
        }
        await silent.requestArrived()
        let start = Date()
        core.close()  // waits for the call in flight, which the cancel ends
        let waited = Date().timeIntervalSince(start)
        let e = await call.value
        #expect(e?.code == .cancelled, "got \(String(describing: e))")
        #expect(waited < 10, "close waited \(waited) s (the request's limit is 30 s)")
        #expect(!core.isOpen)
    }

    @Test("URLSession follows no redirect and keeps no cookie")
    func noRedirectNoCookie() async throws {
        try await withFixture { f in
            let target = f.stub.url.absoluteString + "/v1/auth/otp/request"
            let body = "{\"error\":{\"code\":\"moved\",\"message\":\"moved\"}}"
            let server = try RawServer(
                answer: "HTTP/1.1 307 Temporary Redirect\r\nLocation: \(target)\r\n"
                    + "Set-Cookie: session=abc; Path=/\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
            defer { server.stop() }
            let dir = try makeTempDir("transport-redirect")
            defer { try? FileManager.default.removeItem(at: dir) }
            let core = try MemberCore(
                configuration: .init(
                    dataDirectory: dir, serverURL: server.url, secureStorage: InMemorySecureStorage()))
            for _ in 0..<2 {
                do {
                    _ = try await core.requestOTP(phone: "9876543210")
                    Issue.record("the redirect was followed to the stub, which texted a code")
                } catch let e as MemberCoreError {
                    #expect(e.httpStatus == 307, "\(e)")
                }
            }
            let heads = server.requestHeads
            #expect(heads.count == 2)
            #expect(heads.allSatisfy { $0.hasPrefix("POST /v1/auth/otp/request ") })
            #expect(!heads.contains { $0.lowercased().contains("\r\ncookie:") }, "\(heads)")
            // The stub never saw the request (no code was texted).
            let (status, _) = try await f.stub.request("GET", "/v1/test/sms/latest?phone=%2B919876543210")
            #expect(status != 200)
            core.close()
        }
    }

    @Test("a ticket photo streamed from its file is uploaded through the Swift transport, byte for byte")
    func photoUpload() async throws {
        try await withFixture { f in
            try await withFiles { files in
                // 1.5 MiB of stored PNG: more than one PATCH piece.
                let photo = try writePNG(files.appendingPathComponent("leak.png"), width: 900, height: 600)
                let photoData = try Data(contentsOf: photo)
                let recorder = RecordingTransport()
                let storage = CountingStorage()
                let core = try f.open(transport: .custom(recorder), storage: storage)
                try await f.signIn(core, asha)
                try await core.syncOnce()  // the category tree
                let id = try core.fileTicket(
                    TicketDraft(
                        categoryId: "cleaning.washroom", priority: .normal, description: "A leak under the sink",
                        location: .cabin(name: "Cabin 1019"), photos: [photo]))
                try await core.syncOnce()
                let t = try core.ticket(id)
                let sent = try #require(t.photos.first)
                #expect(sent.isUploaded)
                #expect(sent.sentBytes == Int64(photoData.count))

                let patches = recorder.requests.filter { $0.method == "PATCH" }
                #expect(patches.count >= 2)
                #expect(patches.allSatisfy { $0.header("Content-Type") == "application/offset+octet-stream" })
                var offset: Int64 = 0
                for p in patches {
                    #expect(p.header("Upload-Offset") == String(offset))
                    offset += p.bodyBytes ?? 0
                }
                #expect(offset == Int64(photoData.count))
                // A body is readable only during its send().
                let kept = try #require(recorder.keptBodies.last)
                #expect(throws: MemberCoreError.self) { _ = try kept.read(at: 0, maxLength: 16) }

                // What the server holds is the file, byte for byte.
                let token = try #require(storage.stored("session_token"))
                var req = URLRequest(
                    url: URL(string: f.stub.url.absoluteString + "/v1/tickets/\(id)/photos/\(sent.id)")!)
                req.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: req)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                #expect(data == photoData)
                core.close()
            }
        }
    }
}
