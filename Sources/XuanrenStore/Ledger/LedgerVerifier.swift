import Crypto
import FluentKit
import Foundation
import SQLKit

/// What `verify` found.
public struct VerifyReport: Sendable, Equatable {
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case hashMismatch = "entry content does not match its hash (edited)"
            case chainBroken = "previous-hash link broken (inserted, removed or reordered entry)"
            case missing = "entry missing (deleted or renumbered)"
            case unexpected = "unexpected entry (inserted or renumbered)"
            case truncated = "ledger ends before a signed checkpoint (truncated)"
            case checkpointMismatch = "signed checkpoint does not match the entry's hash"
            case badSignature = "checkpoint signature invalid"
            case untrustedKey = "checkpoint signed by a key that is not trusted"
        }
        public var seq: Int64
        public var kind: Kind
        public init(seq: Int64, kind: Kind) { self.seq = seq; self.kind = kind }
        public var description: String { "first bad sequence number \(seq): \(kind.rawValue)" }
    }

    public var entries: Int64 = 0
    public var bytesHashed: Int64 = 0
    public var headHash: String = LedgerEntry.genesisHash
    public var checkpointsChecked = 0
    public var failure: Failure?
    public var intact: Bool { failure == nil }
}

/// Recomputes the hash chain and checks every signed checkpoint (LED-2).
///
/// Reading a million rows one by one through an ORM costs far more than hashing them, so the
/// database concatenates each run of entries into one framed string (`group_concat` / `string_agg`)
/// — `prevHash(64) hash(64) length(8 hex) body` per entry — and the verifier walks those bytes.
public struct LedgerVerifier: Sendable {
    public var pageSize = 100_000
    public var groupSize = 1_000

    public init() {}

    func pageQuery(postgres: Bool, after: Int64) -> SQLQueryString {
        if postgres {
            return """
            SELECT string_agg(prev_hash || hash || lpad(to_hex(octet_length(b)), 8, '0') || b, '' ORDER BY seq) AS chunk
            FROM (SELECT seq, prev_hash, hash,
                   seq::text || E'\\n' || at || E'\\n' || actor || E'\\n' || action || E'\\n' || subject_type || E'\\n' || subject_id || E'\\n' || payload AS b
                  FROM ledger_entries WHERE seq > \(bind: after) ORDER BY seq LIMIT \(literal: pageSize)) AS page
            GROUP BY seq / \(literal: groupSize) ORDER BY seq / \(literal: groupSize)
            """
        }
        return """
        SELECT group_concat(prev_hash || hash || printf('%08x', length(CAST(b AS BLOB))) || b, '' ORDER BY seq) AS chunk
        FROM (SELECT seq, prev_hash, hash,
               seq || char(10) || at || char(10) || actor || char(10) || action || char(10) || subject_type || char(10) || subject_id || char(10) || payload AS b
              FROM ledger_entries WHERE seq > \(bind: after) ORDER BY seq LIMIT \(literal: pageSize))
        GROUP BY seq / \(literal: groupSize) ORDER BY seq / \(literal: groupSize)
        """
    }

    /// - Parameters:
    ///   - trustedKeys: hex public keys; when non-empty, every checkpoint must be signed by one of them.
    ///   - external: a checkpoint obtained elsewhere (the public page); the ledger must contain it.
    ///   - location: where `db` lives; an SQLite file is read directly with the C API (fast path).
    public func verify(_ db: any Database, location: DatabaseLocation? = nil, trustedKeys: Set<String> = [], external: Checkpoint? = nil) async throws -> VerifyReport {
        guard let sql = db as? any SQLDatabase else { throw LedgerError.invalidField("database") }
        let check: ChainCheck
        if case .sqlite(let path) = location {
            check = try await Task.detached { try SQLiteLedgerScan.verify(path: path) }.value
        } else if sql.dialect.name == "postgresql", let streamed = try await PostgresLedgerScan.verify(db) {
            check = streamed
        } else {
            let postgres = sql.dialect.name == "postgresql"
            var walker = ChainWalker()
            var after: Int64 = 0
            while walker.failure == nil {
                let rows = try await sql.raw(pageQuery(postgres: postgres, after: after)).all()
                if rows.isEmpty { break }
                for row in rows {
                    let chunk = try row.decode(column: "chunk", as: String.self)
                    walker.consume(chunk)
                    if walker.failure != nil { break }
                }
                if walker.lastSeq == after { break }
                after = walker.lastSeq
            }
            check = walker.check
        }
        let lastSeq = check.lastSeq
        var report = VerifyReport(entries: lastSeq, bytesHashed: check.bytes, headHash: check.headHash, failure: check.failure)
        if report.failure != nil { return report }

        // Checkpoints: stored ones and the external one must each be validly signed and match the chain.
        struct Row: Decodable { var seq: Int64; var head_hash: String; var signed_at: String; var public_key: String; var signature: String; var hash: String? }
        let rows = try await sql.raw("""
            SELECT c.seq, c.head_hash, c.signed_at, c.public_key, c.signature, e.hash
            FROM ledger_checkpoints c LEFT JOIN ledger_entries e ON e.seq = c.seq ORDER BY c.seq
            """).all(decoding: Row.self)
        var checkpoints = rows.map { (Checkpoint(seq: $0.seq, headHash: $0.head_hash, signedAt: $0.signed_at, publicKey: $0.public_key, signature: $0.signature), $0.hash) }
        if let external {
            let hash = try await LedgerEntryRecord.find(external.seq, on: db)?.hash
            checkpoints.append((external, hash))
        }
        for (cp, entryHash) in checkpoints {
            report.checkpointsChecked += 1
            if !cp.signatureIsValid() { report.failure = .init(seq: cp.seq, kind: .badSignature); break }
            if !trustedKeys.isEmpty && !trustedKeys.contains(cp.publicKey) { report.failure = .init(seq: cp.seq, kind: .untrustedKey); break }
            if cp.seq > lastSeq { report.failure = .init(seq: lastSeq + 1, kind: .truncated); break }
            guard entryHash == cp.headHash else { report.failure = .init(seq: cp.seq, kind: .checkpointMismatch); break }
        }
        return report
    }
}

/// Walks framed entries (`prevHash(64) hash(64) length(8 hex) body`), checking each with `ChainCheck`.
struct ChainWalker {
    var check = ChainCheck()
    var lastSeq: Int64 { check.lastSeq }
    var failure: VerifyReport.Failure? { check.failure }

    mutating func consume(_ chunk: String) {
        var chunk = chunk
        chunk.withUTF8 { buf in self.consume(bytes: UnsafeRawBufferPointer(buf)) }
    }

    mutating func consume(bytes buf: UnsafeRawBufferPointer) {
        let complete = LedgerFrames.forEach(in: buf) { seq, prev, hash, body in
            check.entry(seq: seq, prev: prev, hash: hash, body)
            return check.failure == nil
        }
        if !complete && check.failure == nil { check.failure = .init(seq: check.lastSeq + 1, kind: .hashMismatch) }
    }
}

/// The framing of the SQL-aggregated ledger pages: per entry `prevHash(64) hash(64) length(8 hex) body`,
/// where body starts with the sequence number and a line break.
enum LedgerFrames {
    /// Calls `visit` for each whole frame until it returns false; returns false if the bytes end inside a frame.
    @discardableResult
    static func forEach(in buf: UnsafeRawBufferPointer,
                        _ visit: (_ seq: Int64, _ prev: UnsafeRawBufferPointer, _ hash: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) -> Bool) -> Bool {
        var i = 0
        let n = buf.count
        while i < n {
            guard i + 136 <= n else { return false }
            var len = 0
            for k in i + 128 ..< i + 136 { len = len << 4 | Int(Hex.nibble(buf[k]) ?? 0) }
            let bodyStart = i + 136
            guard bodyStart + len <= n else { return false }
            let body = UnsafeRawBufferPointer(rebasing: buf[bodyStart ..< bodyStart + len])
            var seq: Int64 = 0
            var k = 0
            while k < len, body[k] != 0x0A { seq = seq &* 10 &+ Int64(body[k] &- 0x30); k += 1 }
            guard visit(seq, UnsafeRawBufferPointer(rebasing: buf[i ..< i + 64]), UnsafeRawBufferPointer(rebasing: buf[i + 64 ..< i + 128]), body) else { return true }
            i = bodyStart + len
        }
        return true
    }
}
