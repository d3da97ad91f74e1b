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
///   The request timeouts bound them; `close()` cancels the requests in flight (their calls
///   throw `.cancelled`).
/// - After `close()`, every call throws `MemberCoreError.closed`.
///
/// Sendable: `@unchecked`, because the bookkeeping below is guarded by `state` (a lock) and the
/// C handle guards itself (membercore/client.h): `mc_client_close` may run at any time, waits
/// for the calls in flight and refuses later ones; the handle stays valid until deinit
/// (`mc_client_free`), when no call can start any more.
public final class MemberCore: @unchecked Sendable {
    /// How to open a client (`mc_config`).
    public struct Configuration: Sendable {
        /// Where the local store lives (created, with parents, if missing). On iOS use a
        /// directory under Application Support (`defaultDataDirectory()`).
        public var dataDirectory: URL
        /// The API server, e.g. https://api.example.com. nil: offline-only (every network
        /// call throws `.offline`). Plain http only to loopback (tests); https is verified.
        public var serverURL: URL?
        /// How requests reach the server: `.urlSession` (the default, a `URLSessionTransport`
        /// of the client's own: the phone's proxy, App Transport Security, connection pool),
        /// `.custom(t)` (your `URLSessionTransport(session:)` or `Transport`), or `.builtIn` (the
        /// core's libcurl, which `tlsPins` and `tlsCAFile` need).
        public var transport: TransportChoice
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
        /// Certificate pinning of the `.builtIn` transport (`mc_config.tls_pins`; with another
        /// transport pin in it, e.g. a `URLSessionDelegate`, and leave this empty): each pin "sha256/" + the base64 of the
        /// SHA-256 of a certificate's DER SubjectPublicKeyInfo, at least two (a backup for the
        /// next key); a request goes out only when the verified chain holds one of those keys,
        /// else `.tlsPin`. Empty (the default): no pinning. `init` refuses malformed pins or a
        /// single one with `.invalidArgument`.
        public var tlsPins: [String]
        /// A PEM file of CA certificates for the `.builtIn` transport to trust instead of the
        /// system's (a private CA, a test's own); nil: the system's. Verification is never off.
        public var tlsCAFile: URL?

        public init(
            dataDirectory: URL,
            serverURL: URL? = nil,
            connectTimeout: TimeInterval = 5,
            requestTimeout: TimeInterval = 15,
            secureStorage: (any SecureStorage)? = nil,
            logger: (@Sendable (LogLevel, String) -> Void)? = nil,
            clock: (@Sendable () -> Date)? = nil,
            tlsPins: [String] = [],
            tlsCAFile: URL? = nil,
            transport: TransportChoice = .urlSession
        ) {
            self.dataDirectory = dataDirectory
            self.serverURL = serverURL
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.secureStorage = secureStorage
            self.logger = logger
            self.clock = clock
            self.tlsPins = tlsPins
            self.tlsCAFile = tlsCAFile
            self.transport = transport
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

    /// The C handle: valid from init to deinit (closing it does not free it).
    private let handle: OpaquePointer
    // Guarded by `state`: the boxes the C side points at, released after mc_client_free.
    private let state = NSLock()
    private var listeners: [UInt64: Unmanaged<ListenerBox>] = [:]
    private var wakeups: [Unmanaged<WakeupBox>] = []
    /// Listeners removed after close: a close made from a callback may still call them until
    /// deinit frees the client.
    private var retired: [Unmanaged<ListenerBox>] = []
    private var platform: Unmanaged<PlatformBox>?

    /// Where the blocking network calls run: a concurrent queue of this client (the core
    /// serialises what must be serialised, e.g. one sync round at a time).
    let queue: DispatchQueue

    /// The library version ("MAJOR.MINOR.PATCH").
    public static var version: String { String(cString: mc_version()) }
    /// The schema version of the local store this library writes.
    public static var storeSchemaVersion: Int { Int(mc_store_schema_version()) }

    /// Removes the local store in `dataDirectory` (the one `Configuration` names): for a store
    /// `init` reports `.storeDamaged` (its session is already dropped), or for a reset. The
    /// directory and the secure storage stay; what the server has comes back with the next
    /// sign-in and sync, local writes not yet sent are lost. No client may be open over that
    /// directory. Throws `.invalidArgument` or `.storage` naming the file it could not remove.
    public static func removeStore(dataDirectory: URL) throws {
        _ = try check { mc_store_remove(dataDirectory.path, $0) }
    }

    /// Opens a client over `configuration.dataDirectory`, creating and migrating the store
    /// (local I/O only, no network). Throws `.invalidArgument` (timeouts, server URL),
    /// `.storage` (directory or store unusable, or written by a newer library), `.storeDamaged`
    /// (the store file is empty or not a database: its session was dropped; `removeStore`).
    /// `tlsPins` or `tlsCAFile` with a transport other than `.builtIn` is `.invalidArgument`.
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
        if !c.transport.isBuiltIn && (!c.tlsPins.isEmpty || c.tlsCAFile != nil) {
            throw MemberCoreError.invalidArgument(
                message: "configuration.tlsPins and tlsCAFile apply to the built-in transport only "
                    + "(transport: .builtIn); with URLSession, pin in its delegate")
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
        mc_config_init_sized(&cfg, MemoryLayout<mc_config>.size)  // mc_config_init is a C macro
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
        // The core copies the transport struct and takes its context at open (releasing it
        // also when the open fails).
        var transport = c.transport.transport.map { TransportBox.make($0) }
        // The core copies the pins and the CA path at open: C copies live until then.
        let pinCopies = c.tlsPins.map { strdup($0) }
        defer { pinCopies.forEach { free($0) } }
        let pins: [UnsafePointer<CChar>?] = pinCopies.map { $0.map { UnsafePointer($0) } }
        do {
            try path.withCString { dataDir in
                try withOptionalCString(url) { serverURL in
                    try withOptionalCString(c.tlsCAFile?.path) { caFile in
                        try pins.withUnsafeBufferPointer { pinList in
                            cfg.data_dir = dataDir
                            cfg.server_url = serverURL
                            cfg.tls_ca_file = caFile
                            cfg.tls_pins = pinList.isEmpty ? nil : pinList.baseAddress
                            cfg.tls_pin_count = pinList.count
                            try withOptionalPointer(&transport) { t in
                                cfg.transport = t
                                try check { mc_client_open(&cfg, &opened, $0) }
                            }
                        }
                    }
                }
            }
        } catch {
            box?.release()
            throw error
        }
        handle = opened!
        platform = box
    }

    deinit {
        let teardown = Teardown(
            handle: handle, listeners: Array(listeners.values) + retired, wakeups: wakeups,
            platform: platform)
        if CallbackScope.isActive {
            // deinit on a callback's thread (the callback dropped the last reference): the
            // core cannot free the client from inside its own callback.
            DispatchQueue.global().async { teardown.run() }
        } else {
            teardown.run()
        }
    }

    /// Closes the client: every call started from now on throws `.closed`, the calls in flight
    /// on other threads are waited for, the sync thread stops (a round in progress finishes
    /// first), every `syncEvents` stream and listener ends, and the store is closed. Closing
    /// again is a no-op.
    ///
    /// Called from inside a listener or wake-up callback (which may run on the very thread
    /// close would wait for), it does not wait: every call throws `.closed` from then on, and
    /// the core finishes the closing when the client is released (deinit).
    public func close() {
        mc_client_close(handle)
        let finished = !CallbackScope.isActive  // else the core finishes closing at deinit
        state.lock()
        let ended = Array(listeners.values)
        var released: [Unmanaged<WakeupBox>] = []
        if finished {
            // The core has stopped: no listener or wake-up runs any more.
            listeners = [:]
            released = wakeups
            wakeups = []
        }
        state.unlock()
        for box in ended {
            box.takeUnretainedValue().removed()
            if finished { box.release() }
        }
        for w in released { w.release() }
    }

    /// What deinit frees, in order. `@unchecked Sendable`: handed from the deinit to exactly
    /// one thread that runs it.
    private struct Teardown: @unchecked Sendable {
        let handle: OpaquePointer
        let listeners: [Unmanaged<ListenerBox>]
        let wakeups: [Unmanaged<WakeupBox>]
        let platform: Unmanaged<PlatformBox>?

        func run() {
            mc_client_free(handle)
            // After mc_client_free the core calls no listener, hook or wake-up: release their
            // boxes (ending the streams that close() did not end).
            for box in listeners {
                box.takeUnretainedValue().removed()
                box.release()
            }
            for w in wakeups { w.release() }
            platform?.release()
        }
    }

    /// true until `close()` (or deinit) ran.
    public var isOpen: Bool { !mc_client_is_closed(handle) }

    /// Now, by the client's clock (`Configuration.clock`, or the system's).
    public func now() throws -> Date {
        try withHandle { h in date(fromMs: mc_client_now(h)) }
    }

    // MARK: - Calling into the core

    /// Runs `body` with the handle. The core guards the call (membercore/client.h): after
    /// close it fails with MC_ERR_STATE, which this reports as `.closed`.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard !mc_client_is_closed(handle) else { throw MemberCoreError.closed }
        do {
            return try body(handle)
        } catch MemberCoreError.invalidState(_, _, _) where mc_client_is_closed(handle) {
            throw MemberCoreError.closed
        }
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
        do {
            try withHandle { h in _ = try check { mc_sync_listener_remove(h, token, $0) } }
        } catch MemberCoreError.closed {
            // Closed: the core may still be finishing a round that calls it; deinit releases it.
            box.takeUnretainedValue().removed()
            state.lock()
            retired.append(box)
            state.unlock()
            return true
        } catch {
            box.takeUnretainedValue().removed()
            box.release()
            throw error
        }
        box.takeUnretainedValue().removed()
        box.release()
        return true
    }

    /// Installs a wake-up hook; its box stays alive until deinit (the core does not promise
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

/// `body` with a pointer to `value`, or NULL for nil.
func withOptionalPointer<T, R>(_ value: inout T?, _ body: (UnsafePointer<T>?) throws -> R) rethrows -> R {
    guard var v = value else { return try body(nil) }
    return try body(&v)
}

/// `body` with a C string, or NULL for nil.
func withOptionalCString<T>(_ s: String?, _ body: (UnsafePointer<CChar>?) throws -> T) rethrows -> T {
    guard let s else { return try body(nil) }
    return try s.withCString { try body($0) }
}
