import Foundation
import SelectionCore

/// Group commit of every SQLite write (`Store.write`). Writes that arrive while a group is being written wait in
/// memory — holding no connection, not sleeping in SQLite's busy handler — and go together into the next
/// transaction, each in its own savepoint: one BEGIN IMMEDIATE and one fsync for the group, and a body that fails
/// is rolled back alone. A caller is answered only after the COMMIT that holds its change. Measured with
/// `scripts/load-register.py` and `scripts/load-report.py` (figures in the README).
final class WriteGroup: Sendable {
    /// A write started inside another write's body would wait for the group it is part of.
    struct Nested: Error, CustomStringConvertible {
        var description: String { "a store write was started inside another write's transaction" }
    }

    @TaskLocal static var inside = false

    private let queue = Queue()
    /// The most bodies one transaction takes (a long import still runs alone if it is alone in the queue).
    static let maxBatch = 128

    func submit(store: Store, _ body: @escaping @Sendable (Store.Transaction) async throws -> any Sendable) async throws -> any Sendable {
        try await queue.submit(store: store, body)
    }

    private actor Queue {
        struct Item {
            var body: @Sendable (Store.Transaction) async throws -> any Sendable
            var continuation: CheckedContinuation<any Sendable, any Error>
        }
        private var pending: [Item] = []
        private var flushing = false

        func submit(store: Store, _ body: @escaping @Sendable (Store.Transaction) async throws -> any Sendable) async throws -> any Sendable {
            try await withCheckedThrowingContinuation { c in
                pending.append(Item(body: body, continuation: c))
                if !flushing {
                    flushing = true
                    Task { await self.flush(store) }
                }
            }
        }

        private func flush(_ store: Store) async {
            while !pending.isEmpty {
                let batch = Array(pending.prefix(WriteGroup.maxBatch))
                pending.removeFirst(batch.count)
                do {
                    let outcomes = try await store.writeGroup(batch.map(\.body))
                    for (item, outcome) in zip(batch, outcomes) {
                        switch outcome {
                        case .success(let v): item.continuation.resume(returning: v)
                        case .failure(let e): item.continuation.resume(throwing: e)
                        }
                    }
                } catch {
                    for item in batch { item.continuation.resume(throwing: error) }
                }
            }
            flushing = false
        }
    }
}
