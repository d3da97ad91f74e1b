// MemberCoreError: every mc_status as a Swift error, with what the core knew about it.
import CMemberCore
import Foundation

/// What a MemberCore call throws. One case per `mc_status` of `membercore/error.h`, each with the
/// core's human-readable `message` and, where the status can come from a server answer, its HTTP
/// status and machine-readable code (`nil` when there was no answer / no code). `.closed` is the
/// binding's own: the client was closed before the call.
public enum MemberCoreError: Error, Sendable, Equatable {
    /// A parameter was malformed or out of range; the message names it (`MC_ERR_INVALID_ARG`).
    case invalidArgument(message: String)
    /// The thing named does not exist, locally or on the server (`MC_ERR_NOT_FOUND`).
    case notFound(message: String, httpStatus: Int?, serverCode: String?)
    /// The server (or the instant local check) refused a conflicting state (`MC_ERR_CONFLICT`);
    /// `rule` names the booking rule that refused (`.none` for other conflicts).
    case conflict(message: String, httpStatus: Int?, serverCode: String?, rule: Rule)
    /// The company's credit balance is too low (`MC_ERR_INSUFFICIENT_CREDITS`).
    case insufficientCredits(message: String, httpStatus: Int?, serverCode: String?)
    /// The server could not be reached at all: the device is offline (`MC_ERR_OFFLINE`).
    case offline(message: String)
    /// The server was reached but the exchange failed; safe to retry (`MC_ERR_NETWORK`).
    case network(message: String, httpStatus: Int?, retryAfter: TimeInterval?)
    /// No session, or it expired or was revoked: sign in again (`MC_ERR_UNAUTHORIZED`).
    case unauthorized(message: String, httpStatus: Int?)
    /// The OTP is wrong; `attemptsLeft` more tries for this code (0: it is dead) (`MC_ERR_OTP_WRONG`).
    case otpWrong(message: String, attemptsLeft: Int)
    /// The OTP expired or none is outstanding: request a new one (`MC_ERR_OTP_EXPIRED`).
    case otpExpired(message: String)
    /// Five wrong attempts killed this OTP: request a new one (`MC_ERR_OTP_EXHAUSTED`).
    case otpExhausted(message: String)
    /// Too many OTP requests; wait `retryAfter` seconds (`MC_ERR_OTP_RATE_LIMITED`).
    case otpRateLimited(message: String, retryAfter: TimeInterval)
    /// A payment was declined or its signature did not verify (`MC_ERR_PAYMENT_FAILED`).
    case paymentFailed(message: String, httpStatus: Int?, serverCode: String?)
    /// The local store failed (`MC_ERR_STORAGE`).
    case storage(message: String)
    /// An allocation failed (`MC_ERR_NO_MEMORY`).
    case noMemory(message: String)
    /// The call is not valid in the current state, e.g. verify with no OTP requested (`MC_ERR_STATE`).
    case invalidState(message: String, httpStatus: Int?, serverCode: String?)
    /// The server failed or answered something the core does not understand (`MC_ERR_SERVER`).
    case server(message: String, httpStatus: Int?, serverCode: String?)
    /// Signed in, but this account may not touch that item (`MC_ERR_FORBIDDEN`).
    case forbidden(message: String, httpStatus: Int?, serverCode: String?)
    /// The TLS connection could not be verified (an untrusted or expired certificate, another
    /// host's): nothing was sent (`MC_ERR_TLS`).
    case tls(message: String)
    /// The server's verified chain matched none of the configured pins: nothing was sent
    /// (`MC_ERR_TLS_PIN`).
    case tlsPin(message: String)
    /// The local store is damaged (empty, not a database): its session was dropped; remove the
    /// store and sign in again (`MC_ERR_STORE_DAMAGED`).
    case storeDamaged(message: String)
    /// The request was cancelled before its answer came: the client was closed while the call
    /// waited for the network (`MC_ERR_CANCELLED`). What it would have written was not written;
    /// a write queued for sync stays queued.
    case cancelled(message: String)
    /// A status this binding does not know yet (a newer core).
    case unknown(code: Code, message: String, httpStatus: Int?, serverCode: String?)
    /// The client was closed (`MemberCore.close()` or deinit) before this call.
    case closed

    /// An `mc_status` value. A struct rather than an enum so that codes appended to the C API
    /// later still have a value here; `name` is the core's stable name ("offline", ...).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let ok = Code(MC_OK)
        public static let invalidArgument = Code(MC_ERR_INVALID_ARG)
        public static let notFound = Code(MC_ERR_NOT_FOUND)
        public static let conflict = Code(MC_ERR_CONFLICT)
        public static let insufficientCredits = Code(MC_ERR_INSUFFICIENT_CREDITS)
        public static let offline = Code(MC_ERR_OFFLINE)
        public static let network = Code(MC_ERR_NETWORK)
        public static let unauthorized = Code(MC_ERR_UNAUTHORIZED)
        public static let otpWrong = Code(MC_ERR_OTP_WRONG)
        public static let otpExpired = Code(MC_ERR_OTP_EXPIRED)
        public static let otpExhausted = Code(MC_ERR_OTP_EXHAUSTED)
        public static let otpRateLimited = Code(MC_ERR_OTP_RATE_LIMITED)
        public static let paymentFailed = Code(MC_ERR_PAYMENT_FAILED)
        public static let storage = Code(MC_ERR_STORAGE)
        public static let noMemory = Code(MC_ERR_NO_MEMORY)
        public static let invalidState = Code(MC_ERR_STATE)
        public static let server = Code(MC_ERR_SERVER)
        public static let forbidden = Code(MC_ERR_FORBIDDEN)
        public static let tls = Code(MC_ERR_TLS)
        public static let tlsPin = Code(MC_ERR_TLS_PIN)
        public static let storeDamaged = Code(MC_ERR_STORE_DAMAGED)
        public static let cancelled = Code(MC_ERR_CANCELLED)

        init(_ status: mc_status) { rawValue = Int32(bitPattern: UInt32(status.rawValue)) }

        var cValue: mc_status { mc_status(rawValue: .init(UInt32(bitPattern: rawValue))) }

        /// The core's stable lower-case name: "invalid_argument", "offline", ...; "unknown".
        public var name: String { String(cString: mc_status_name(cValue)) }
        public var description: String { name }
    }

    /// The status this error stands for (`.closed` has none of the core's: it says "closed").
    public var code: Code {
        switch self {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .conflict: .conflict
        case .insufficientCredits: .insufficientCredits
        case .offline: .offline
        case .network: .network
        case .unauthorized: .unauthorized
        case .otpWrong: .otpWrong
        case .otpExpired: .otpExpired
        case .otpExhausted: .otpExhausted
        case .otpRateLimited: .otpRateLimited
        case .paymentFailed: .paymentFailed
        case .storage: .storage
        case .noMemory: .noMemory
        case .invalidState: .invalidState
        case .server: .server
        case .forbidden: .forbidden
        case .tls: .tls
        case .tlsPin: .tlsPin
        case .storeDamaged: .storeDamaged
        case .cancelled: .cancelled
        case .unknown(let code, _, _, _): code
        case .closed: Code(rawValue: -1)
        }
    }

    /// The core's message (UTF-8, never a secret); "the client is closed" for `.closed`.
    public var message: String {
        switch self {
        case .invalidArgument(let m), .offline(let m), .otpExpired(let m), .otpExhausted(let m),
            .storage(let m), .noMemory(let m), .tls(let m), .tlsPin(let m), .storeDamaged(let m), .cancelled(let m):
            m
        case .notFound(let m, _, _), .conflict(let m, _, _, _), .insufficientCredits(let m, _, _),
            .paymentFailed(let m, _, _), .invalidState(let m, _, _), .server(let m, _, _),
            .forbidden(let m, _, _), .unknown(_, let m, _, _), .network(let m, _, _):
            m
        case .unauthorized(let m, _), .otpWrong(let m, _), .otpRateLimited(let m, _):
            m
        case .closed:
            "the client is closed"
        }
    }

    /// The HTTP status of the server's answer, where the case carries one.
    public var httpStatus: Int? {
        switch self {
        case .notFound(_, let h, _), .conflict(_, let h, _, _), .insufficientCredits(_, let h, _),
            .paymentFailed(_, let h, _), .invalidState(_, let h, _), .server(_, let h, _),
            .forbidden(_, let h, _), .unknown(_, _, let h, _), .network(_, let h, _),
            .unauthorized(_, let h):
            h
        default:
            nil
        }
    }

    /// The server's machine-readable code ("event_full", ...), where the case carries one.
    public var serverCode: String? {
        switch self {
        case .notFound(_, _, let s), .conflict(_, _, let s, _), .insufficientCredits(_, _, let s),
            .paymentFailed(_, _, let s), .invalidState(_, _, let s), .server(_, _, let s),
            .forbidden(_, _, let s), .unknown(_, _, _, let s):
            s
        default:
            nil
        }
    }

    /// Seconds to wait before trying again (rate limits), where the case carries it.
    public var retryAfter: TimeInterval? {
        switch self {
        case .otpRateLimited(_, let r): r
        case .network(_, _, let r): r
        default: nil
        }
    }

    /// The rule that refused (`.conflict` of a room booking: closed, blacked out, too soon, ...);
    /// `.none` for every other error.
    public var rule: Rule {
        if case .conflict(_, _, _, let r) = self { return r }
        return .none
    }

    /// For `.otpWrong`: how many more tries the code allows.
    public var attemptsLeft: Int? {
        if case .otpWrong(_, let n) = self { return n }
        return nil
    }

    /// Builds the error from a failed call's status and its filled `mc_error`.
    init(status: mc_status, error err: mc_error) {
        var e = err
        let message = cString(tuple: &e.message)
        let sc = cString(tuple: &e.server_code)
        let serverCode: String? = sc.isEmpty ? nil : sc
        let http: Int? = e.http_status == 0 ? nil : Int(e.http_status)
        let retry: TimeInterval? = e.retry_after_s > 0 ? TimeInterval(e.retry_after_s) : nil
        switch Code(status) {
        case .invalidArgument: self = .invalidArgument(message: message)
        case .notFound: self = .notFound(message: message, httpStatus: http, serverCode: serverCode)
        case .conflict:
            self = .conflict(message: message, httpStatus: http, serverCode: serverCode, rule: Rule(e.rule))
        case .insufficientCredits:
            self = .insufficientCredits(message: message, httpStatus: http, serverCode: serverCode)
        case .offline: self = .offline(message: message)
        case .network: self = .network(message: message, httpStatus: http, retryAfter: retry)
        case .unauthorized: self = .unauthorized(message: message, httpStatus: http)
        case .otpWrong: self = .otpWrong(message: message, attemptsLeft: Int(max(e.attempts_left, 0)))
        case .otpExpired: self = .otpExpired(message: message)
        case .otpExhausted: self = .otpExhausted(message: message)
        case .otpRateLimited: self = .otpRateLimited(message: message, retryAfter: retry ?? 0)
        case .paymentFailed:
            self = .paymentFailed(message: message, httpStatus: http, serverCode: serverCode)
        case .storage: self = .storage(message: message)
        case .noMemory: self = .noMemory(message: message)
        case .invalidState:
            self = .invalidState(message: message, httpStatus: http, serverCode: serverCode)
        case .server: self = .server(message: message, httpStatus: http, serverCode: serverCode)
        case .forbidden: self = .forbidden(message: message, httpStatus: http, serverCode: serverCode)
        case .tls: self = .tls(message: message)
        case .tlsPin: self = .tlsPin(message: message)
        case .storeDamaged: self = .storeDamaged(message: message)
        case .cancelled: self = .cancelled(message: message)
        default:
            self = .unknown(code: Code(status), message: message, httpStatus: http, serverCode: serverCode)
        }
    }
}

/// The rule behind a refusal (`mc_rule`, membercore/error.h): why a room or desk booking was refused
/// (`MemberCoreError.rule`) or why a search found no free block (`RoomSearch.whyNone`). The
/// message beside it says the same in English with the particulars.
public enum Rule: Int32, Sendable, Hashable, CustomStringConvertible {
    case none = 0
    /// The building is closed that day.
    case closed = 1
    /// Open that day, but not at the time asked.
    case outsideHours = 2
    /// A blackout of the building or the room (the message gives its reason).
    case blackout = 3
    /// The block has already started, or the day is over.
    case past = 4
    /// The block starts sooner than the building's minimum notice.
    case tooSoon = 5
    /// The day lies beyond the building's booking window.
    case beyondWindow = 6
    /// Booked or held by another booking.
    case taken = 7
    /// A search: no room has the capacity and amenities asked.
    case noRoom = 8
    /// A desk: the member already has a desk that day (`bookDesk`).
    case alreadyBooked = 9
    /// A desk for today after the building's check-in cut-off, or a cancel after it.
    case afterCutoff = 10
    /// The member already holds as many unpaid bookings, passes or seats as one may.
    case holdLimit = 11
    /// Longer than one booking may be for this member (on-demand users: a few hours).
    case tooLong = 12
    /// A hold just lapsed or cancelled cannot be taken again so soon.
    case holdCooldown = 13
    /// A rule newer than this binding.
    case unknown = -1

    init(_ r: mc_rule) { self = coreEnum(r.rawValue) ?? .unknown }
    /// "none", "closed", "outside_hours", "blackout", "past", "too_soon", "beyond_window",
    /// "taken", "no_room", "already_booked", "after_cutoff", "hold_limit", "too_long",
    /// "hold_cooldown"; "unknown".
    public var name: String { coreName(self) { mc_rule_name(mc_rule(rawValue: $0)) } }
    public var description: String { name }
}

extension MemberCoreError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { message }
    public var description: String { "\(code.name): \(message)" }
}

// MARK: - Calling the C API

/// An `mc_error` as `MC_ERROR_INIT` makes it (the macro does not import into Swift).
func makeError() -> mc_error {
    var e = mc_error()
    e.attempts_left = -1
    return e
}

/// Runs one fallible C call with a fresh `mc_error` and throws what it reports.
@discardableResult
func check(_ body: (UnsafeMutablePointer<mc_error>) -> mc_status) throws(MemberCoreError) -> mc_status {
    var err = makeError()
    let status = body(&err)
    if status != MC_OK { throw MemberCoreError(status: status, error: err) }
    return status
}

/// A NUL-terminated string inside a fixed-size C array (imported as a tuple of CChar).
func cString<T>(tuple: inout T) -> String {
    withUnsafeBytes(of: &tuple) { raw in
        let bytes = raw.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
