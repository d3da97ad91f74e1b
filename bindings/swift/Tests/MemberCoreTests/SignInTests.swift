// The sign-in journey through the Swift API, against a real memberstub.
import Foundation
import MemberCore
import Testing

@Suite("sign-in", .timeLimit(.minutes(1)))
struct SignInTests {
    @Test("new user: request, verify, profile (lead 'new'), on-demand")
    func newUserSignsUp() async throws {
        try await withFixture { f in
            let core = try f.open()
            #expect(try core.isSignedIn == false)
            #expect(try core.pendingPhone() == nil)

            let request = try await core.requestOTP(phone: "98765 43210")
            #expect(request.phone == "+919876543210")
            #expect(request.isRegistered == false)
            #expect(request.expiresIn == 300)
            #expect(request.resendAfter == 30)
            #expect(try core.pendingPhone() == "+919876543210")

            let verified = try await core.verifyOTP(try await f.stub.latestOTP(request.phone))
            #expect(verified.isNewUser)
            #expect(verified.account.phone == "+919876543210")
            #expect(verified.account.isProfileComplete == false)
            #expect(verified.account.leadId == nil)
            #expect(try core.isSignedIn)
            #expect(try core.pendingPhone() == nil)

            let profiled = try await core.completeProfile(
                Profile(name: "Meera Iyer", email: "meera@example.in", company: "Iyer Labs", city: "Pune"))
            #expect(profiled.isProfileComplete)
            #expect(profiled.name == "Meera Iyer")
            #expect(profiled.roles.contains(.lead))
            #expect(profiled.leadId != nil)
            #expect(profiled.leadStatus == "new")

            let onDemand = try await core.setIntent(.onDemand)
            #expect(onDemand.intent == .onDemand)
            #expect(onDemand.roles == [.lead, .onDemand])
            #expect(onDemand.roles.names == ["lead", "ondemanduser"])

            let local = try core.account()
            #expect(local == onDemand)
            #expect(try await core.refreshAccount() == onDemand)
        }
    }

    @Test("an office intent records its details on the lead")
    func officeIntent() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, "9876543211")
            _ = try await core.completeProfile(
                Profile(name: "Kabir", email: "kabir@example.in", company: "Kabir & Co", city: "Mumbai"))
            let office = OfficeDetails(
                industry: "Design", employees: 12, timeline: "within 3 months", budget: Money(minor: 150_000_00, currency: "INR"))
            let account = try await core.setIntent(.privateOffice(office))
            #expect(account.intent == .privateOffice)
            #expect(account.intent.name == "private_office")
            #expect(account.industry == "Design")
            #expect(account.employees == 12)
            #expect(account.timeline == "within 3 months")
            #expect(account.budget == Money(minor: 150_000_00, currency: "INR"))
        }
    }

    @Test("seeded member Asha Rao signs in to Cabin 1019")
    func seededMember() async throws {
        try await withFixture { f in
            let core = try f.open()
            let request = try await core.requestOTP(phone: "98000 00001")
            #expect(request.isRegistered)
            let verified = try await core.verifyOTP(try await f.stub.latestOTP(request.phone))
            #expect(verified.isNewUser == false)
            let a = verified.account
            #expect(a.name == "Asha Rao")
            #expect(a.seat == "Cabin 1019")
            #expect(a.companyId == "ACME")
            #expect(a.buildingId == "BLR-1")
            #expect(a.roles == .member)
            #expect(a.isProfileComplete)
            #expect(a.leadId == nil)
        }
    }

    @Test("names in Devanagari and emoji round-trip through completeProfile and refreshAccount")
    func unicodeNames() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, "9876543210")
            let name = "मीरा 🚀"
            let company = "कंपनी 🏢"
            let completed = try await core.completeProfile(
                Profile(name: name, email: "meera@example.in", company: company, city: "पुणे"))
            #expect(completed.name == name)
            let refreshed = try await core.refreshAccount()
            #expect(refreshed.name == name)
            #expect(refreshed.company == company)
            #expect(refreshed.city == "पुणे")
            #expect(refreshed.name.unicodeScalars.count == 6)
            #expect(try core.account().name == name)
        }
    }

    @Test("name length counts code points: 100 emoji pass, 101 are refused naming the field")
    func nameLengthCountsCodePoints() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, "9876543210")
            let hundred = String(repeating: "🚀", count: 100)
            let ok = try await core.completeProfile(
                Profile(name: hundred, email: "r@example.in", company: "Co", city: "Pune"))
            #expect(ok.name == hundred)
            do {
                _ = try await core.completeProfile(
                    Profile(name: hundred + "🚀", email: "r@example.in", company: "Co", city: "Pune"))
                Issue.record("101 characters were accepted")
            } catch MemberCoreError.invalidArgument(let message) {
                #expect(message.contains("name"))
            }
        }
    }

    @Test("logout forgets the account; the session survives a restart until then")
    func logoutAndRestart() async throws {
        try await withFixture { f in
            var core = try f.open()
            try await f.signIn(core, asha)
            core.close()
            core = try f.open()
            #expect(try core.isSignedIn)
            #expect(try core.account().name == "Asha Rao")
            try await core.logout()
            #expect(try core.isSignedIn == false)
            #expect(throws: MemberCoreError.self) { try core.account() }
        }
    }

    @Test("normalizePhone is pure and static")
    func normalizePhone() throws {
        #expect(try MemberCore.normalizePhone("098765-43210") == "+919876543210")
        #expect(try MemberCore.normalizePhone("0044 7700 900001") == "+447700900001")
        #expect(try MemberCore.normalizePhone("(+91) 98000.00001") == "+919800000001")
        do {
            _ = try MemberCore.normalizePhone("12345")
            Issue.record("12345 was accepted")
        } catch MemberCoreError.invalidArgument(let message) {
            #expect(message.contains("phone"))
        }
    }
}
