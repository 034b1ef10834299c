import FluentKit
import SQLKit

/// The ledger's append as two plain SQL statements (the head's seq and hash; the new rows), instead of Fluent's
/// model layer, whose reflection over the record's fields cost about a sixth of every write's time
/// (`scripts/bench-matters.sh`: bare ledger writes and stage transitions, figures in the issue 13 note).
/// Same rows, same columns: `LedgerEntryRecord` still reads them.
enum LedgerAppendSQL {
    struct Head: Decodable { var seq: Int64; var hash: String }

    static func head(_ db: any Database) async throws -> Head? {
        try await (db as! any SQLDatabase).raw("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1").first(decoding: Head.self)
    }

    /// Several entries in one statement (at most 100 rows a statement: SQLite's bound-variable limit is far off).
    static func insert(_ entries: [LedgerEntry], _ db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for chunk in stride(from: 0, to: entries.count, by: 100).map({ entries[$0 ..< min($0 + 100, entries.count)] }) {
            var insert = sql.insert(into: "ledger_entries").columns("seq", "at", "actor", "action", "subject_type", "subject_id", "payload", "prev_hash", "hash")
            for e in chunk {
                insert = insert.values(SQLBind(e.seq), SQLBind(e.at), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.subjectType), SQLBind(e.subjectID),
                                       SQLBind(e.payload), SQLBind(e.prevHash), SQLBind(e.hash))
            }
            try await insert.run()
        }
    }
}
