// The README's example: it compiles (ReadmeExample.swift is part of this target), it runs
// against the stub, and the README shows exactly that code.
import Foundation
import MemberCore
import Testing

@Suite("README", .timeLimit(.minutes(1)))
struct ReadmeTests {
    @Test("the README example runs against memberstub")
    func runs() async throws {
        try await withFixture { f in
            let stub = f.stub
            let unread = try await readmeExample(
                dataDirectory: f.dataDir, server: stub.url, phone: "98000 00001",
                askForCode: { phone in try await stub.latestOTP(phone) })
            #expect(unread == 3)
            // It RSVPed "going" to what Asha had not answered; the sync thread pushes it.
            let core = try f.open()
            let events = try core.events()
            #expect(events.contains { $0.id == "EVT-BLR-DIWALI" && $0.myRSVP == .going })
        }
    }

    @Test("the README shows ReadmeExample.swift verbatim")
    func readmeMatches() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let example = try String(
            contentsOf: tests.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        let readme = try String(
            contentsOf: tests.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(example.range(of: "// README-BEGIN\n"))
        let end = try #require(example.range(of: "// README-END"))
        let snippet = String(example[begin.upperBound..<end.lowerBound])
        #expect(readme.contains("```swift\n" + snippet + "```"))
    }
}
