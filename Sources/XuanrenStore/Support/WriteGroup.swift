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

    /// The most bodies one transaction takes (a long import still runs alone if it is alone in the queue).
    static let maxBatch = 128
    private let queue = GroupQueue<@Sendable (Store.Transaction) async throws -> any Sendable, any Sendable>(maxBatch: maxBatch)

    func submit(store: Store, _ body: @escaping @Sendable (Store.Transaction) async throws -> any Sendable) async throws -> any Sendable {
        try await queue.submit(body) { bodies in try await store.writeGroup(bodies) }
    }
}
