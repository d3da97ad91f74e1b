// The transport rules as an app meets them when it opens a client (docs/security.md,
// "Transport"): plain http only to loopback, pins at least two and well formed, a CA file that
// exists. All checked at open, before any request.
import Foundation
import MemberCore
import Testing

@Suite("transport configuration")
struct TransportConfigTests {
    let pinA = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    let pinB = "sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB="
    let https = URL(string: "https://api.example.com")!

    /// The message of the `.invalidArgument` opening with `configuration` throws.
    func refusal(_ configuration: MemberCore.Configuration) -> String? {
        do {
            _ = try MemberCore(configuration: configuration)
            Issue.record("opened")
        } catch MemberCoreError.invalidArgument(let message) {
            return message
        } catch {
            Issue.record("not invalidArgument: \(error)")
        }
        return nil
    }

    @Test("plain http only to loopback; https anywhere")
    func plainHttpOnlyToLoopback() throws {
        let dir = try makeTempDir("transport-http")
        defer { try? FileManager.default.removeItem(at: dir) }
        let remote = refusal(.init(dataDirectory: dir, serverURL: URL(string: "http://api.example.com")!))
        #expect(remote?.contains("https") == true)
        _ = try MemberCore(configuration: .init(dataDirectory: dir, serverURL: URL(string: "http://127.0.0.1:9")!))
        _ = try MemberCore(configuration: .init(dataDirectory: dir, serverURL: https))
    }

    @Test("pins need a backup and their form; two good ones open")
    func pins() throws {
        let dir = try makeTempDir("transport-pins")
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = refusal(
            .init(dataDirectory: dir, serverURL: https, tlsPins: [pinA], transport: .builtIn))
        #expect(one?.contains("pin") == true)
        _ = refusal(
            .init(dataDirectory: dir, serverURL: https, tlsPins: [pinA, "md5/abc"], transport: .builtIn))
        let core = try MemberCore(
            configuration: .init(
                dataDirectory: dir, serverURL: https, tlsPins: [pinA, pinB], transport: .builtIn))
        #expect(try core.isSignedIn == false)
    }

    @Test("pins and a CA file only with the built-in transport: URLSession pins in its delegate")
    func pinsNeedTheBuiltInTransport() throws {
        let dir = try makeTempDir("transport-pins-urlsession")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The default is URLSession (the whole suite runs through it), libcurl only on request.
        #expect(!MemberCore.Configuration(dataDirectory: dir).transport.isBuiltIn)
        #expect(TransportChoice.builtIn.isBuiltIn)
        let pins = refusal(.init(dataDirectory: dir, serverURL: https, tlsPins: [pinA, pinB]))
        #expect(pins?.contains("built-in transport") == true)
        let ca = refusal(
            .init(
                dataDirectory: dir, serverURL: https, tlsCAFile: dir.appendingPathComponent("ca.pem"),
                transport: .custom(URLSessionTransport())))
        #expect(ca?.contains("built-in transport") == true)
    }

    @Test("a CA file that does not exist is refused, named")
    func caFile() throws {
        let dir = try makeTempDir("transport-ca")
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no-such-ca.pem")
        let message = refusal(
            .init(dataDirectory: dir, serverURL: https, tlsCAFile: missing, transport: .builtIn))
        #expect(message?.contains("no-such-ca.pem") == true)
    }
}
