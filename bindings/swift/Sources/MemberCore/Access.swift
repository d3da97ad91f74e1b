// Door credentials and the QR codes shown at the door (membercore/access.h).
//
// A credential (a day pass's, or a booking guest's) is synced to its holder's device with a
// secret that never leaves the core. The device renders it offline as a rotating payload (a
// new one every 30 seconds, "MC1|<id>|<step>|<code>"), drawn as a QR code: either as modules
// for native drawing (`qrCode(for:)`) or as one grayscale bitmap (`qrBitmap(for:scale:)`).
import CMemberCore
import Foundation

#if canImport(CoreGraphics)
    import CoreGraphics
#endif

/// What a credential is for (`mc_credential_kind`); `name` is the core's.
public enum CredentialKind: Int32, Sendable, Hashable, CustomStringConvertible {
    /// A kind newer than this library.
    case unknown = 0
    /// A day pass (`Credential.passId`).
    case pass = 1
    /// A guest of a room booking (`Credential.reservationId`).
    case bookingGuest = 2
    /// A desk day of the member's (`Credential.deskBookingId`).
    case desk = 3

    init(_ c: mc_credential_kind) { self = coreEnum(c.rawValue) ?? .unknown }
    /// "pass", "booking_guest", "desk", "unknown".
    public var name: String {
        coreName(self) { mc_credential_kind_name(mc_credential_kind(rawValue: $0)) }
    }
    public var description: String { name }
}

/// A door credential of the signed-in member (`mc_credential`); its secret stays in the core.
public struct Credential: Sendable, Equatable, Identifiable {
    public var id: String
    public var kind: CredentialKind
    public var buildingId: String
    /// Valid from `validFrom` (included) to `validUntil` (excluded).
    public var validFrom: Date
    public var validUntil: Date
    /// The window on the building's wall clock.
    public var validFromLocal: BuildingTime
    public var validUntilLocal: BuildingTime
    /// The pass it opens the door for (kind `.pass`), or the booking (kind `.bookingGuest`).
    public var passId: String?
    public var reservationId: String?
    /// The desk booking it opens the door for (kind `.desk`).
    public var deskBookingId: String?

    /// Whether `instant` is inside the validity window.
    public func isValid(at instant: Date) -> Bool { instant >= validFrom && instant < validUntil }

    init(_ c: mc_credential) {
        id = string(c.id)
        kind = CredentialKind(c.kind)
        buildingId = string(c.building_id)
        validFrom = date(fromMs: c.valid_from_ms)
        validUntil = date(fromMs: c.valid_until_ms)
        validFromLocal = BuildingTime(c.valid_from)
        validUntilLocal = BuildingTime(c.valid_until)
        passId = optionalString(c.pass_id)
        reservationId = optionalString(c.reservation_id)
        deskBookingId = optionalString(c.desk_booking_id)
    }
}

/// The payload to show now and when to redraw it (`mc_credential_payload`).
public struct CredentialPayload: Sendable, Equatable {
    /// "MC1|<credential id>|<step>|<8 digits>": encode it as a QR code.
    public var payload: String
    /// When it stops being current: the next 30-second step, or the end of the validity
    /// window if that comes first. Call `credentialPayload` again then.
    public var refreshAt: Date
    /// `refreshAt` on the wall clock of the credential's building.
    public var refreshAtLocal: BuildingTime
}

/// A QR code as modules (`mc_qr`), to draw with native primitives. No quiet zone: leave 4
/// modules of white all round.
public struct QRCode: Sendable, Equatable {
    /// 1...40 (the core's payloads give 1...4).
    public var version: Int
    /// Modules per side (17 + 4 × version).
    public var width: Int
    /// `width × width` bytes, row-major, 1 = dark, 0 = light.
    public var modules: Data

    /// Whether the module at column `x`, row `y` (0 ..< width) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition(
            x >= 0 && x < width && y >= 0 && y < width, "module (\(x), \(y)) outside \(width)×\(width)")
        return modules[modules.startIndex + y * width + x] != 0
    }
}

/// A QR code drawn as an 8-bit grayscale image (`mc_bitmap`): 0 = black, 255 = white,
/// row-major, no padding, with the 4-module white quiet zone all round.
public struct QRBitmap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width × height` bytes, one per pixel.
    public var pixels: Data

    /// The pixel at column `x`, row `y`.
    public func pixel(x: Int, y: Int) -> UInt8 {
        precondition(
            x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
        return pixels[pixels.startIndex + y * width + x]
    }

    #if canImport(CoreGraphics)
        /// The bitmap as a grayscale `CGImage` (for `UIImage(cgImage:)`; draw it with
        /// interpolation off, e.g. `.interpolation(.none)` in SwiftUI). Not built on Linux.
        public func makeCGImage() -> CGImage? {
            guard let provider = CGDataProvider(data: pixels as CFData) else { return nil }
            return CGImage(
                width: width, height: height, bitsPerComponent: 8, bitsPerPixel: 8,
                bytesPerRow: width, space: CGColorSpaceCreateDeviceGray(),
                bitmapInfo: CGBitmapInfo(rawValue: CGImageAlphaInfo.none.rawValue), provider: provider,
                decode: nil, shouldInterpolate: false, intent: .defaultIntent)
        }
    #endif
}

extension MemberCore {
    /// Bytes a payload can take, NUL included (`MC_ACCESS_PAYLOAD_MAX`).
    static let payloadCapacity = Int(MC_ACCESS_PAYLOAD_MAX)

    /// The member's credentials that have not expired at the client's clock, soonest valid
    /// first, from the local store (sync to fetch new ones): the whole list (a screen reads
    /// `credentials(page:)`). Any thread. Throws `.unauthorized`, `.storage`, `.closed`.
    public func credentials() throws -> [Credential] {
        try readList(Credential.init) { mc_credentials_list($0, &$1, $2) }
    }

    /// One page of `credentials()`, through an index (membercore/page.h). Any thread; reads
    /// run beside other reads and beside sync. Throws `.invalidArgument` (negative limit, or a
    /// cursor this list did not return), `.unauthorized`, `.storage`, `.closed`.
    public func credentials(page: Page) throws -> ListPage<Credential> {
        try readPage(page, Credential.init) { mc_credentials_page($0, $1, &$2, $3) }
    }

    /// Every page of `credentials()`, `limit` items each (0: `Page.defaultLimit`), read as
    /// iterated; throws as `credentials(page:)`. Any thread or task.
    public func credentialPages(limit: Int = 0) -> Pages<ListPage<Credential>> {
        Pages(limit: limit) { [self] page in try credentials(page: page) }
    }

    /// The rotating payload of a credential at the client's current time, and when to redraw
    /// it. Works offline. Throws `.invalidArgument` (empty id), `.notFound` (no such credential
    /// on this device: sync), `.invalidState` (outside its validity window: the message says
    /// "not valid yet" or "expired", with the instant), `.unauthorized`, `.storage`.
    public func credentialPayload(_ credentialId: String) throws -> CredentialPayload {
        try withHandle { h in
            var out = [CChar](repeating: 0, count: Self.payloadCapacity)
            let cap = out.count
            var refreshAt: Int64 = 0
            var refreshAtLocal = mc_local_time()
            try credentialId.withCString { id in
                try out.withUnsafeMutableBufferPointer { buf in
                    _ = try check { mc_credential_payload(h, id, buf.baseAddress, cap, &refreshAt, $0) }
                }
                _ = try check { mc_credential_local_time(h, id, refreshAt, &refreshAtLocal, $0) }
            }
            return CredentialPayload(
                payload: out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) },
                refreshAt: date(fromMs: refreshAt), refreshAtLocal: BuildingTime(refreshAtLocal))
        }
    }

    /// Pure: the rotating payload of a credential id and its secret at an instant (what the
    /// core computes inside `credentialPayload`). For door software and tests; an app calls
    /// `credentialPayload`. The id must be 1 to 32 of A-Z, a-z, 0-9, '_' and '-', the secret
    /// at least one byte, the instant not before 1970. Throws `.invalidArgument` naming the
    /// argument.
    public static func accessPayload(credentialId: String, secret: Data, at instant: Date) throws -> String {
        var out = [CChar](repeating: 0, count: payloadCapacity)
        let cap = out.count
        let ms = milliseconds(instant)
        try credentialId.withCString { id in
            try secret.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                try out.withUnsafeMutableBufferPointer { buf in
                    _ = try check {
                        mc_access_payload(id, bytes.baseAddress, bytes.count, ms, buf.baseAddress, cap, $0)
                    }
                }
            }
        }
        return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Pure: `text` (UTF-8, byte mode) as a QR code at error-correction level M, the smallest
    /// version that fits. Throws `.invalidArgument` (empty, or too long for a QR code).
    public static func qrCode(for text: String) throws -> QRCode {
        var qr: UnsafeMutablePointer<mc_qr>?
        try text.withCString { t in _ = try check { mc_qr_encode(t, &qr, $0) } }
        guard let qr else {
            throw MemberCoreError.server(
                message: "the core returned no QR code", httpStatus: nil, serverCode: nil)
        }
        defer { mc_qr_free(qr) }
        let q = qr.pointee
        let width = Int(q.width)
        return QRCode(
            version: Int(q.version), width: width,
            modules: q.modules.map { Data(bytes: $0, count: width * width) } ?? Data())
    }

    /// Pure: `text` as a QR code drawn `scale` pixels per module (1...64) with the 4-module
    /// white quiet zone: (modules + 8) × scale pixels a side, in one buffer. Throws
    /// `.invalidArgument` (scale, empty or too long text).
    public static func qrBitmap(for text: String, scale: Int) throws -> QRBitmap {
        var bitmap: UnsafeMutablePointer<mc_bitmap>?
        let s = Int32(clamping: scale)
        try text.withCString { t in _ = try check { mc_qr_bitmap(t, s, &bitmap, $0) } }
        guard let bitmap else {
            throw MemberCoreError.server(
                message: "the core returned no bitmap", httpStatus: nil, serverCode: nil)
        }
        defer { mc_bitmap_free(bitmap) }
        let b = bitmap.pointee
        let (w, h) = (Int(b.width), Int(b.height))
        return QRBitmap(
            width: w, height: h, pixels: b.pixels.map { Data(bytes: $0, count: w * h) } ?? Data())
    }
}
