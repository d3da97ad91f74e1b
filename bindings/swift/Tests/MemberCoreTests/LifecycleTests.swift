// Opening and closing, the platform hooks (SecureStorage, logger, clock), versions.
import Foundation
import MemberCore
import Testing

@Suite("life cycle and platform", .timeLimit(.minutes(1)))
struct LifecycleTests {
    @Test("close twice is fine; every call after close throws closed")
    func closeTwiceAndUseAfterClose() async throws {
        try await withFixture { f in
            let core = try f.open()
            #expect(core.isOpen)
            core.close()
            core.close()
            #expect(core.isOpen == false)
            #expect(throws: MemberCoreError.closed) { try core.account() }
            #expect(throws: MemberCoreError.closed) { _ = try core.isSignedIn }
            #expect(throws: MemberCoreError.closed) { try core.syncStatus() }
            #expect(throws: MemberCoreError.closed) { try core.events() }
            #expect(throws: MemberCoreError.closed) { try core.start() }
            #expect(throws: MemberCoreError.closed) { try core.trigger() }
            #expect(throws: MemberCoreError.closed) { try core.syncEvents() }
            await #expect(throws: MemberCoreError.closed) { try await core.requestOTP(phone: asha) }
            await #expect(throws: MemberCoreError.closed) { try await core.syncOnce() }
            await #expect(throws: MemberCoreError.closed) { try await core.logout() }
            #expect(MemberCoreError.closed.message == "the client is closed")
        }
    }

    @Test("close while other tasks call: each call succeeds, throws closed or (a request close cut short) cancelled")
    func closeWhileOthersCall() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            try await core.syncOnce()
            try core.start()
            let outcomes = Locked<(ok: Int, closed: Int, other: [String])>((0, 0, []))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in 0..<200 {
                            do {
                                switch (worker + i) % 4 {
                                case 0: _ = try core.events()
                                case 1: _ = try core.syncStatus()
                                case 2: _ = try core.notifications()
                                default:
                                    if i % 50 == 0 { try await core.syncOnce() } else { try core.trigger() }
                                }
                                outcomes.update { $0.ok += 1 }
                            } catch MemberCoreError.closed {
                                outcomes.update { $0.closed += 1 }
                            } catch MemberCoreError.cancelled {
                                // A sync request in flight when close began: close cancels it.
                                outcomes.update { $0.closed += 1 }
                            } catch {
                                outcomes.update { $0.other.append("\(error)") }
                            }
                        }
                    }
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: 20_000_000)
                    core.close()
                }
                try await group.waitForAll()
            }
            let o = outcomes.read()
            #expect(o.other.isEmpty, "\(o.other)")
            #expect(o.ok + o.closed == 8 * 200)
            #expect(o.closed > 0)
            #expect(core.isOpen == false)
        }
    }

    @Test("concurrent closes: one closes, the others return")
    func concurrentCloses() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            try core.start()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { core.close() } }
            }
            #expect(core.isOpen == false)
            #expect(throws: MemberCoreError.closed) { try core.syncStatus() }
        }
    }

    @Test("close from a listener on the sync thread does not deadlock; calls throw closed at once")
    func closeFromListener() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            let afterClose = Locked<MemberCoreError?>(nil)
            _ = try core.addSyncListener(.dataChanged) { [unowned core] _ in
                core.close()
                do { _ = try core.syncStatus() } catch let e as MemberCoreError {
                    afterClose.update { $0 = e }
                } catch {}
            }
            let stream = try core.syncEvents(.dataChanged)
            try core.start()  // the first pull raises dataChanged on the sync thread
            var finished = false
            for _ in 0..<200 where !finished {
                finished = afterClose.read() != nil
                if !finished { try await Task.sleep(nanoseconds: 25_000_000) }
            }
            #expect(afterClose.read() == .closed)
            #expect(core.isOpen == false)
            // The deferred close ends the streams once the callback has returned.
            #expect(try await first(stream, within: 10) { _ in false } == nil)
        }
    }

    @Test("a listener may remove itself in its callback")
    func listenerRemovesItself() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            let token = Locked<SyncListenerToken?>(nil)
            let calls = Locked(0)
            token.update {
                $0 = try? core.addSyncListener(.dataChanged) { [unowned core] _ in
                    calls.update { $0 += 1 }
                    if let t = token.read() { try? core.removeSyncListener(t) }
                }
            }
            try await core.syncOnce()
            try core.markRead(notificationId: "ntf_5eed000000000101")
            #expect(calls.read() == 1)
        }
    }

    @Test("a client without a server is offline-only")
    func offlineOnly() async throws {
        let dir = try makeTempDir("offline-only")
        defer { try? FileManager.default.removeItem(at: dir) }
        let core = try MemberCore(configuration: .init(dataDirectory: dir))
        do {
            _ = try await core.requestOTP(phone: asha)
            Issue.record("no server, yet a code was requested")
        } catch MemberCoreError.offline(let message) {
            #expect(message.contains("server"))
        }
        #expect(try core.isSignedIn == false)
    }

    @Test("deinit closes the client (and its sync thread)")
    func deinitCloses() async throws {
        try await withFixture { f in
            weak var weakCore: MemberCore?
            do {
                let core = try f.open()
                weakCore = core
                try await f.signIn(core, asha)
                try core.start()
            }
            #expect(weakCore == nil)
            let again = try f.open()
            #expect(try again.isSignedIn)
        }
    }

    @Test("a Swift SecureStorage is really called through the C hooks")
    func secureStorageBridge() async throws {
        try await withFixture { f in
            let storage = CountingStorage()
            var core = try f.open(storage: storage)
            #expect(try core.isSignedIn == false)
            try await f.signIn(core, asha)
            #expect(storage.sets.contains("session_token"))
            let token = try #require(storage.stored("session_token"))
            #expect(token.hasPrefix("mcs_"))
            // The core's own file store was not used.
            #expect(
                !FileManager.default.fileExists(
                    atPath: f.dataDir.appendingPathComponent("secure/session_token").path))

            let getsBefore = storage.gets
            #expect(try core.isSignedIn)
            core.close()
            core = try f.open(storage: storage)  // a restart: the token comes back from the storage
            #expect(try core.isSignedIn)
            #expect(storage.gets > getsBefore)

            try await core.logout()
            #expect(storage.deletes.contains("session_token"))
            #expect(storage.stored("session_token") == nil)
            #expect(try core.isSignedIn == false)
        }
    }

    @Test("an empty store is storeDamaged, signs the member out, and removeStore recovers")
    func damagedStore() async throws {
        try await withFixture { f in
            var core = try f.open()
            try await f.signIn(core, asha)
            core.close()
            let store = f.dataDir.appendingPathComponent("membercore.db")
            try Data().write(to: store)  // zero bytes, as a full disk can leave it
            do {
                _ = try f.open()
                Issue.record("a zero-length store opened")
            } catch MemberCoreError.storeDamaged(let message) {
                #expect(message.contains("damaged"))
            }
            #expect(
                !FileManager.default.fileExists(
                    atPath: f.dataDir.appendingPathComponent("secure/session_token").path))
            try MemberCore.removeStore(dataDirectory: f.dataDir)
            core = try f.open()
            #expect(try core.isSignedIn == false)
        }
    }

    @Test("the default SecureStorage on Linux is the core's file store")
    func defaultStorage() async throws {
        try await withFixture { f in
            let core = try f.open()
            try await f.signIn(core, asha)
            let path = f.dataDir.appendingPathComponent("secure/session_token").path
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("InMemorySecureStorage keeps a session for the process")
    func inMemoryStorage() async throws {
        try await withFixture { f in
            let storage = InMemorySecureStorage()
            let core = try f.open(storage: storage)
            try await f.signIn(core, asha)
            #expect(try storage.value(forKey: "session_token") != nil)
            try storage.removeValue(forKey: "missing")  // removing a missing key is fine
        }
    }

    @Test("the logger closure receives the core's log lines")
    func logger() async throws {
        try await withFixture { f in
            var core = try f.open()
            try await f.signIn(core, asha)
            core.close()
            let lines = Locked<[(LogLevel, String)]>([])
            core = try f.open(deadServer) { level, line in lines.update { $0.append((level, line)) } }
            // A logger with the core's default file store: each hook gets its own context.
            #expect(try core.isSignedIn)
            try await core.logout()  // offline: the revocation is kept for later
            await #expect(throws: MemberCoreError.self) { try await core.requestOTP(phone: asha) }
            let logged = lines.read()
            #expect(logged.contains { $0.0 == .info && $0.1.contains("deferred logout still pending") })
        }
    }

    @Test("an injected clock is the client's now")
    func clock() throws {
        let dir = try makeTempDir("clock")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixed = Date(timeIntervalSince1970: 1_799_037_000)
        let core = try MemberCore(
            configuration: .init(dataDirectory: dir, secureStorage: InMemorySecureStorage(), clock: { fixed })
        )
        #expect(try core.now() == fixed)
    }

    @Test("versions and the default data directory")
    func versions() throws {
        #expect(MemberCore.version.split(separator: ".").count == 3)
        #expect(MemberCore.storeSchemaVersion >= 1)
        let dir = try MemberCore.Configuration.defaultDataDirectory()
        #expect(dir.lastPathComponent == "membercore")
        #if os(Linux)
            let saved = ProcessInfo.processInfo.environment["XDG_DATA_HOME"]
            setenv("XDG_DATA_HOME", "/tmp/xdg-membercore-test", 1)
            defer {
                if let saved { setenv("XDG_DATA_HOME", saved, 1) } else { unsetenv("XDG_DATA_HOME") }
            }
            #expect(
                try MemberCore.Configuration.defaultDataDirectory().path
                    == "/tmp/xdg-membercore-test/membercore")
        #endif
        #expect(MemberCoreError.Code.offline.name == "offline")
        #expect(SyncState.signedOut.name == "signed_out")
        #expect(RSVP.notGoing.name == "not_going")
        #expect(MutationState.inFlight.name == "in_flight")
        #expect(NotificationCategory.announcements.name == "announcements")
        #expect(Role([.member, .staff]).names == ["member", "staff"])
        #expect(DataKinds.all.names.isEmpty == false)
    }
}

extension DataKinds {
    static var all: DataKinds { DataKinds(rawValue: 0xFF) }
}
