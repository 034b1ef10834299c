import FluentKit
import Foundation
import SQLKit

/// What happened, for the ledger: who did what to which subject, with a JSON payload. The action is one of an
/// area's typed actions (`LedgerAction`); its raw value is what the entry stores.
public struct LedgerEvent: Sendable {
    public var actor: String
    public var action: any LedgerAction
    public var subjectType: String
    public var subjectID: String
    public var payload: [String: LedgerValue]

    public init(actor: String, action: some LedgerAction, subjectType: String, subjectID: String, payload: [String: LedgerValue] = [:]) {
        self.actor = actor; self.action = action; self.subjectType = subjectType; self.subjectID = subjectID; self.payload = payload
    }
}

/// JSON values for ledger payloads, encoded canonically (sorted keys), and read back for display (`LedgerCatalog`).
public enum LedgerValue: Sendable, Equatable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case string(String), int(Int64), bool(Bool), null
    case array([LedgerValue]), object([String: LedgerValue])

    public init(stringLiteral v: String) { self = .string(v) }
    public init(integerLiteral v: Int64) { self = .int(v) }
    public init(booleanLiteral v: Bool) { self = .bool(v) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Reads what `encode(to:)` wrote (a payload read back from an entry). A JSON number with a fraction, which no
    /// payload holds, is kept as its text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let d = try? c.decode(Double.self) { self = .string(String(d)) }
        else if let a = try? c.decode([LedgerValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: LedgerValue].self)) }
    }

    public static func canonicalJSON(_ object: [String: LedgerValue]) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? enc.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

public enum LedgerError: Error, CustomStringConvertible {
    case invalidField(String)
    case noEntryRecorded
    public var description: String {
        switch self {
        case .invalidField(let f): "ledger field \(f) must be non-empty and contain no control characters"
        case .noEntryRecorded: "a write transaction ended without recording its change in the ledger"
        }
    }
}

/// The append-only, hash-chained full-process record (LED-1, LED-2).
public struct Ledger: Sendable {
    public var key: InstanceKey
    /// A checkpoint is signed every `checkpointEvery` entries (setting; default 1,000).
    public var checkpointEvery: Int64
    /// Entries and checkpoints are stamped with this clock's time.
    public var clock: any WallClock

    public init(key: InstanceKey, checkpointEvery: Int64 = 1000, clock: any WallClock = SystemClock()) {
        self.key = key; self.checkpointEvery = max(1, checkpointEvery); self.clock = clock
    }

    static func timestamp(_ date: Date = Date()) -> String {
        var f = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        f.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(f)
    }

    static func checkIdentifier(_ value: String, _ name: String) throws {
        if value.isEmpty || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw LedgerError.invalidField(name)
        }
    }

    /// Appends one entry. Must run inside `Store.write`, which serializes appenders
    /// (SQLite `BEGIN IMMEDIATE`, PostgreSQL advisory transaction lock).
    func append(_ event: LedgerEvent, on db: any Database) async throws -> LedgerEntry {
        try await append([event], on: db)[0]
    }

    /// Appends several entries in order with one read of the head and one INSERT (a batch of registrations: the
    /// same chain, entry for entry, as appending them one by one). Same rule as `append`: inside `Store.write`.
    func append(_ events: [LedgerEvent], on db: any Database) async throws -> [LedgerEntry] {
        guard !events.isEmpty else { return [] }
        for event in events {
            try Self.checkIdentifier(event.actor, "actor")
            try Self.checkIdentifier(event.action.rawValue, "action")
            try Self.checkIdentifier(event.subjectType, "subjectType")
            try Self.checkIdentifier(event.subjectID, "subjectID")
        }
        let head = try await LedgerAppendSQL.head(db)
        var seq = head?.seq ?? 0
        var prev = head?.hash ?? LedgerEntry.genesisHash
        let at = Self.timestamp(clock.now)
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(events.count)
        for event in events {
            seq += 1
            var entry = LedgerEntry(seq: seq, at: at, actor: event.actor, action: event.action.rawValue, subjectType: event.subjectType,
                                    subjectID: event.subjectID, payload: LedgerValue.canonicalJSON(event.payload), prevHash: prev, hash: "")
            entry.hash = LedgerEntry.computeHash(prevHash: prev, body: entry.body)
            prev = entry.hash
            entries.append(entry)
        }
        try await LedgerAppendSQL.insert(entries, db)
        for e in entries where e.seq % checkpointEvery == 0 {
            try await CheckpointRecord(try key.sign(seq: e.seq, headHash: e.hash, signedAt: e.at)).create(on: db)
        }
        return entries
    }

    /// Signs the current head now (on demand). Returns the existing checkpoint if the head is already signed.
    func checkpointHead(on db: any Database) async throws -> Checkpoint? {
        guard let head = try await LedgerEntryRecord.query(on: db).sort(\.$id, .descending).first(), let seq = head.id else { return nil }
        if let existing = try await CheckpointRecord.find(seq, on: db) { return existing.checkpoint }
        let cp = try key.sign(seq: seq, headHash: head.hash, signedAt: Self.timestamp(clock.now))
        try await CheckpointRecord(cp).create(on: db)
        return cp
    }
}
