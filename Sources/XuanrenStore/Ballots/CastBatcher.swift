import FluentKit
import Foundation
import SQLKit

/// Group commit for casting: ballots that arrive together are written in one transaction (one fsync),
/// each still spending its own code exactly once. Every caller gets its answer only after the commit
/// that holds its ballot, so a confirmed ballot is on disk before the voter sees the confirmation.
/// The ledger gets one entry per category per batch — a count, which also hides the order of casting.
actor CastBatcher {
    struct Item {
        var session: UUID
        var codeHash: String
        var content: @Sendable (String) -> String      // category → ballot JSON
        var tracking: String
        var continuation: CheckedContinuation<String, any Error>
    }

    private var pending: [Item] = []
    private var flushing = false
    let maxBatch = 256

    func submit(session: UUID, codeHash: String, tracking: String, content: @escaping @Sendable (String) -> String, store: Store) async throws -> String {
        try await withCheckedThrowingContinuation { c in
            pending.append(Item(session: session, codeHash: codeHash, content: content, tracking: tracking, continuation: c))
            if !flushing {
                flushing = true
                Task { await self.flush(store) }
            }
        }
    }

    private func flush(_ store: Store) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let work = batch.map { ($0.session, $0.codeHash, $0.content, $0.tracking) }
            do {
                let outcomes = try await store.writeCasts(work)
                for (item, outcome) in zip(batch, outcomes) {
                    switch outcome {
                    case .success(let t): item.continuation.resume(returning: t)
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

extension Store {
    /// Writes a batch of casts in one transaction. Each cast either spends its code and stores its ballot
    /// (with `weight` copies) or fails alone (unknown or used code, session not open).
    func writeCasts(_ casts: [(UUID, String, @Sendable (String) -> String, String)]) async throws -> [Result<String, VotingError>] {
        try await write { tx in
            let sql = tx.db as! any SQLDatabase
            struct Cat: Decodable { var category: String; var weight: Int? }
            var outcomes: [Result<String, VotingError>] = []
            var counts: [String: [String: Int64]] = [:]    // session → category → ballots
            var openSessions: [UUID: Bool] = [:]
            for (session, hash, content, tracking) in casts {
                if openSessions[session] == nil {
                    openSessions[session] = try await BallotSessionRecord.find(session, on: tx.db)?.status == BallotSessionStatus.open.rawValue
                }
                guard openSessions[session] == true else { outcomes.append(.failure(.sessionNotOpen)); continue }
                let spent = try await sql.raw("""
                    UPDATE voting_codes SET spent = TRUE WHERE code_hash = \(bind: hash) AND session_id = \(bind: session.uuidString) AND spent = FALSE
                    RETURNING category, weight
                    """).first(decoding: Cat.self)
                guard let category = spent?.category else {
                    let exists = try await sql.raw("SELECT category FROM voting_codes WHERE code_hash = \(bind: hash) AND session_id = \(bind: session.uuidString)")
                        .first(decoding: Cat.self)
                    outcomes.append(.failure(exists == nil ? .unknownCode : .codeAlreadyUsed))
                    continue
                }
                // BAL-8: a weighted code casts `weight` identical ballots, each with its own random id
                let weight = max(1, spent?.weight ?? 1)
                let text = content(category)
                let rows = (0 ..< weight).map { _ -> [any SQLExpression] in
                    [SQLBind(UUID().uuidString), SQLBind(session.uuidString), SQLBind(category), SQLBind(text), SQLBind(tracking)]
                }
                try await sql.insert(into: "ballots").columns("id", "session_id", "category", "content", "tracking").rows(rows).run()
                counts[session.uuidString, default: [:]][category, default: 0] += Int64(weight)
                outcomes.append(.success(tracking))
            }
            // The ledger learns how many ballots of each category were cast in this batch: counts, never codes or content.
            for (session, byCategory) in counts.sorted(by: { $0.key < $1.key }) {
                for (category, n) in byCategory.sorted(by: { $0.key < $1.key }) {
                    try await tx.record(LedgerEvent(actor: "voter", action: "ballot.code.spent", subjectType: "ballot_session", subjectID: session,
                                                    payload: ["category": .string(category), "count": .int(n)]))
                }
            }
            if counts.isEmpty {
                try await tx.record(LedgerEvent(actor: "voter", action: "ballot.cast.refused", subjectType: "ballot_session",
                                                subjectID: casts.first?.0.uuidString ?? "-", payload: ["count": .int(Int64(casts.count))]))
            }
            return outcomes
        }
    }
}
