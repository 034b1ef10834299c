import FluentKit
import Foundation
import SQLKit

/// Support for the verify-throughput benchmark (`scripts/bench-verify.sh`): fills an *empty* ledger
/// with synthetic entries quickly, and writes the exact bytes `verify` hashes so `sha256sum` can be
/// timed on the same data. Refuses to touch a ledger that has entries.
public enum LedgerBenchmark {
    /// The synthetic entries' action (a workflow that does not exist yet, of a realistic size).
    enum BenchmarkLedgerAction: String, LedgerAction { case applicationReview = "application.review" }

    public struct NotEmpty: Error, CustomStringConvertible {
        public var description: String { "the ledger is not empty: benchmark data goes into a fresh database only" }
    }

    static func fill(_ db: any Database, count: Int, key: InstanceKey, checkpointEvery: Int64 = 1000) async throws {
        guard try await LedgerEntryRecord.query(on: db).count() == 0 else { throw NotEmpty() }
        let sql = db as! any SQLDatabase
        var prev = LedgerEntry.genesisHash
        var seq: Int64 = 0
        let batch = 2000
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        while seq < Int64(count) {
            let n = min(batch, count - Int(seq))
            var rows: [[any SQLExpression]] = []
            var checkpoints: [Checkpoint] = []
            for _ in 0 ..< n {
                seq += 1
                let at = Ledger.timestamp(start.addingTimeInterval(Double(seq) * 0.25))
                let payload = LedgerValue.canonicalJSON([
                    "campaign": .string("c-\(seq % 97)"), "stage": .string("registration"),
                    "name": .string("申请人\(seq % 10007)"), "position": .string("县教育局副局长"),
                    "reason": .string("资格审查通过（年龄、学历、任职年限均符合条件）"), "score": .int(seq % 100),
                ])
                var e = LedgerEntry(seq: seq, at: at, actor: "organizer", action: BenchmarkLedgerAction.applicationReview.rawValue, subjectType: "application",
                                    subjectID: UUID().uuidString, payload: payload, prevHash: prev, hash: "")
                e.hash = LedgerEntry.computeHash(prevHash: prev, body: e.body)
                prev = e.hash
                rows.append([SQLBind(e.seq), SQLBind(e.at), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.subjectType),
                             SQLBind(e.subjectID), SQLBind(e.payload), SQLBind(e.prevHash), SQLBind(e.hash)])
                if seq % checkpointEvery == 0 { checkpoints.append(try key.sign(seq: seq, headHash: e.hash, signedAt: at)) }
            }
            let rowsToInsert = rows
            let cps = checkpoints
            try await db.transaction { tx in
                let s = tx as! any SQLDatabase
                try await s.insert(into: "ledger_entries")
                    .columns("seq", "at", "actor", "action", "subject_type", "subject_id", "payload", "prev_hash", "hash")
                    .rows(rowsToInsert).run()
                for cp in cps { try await CheckpointRecord(cp).create(on: tx) }
            }
        }
        _ = sql
    }

    /// Writes `prevHash "\n" body` of every entry, in order — the bytes `verify` hashes.
    static func dumpHashedBytes(_ db: any Database, to handle: FileHandle) async throws -> Int64 {
        let sql = db as! any SQLDatabase
        let verifier = LedgerVerifier()
        let postgres = sql.dialect.name == "postgresql"
        var after: Int64 = 0
        var total: Int64 = 0
        while true {
            let rows = try await sql.raw(verifier.pageQuery(postgres: postgres, after: after)).all()
            if rows.isEmpty { break }
            var out = Data()
            for row in rows {
                var chunk = try row.decode(column: "chunk", as: String.self)
                _ = chunk.withUTF8 { buf in
                    LedgerFrames.forEach(in: UnsafeRawBufferPointer(buf)) { seq, prev, _, body in
                        out.append(contentsOf: prev)
                        out.append(0x0A)
                        out.append(contentsOf: body)
                        after = seq
                        return true
                    }
                }
            }
            total += Int64(out.count)
            handle.write(out)
        }
        return total
    }
}

extension Store {
    /// Fills this store's empty ledger with `count` synthetic entries (`LedgerBenchmark.fill`).
    public func fillLedgerBenchmark(count: Int) async throws {
        try await LedgerBenchmark.fill(db, count: count, key: ledger.key)
    }

    /// Writes the bytes `verify` hashes to `handle` (`LedgerBenchmark.dumpHashedBytes`); returns how many.
    public func dumpLedgerHashedBytes(to handle: FileHandle) async throws -> Int64 {
        try await LedgerBenchmark.dumpHashedBytes(db, to: handle)
    }
}
