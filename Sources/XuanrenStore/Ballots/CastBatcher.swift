import FluentKit
import SelectionCore
import Foundation
import SQLKit

/// Group commit for casting: ballots that arrive together are written in one transaction (one fsync),
/// each still spending its own code exactly once. Every caller gets its answer only after the commit
/// that holds its ballot, so a confirmed ballot is on disk before the voter sees the confirmation.
/// The ledger gets one entry per category per batch — a count, which also hides the order of casting.
final class CastBatcher: Sendable {
    /// One voter's cast, ready to be sealed once its code's category and weight are known.
    struct Cast: Sendable {
        var session: UUID
        var codeHash: String
        /// Whether the session gives tracking codes.
        var tracking: Bool
        /// (category, tracking code) → ballot JSON
        var content: @Sendable (String, String) -> String
        var padLength: Int
        var context: BallotSeal.Context
        var contextPersisted: Bool
    }
    private let queue = GroupQueue<Cast, String>(maxBatch: 256)

    func submit(_ cast: Cast, store: Store) async throws -> String {
        try await queue.submit(cast) { casts in try await store.writeCasts(casts).map { $0.mapError { $0 as any Error } } }
    }
}

extension Store {
    /// Writes a batch of casts in one transaction. Each cast either spends its code and stores its ballot
    /// (with `weight` copies) or fails alone (unknown or used code, session not open).
    func writeCasts(_ casts: [CastBatcher.Cast]) async throws -> [Result<String, VotingError>] {
        let result = try await write { tx in
            let sql = tx.db as! any SQLDatabase
            var outcomes = [Result<String, VotingError>?](repeating: nil, count: casts.count)
            var counts: [String: [String: Int64]] = [:]    // session → category → ballots
            var contexts: [UUID: BallotSeal.Context] = [:]
            // one statement per session for the whole batch: spend every code still unspent, learn category and weight
            for session in Set(casts.map(\.session)) {
                let indices = casts.indices.filter { casts[$0].session == session }
                guard try await BallotSessionRecord.find(session, on: tx.db)?.status == BallotSessionStatus.open.rawValue else {
                    for i in indices { outcomes[i] = .failure(.sessionNotOpen) }
                    continue
                }
                var firstIndex: [String: Int] = [:]
                for i in indices {
                    if firstIndex[casts[i].codeHash] == nil { firstIndex[casts[i].codeHash] = i } else { outcomes[i] = .failure(.codeAlreadyUsed) }  // same code twice in a batch
                }
                let hashes = Array(firstIndex.keys)
                struct Spent: Decodable { var code_hash: String; var category: String; var weight: Int? }
                let spent = try await sql.raw("""
                    UPDATE voting_codes SET spent = TRUE
                    WHERE session_id = \(bind: session.uuidString) AND spent = FALSE AND code_hash IN (\(binds: hashes))
                    RETURNING code_hash, category, weight
                    """).all(decoding: Spent.self)
                let spentBy = Dictionary(spent.map { ($0.code_hash, $0) }, uniquingKeysWith: { a, _ in a })
                let missing = hashes.filter { spentBy[$0] == nil }
                var known = Set<String>()
                if !missing.isEmpty {
                    struct H: Decodable { var code_hash: String }
                    known = Set(try await sql.raw("""
                        SELECT code_hash FROM voting_codes WHERE session_id = \(bind: session.uuidString) AND code_hash IN (\(binds: missing))
                        """).all(decoding: H.self).map(\.code_hash))
                }
                var rows: [[any SQLExpression]] = []
                let macKey = BallotSeal.macKey(instance: ledger.key, session: session)
                for (hash, i) in firstIndex {
                    guard let s = spentBy[hash] else { outcomes[i] = .failure(known.contains(hash) ? .codeAlreadyUsed : .unknownCode); continue }
                    let cast = casts[i]
                    // BAL-8: a weighted code casts `weight` identical ballots, each sealed alone with its own random id
                    // and its own tracking code (the voter is shown the first), so the copies cannot be told apart
                    let weight = max(1, s.weight ?? 1)
                    var shown = ""
                    for copy in 0 ..< weight {
                        let tracking = cast.tracking ? self.newTracking() : ""
                        if copy == 0 { shown = tracking }
                        guard let padded = BallotPadding.pad(cast.content(s.category, tracking), to: cast.padLength) else { throw VotingError.ballotTooLong }
                        rows.append([SQLBind(UUID().uuidString), SQLBind(session.uuidString), SQLBind(try BallotSeal.seal(padded, context: cast.context, session: session, macKey: macKey))])
                    }
                    if !cast.contextPersisted { contexts[cast.context.id] = cast.context }
                    counts[session.uuidString, default: [:]][s.category, default: 0] += Int64(weight)
                    outcomes[i] = .success(shown)
                }
                for chunk in stride(from: 0, to: rows.count, by: 500) {
                    try await sql.insert(into: "sealed_ballots").columns("id", "session_id", "sealed")
                        .rows(Array(rows[chunk ..< min(chunk + 500, rows.count)])).run()
                }
            }
            // this process's sealing context of a session is stored with the first ballots sealed under it
            for (cid, c) in contexts {
                let session = casts.first { $0.context.id == cid }!.session
                try await sql.raw("""
                    INSERT INTO ballot_seal_contexts (id, session_id, encapsulated) VALUES (\(bind: cid.uuidString), \(bind: session.uuidString), \(bind: c.encapsulated.base64EncodedString()))
                    ON CONFLICT (id) DO NOTHING
                    """).run()
            }
            // The ledger learns how many ballots of each category were cast in this batch: counts, never codes or content.
            for (session, byCategory) in counts.sorted(by: { $0.key < $1.key }) {
                for (category, n) in byCategory.sorted(by: { $0.key < $1.key }) {
                    try await tx.record(LedgerEvent(actor: "voter", action: BallotLedgerAction.codeSpent, subjectType: "ballot_session", subjectID: session,
                                                    payload: ["category": .string(category), "count": .int(n)]))
                }
            }
            if counts.isEmpty {
                try await tx.record(LedgerEvent(actor: "voter", action: BallotLedgerAction.castRefused, subjectType: "ballot_session",
                                                subjectID: casts.first?.session.uuidString ?? "-", payload: ["count": .int(Int64(casts.count))]))
            }
            return (outcomes.map { $0 ?? .failure(.unknownCode) }, contexts)
        }
        for (cid, c) in result.1 { sealContexts.markPersisted(casts.first { $0.context.id == cid }!.session, id: c.id) }
        return result.0
    }
}
