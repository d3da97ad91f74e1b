// The offline-first engine (membercore/sync.h): sync, the background thread, status,
// listeners (AsyncStream or closures) and the outbox.
import CMemberCore
import Foundation

extension MemberCore {
    // MARK: - Running sync

    /// Pushes every pending write, then pulls to the server's head (one round; waits for the
    /// background thread's round if one is running). Throws `.unauthorized`, `.offline`,
    /// `.network`, `.server`, `.storage`; whatever succeeded before an error is kept.
    @discardableResult
    public func syncOnce() async throws -> SyncReport {
        try await blocking { h in
            var report = mc_sync_report()
            _ = try check { mc_sync_once(h, &report, $0) }
            return SyncReport(report)
        }
    }

    /// Starts the background sync thread: it syncs at once, after every local write, on
    /// `trigger()`, when the network comes back, every 60 s while idle, and on its backoff
    /// timer after a failure. Starting twice is fine.
    public func start() throws {
        try withHandle { h in _ = try check { mc_sync_start(h, $0) } }
    }

    /// Stops the background thread and waits for it (a round in progress finishes first, so
    /// this may wait for the network: hence async). No-op when not started.
    public func stop() async throws {
        try await blocking { h in mc_sync_stop(h) }
    }

    /// Sync as soon as possible ("pull to refresh", "network is back").
    public func trigger() throws { try withHandle { mc_sync_trigger($0) } }

    /// The app went to the background / came back: no network use while paused.
    public func pause() throws { try withHandle { mc_sync_pause($0) } }
    public func resume() throws { try withHandle { mc_sync_resume($0) } }

    /// The OS's reachability hint (NWPathMonitor): false stops trying until true, which
    /// triggers a sync at once. The default is reachable.
    public func setReachable(_ reachable: Bool) throws {
        try withHandle { mc_sync_set_reachable($0, reachable) }
    }

    /// A snapshot of the engine's state. Local only.
    public func syncStatus() throws -> SyncStatus {
        try withHandle { h in
            var status = mc_sync_status()
            _ = try check { mc_sync_status_get(h, &status, $0) }
            return SyncStatus(status)
        }
    }

    // MARK: - Listeners

    /// The engine's events of `types`, as an AsyncStream. Each event is copied on the thread
    /// that raised it (the sync thread, a `syncOnce` worker, the caller of a local write) and
    /// handed to the stream, which the consumer awaits on its own executor. The listener is
    /// removed when the consuming task is cancelled, the stream is dropped, or the client is
    /// closed (the stream then finishes).
    public func syncEvents(
        _ types: SyncEventTypes = .all,
        bufferingPolicy: AsyncStream<SyncEvent>.Continuation.BufferingPolicy = .unbounded
    ) throws -> AsyncStream<SyncEvent> {
        let (stream, continuation) = AsyncStream<SyncEvent>.makeStream(bufferingPolicy: bufferingPolicy)
        let box = ListenerBox(
            deliver: { continuation.yield($0) },
            removed: { continuation.finish() })
        let token = try addListener(types: types, delivery: .immediate, box: box)
        continuation.onTermination = { [weak self] _ in
            _ = try? self?.removeListener(token.rawValue)
        }
        return stream
    }

    /// Calls `handler` for every event of `types`, on the thread `delivery` says. Remove it
    /// with `removeSyncListener`; close() removes the rest.
    public func addSyncListener(
        _ types: SyncEventTypes = .all, delivery: SyncDelivery = .immediate,
        _ handler: @escaping @Sendable (SyncEvent) -> Void
    ) throws -> SyncListenerToken {
        try addListener(types: types, delivery: delivery, box: ListenerBox(deliver: handler))
    }

    /// Removes a closure listener: after this returns its handler is never called again
    /// (unless it is running right now on another thread, which this waits for). Throws
    /// `.notFound` for an unknown token.
    public func removeSyncListener(_ token: SyncListenerToken) throws {
        guard try removeListener(token.rawValue) else {
            guard isOpen else { throw MemberCoreError.closed }
            throw MemberCoreError.notFound(
                message: "no listener with token \(token.rawValue)", httpStatus: nil, serverCode: nil)
        }
    }

    /// For `.queued` listeners: `handler` is called (on any thread, possibly with core locks
    /// held: only post to your own thread from it) when an event was queued; then call
    /// `deliverQueued()` there. nil removes it.
    public func setWakeup(_ handler: (@Sendable () -> Void)?) throws {
        try setWakeup(box: handler.map(WakeupBox.init))
    }

    /// Delivers the queued events to `.queued` listeners on this thread; returns how many
    /// callbacks were made.
    @discardableResult
    public func deliverQueued() throws -> Int {
        try withHandle { Int(mc_sync_deliver_queued($0)) }
    }

    // MARK: - The outbox

    /// The member's writes not yet confirmed, and the rejected ones, oldest first. Local only.
    /// Throws `.unauthorized` (nobody signed in), `.storage`.
    public func outbox() throws -> [Mutation] {
        try withHandle { h in
            var list: UnsafeMutablePointer<mc_mutation_list>?
            _ = try check { mc_outbox_list(h, &list, $0) }
            guard let list else { return [] }
            defer { mc_mutation_list_free(list) }
            return UnsafeBufferPointer(start: list.pointee.items, count: list.pointee.count).map(
                Mutation.init)
        }
    }

    /// Forgets a rejected write once the member has seen why. Throws `.notFound`,
    /// `.invalidState` (it is not rejected), `.storage`.
    public func dismissMutation(_ id: Int64) throws {
        try withHandle { h in _ = try check { mc_outbox_dismiss(h, id, $0) } }
    }
}
