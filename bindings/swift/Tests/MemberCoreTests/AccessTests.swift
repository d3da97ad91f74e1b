// Door credentials and QR codes through the Swift API: a paid day pass's rotating payload is
// granted by memberstub's door on the pass date (also rendered offline) and refused when shown
// again; the QR code and bitmap the core draws; the pure payload function.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Whether `payload` is "MC1|<id>|<step>|<8 digits>" for `id` at `instant`.
func isHolderPayload(_ payload: String, id: String, at instant: Date) -> Bool {
    let parts = payload.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let step = Int64((instant.timeIntervalSince1970 * 1000).rounded()) / 30_000
    return parts.count == 4 && parts[0] == "MC1" && parts[1] == id && parts[2] == String(step)
        && parts[3].count == 8 && parts[3].allSatisfy(\.isASCII) && parts[3].allSatisfy(\.isNumber)
}

@Suite("access credentials and QR codes", .timeLimit(.minutes(1)))
struct AccessTests {
    @Test("a paid pass's payload opens BLR-1 on the pass date, never twice in without an out (anti-passback); offline too; refused before and after")
    func doorOnPassDate() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            try await f.buyPasses(core, PassCart(buildingId: "BLR-1", dates: ["2027-01-05"]))
            let credential = try #require(try core.credentials().first)
            #expect(credential.kind == .pass)
            #expect(credential.passId == (try core.passes().first?.id))

            // Monday: not valid yet, and the core says so.
            let early = await error { _ = try core.credentialPayload(credential.id) }
            guard case .invalidState(let message, _, _) = early else {
                Issue.record("got \(String(describing: early))")
                return
            }
            #expect(message.contains("not valid yet"))

            // Tuesday 10:00 IST, the pass date.
            try await f.advanceClock(dayMs)
            #expect(credential.isValid(at: f.now))
            let shown = try core.credentialPayload(credential.id)
            #expect(isHolderPayload(shown.payload, id: credential.id, at: f.now))
            #expect(shown.payload.utf8.count <= 62)
            #expect(shown.refreshAt > f.now)
            #expect(shown.refreshAt.timeIntervalSince(f.now) <= 30)
            #expect(Int64(shown.refreshAt.timeIntervalSince1970 * 1000) % 30_000 == 0)
            #expect(try core.credentialPayload(credential.id) == shown)  // same step, same code
            #expect(try await f.stub.doorScan(building: "BLR-1", payload: shown.payload) == "granted")
            // In twice without an out between (the code shown to a second person): anti-passback.
            #expect(try await f.stub.doorScan(building: "BLR-1", payload: shown.payload) == "anti_passback")

            // The next step: a new code; not another building's door; out with it.
            try await f.advanceClock(30_000)
            let next = try core.credentialPayload(credential.id)
            #expect(next.payload != shown.payload)
            #expect(isHolderPayload(next.payload, id: credential.id, at: f.now))
            #expect(try await f.stub.doorScan(building: "MUM-1", payload: next.payload) == "wrong_building")
            #expect(
                try await f.stub.doorScan(building: "BLR-1", payload: next.payload, direction: "out")
                    == "granted")

            // Rendered offline: the secret is on the device.
            core.close()
            let offline = try f.open(deadServer)
            try await f.advanceClock(30_000)
            let offlinePayload = try offline.credentialPayload(credential.id)
            #expect(
                try await f.stub.doorScan(building: "BLR-1", payload: offlinePayload.payload) == "granted")

            // Wednesday: expired, and gone from the list.
            try await f.advanceClock(dayMs)
            let late = await error { _ = try offline.credentialPayload(credential.id) }
            #expect(late?.code == .invalidState)
            #expect(late?.message.contains("expired") == true)
            #expect(try offline.credentials().isEmpty)
            #expect(
                await error { _ = try offline.credentialPayload("crd_0000000000000000") }?.code == .notFound)
            #expect(
                await error { _ = try offline.credentialPayload("") }?.message.contains("credential_id")
                    == true)
        }
    }

    @Test("the payload's QR bitmap: (modules + 8) x scale a side, a white quiet zone, the modules drawn")
    func bitmapOfPayload() async throws {
        try await withFixture { f in
            let core = try await ashaBuyingPasses(f)
            try await f.buyPasses(core, PassCart(buildingId: "BLR-1", dates: ["2027-01-05"]))
            let credential = try #require(try core.credentials().first)
            try await f.advanceClock(dayMs)
            let payload = try core.credentialPayload(credential.id).payload

            let qr = try MemberCore.qrCode(for: payload)
            #expect((1...4).contains(qr.version))
            #expect(qr.width == 17 + 4 * qr.version)
            #expect(qr.modules.count == qr.width * qr.width)
            #expect(qr.modules.allSatisfy { $0 == 0 || $0 == 1 })

            for scale in [1, 4, 9] {
                let bitmap = try MemberCore.qrBitmap(for: payload, scale: scale)
                let side = (qr.width + 8) * scale
                #expect(bitmap.width == side)
                #expect(bitmap.height == side)
                #expect(bitmap.pixels.count == side * side)
                #expect(bitmap.pixels.allSatisfy { $0 == 0 || $0 == 255 })
                // Quiet zone: 4 modules of white on every side.
                let quiet = 4 * scale
                var white = true
                for y in 0..<side {
                    for x in 0..<side where x < quiet || x >= side - quiet || y < quiet || y >= side - quiet {
                        white = white && bitmap.pixel(x: x, y: y) == 255
                    }
                }
                #expect(white, "the quiet zone at scale \(scale) is not all white")
                // Every module is drawn as a scale x scale square of its colour.
                var drawn = true
                for my in 0..<qr.width {
                    for mx in 0..<qr.width {
                        let expected: UInt8 = qr.isDark(x: mx, y: my) ? 0 : 255
                        for (dx, dy) in [(0, 0), (scale - 1, scale - 1)] {
                            drawn =
                                drawn
                                && bitmap.pixel(x: quiet + mx * scale + dx, y: quiet + my * scale + dy)
                                    == expected
                        }
                    }
                }
                #expect(drawn, "the modules at scale \(scale) are not drawn as the QR code says")
            }
            // The finder patterns: dark 7x7 rings in three corners, a light ring inside.
            for (ox, oy) in [(0, 0), (qr.width - 7, 0), (0, qr.width - 7)] {
                #expect(qr.isDark(x: ox, y: oy) && qr.isDark(x: ox + 6, y: oy + 6))
                #expect(!qr.isDark(x: ox + 1, y: oy + 1) && qr.isDark(x: ox + 3, y: oy + 3))
            }
        }
    }

    @Test("QR codes are pure: sizes by payload length; bad text and scale are invalidArgument")
    func qrPure() throws {
        let longest =
            "MC1|" + String(repeating: "a", count: 32) + "|" + String(repeating: "9", count: 15) + "|12345678"
        #expect(longest.utf8.count <= 62)
        #expect(try MemberCore.qrCode(for: longest).version == 4)
        #expect(try MemberCore.qrCode(for: "MC1|crd_1|1|12345678").version == 2)
        let hello = try MemberCore.qrCode(for: "hello")
        #expect(hello.version == 1)
        #expect(hello.width == 21)
        #expect(try MemberCore.qrCode(for: "hello") == hello)
        #expect(try MemberCore.qrBitmap(for: "hello", scale: 1).width == 29)
        #expect(try MemberCore.qrBitmap(for: "hello", scale: 64).width == 29 * 64)
        #expect(try MemberCore.qrCode(for: "नमस्ते, दरवाज़ा").width >= 21)  // UTF-8 bytes

        func invalid(_ body: () throws -> Void, mentions words: String) {
            do {
                try body()
                Issue.record("accepted; expected invalidArgument about \(words)")
            } catch MemberCoreError.invalidArgument(let message) {
                #expect(message.contains(words), "\(message)")
            } catch {
                Issue.record("got \(error)")
            }
        }
        invalid({ _ = try MemberCore.qrCode(for: "") }, mentions: "text")
        invalid({ _ = try MemberCore.qrBitmap(for: "", scale: 4) }, mentions: "text")
        invalid({ _ = try MemberCore.qrCode(for: String(repeating: "x", count: 3000)) }, mentions: "too long")
        invalid({ _ = try MemberCore.qrBitmap(for: "hello", scale: 0) }, mentions: "scale")
        invalid({ _ = try MemberCore.qrBitmap(for: "hello", scale: 65) }, mentions: "scale")
        invalid({ _ = try MemberCore.qrBitmap(for: "hello", scale: Int.max) }, mentions: "scale")
    }

    @Test("accessPayload is pure: the holder format, one code per 30-second step, arguments named")
    func accessPayloadPure() throws {
        let secret = Data((0..<32).map { UInt8($0) })
        let at = Date(timeIntervalSince1970: TimeInterval(t0Ms) / 1000)
        let p = try MemberCore.accessPayload(credentialId: "crd_0123456789abcdef", secret: secret, at: at)
        #expect(isHolderPayload(p, id: "crd_0123456789abcdef", at: at))
        #expect(
            try MemberCore.accessPayload(credentialId: "crd_0123456789abcdef", secret: secret, at: at + 29)
                == p)
        let next = try MemberCore.accessPayload(
            credentialId: "crd_0123456789abcdef", secret: secret, at: at + 30)
        #expect(next != p)
        #expect(isHolderPayload(next, id: "crd_0123456789abcdef", at: at + 30))
        var other = secret
        other[0] ^= 1
        #expect(
            try MemberCore.accessPayload(credentialId: "crd_0123456789abcdef", secret: other, at: at) != p)
        // The worked examples of docs/passes-protocol.md ("QR payloads").
        for (step, code) in [(0, "55949235"), (59_966_700, "28320717"), (59_966_701, "10854630")] {
            let instant = Date(timeIntervalSince1970: TimeInterval(step) * 30)
            #expect(
                try MemberCore.accessPayload(
                    credentialId: "crd_0123456789abcdef", secret: secret, at: instant)
                    == "MC1|crd_0123456789abcdef|\(step)|\(code)")
        }
        let longest = try MemberCore.accessPayload(
            credentialId: String(repeating: "Z", count: 32), secret: secret, at: Date.distantFuture)
        #expect(longest.utf8.count <= 62)
        #expect(try MemberCore.qrCode(for: longest).version <= 4)

        for (id, key, when, word) in [
            ("", secret, at, "credential_id"), ("crd 1", secret, at, "credential_id"),
            (String(repeating: "a", count: 33), secret, at, "credential_id"),
            ("crd_1", Data(), at, "secret"), ("crd_1", secret, Date(timeIntervalSince1970: -1), "at_ms"),
        ] {
            do {
                _ = try MemberCore.accessPayload(credentialId: id, secret: key, at: when)
                Issue.record("accepted \(id) / \(key.count) bytes / \(when)")
            } catch MemberCoreError.invalidArgument(let message) {
                #expect(message.contains(word), "\(message)")
            }
        }
    }
}
