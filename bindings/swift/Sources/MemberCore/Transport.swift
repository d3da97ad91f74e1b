// Transport: the HTTP transport an app carries for the core (membercore/transport.h), as a
// Swift protocol, and its bridge into the C `mc_transport` (send / cancel / release hooks).
import CMemberCore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How the core's requests reach the server: request in, response out.
///
/// The core calls `send` on the thread of the call that needs the network (the dispatch queue
/// of an `async` call, or the sync thread), several at once, and waits for it: `send` blocks
/// until the answer is complete, the request's time limits pass, or `cancel(requestID:)` is
/// called for it (from another thread, when the client closes). Hence `Sendable`, and
/// thread-safe.
///
/// The core decides what is sent (URLs, JSON, the bearer token only to its own origin) and
/// reads the answer (status, JSON, the server's error code); the transport does DNS, proxies,
/// TLS verification and pinning, and follows no redirect and keeps no cookie.
/// `URLSessionTransport` is the one to use on iOS; write another to put the requests through
/// your own networking stack.
public protocol Transport: Sendable {
    /// Performs `request` and returns the server's answer, whatever its HTTP status (4xx and 5xx
    /// included: the core reads them). Throw when no complete answer came:
    /// - `MemberCoreError.offline`: no connection was made (DNS, refused, no network, the
    ///   connect timeout): nothing was sent;
    /// - `MemberCoreError.network`: connected, but the exchange broke (reset, timeout, cut
    ///   short);
    /// - `MemberCoreError.tls` / `.tlsPin`: the certificate was not trusted / not pinned;
    /// - `MemberCoreError.cancelled`: `cancel(requestID:)` was called for this request;
    /// - a `URLError`, mapped as `URLSessionTransport` maps it;
    /// - any other error is reported as `.network` with its description (never put a secret
    ///   in it).
    func send(_ request: TransportRequest) throws -> TransportResponse

    /// Makes the `send` of request `id` (blocked on another thread) throw
    /// `MemberCoreError.cancelled` soon; a no-op when no such `send` is running. The default
    /// does nothing: the request then runs to its time limits.
    func cancel(requestID id: UInt64)
}

extension Transport {
    public func cancel(requestID id: UInt64) {}
}

/// One header, as sent or received. Names are ASCII; compare them case-insensitively.
public struct TransportHeader: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
    /// "Name: value", with the value of Authorization (a secret) left out.
    public var description: String {
        name.caseInsensitiveCompare("Authorization") == .orderedSame
            ? "\(name): <redacted>" : "\(name): \(value)"
    }
}

/// One request of the core (`mc_http_request`).
public struct TransportRequest: Sendable, CustomStringConvertible {
    /// Unique per client, never 0: what `cancel(requestID:)` names.
    public let id: UInt64
    /// "GET", "HEAD", "POST", "PUT", "PATCH" or "DELETE".
    public let method: String
    /// Absolute, already checked by the core (https://, or http:// to loopback).
    public let url: URL
    /// The headers to send, in order (Content-Type, Authorization, Upload-Offset, ...). Add
    /// none that change the meaning (Host, Content-Length, User-Agent, Accept-Encoding are
    /// fine). Authorization carries a secret: never log its value (`description` leaves it
    /// out).
    public let headers: [TransportHeader]
    /// The body, or nil for a request without one. Readable only during `send`.
    public let body: TransportBody?
    /// To have a connection (TCP and TLS) to send on, in seconds.
    public let connectTimeout: TimeInterval
    /// The whole exchange, from the start to the last byte of the answer; nil: no total limit
    /// (uploads; then `stallTimeout` applies).
    public let requestTimeout: TimeInterval?
    /// Give up when no byte has moved either way for this long; nil: no stall limit (the total
    /// limit applies).
    public let stallTimeout: TimeInterval?

    public init(
        id: UInt64, method: String, url: URL, headers: [TransportHeader] = [],
        body: TransportBody? = nil, connectTimeout: TimeInterval = 5,
        requestTimeout: TimeInterval? = 15, stallTimeout: TimeInterval? = nil
    ) {
        self.id = id
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.stallTimeout = stallTimeout
    }

    /// The first value of header `name` (case-insensitive), or nil.
    public func value(forHeader name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// "METHOD url (n headers, m body bytes)": no header value, so no secret.
    public var description: String {
        "\(method) \(url.absoluteString) (\(headers.count) headers, "
            + (body.map { "\($0.count) body bytes" } ?? "no body") + ")"
    }
}

/// A request's body: `count` bytes, held in memory by the core or streamed from a file (a
/// ticket photo), read through `mc_http_body_read`. Readable only while the `send` it came
/// with runs: afterwards every read throws `.invalidState`.
public final class TransportBody: @unchecked Sendable {
    // @unchecked: `request` is only read under `lock`, and only while `valid`.
    private let lock = NSLock()
    private var request: UnsafePointer<mc_http_request>?
    private let inline: Data?
    /// The number of bytes.
    public let count: Int64

    /// A body of these bytes (for tests of a `Transport`, and transports that wrap another).
    public init(_ data: Data) {
        inline = data
        count = Int64(data.count)
        request = nil
    }

    /// The body of a C request: inline bytes are copied now, a file's are read on demand.
    init(request: UnsafePointer<mc_http_request>) {
        let r = request.pointee
        count = r.body_length
        if let bytes = r.body {
            inline = Data(bytes: bytes, count: Int(r.body_length))
            self.request = nil
        } else {
            inline = nil
            self.request = request
        }
    }

    /// Called when the `send` returns: the C request is gone.
    func invalidate() {
        lock.lock()
        request = nil
        lock.unlock()
    }

    /// Up to `maxLength` bytes from `offset` (0 <= offset <= count); empty only at the end.
    /// Repeatable: a transport that retries reads again from any offset. Throws `.storage`
    /// (the file could not be read), `.invalidArgument` (offset out of range),
    /// `.invalidState` (after the `send`).
    public func read(at offset: Int64, maxLength: Int) throws -> Data {
        guard offset >= 0, offset <= count, maxLength >= 0 else {
            throw MemberCoreError.invalidArgument(
                message: "body read at \(offset) of \(count) bytes (\(maxLength) asked)")
        }
        if let inline {
            let start = Int(offset)
            return inline.subdata(in: start..<min(inline.count, start + maxLength))
        }
        lock.lock()
        defer { lock.unlock() }
        guard let request else {
            throw MemberCoreError.invalidState(
                message: "a request's body is readable only during its send()", httpStatus: nil,
                serverCode: nil)
        }
        var out = Data(count: maxLength)
        var got = 0
        try out.withUnsafeMutableBytes { buf in
            _ = try check { mc_http_body_read(request, offset, buf.baseAddress, maxLength, &got, $0) }
        }
        out.count = got
        return out
    }

    /// All `count` bytes (a ticket photo is at most 10 MiB).
    public func data() throws -> Data {
        if let inline { return inline }
        var all = Data()
        all.reserveCapacity(Int(count))
        while Int64(all.count) < count {
            let piece = try read(at: Int64(all.count), maxLength: min(1 << 20, Int(count) - all.count))
            if piece.isEmpty {
                throw MemberCoreError.storage(
                    message: "the body ended after \(all.count) of \(count) bytes")
            }
            all.append(piece)
        }
        return all
    }
}

/// The server's answer: its HTTP status, headers and body.
public struct TransportResponse: Sendable {
    /// 100...599.
    public var status: Int
    /// All headers or at least Content-Type, Retry-After and Upload-Offset (the ones the core
    /// reads).
    public var headers: [TransportHeader]
    public var body: Data

    public init(status: Int, headers: [TransportHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Which transport a client uses (`MemberCore.Configuration.transport`).
public struct TransportChoice: Sendable {
    let transport: (any Transport)?

    /// Requests go through `transport` (a `URLSessionTransport` of your own configuration, or
    /// your own `Transport`). `tlsPins` and `tlsCAFile` must then be unset: pin in the
    /// transport (a `URLSessionDelegate`).
    public static func custom(_ transport: any Transport) -> TransportChoice {
        TransportChoice(transport: transport)
    }

    /// A new `URLSessionTransport()` for the client (the default): the phone's own networking,
    /// its proxy, App Transport Security and connection pool.
    public static var urlSession: TransportChoice { .custom(URLSessionTransport()) }

    /// The core's built-in libcurl transport (`mc_config.transport = NULL`): what `memberctl`
    /// and Linux use. Needed for `tlsPins` and `tlsCAFile`, which only it applies.
    public static let builtIn = TransportChoice(transport: nil)

    /// true for `.builtIn`.
    public var isBuiltIn: Bool { transport == nil }
}

// MARK: - The bridge into C

/// What the C `mc_transport.context` points at: retained by `install` (passRetained), released
/// by the core's release hook (once, when the client no longer needs it).
final class TransportBox: Sendable {
    let transport: any Transport
    init(_ transport: any Transport) { self.transport = transport }

    /// An `mc_transport` over `transport`; the core owns the returned context from
    /// mc_client_open on (it releases it, also when the open fails).
    static func make(_ transport: any Transport) -> mc_transport {
        var t = mc_transport()
        t.context = Unmanaged.passRetained(TransportBox(transport)).toOpaque()
        t.send = { context, request, response, err in
            guard let context, let request, let response else {
                return TransportBox.fail(err, MC_ERR_INVALID_ARG, "transport: NULL argument")
            }
            let box = Unmanaged<TransportBox>.fromOpaque(context).takeUnretainedValue()
            return box.send(request, response, err)
        }
        t.cancel = { context, id in
            guard let context else { return }
            Unmanaged<TransportBox>.fromOpaque(context).takeUnretainedValue().transport.cancel(
                requestID: id)
        }
        t.release = { context in
            guard let context else { return }
            Unmanaged<TransportBox>.fromOpaque(context).release()
        }
        return t
    }

    /// Releases a context `make` retained, when the core never took it.
    static func release(_ t: mc_transport) {
        if let context = t.context { Unmanaged<TransportBox>.fromOpaque(context).release() }
    }

    private func send(
        _ request: UnsafePointer<mc_http_request>, _ response: OpaquePointer,
        _ err: UnsafeMutablePointer<mc_error>?
    ) -> mc_status {
        let r = request.pointee
        let urlText = r.url.map { String(cString: $0) } ?? ""
        guard let url = URL(string: urlText), let method = r.method.map({ String(cString: $0) })
        else {
            return TransportBox.fail(err, MC_ERR_INVALID_ARG, "transport: a request without a URL")
        }
        var headers: [TransportHeader] = []
        if let list = r.headers {
            for i in 0..<r.header_count {
                let h = list[i]
                guard let name = h.name, let value = h.value else { continue }
                headers.append(TransportHeader(name: String(cString: name), value: String(cString: value)))
            }
        }
        let body = r.body_length >= 0 ? TransportBody(request: request) : nil
        defer { body?.invalidate() }
        let req = TransportRequest(
            id: r.id, method: method, url: url, headers: headers, body: body,
            connectTimeout: seconds(r.connect_timeout_ms) ?? 5,
            requestTimeout: seconds(r.request_timeout_ms), stallTimeout: seconds(r.stall_timeout_ms))

        let answer: TransportResponse
        do {
            answer = try transport.send(req)
        } catch {
            let (status, message) = TransportFailure.status(for: error)
            return TransportBox.fail(err, status, message)
        }
        var status = mc_http_response_set_status(response, Int32(clamping: answer.status), err)
        guard status == MC_OK else { return status }
        for h in answer.headers {
            status = mc_http_response_add_header(response, h.name, h.value, err)
            guard status == MC_OK else { return status }
        }
        if !answer.body.isEmpty {
            status = answer.body.withUnsafeBytes { bytes in
                mc_http_response_append_body(response, bytes.baseAddress, bytes.count, err)
            }
        }
        return status
    }

    /// Fills `err` (which may be NULL) with `status` and `message`, and returns `status`.
    static func fail(_ err: UnsafeMutablePointer<mc_error>?, _ status: mc_status, _ message: String)
        -> mc_status
    {
        guard let err else { return status }
        err.pointee.code = status
        // At most MC_ERROR_MESSAGE_MAX - 1 bytes, cut on a character.
        var text = Substring(message)
        while text.utf8.count >= Int(MC_ERROR_MESSAGE_MAX) { text = text.dropLast() }
        withUnsafeMutableBytes(of: &err.pointee.message) { buf in
            let utf8 = Array(text.utf8)
            buf.copyBytes(from: utf8)
            buf[utf8.count] = 0
        }
        return status
    }

    private func seconds(_ ms: Int32) -> TimeInterval? { ms > 0 ? TimeInterval(ms) / 1000 : nil }
}

/// How a thrown error becomes the status a transport returns.
enum TransportFailure {
    static func status(for error: any Error) -> (mc_status, String) {
        if let e = error as? MemberCoreError {
            if case .closed = e { return (MC_ERR_CANCELLED, "the request was cancelled") }
            return (e.code.cValue, e.message)
        }
        if let e = error as? URLError { return URLSessionTransport.status(for: e) }
        return (MC_ERR_NETWORK, "the transport failed: \(String(describing: error))")
    }
}
