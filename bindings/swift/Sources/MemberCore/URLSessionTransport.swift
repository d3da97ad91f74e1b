// URLSessionTransport: the core's requests over URLSession (FoundationNetworking on Linux), so
// that the app's proxy, App Transport Security, pinning delegate and connection pool apply.
import CMemberCore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `Transport` over one `URLSession`: connections and TLS sessions are reused across the
/// requests of every client that shares it.
///
/// - No redirect is followed (the API never redirects: a 3xx goes to the core as it is), no
///   cookie is sent or kept, nothing is cached (set on each request, whatever the session).
/// - Time limits come from the request: the stall limit (or, without one, the total limit) is
///   the request's `timeoutInterval` (URLSession's limit between two bytes, connecting
///   included); the total limit is a watchdog that cancels the task.
/// - `cancel(requestID:)` cancels the task (`URLSessionTask.cancel()`): its `send` throws
///   `.cancelled`.
/// - A body streamed from a file (a ticket photo, at most 10 MiB) is read into memory and
///   uploaded from there.
/// - `URLError`s are mapped: no connection (host not found, refused, no network, a time limit
///   before any connection) -> `.offline`; certificate and handshake failures -> `.tls`; a task
///   cancelled by the session itself (its delegate cancelled the server-trust challenge, as
///   pinning code does) -> `.tlsPin` on https; everything else -> `.network`.
public final class URLSessionTransport: Transport, @unchecked Sendable {
    // @unchecked: `running` is only touched under `lock`; URLSession is thread-safe.
    /// The session every request goes through.
    public let session: URLSession
    private let ownsSession: Bool
    private let lock = NSLock()
    private var running: [UInt64: Exchange] = [:]

    /// The configuration `init()` uses: ephemeral, no cookies, no cache, no credential store.
    /// Start from it to add your own (a proxy, `waitsForConnectivity`, headers).
    public static func defaultConfiguration() -> URLSessionConfiguration {
        let c = URLSessionConfiguration.ephemeral
        c.httpCookieStorage = nil
        c.httpShouldSetCookies = false
        c.httpCookieAcceptPolicy = .never
        c.urlCache = nil
        c.urlCredentialStorage = nil
        c.requestCachePolicy = .reloadIgnoringLocalCacheData
        return c
    }

    /// A session of its own over `defaultConfiguration()`.
    public convenience init() {
        self.init(configuration: URLSessionTransport.defaultConfiguration(), delegate: nil)
    }

    /// A session of its own over `configuration`, with `delegate` as its session delegate:
    /// where an app answers the server-trust challenge (certificate pinning), or collects
    /// metrics. Redirects are refused by a per-task delegate whatever `delegate` does. The
    /// session is invalidated when this transport goes.
    public init(configuration: URLSessionConfiguration, delegate: (any URLSessionDelegate)? = nil) {
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        ownsSession = true
    }

    /// Requests go through the app's own `session` (its configuration, delegate and pool);
    /// it stays the app's: this transport never invalidates it. Cookies, cache and redirects
    /// are still refused per request.
    public init(session: URLSession) {
        self.session = session
        ownsSession = false
    }

    deinit {
        if ownsSession { session.finishTasksAndInvalidate() }
    }

    public func send(_ request: TransportRequest) throws -> TransportResponse {
        let exchange = Exchange()
        lock.lock()
        running[request.id] = exchange
        lock.unlock()
        defer {
            lock.lock()
            running.removeValue(forKey: request.id)
            lock.unlock()
        }

        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        urlRequest.httpShouldHandleCookies = false
        for h in request.headers { urlRequest.addValue(h.value, forHTTPHeaderField: h.name) }
        // URLSession's limit between two bytes (connecting included); at least 1 s (the
        // Linux URLSession counts whole seconds).
        let idle = request.stallTimeout ?? request.requestTimeout ?? request.connectTimeout
        urlRequest.timeoutInterval = max(1, max(idle, request.connectTimeout))

        let completion: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { data, response, error in
            exchange.finish(data: data, response: response, error: error)
        }
        let task: URLSessionTask
        if let body = request.body {
            task = session.uploadTask(with: urlRequest, from: try body.data(), completionHandler: completion)
        } else {
            task = session.dataTask(with: urlRequest, completionHandler: completion)
        }
        task.delegate = exchange
        guard exchange.start(task) else {
            throw MemberCoreError.cancelled(message: "the request was cancelled")
        }

        if let total = request.requestTimeout {
            if exchange.done.wait(timeout: .now() + total) == .timedOut {
                exchange.expire()
                exchange.done.wait()
            }
        } else {
            exchange.done.wait()
        }
        return try exchange.result(request, total: request.requestTimeout)
    }

    public func cancel(requestID id: UInt64) {
        lock.lock()
        let exchange = running[id]
        lock.unlock()
        exchange?.cancel()
    }

    /// The status and message for a URLError (also for one a custom `Transport` throws).
    static func status(for error: URLError, connected: Bool? = nil, https: Bool = true)
        -> (mc_status, String)
    {
        let what = error.localizedDescription
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed, .cannotConnectToHost, .notConnectedToInternet,
            .internationalRoamingOff, .callIsActive, .dataNotAllowed:
            return (MC_ERR_OFFLINE, "server unreachable (\(what))")
        case .timedOut where connected == false:
            return (MC_ERR_OFFLINE, "server unreachable: no connection in time (\(what))")
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
            .clientCertificateRejected, .clientCertificateRequired:
            return (MC_ERR_TLS, "the server's certificate was not trusted (\(what))")
        case .appTransportSecurityRequiresSecureConnection:
            return (MC_ERR_TLS, "App Transport Security refused the connection (\(what))")
        case .cancelled where https:
            return (
                MC_ERR_TLS_PIN,
                "the app's URLSession cancelled the request (its delegate refused the server's "
                    + "certificate, as pinning does)"
            )
        case .cancelled:
            return (MC_ERR_NETWORK, "the app's URLSession cancelled the request")
        default:
            return (MC_ERR_NETWORK, "the exchange with the server failed (\(what))")
        }
    }
}

/// One request in flight: its task, whether it was cancelled or timed out, and its outcome.
/// Also the task's own delegate (refuses redirects, records whether a connection was made).
private final class Exchange: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    // @unchecked: every var is only touched under `lock`.
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false
    private var expired = false
    private var connected: Bool?
    private var data: Data?
    private var response: URLResponse?
    private var error: (any Error)?

    /// Resumes `task` unless the request was already cancelled (then false).
    func start(_ task: URLSessionTask) -> Bool {
        lock.lock()
        let go = !cancelled
        if go { self.task = task }
        lock.unlock()
        // A task never resumed would keep the session from invalidating: cancel it instead.
        if go { task.resume() } else { task.cancel() }
        return go
    }

    func cancel() { stop(expiring: false) }
    /// The total time limit passed.
    func expire() { stop(expiring: true) }

    private func stop(expiring: Bool) {
        lock.lock()
        if expiring { expired = true } else { cancelled = true }
        let task = self.task
        lock.unlock()
        task?.cancel()
    }

    func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
        lock.lock()
        self.data = data
        self.response = response
        self.error = error
        lock.unlock()
        done.signal()
    }

    func result(_ request: TransportRequest, total: TimeInterval?) throws -> TransportResponse {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw MemberCoreError.cancelled(message: "the request was cancelled") }
        if expired {
            let limit = total.map { "\(Int($0.rounded(.up))) s" } ?? "its time limit"
            if connected == false {
                throw MemberCoreError.offline(message: "server unreachable: no connection within \(limit)")
            }
            throw MemberCoreError.network(
                message: "no complete answer from the server within \(limit)", httpStatus: nil,
                retryAfter: nil)
        }
        if let error {
            let urlError = error as? URLError ?? URLError(.unknown)
            let (status, message) = URLSessionTransport.status(
                for: urlError, connected: connected, https: request.url.scheme == "https")
            throw MemberCoreError(status: status, message: message)
        }
        guard let http = response as? HTTPURLResponse else {
            throw MemberCoreError.network(
                message: "the server's answer is not HTTP", httpStatus: nil, retryAfter: nil)
        }
        var headers: [TransportHeader] = []
        for (name, value) in http.allHeaderFields {
            headers.append(TransportHeader(name: "\(name)", value: "\(value)"))
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: data ?? Data())
    }

    // MARK: URLSessionTaskDelegate

    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)  // the 3xx itself is the answer
    }

    /// Where URLSession reports metrics (Apple platforms): a limit that passed before any
    /// connection was made is "offline". Without metrics (Linux) it counts as connected.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didFinishCollecting metrics: URLSessionTaskMetrics
    ) {
        let made = metrics.transactionMetrics.contains {
            $0.connectEndDate != nil || $0.isReusedConnection || $0.responseStartDate != nil
        }
        lock.lock()
        connected = made
        lock.unlock()
    }
}

extension MemberCoreError {
    /// The error a transport status stands for, with only a message.
    init(status: mc_status, message: String) {
        var e = makeError()
        _ = TransportBox.fail(&e, status, message)
        self.init(status: status, error: e)
    }
}
