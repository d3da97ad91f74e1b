// MemberCore: one client of libmembercore (mc_client), its configuration and its life cycle.
import CMemberCore
import Foundation

/// One client over a data directory: sign-in, the offline-first sync engine, events, the
/// notifications inbox, meeting rooms, the push token, day passes, invoices and door codes.
/// Open one per data directory, use it from any thread or task, and close it (or let it go:
/// deinit closes).
///
/// - Local reads (`account()`, `events()`, `notifications()`, `syncStatus()`, ...) and local
///   writes (`rsvp`, `markRead`, ...) are synchronous: they touch only the local store.
/// - Calls that need the network (`requestOTP`, `verifyOTP`, `syncOnce`, ...) are `async`; the
///   blocking C call runs on a dedicated dispatch queue, never on Swift's cooperative pool.
///   They cannot be cancelled mid-call: the request timeouts bound them.
/// - After `close()`, every call throws `MemberCoreError.closed`.
///
/// Sendable: `@unchecked`, because the state below is guarded by `state` (an NSCondition) and
/// the C handle itself is thread-safe (membercore/client.h). `close()` waits for the calls in
/// flight to return before `mc_client_close`, as the C API requires.
public final class MemberCore: @unchecked Sendable {
    /// How to open a client (`mc_config`).
    public struct Configuration: Sendable {
        /// Where the local store lives (created, with parents, if missing). On iOS use a
        /// directory under Application Support (`defaultDataDirectory()`).
        public var dataDirectory: URL
        /// The API server, e.g. https://api.example.com. nil: offline-only (every network
        /// call throws `.offline`).
        public var serverURL: URL?
        /// Connect timeout and total timeout of each HTTP request, in seconds (> 0).
        public var connectTimeout: TimeInterval
        public var requestTimeout: TimeInterval
        /// Where the session token is kept. nil: the platform's default, which is
        /// `KeychainSecureStorage()` on Apple platforms and the core's own file store
        /// (`<dataDirectory>/secure`, mode 0600) on Linux.
        public var secureStorage: (any SecureStorage)?
        /// Receives the core's log lines (never secrets), on any thread. nil: the core's
        /// default (warnings and errors to stderr on Linux; nothing elsewhere).
        public var logger: (@Sendable (LogLevel, String) -> Void)?
        /// The client's clock ("now" for reads such as `events()`); nil: the system clock.
        /// For tests.
        public var clock: (@Sendable () -> Date)?

        public init(
            dataDirectory: URL,
            serverURL: URL? = nil,
            connectTimeout: TimeInterval = 5,
            requestTimeout: TimeInterval = 15,
            secureStorage: (any SecureStorage)? = nil,
            logger: (@Sendable (LogLevel, String) -> Void)? = nil,
            clock: (@Sendable () -> Date)? = nil
        ) {
            self.dataDirectory = dataDirectory
            self.serverURL = serverURL
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.secureStorage = secureStorage
            self.logger = logger
            self.clock = clock
        }

        /// The default data directory: Application Support/membercore on Apple platforms
        /// (created if missing), the core's `mc_platform_default_data_dir` elsewhere
        /// ($XDG_DATA_HOME/membercore or ~/.local/share/membercore on Linux).
        public static func defaultDataDirectory() throws -> URL {
            #if canImport(Darwin)
                do {
                    let base = try FileManager.default.url(
                        for: .applicationSupportDirectory, in: .userDomainMask,
                        appropriateFor: nil, create: true)
                    return base.appendingPathComponent("membercore", isDirectory: true)
                } catch {
                    throw MemberCoreError.storage(
                        message: "no Application Support directory: \(error.localizedDescription)")
                }
            #else
                var buffer = [CChar](repeating: 0, count: 4096)
                let cap = buffer.count
                try buffer.withUnsafeMutableBufferPointer { out in
                    _ = try check { mc_platform_default_data_dir(out.baseAddress, cap, $0) }
                }
                let path = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                return URL(fileURLWithPath: path, isDirectory: true)
            #endif
        }
    }

    // All guarded by `state`.
    private let state = NSCondition()
    private var handle: OpaquePointer?
    private var closing = false
    private var inFlight = 0
    private var listeners: [UInt64: Unmanaged<ListenerBox>] = [:]
    private var wakeups: [Unmanaged<WakeupBox>] = []
    private var platform: Unmanaged<PlatformBox>?

    /// Where the blocking network calls run: a concurrent queue of this client (the core
    /// serialises what must be serialised, e.g. one sync round at a time).
    let queue: DispatchQueue

    /// The library version ("MAJOR.MINOR.PATCH").
    public static var version: String { String(cString: mc_version()) }
    /// The schema version of the local store this library writes.
    public static var storeSchemaVersion: Int { Int(mc_store_schema_version()) }

    /// Opens a client over `configuration.dataDirectory`, creating and migrating the store
    /// (local I/O only, no network). Throws `.invalidArgument` (timeouts, server URL),
    /// `.storage` (directory or store unusable, or written by a newer library).
    public init(configuration: Configuration) throws {
        queue = DispatchQueue(
            label: "org.membercore.client", qos: .userInitiated, attributes: .concurrent)
        let c = configuration
        for (name, t) in [("connectTimeout", c.connectTimeout), ("requestTimeout", c.requestTimeout)] {
            guard t.isFinite, t > 0, t * 1000 < Double(Int32.max) else {
                throw MemberCoreError.invalidArgument(
                    message: "configuration.\(name) must be > 0 seconds (got \(t))")
            }
        }
        var storage = c.secureStorage
        #if canImport(Security)
            // No file-store default in the core on Apple platforms: the Keychain is the default.
            if storage == nil { storage = KeychainSecureStorage() }
        #endif
        let needsBox = storage != nil || c.logger != nil || c.clock != nil
        let box =
            needsBox
            ? Unmanaged.passRetained(PlatformBox(storage: storage, logger: c.logger, clock: c.clock))
            : nil

        var cfg = mc_config()
        mc_config_init(&cfg)
        cfg.connect_timeout_ms = Int32((c.connectTimeout * 1000).rounded(.up))
        cfg.request_timeout_ms = Int32((c.requestTimeout * 1000).rounded(.up))
        if let box { box.takeUnretainedValue().install(into: &cfg, context: box.toOpaque()) }

        var opened: OpaquePointer?
        let path = c.dataDirectory.standardizedFileURL.path
        let url = c.serverURL.map { u -> String in
            // The core joins "/v1/..." to it: drop a trailing slash.
            let s = u.absoluteString
            return s.hasSuffix("/") ? String(s.dropLast()) : s
        }
        do {
            try path.withCString { dataDir in
                try withOptionalCString(url) { serverURL in
                    cfg.data_dir = dataDir
                    cfg.server_url = serverURL
                    try check { mc_client_open(&cfg, &opened, $0) }
                }
            }
        } catch {
            box?.release()
            throw error
        }
        handle = opened
        platform = box
    }

    deinit {
        close(inDeinit: true)
    }

    /// Closes the client: stops the sync thread (a round in progress finishes first), ends
    /// every `syncEvents` stream and listener, and frees the handle. Waits for calls in flight
    /// on other threads to return. Closing again is a no-op.
    ///
    /// Called from inside a listener or wake-up callback (which may run on the very thread
    /// close would wait for), it does not wait: every call throws `.closed` from then on, and
    /// the rest of the closing happens on the client's queue once the callback has returned.
    public func close() {
        close(inDeinit: false)
    }

    private func close(inDeinit: Bool) {
        state.lock()
        guard handle != nil, !closing else {
            state.unlock()
            return
        }
        closing = true
        let inCallback = CallbackScope.isActive
        if inCallback && !inDeinit {
            state.unlock()
            queue.async { self.finishClose() }
            return
        }
        while inFlight > 0 { state.wait() }  // always 0 in deinit: a call holds a reference
        let teardown = takeTeardown()
        state.unlock()
        if inCallback {
            // deinit on a callback's thread (the callback dropped the last reference): the
            // core may not be stopped from here, and `self` may not escape a deinit.
            DispatchQueue.global().async { teardown.run() }
        } else {
            teardown.run()
        }
    }

    private func finishClose() {
        state.lock()
        while inFlight > 0 { state.wait() }
        let teardown = takeTeardown()
        state.unlock()
        teardown.run()
    }

    /// Moves everything the C side holds out of `self`. Called with `state` locked, nothing
    /// in flight and `closing` set.
    private func takeTeardown() -> Teardown {
        let t = Teardown(handle: handle!, listeners: listeners, wakeups: wakeups, platform: platform)
        handle = nil
        listeners = [:]
        wakeups = []
        platform = nil
        return t
    }

    /// What closing a client frees, in order. `@unchecked Sendable`: handed from the closing
    /// thread to exactly one thread that runs it.
    private struct Teardown: @unchecked Sendable {
        let handle: OpaquePointer
        let listeners: [UInt64: Unmanaged<ListenerBox>]
        let wakeups: [Unmanaged<WakeupBox>]
        let platform: Unmanaged<PlatformBox>?

        func run() {
            mc_sync_stop(handle)
            for (token, box) in listeners {
                mc_sync_listener_remove(handle, token, nil)
                box.takeUnretainedValue().removed()
                box.release()
            }
            mc_sync_set_wakeup(handle, nil, nil)
            mc_client_close(handle)
            // After mc_client_close the core calls no hook and no wake-up: release their boxes.
            for w in wakeups { w.release() }
            platform?.release()
        }
    }

    /// true until `close()` (or deinit) ran.
    public var isOpen: Bool {
        state.lock()
        defer { state.unlock() }
        return handle != nil && !closing
    }

    /// Now, by the client's clock (`Configuration.clock`, or the system's).
    public func now() throws -> Date {
        try withHandle { h in date(fromMs: mc_client_now(h)) }
    }

    // MARK: - Calling into the core

    /// Runs `body` with the open handle, counted as "in flight" so that `close()` waits for
    /// it. The lock is not held during `body`: calls run concurrently, as the core allows.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        state.lock()
        guard let h = handle, !closing else {
            state.unlock()
            throw MemberCoreError.closed
        }
        inFlight += 1
        state.unlock()
        defer {
            state.lock()
            inFlight -= 1
            if inFlight == 0 { state.broadcast() }
            state.unlock()
        }
        return try body(h)
    }

    /// Runs a blocking call on `queue` and resumes the caller with its result.
    func blocking<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        // Fail fast, without a hop, when already closed.
        guard isOpen else { throw MemberCoreError.closed }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.withHandle(body) })
            }
        }
    }

    // MARK: - Listener bookkeeping (used by Sync.swift)

    /// Registers `box` with the core; its retain is owned by `listeners` until removal.
    func addListener(
        types: SyncEventTypes, delivery: SyncDelivery, box: ListenerBox
    ) throws -> SyncListenerToken {
        let retained = Unmanaged.passRetained(box)
        do {
            return try withHandle { h in
                var token: UInt64 = 0
                try check {
                    mc_sync_listener_add(
                        h, types.rawValue, delivery.cValue,
                        { context, event in
                            guard let context, let event else { return }
                            let box = Unmanaged<ListenerBox>.fromOpaque(context).takeUnretainedValue()
                            guard let e = SyncEvent(event) else { return }
                            CallbackScope.run { box.deliver(e) }
                        }, retained.toOpaque(), &token, $0)
                }
                state.lock()
                listeners[token] = retained
                state.unlock()
                return SyncListenerToken(rawValue: token)
            }
        } catch {
            retained.release()
            throw error
        }
    }

    /// Removes a listener; after this returns its box is released and never called again
    /// (the core guarantees no call after mc_sync_listener_remove returns). Returns false
    /// when the token is unknown (already removed, or removed by close()).
    @discardableResult
    func removeListener(_ token: UInt64) throws -> Bool {
        state.lock()
        let box = listeners.removeValue(forKey: token)
        state.unlock()
        guard let box else { return false }
        defer {
            box.takeUnretainedValue().removed()
            box.release()
        }
        do {
            try withHandle { h in _ = try check { mc_sync_listener_remove(h, token, $0) } }
        } catch MemberCoreError.closed {
            // close() freed the client: no more callbacks either way.
        }
        return true
    }

    /// Installs a wake-up hook; its box stays alive until close (the core does not promise
    /// that a replaced hook is never called again).
    func setWakeup(box: WakeupBox?) throws {
        try withHandle { h in
            if let box {
                let retained = Unmanaged.passRetained(box)
                state.lock()
                wakeups.append(retained)
                state.unlock()
                mc_sync_set_wakeup(
                    h,
                    { context in
                        guard let context else { return }
                        let box = Unmanaged<WakeupBox>.fromOpaque(context).takeUnretainedValue()
                        CallbackScope.run { box.handler() }
                    }, retained.toOpaque())
            } else {
                mc_sync_set_wakeup(h, nil, nil)
            }
        }
    }
}

/// What a listener's `void *context` points at.
final class ListenerBox: Sendable {
    let deliver: @Sendable (SyncEvent) -> Void
    let removed: @Sendable () -> Void
    init(deliver: @escaping @Sendable (SyncEvent) -> Void, removed: @escaping @Sendable () -> Void = {}) {
        self.deliver = deliver
        self.removed = removed
    }
}

/// What the wake-up hook's `void *context` points at.
final class WakeupBox: Sendable {
    let handler: @Sendable () -> Void
    init(_ handler: @escaping @Sendable () -> Void) { self.handler = handler }
}

/// Marks the current thread as running one of our C callbacks (listener, wake-up), so that
/// `close()` called from there does not wait for the thread it is on.
enum CallbackScope {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var isActive: Bool { pthread_getspecific(key) != nil }

    static func run(_ body: () -> Void) {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, previous) }
        body()
    }
}

/// `body` with a C string, or NULL for nil.
func withOptionalCString<T>(_ s: String?, _ body: (UnsafePointer<CChar>?) throws -> T) rethrows -> T {
    guard let s else { return try body(nil) }
    return try s.withCString { try body($0) }
}
