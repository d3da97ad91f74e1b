// SecureStorage: where the core keeps the session token, and how a Swift implementation is
// wired into mc_platform's secure_get / secure_set / secure_delete (and log) hooks.
import CMemberCore
import Foundation

/// Secure storage for the few small secrets the core keeps ("session_token",
/// "revoke_pending": ASCII values under 256 bytes). On iOS use `KeychainSecureStorage` (the
/// default there); tests and previews may use `InMemorySecureStorage`.
///
/// The core calls it from any thread that calls into the core, the background sync thread
/// included, so an implementation must be thread-safe (hence `Sendable`).
public protocol SecureStorage: Sendable {
    /// The value stored under `key`, or nil when there is none. Throw on failure.
    func value(forKey key: String) throws -> String?
    /// Store `value` under `key`, replacing any previous one, durably.
    func setValue(_ value: String, forKey key: String) throws
    /// Remove `key`; removing a missing key is not an error.
    func removeValue(forKey key: String) throws
}

/// A SecureStorage that forgets everything when the process ends: for tests and SwiftUI
/// previews, never for an app (the member would sign in at every launch).
public final class InMemorySecureStorage: SecureStorage, @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var values: [String: String] = [:]

    public init(_ values: [String: String] = [:]) { self.values = values }

    // (NSLock.withLock needs iOS 16; this package supports iOS 15.)
    public func value(forKey key: String) throws -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }
    public func setValue(_ value: String, forKey key: String) throws {
        lock.lock()
        defer { lock.unlock() }
        values[key] = value
    }
    public func removeValue(forKey key: String) throws {
        lock.lock()
        defer { lock.unlock() }
        values.removeValue(forKey: key)
    }
}

/// The log levels of `membercore/platform.h`.
public enum LogLevel: Int32, Sendable, Comparable, CustomStringConvertible {
    case debug = 0
    case info = 1
    case warning = 2
    case error = 3

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// What the C hooks reach through their `void *context`: one object per client, retained for
/// the client's life (`Unmanaged.passRetained` at open, released after `mc_client_free`, after
/// which the core makes no more calls).
final class PlatformBox: Sendable {
    let storage: (any SecureStorage)?
    let logger: (@Sendable (LogLevel, String) -> Void)?
    let clock: (@Sendable () -> Date)?

    init(
        storage: (any SecureStorage)?, logger: (@Sendable (LogLevel, String) -> Void)?,
        clock: (@Sendable () -> Date)?
    ) {
        self.storage = storage
        self.logger = logger
        self.clock = clock
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> PlatformBox? {
        guard let context else { return nil }
        return Unmanaged<PlatformBox>.fromOpaque(context).takeUnretainedValue()
    }

    /// Fills the hooks of `cfg` for what this box has; the rest stay NULL (the core's defaults).
    func install(into cfg: inout mc_config, context: UnsafeMutableRawPointer) {
        cfg.platform.context = context
        if storage != nil {
            cfg.platform.secure_get = { context, key, value, cap in
                guard let box = PlatformBox.from(context), let storage = box.storage, let key,
                    let value
                else { return MC_ERR_INVALID_ARG }
                let stored: String?
                do { stored = try storage.value(forKey: String(cString: key)) } catch {
                    return MC_ERR_STORAGE
                }
                guard let stored else { return MC_ERR_NOT_FOUND }
                let utf8 = Array(stored.utf8)
                guard utf8.count < cap, !utf8.contains(0) else { return MC_ERR_INVALID_ARG }
                utf8.withUnsafeBufferPointer { bytes in
                    UnsafeMutableRawPointer(value).copyMemory(
                        from: bytes.baseAddress!, byteCount: bytes.count)
                }
                value[utf8.count] = 0
                return MC_OK
            }
            cfg.platform.secure_set = { context, key, value in
                guard let box = PlatformBox.from(context), let storage = box.storage, let key,
                    let value
                else { return MC_ERR_INVALID_ARG }
                do {
                    try storage.setValue(String(cString: value), forKey: String(cString: key))
                } catch { return MC_ERR_STORAGE }
                return MC_OK
            }
            cfg.platform.secure_delete = { context, key in
                guard let box = PlatformBox.from(context), let storage = box.storage, let key else {
                    return MC_ERR_INVALID_ARG
                }
                do { try storage.removeValue(forKey: String(cString: key)) } catch {
                    return MC_ERR_STORAGE
                }
                return MC_OK
            }
        }
        if logger != nil {
            cfg.platform.log = { context, level, message in
                guard let box = PlatformBox.from(context), let logger = box.logger, let message else {
                    return
                }
                let lvl = LogLevel(rawValue: Int32(bitPattern: UInt32(level.rawValue))) ?? .error
                logger(lvl, String(cString: message))
            }
        }
        if clock != nil {
            cfg.clock_context = context
            cfg.clock = { context in
                guard let box = PlatformBox.from(context), let clock = box.clock else { return 0 }
                return milliseconds(clock())
            }
        }
    }
}
