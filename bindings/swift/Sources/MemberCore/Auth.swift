// Signing in (membercore/auth.h): OTP, profile, intent, the account, logout.
import CMemberCore
import Foundation

extension MemberCore {
    /// Normalises a phone number as a person types it to E.164 ("98765 43210" ->
    /// "+919876543210"). Pure: no client needed. Throws `.invalidArgument` naming the problem.
    public static func normalizePhone(_ input: String) throws -> String {
        var out = [CChar](repeating: 0, count: Int(MC_PHONE_MAX))
        let cap = out.count
        try input.withCString { p in
            try out.withUnsafeMutableBufferPointer { buf in
                _ = try check { mc_phone_normalize(p, buf.baseAddress, cap, $0) }
            }
        }
        return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Asks the server to text a 6-digit code to `phone` (normalised first) and remembers the
    /// phone locally for `verifyOTP`. Throws `.invalidArgument`, `.otpRateLimited` (with
    /// `retryAfter`), `.offline`, `.network`, `.server`, `.storage`.
    public func requestOTP(phone: String) async throws -> OTPRequest {
        try await blocking { h in
            var request = mc_otp_request()
            try phone.withCString { p in
                _ = try check { mc_auth_request_otp(h, p, &request, $0) }
            }
            return OTPRequest(request)
        }
    }

    /// The phone of the sign-in in progress (kept across restarts), or nil when none.
    public func pendingPhone() throws -> String? {
        try withHandle { h in
            var out = [CChar](repeating: 0, count: Int(MC_PHONE_MAX))
            let cap = out.count
            var err = makeError()
            let status = out.withUnsafeMutableBufferPointer {
                mc_auth_pending_phone(h, $0.baseAddress, cap, &err)
            }
            if status == MC_ERR_NOT_FOUND { return nil }
            if status != MC_OK { throw MemberCoreError(status: status, error: err) }
            return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
    }

    /// Checks the 6-digit `code` against the pending request: on success the member is signed
    /// in. Throws `.invalidArgument` (format), `.invalidState` (no OTP requested),
    /// `.otpWrong` (with `attemptsLeft`), `.otpExpired`, `.otpExhausted`, `.offline`, ...
    public func verifyOTP(_ code: String) async throws -> OTPVerification {
        try await blocking { h in
            var newUser = false
            var account: UnsafeMutablePointer<mc_account>?
            try code.withCString { c in
                _ = try check { mc_auth_verify_otp(h, c, &newUser, &account, $0) }
            }
            return OTPVerification(account: try takeAccount(account), isNewUser: newUser)
        }
    }

    /// Completes (or updates) the signed-in user's profile; the first completion creates the
    /// CRM lead ("new") and the lead role. Throws `.invalidArgument` (naming the field),
    /// `.unauthorized`, `.offline`, `.network`, `.server`, `.storage`.
    public func completeProfile(_ profile: Profile) async throws -> Account {
        try await blocking { h in
            var account: UnsafeMutablePointer<mc_account>?
            try profile.name.withCString { name in
                try profile.email.withCString { email in
                    try profile.company.withCString { company in
                        try profile.city.withCString { city in
                            var p = mc_profile(name: name, email: email, company: company, city: city)
                            _ = try check { mc_auth_complete_profile(h, &p, &account, $0) }
                        }
                    }
                }
            }
            return try takeAccount(account)
        }
    }

    /// Records the signed-in user's intent: on-demand grants the ondemanduser role at once;
    /// offices record their details on the lead. Throws `.invalidArgument`, `.invalidState`
    /// (profile not complete), `.forbidden` (members and staff), `.unauthorized`, `.offline`, ...
    public func setIntent(_ request: IntentRequest) async throws -> Account {
        try await blocking { h in
            var account: UnsafeMutablePointer<mc_account>?
            let intent: Intent
            let office: OfficeDetails?
            switch request {
            case .onDemand: (intent, office) = (.onDemand, nil)
            case .privateOffice(let d): (intent, office) = (.privateOffice, d)
            case .virtualOffice(let d): (intent, office) = (.virtualOffice, d)
            }
            try withOptionalCString(office?.industry) { industry in
                try withOptionalCString(office?.timeline) { timeline in
                    var d = mc_intent_details()
                    d.intent = intent.cValue
                    d.industry = industry
                    d.timeline = timeline
                    d.employees = Int32(clamping: office?.employees ?? 0)
                    d.budget = office?.budget.cValue ?? mc_money()
                    _ = try check { mc_auth_set_intent(h, &d, &account, $0) }
                }
            }
            return try takeAccount(account)
        }
    }

    /// true when a session token is held (it may still have expired server-side).
    public var isSignedIn: Bool {
        get throws { try withHandle { mc_auth_is_signed_in($0) } }
    }

    /// The signed-in account, from the local store (works offline). Throws `.unauthorized`
    /// when nobody is signed in, `.storage`.
    public func account() throws -> Account {
        try withHandle { h in
            var account: UnsafeMutablePointer<mc_account>?
            _ = try check { mc_account_get(h, &account, $0) }
            return try takeAccount(account)
        }
    }

    /// Fetches the account from the server and updates the local store. Throws
    /// `.unauthorized` (the session expired: it is dropped), `.offline`, `.network`, ...
    public func refreshAccount() async throws -> Account {
        try await blocking { h in
            var account: UnsafeMutablePointer<mc_account>?
            _ = try check { mc_account_refresh(h, &account, $0) }
            return try takeAccount(account)
        }
    }

    /// Signs out: the session, the account and the synced data are removed at once, whether
    /// or not the server is reachable (if not, the revocation is sent later). Unsent writes stay
    /// for the same member's next sign-in. Async because it tries the server.
    public func logout() async throws {
        try await blocking { h in _ = try check { mc_auth_logout(h, $0) } }
    }
}

/// Copies and frees an account the core returned.
func takeAccount(_ p: UnsafeMutablePointer<mc_account>?) throws -> Account {
    guard let p else {
        throw MemberCoreError.server(
            message: "the core returned no account", httpStatus: nil, serverCode: nil)
    }
    defer { mc_account_free(p) }
    return Account(p)
}
