import Foundation

/// The queue behind every group commit (cast ballots, public reports, SQLite writes): inputs that arrive while a group
/// is being written wait here, then go together to `flush`, at most `maxBatch` at a time. Each caller is answered
/// with its own outcome only once `flush` has returned, i.e. after the transaction that holds its input.
actor GroupQueue<Input: Sendable, Output: Sendable> {
    typealias Flush = @Sendable ([Input]) async throws -> [Result<Output, any Error>]

    private struct Item {
        var input: Input
        var continuation: CheckedContinuation<Output, any Error>
    }
    private var pending: [Item] = []
    private var flushing = false
    let maxBatch: Int

    init(maxBatch: Int) { self.maxBatch = maxBatch }

    /// Queues `input`; the first caller of a group starts the flushing with its `flush` (a store bound to its loop).
    func submit(_ input: Input, flush: @escaping Flush) async throws -> Output {
        try await withCheckedThrowingContinuation { c in
            pending.append(Item(input: input, continuation: c))
            if !flushing {
                flushing = true
                Task { await self.drain(flush) }
            }
        }
    }

    private func drain(_ flush: Flush) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let outcomes = try await flush(batch.map(\.input))
                for (item, outcome) in zip(batch, outcomes) { item.continuation.resume(with: outcome) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
