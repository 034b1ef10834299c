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
            // anchoring (the cadence of checkpoints): what deleting checkpoints leaves behind
            case checkpointMissing = "no signed checkpoint where one is due (checkpoints deleted?)"
            case unsignedTooLong = "entries stayed unsigned longer than the time cadence allows (checkpoints deleted?)"
            case tailTooLong = "more unsigned entries after the last checkpoint than the cadence allows"
            case tailTooOld = "unsigned entries after the last checkpoint are older than the time cadence allows"
            case badTime = "entry time unreadable"

            /// A rule about when checkpoints must exist, rather than a wrong entry or signature.
            public var isAnchoring: Bool {
                switch self {
                case .checkpointMissing, .unsignedTooLong, .tailTooLong, .tailTooOld: true
                default: false
                }
            }
        }
        public var seq: Int64
        public var kind: Kind
        /// The problem in one line, with its figures (the kind's text when nil).
        public var detail: String?
        /// Found in a checkpoint given from elsewhere (`external`), not in a stored one.
        public var external = false
        public init(seq: Int64, kind: Kind, detail: String? = nil, external: Bool = false) {
            self.seq = seq; self.kind = kind; self.detail = detail; self.external = external
        }
        public static func == (a: Failure, b: Failure) -> Bool { a.seq == b.seq && a.kind == b.kind }
        public var description: String { detail ?? "first bad sequence number \(seq): \(kind.rawValue)" }
    }

    public var entries: Int64 = 0
    public var bytesHashed: Int64 = 0
    public var headHash: String = LedgerEntry.genesisHash
    /// Stored and external checkpoints checked.
    public var checkpointsChecked = 0
    /// Of which from elsewhere (`external`).
    public var externalChecked = 0
    /// The newest external checkpoint's sequence number.
    public var newestExternal: Int64?
    /// The entries after the newest stored checkpoint.
    public var tail = UnsignedTail(lastCheckpoint: 0, head: 0, since: nil)
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
    ///   - trustedKeys: hex public keys; when non-empty, every checkpoint must be signed by one of them. When empty,
    ///     the keys of the `external` checkpoints are trusted (they came from elsewhere); with neither, each
    ///     signature is checked against the key it names — which a rewriter with a key of their own could satisfy.
    ///   - external: checkpoints obtained elsewhere (the public page, the Atom feed, copies others kept); the
    ///     ledger must contain each of them.
    ///   - anchoring: when given, the cadence of checkpoints is checked too (`AnchorPolicy`), with `now` as the
    ///     time of verification: what deleting checkpoints leaves behind.
    ///   - location: where `db` lives; an SQLite file is read directly with the C API (fast path).
    public func verify(_ db: any Database, location: DatabaseLocation? = nil, trustedKeys: Set<String> = [], external: [Checkpoint] = [],
                       anchoring: AnchorPolicy? = nil, now: Date = Date()) async throws -> VerifyReport {
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

        // Checkpoints: stored ones and external ones must each be validly signed by a trusted key and match the chain.
        let stored = try await sql.raw("""
            SELECT c.seq, c.head_hash, c.signed_at, c.public_key, c.signature, e.hash,
                   CASE WHEN e.action = \(bind: LedgerLedgerAction.checkpoint.rawValue) THEN e.payload END AS cp_payload, b.at AS before_at, n.at AS next_at
            FROM ledger_checkpoints c LEFT JOIN ledger_entries e ON e.seq = c.seq
            LEFT JOIN ledger_entries b ON b.seq = c.seq - 1 LEFT JOIN ledger_entries n ON n.seq = c.seq + 1
            ORDER BY c.seq
            """).all(decoding: StoredCheckpointRow.self)
        let externalHashes = try await Self.entryColumn("hash", seqs: external.map(\.seq), sql)
        var checkpoints = stored.map { (cp: $0.checkpoint, entryHash: $0.hash, external: false) }
        checkpoints += external.map { (cp: $0, entryHash: externalHashes[$0.seq], external: true) }
        checkpoints.sort { ($0.cp.seq, $0.external ? 1 : 0) < ($1.cp.seq, $1.external ? 1 : 0) }
        let trusted = trustedKeys.isEmpty ? Set(external.filter { $0.signatureIsValid() }.map(\.publicKey)) : trustedKeys
        for (cp, entryHash, isExternal) in checkpoints {
            report.checkpointsChecked += 1
            if isExternal { report.externalChecked += 1; report.newestExternal = max(report.newestExternal ?? 0, cp.seq) }
            if !cp.signatureIsValid() { report.failure = .init(seq: cp.seq, kind: .badSignature, external: isExternal); break }
            if !trusted.isEmpty && !trusted.contains(cp.publicKey) { report.failure = .init(seq: cp.seq, kind: .untrustedKey, external: isExternal); break }
            if cp.seq > lastSeq { report.failure = .init(seq: lastSeq + 1, kind: .truncated, external: isExternal); break }
            guard entryHash == cp.headHash else { report.failure = .init(seq: cp.seq, kind: .checkpointMismatch, external: isExternal); break }
        }

        let last = stored.last { $0.seq <= lastSeq }
        var firstTime: String? = nil
        if lastSeq > 0 { firstTime = try await Self.entryColumn("at", seqs: [1], sql)[1] }
        report.tail = UnsignedTail(lastCheckpoint: last?.seq ?? 0, head: lastSeq,
                                   since: lastSeq > (last?.seq ?? 0) ? (last == nil ? firstTime : last?.next_at) : nil)
        if report.failure != nil { return report }
        if let anchoring {
            report.failure = try await anchoringFailure(stored.filter { $0.seq <= lastSeq }, lastSeq: lastSeq, firstTime: firstTime,
                                                        policy: anchoring, now: now, sql)
        }
        return report
    }

    struct StoredCheckpointRow: Decodable {
        var seq: Int64; var head_hash: String; var signed_at: String; var public_key: String; var signature: String
        var hash: String?; var cp_payload: String?; var before_at: String?; var next_at: String?
        var checkpoint: Checkpoint { Checkpoint(seq: seq, headHash: head_hash, signedAt: signed_at, publicKey: public_key, signature: signature) }

        /// What the checkpoint's own `ledger.checkpoint` entry says: why it was signed and, for a process that
        /// signs what it wrote, the first entry it wrote. Nil for checkpoints signed every N entries.
        var reason: (reason: CheckpointReason?, since: Int64?)? {
            guard let text = cp_payload, let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
            return ((obj["reason"] as? String).flatMap(CheckpointReason.init(rawValue:)), (obj["since"] as? NSNumber)?.int64Value)
        }
    }

    /// One text column of the entries at `seqs`, by sequence number (in batches of 500).
    static func entryColumn(_ column: String, seqs: [Int64], _ sql: any SQLDatabase) async throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        let unique = Array(Set(seqs)).sorted()
        var i = 0
        while i < unique.count {
            let part = Array(unique[i ..< min(i + 500, unique.count)])
            for row in try await sql.select().column("seq").column(SQLIdentifier(column)).from("ledger_entries")
                .where("seq", .in, part).all() {
                out[try row.decode(column: "seq", as: Int64.self)] = try row.decode(column: column, as: String.self)
            }
            i += 500
        }
        return out
    }

    /// The anchoring rules (LED-2), on a chain already found intact with its stored checkpoints valid:
    /// a checkpoint at every multiple of `every`; between two checkpoints, no entry unsigned for longer than the
    /// time cadence plus the margin (from the time of the first entry after a checkpoint to the time the next one
    /// was signed — both covered by that next signature); after the last, at most `every` entries, none older than the cadence plus the margin at `now`.
    /// Returns the first of: a missing multiple, a gap, a tail that is too long or too old.
    ///
    /// A checkpoint signed at a server's start, or by a command-line process for what it wrote, also covers entries
    /// a stopped process left unsigned: for those only the span of the left entries themselves is limited (a
    /// process that was running signed at least every cadence). Only the key's holder can sign such a checkpoint.
    func anchoringFailure(_ stored: [StoredCheckpointRow], lastSeq: Int64, firstTime: String?, policy: AnchorPolicy, now: Date,
                          _ sql: any SQLDatabase) async throws -> VerifyReport.Failure? {
        var found: [VerifyReport.Failure] = []
        let limit = policy.limit
        let limitText = "\(AnchorPolicy.duration(policy.seconds)) + \(AnchorPolicy.duration(policy.margin))"

        // 1. every multiple of N
        let seqs = Set(stored.map(\.seq))
        var k = policy.every
        while k <= lastSeq {
            if !seqs.contains(k) {
                found.append(.init(seq: k, kind: .checkpointMissing,
                                   detail: "no checkpoint at seq \(k): one is signed every \(policy.every) entries (checkpoints deleted?)"))
                break
            }
            k += policy.every
        }

        // 2. between consecutive checkpoints, in entry time
        if policy.seconds > 0 {
            let sinceSeqs = stored.compactMap { row -> Int64? in row.reason?.since.map { $0 - 1 } }
            let sinceTimes = try await Self.entryColumn("at", seqs: sinceSeqs.filter { $0 > 0 }, sql)
            var prev: Int64 = 0
            var prevNext = firstTime
            for row in stored {
                defer { prev = row.seq; prevNext = row.next_at }
                guard row.seq > prev else { continue }
                var endSeq = row.seq
                var end: String? = row.signed_at
                if let r = row.reason {
                    if r.reason == .start || (r.reason == .cli && r.since == nil) { endSeq = row.seq - 1; end = row.before_at }
                    else if r.reason == .cli, let since = r.since, since <= row.seq {
                        endSeq = max(since, prev + 1) - 1; end = sinceTimes[endSeq]
                    }
                }
                guard endSeq > prev else { continue }
                guard let firstText = prevNext, let first = Ledger.parseTimestamp(firstText) else {
                    found.append(.init(seq: prev + 1, kind: .badTime)); break
                }
                guard let endText = end, let endDate = Ledger.parseTimestamp(endText) else {
                    found.append(.init(seq: endSeq, kind: .badTime)); break
                }
                if endDate.timeIntervalSince(first) > limit {
                    let signed = endSeq == row.seq ? "was first signed at \(endText) (checkpoint \(row.seq))"
                                                   : "was still unsigned at \(endText) (entry \(endSeq), signed later by checkpoint \(row.seq))"
                    found.append(.init(seq: prev + 1, kind: .unsignedTooLong,
                                       detail: "checkpoint missing after seq \(prev): entry \(prev + 1) of \(firstText) \(signed), more than \(limitText) later (checkpoints deleted?)"))
                    break
                }
            }
        }

        // 3. the unsigned tail
        let lastCheckpoint = stored.last?.seq ?? 0
        if lastSeq > lastCheckpoint {
            let count = lastSeq - lastCheckpoint
            let sinceText = stored.last.map { $0.next_at } ?? firstTime
            let range = lastCheckpoint > 0 ? "after the last checkpoint (seq \(lastCheckpoint + 1)–\(lastSeq))" : "(seq 1–\(lastSeq), no checkpoint at all)"
            if count > policy.every {
                found.append(.init(seq: lastCheckpoint + 1, kind: .tailTooLong,
                                   detail: "\(count) \(count == 1 ? "entry" : "entries") \(range) \(count == 1 ? "is" : "are") unsigned; at most \(policy.every) may be (checkpoints deleted?)"))
            } else if policy.seconds > 0 {
                if let sinceText, let since = Ledger.parseTimestamp(sinceText) {
                    if now.timeIntervalSince(since) > limit {
                        found.append(.init(seq: lastCheckpoint + 1, kind: .tailTooOld,
                                           detail: "\(count) \(count == 1 ? "entry" : "entries") \(range) \(count == 1 ? "is" : "are") unsigned since \(sinceText), longer than \(limitText): checkpoints deleted or cut off with the entries after them, or a server that stopped without signing (it signs at its next start)"))
                    }
                } else {
                    found.append(.init(seq: lastCheckpoint + 1, kind: .badTime))
                }
            }
        }
        // a missing multiple of N says the most; then a gap; then the tail
        return found.first
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

extension Store {
    /// `LedgerVerifier.verify` on this store's database (an SQLite file read directly, as `xuanren verify` does).
    public func verifyLedger(trustedKeys: Set<String> = [], external: [Checkpoint] = [], anchoring: AnchorPolicy? = nil,
                             now: Date = Date()) async throws -> VerifyReport {
        try await LedgerVerifier().verify(db, location: sqlitePath.map { .sqlite(path: $0) }, trustedKeys: trustedKeys, external: external,
                                          anchoring: anchoring, now: now)
    }
}
