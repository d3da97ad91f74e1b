// The example of bindings/swift/README.md, compiled and run by the tests. The README shows the
// lines between README-BEGIN and README-END verbatim; ReadmeTests checks that they match.
import Foundation
import MemberCore

// README-BEGIN
/// Sign in, start sync, RSVP to every event the member has not answered, count unread mail.
func readmeExample(
    dataDirectory: URL, server: URL, phone: String,
    askForCode: @Sendable (String) async throws -> String
) async throws -> Int {
    let core = try MemberCore(
        configuration: .init(dataDirectory: dataDirectory, serverURL: server))
    defer { core.close() }

    if try !core.isSignedIn {
        let request = try await core.requestOTP(phone: phone)
        do {
            let result = try await core.verifyOTP(try await askForCode(request.phone))
            print("Welcome, \(result.account.name)")
        } catch MemberCoreError.otpWrong(_, let attemptsLeft) {
            print("Wrong code: \(attemptsLeft) tries left")
            throw MemberCoreError.otpWrong(message: "wrong code", attemptsLeft: attemptsLeft)
        }
    }

    // The background thread syncs; reads are local and instant.
    let changes = try core.syncEvents(.dataChanged)
    try core.start()
    for await case .dataChanged(let kinds) in changes where kinds.contains(.event) {
        break  // the first pull brought the events
    }
    for event in try core.events(from: .now) where event.myRSVP == .none {
        try core.rsvp(eventId: event.id, .going)  // pending at once, pushed by sync
    }
    return try core.notifications(unreadOnly: true).unreadTotal
}
// README-END
