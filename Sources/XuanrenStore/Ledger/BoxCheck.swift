@preconcurrency import Crypto
import FluentKit
import Foundation
import SQLKit

/// Whether a closed ballot session's stored box is the one its closing recorded (LED-2): the SHA-256 of the
/// box text must be the `box_sha256` of its `ballot.session.closed` ledger entry, the stored `box_hash` the
/// same, and `box_signature` a valid Ed25519 signature of the box text by the instance key.
///
/// Reads the `ballot_sessions` columns (`status`, `box`, `box_hash`, `box_signature`) and the ledger directly,
/// so it stands apart from the ballot code that writes them.
public enum BoxCheck: Sendable, Equatable, CustomStringConvertible {
    case ok
    case mismatch(Problem)

    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case sessionNotFound
        case notClosed
        /// Closed, but the box, its hash or its signature is empty.
        case boxMissing
        /// No `ballot.session.closed` entry in the ledger names the session.
        case noClosingEntry
        /// The SHA-256 of the stored box is not the one the ledger recorded at closing.
        case boxDiffersFromLedger(ledger: String, box: String)
        /// The stored `box_hash` is not the one the ledger recorded.
        case storedHashDiffers(ledger: String, stored: String)
        /// The stored signature is not a valid signature of the box by the instance key.
        case badSignature

        public var description: String {
            switch self {
            case .sessionNotFound: "no such ballot session"
            case .notClosed: "the session is not closed"
            case .boxMissing: "closed, but the stored box, its hash or its signature is missing"
            case .noClosingEntry: "no ballot.session.closed entry in the ledger for it"
            case .boxDiffersFromLedger(let l, let b): "the stored box's SHA-256 is \(b), the ledger recorded \(l) at closing (box altered)"
            case .storedHashDiffers(let l, let s): "the stored box hash is \(s), the ledger recorded \(l) at closing"
            case .badSignature: "the box signature is not valid for the box under the instance key"
            }
        }
    }

    public var isOK: Bool { self == .ok }
    public var description: String {
        switch self {
        case .ok: "ok"
        case .mismatch(let p): p.description
        }
    }

    /// The check itself, on values: the box text, the stored hash and signature, every `box_sha256` the ledger
    /// recorded for the session, and the public keys (hex) a valid signature may come from (none: not checked).
    public static func check(box: String?, storedHash: String?, signature: String?, recorded: [String], publicKeys: Set<String>) -> BoxCheck {
        guard let box, let storedHash, let signature, !box.isEmpty, !storedHash.isEmpty, !signature.isEmpty else { return .mismatch(.boxMissing) }
        guard let ledgerHash = recorded.last else { return .mismatch(.noClosingEntry) }
        let actual = Digest.sha256Hex(box)
        for recordedHash in recorded where recordedHash != actual {
            return .mismatch(.boxDiffersFromLedger(ledger: recordedHash, box: actual))
        }
        if storedHash.lowercased() != ledgerHash.lowercased() { return .mismatch(.storedHashDiffers(ledger: ledgerHash, stored: storedHash)) }
        if !publicKeys.isEmpty {
            guard let sig = Hex.decode(signature) else { return .mismatch(.badSignature) }
            let data = Data(box.utf8)
            let valid = publicKeys.contains { hex in
                guard let raw = Hex.decode(hex), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
                return key.isValidSignature(sig, for: data)
            }
            if !valid { return .mismatch(.badSignature) }
        }
        return .ok
    }
}

/// The result of checking every closed session's box.
public struct BoxesReport: Sendable, Equatable {
    public var checked = 0
    /// Sessions whose box does not match, in the order found.
    public var mismatches: [(session: UUID, problem: BoxCheck.Problem)] = []
    /// False when no trusted key was given: the signatures were not checked.
    public var signaturesChecked = true
    public var intact: Bool { mismatches.isEmpty }

    public init(checked: Int = 0, mismatches: [(session: UUID, problem: BoxCheck.Problem)] = [], signaturesChecked: Bool = true) {
        self.checked = checked; self.mismatches = mismatches; self.signaturesChecked = signaturesChecked
    }

    public static func == (a: BoxesReport, b: BoxesReport) -> Bool {
        a.checked == b.checked && a.signaturesChecked == b.signaturesChecked
            && a.mismatches.map(\.session) == b.mismatches.map(\.session) && a.mismatches.map(\.problem) == b.mismatches.map(\.problem)
    }
}

extension Store {
    /// Whether the stored box of a closed session is the one its closing recorded and the instance key signed.
    /// The results page refuses to show a box for which this is not `.ok`.
    public func checkStoredBox(_ session: UUID) async throws -> BoxCheck {
        let sql = db as! any SQLDatabase
        guard let row = try await Self.sessionBoxRow(session, sql) else { return .mismatch(.sessionNotFound) }
        guard row.status == "closed" else { return .mismatch(.notClosed) }
        let recorded = try await Self.recordedBoxHashes(sql, session: session)[session] ?? []
        return BoxCheck.check(box: row.box, storedHash: row.box_hash, signature: row.box_signature, recorded: recorded,
                              publicKeys: [ledger.key.publicKeyHex])
    }

    /// Checks every closed session's box (`xuanren verify`). `trustedKeys`: the public keys a box signature
    /// may come from; when empty the signatures are not checked (`signaturesChecked` is false).
    public func checkStoredBoxes(trustedKeys: Set<String>) async throws -> BoxesReport {
        let sql = db as! any SQLDatabase
        struct IDRow: Decodable { var id: UUID }
        let ids = try await sql.raw("SELECT id FROM ballot_sessions WHERE status = 'closed'").all(decoding: IDRow.self).map(\.id)
        var report = BoxesReport(signaturesChecked: !trustedKeys.isEmpty)
        guard !ids.isEmpty else { return report }
        let recorded = try await Self.recordedBoxHashes(sql, session: nil)
        for id in ids.sorted(by: { $0.uuidString < $1.uuidString }) {
            // one box in memory at a time
            guard let row = try await Self.sessionBoxRow(id, sql), row.status == "closed" else { continue }
            report.checked += 1
            let result = BoxCheck.check(box: row.box, storedHash: row.box_hash, signature: row.box_signature,
                                        recorded: recorded[id] ?? [], publicKeys: trustedKeys)
            if case .mismatch(let p) = result { report.mismatches.append((id, p)) }
        }
        return report
    }

    struct SessionBoxRow: Decodable { var status: String; var box: String?; var box_hash: String?; var box_signature: String? }

    static func sessionBoxRow(_ id: UUID, _ sql: any SQLDatabase) async throws -> SessionBoxRow? {
        try await sql.raw("SELECT status, box, box_hash, box_signature FROM ballot_sessions WHERE id = \(bind: id)")
            .first(decoding: SessionBoxRow.self)
    }

    /// The `box_sha256` of each `ballot.session.closed` entry, by session, in ledger order.
    static func recordedBoxHashes(_ sql: any SQLDatabase, session: UUID?) async throws -> [UUID: [String]] {
        struct Row: Decodable { var subject_id: String; var payload: String }
        let rows: [Row]
        if let session {
            rows = try await sql.raw("""
                SELECT subject_id, payload FROM ledger_entries WHERE subject_type = 'ballot_session' AND subject_id = \(bind: session.uuidString)
                AND action = \(bind: BallotLedgerAction.sessionClosed.rawValue) ORDER BY seq
                """).all(decoding: Row.self)
        } else {
            rows = try await sql.raw("""
                SELECT subject_id, payload FROM ledger_entries WHERE subject_type = 'ballot_session' AND action = \(bind: BallotLedgerAction.sessionClosed.rawValue) ORDER BY seq
                """).all(decoding: Row.self)
        }
        var out: [UUID: [String]] = [:]
        for r in rows {
            guard let id = UUID(uuidString: r.subject_id),
                  let obj = try? JSONSerialization.jsonObject(with: Data(r.payload.utf8)) as? [String: Any],
                  let hash = obj["box_sha256"] as? String else { continue }
            out[id, default: []].append(hash)
        }
        return out
    }
}
