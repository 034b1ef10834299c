import Synchronization
import Vapor
import XuanrenStore

/// `serve`'s side of anchoring the ledger (LED-2): the background task that signs the head at least every
/// `checkpointSeconds` while it moves (started before the demo seed and the first requests), and a checkpoint at
/// shutdown (Vapor stops the server on SIGTERM/SIGINT, then shuts the application down: this handler runs
/// before the databases close).
final class LedgerAnchorLifecycle: LifecycleHandler, Sendable {
    let anchor: LedgerAnchor
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(anchor: LedgerAnchor) { self.anchor = anchor }

    func start(logger: Logger) {
        let anchor = self.anchor
        task.withLock { current in
            current?.cancel()
            current = Task { await anchor.run(logger: logger) }
        }
    }

    func shutdownAsync(_ app: Application) async {
        let running = task.withLock { current in
            defer { current = nil }
            return current
        }
        running?.cancel()
        await running?.value
        do {
            if let cp = try await anchor.store.signHeadIfUnsigned(reason: .stop) { app.logger.info("ledger checkpoint signed at shutdown: \(cp.seq)") }
        } catch {
            app.logger.error("ledger checkpoint at shutdown failed: \(error)")
        }
    }
}

extension XuanrenApp {
    /// Signs the head if a process that stopped without signing left it unsigned (at start, before this
    /// process writes), then starts the background task and registers the checkpoint at shutdown. Returns the
    /// checkpoint signed at start, if one was.
    @discardableResult
    public static func anchorLedger(_ app: Application) async throws -> Checkpoint? {
        let store = app.xuanrenStore
        let signed = try await store.signHeadIfUnsigned(reason: .start)
        let lifecycle = LedgerAnchorLifecycle(anchor: LedgerAnchor(store: store, seconds: app.settings.checkpointSeconds))
        app.lifecycle.use(lifecycle)
        lifecycle.start(logger: app.logger)
        return signed
    }
}
