import FluentKit
import Foundation
import Logging
import SQLKit

/// Why a checkpoint was signed. At a start, by a command, after the seed and on demand it is recorded as `reason`
/// in the payload of a `ledger.checkpoint` entry that the checkpoint itself signs, so the verifier can trust it
/// (LED-2). Checkpoints every N entries, on the time cadence and at shutdown sign the head as it is: the
/// ledger does not grow by itself.
public enum CheckpointReason: String, Sendable, CaseIterable {
    /// The head had moved and its oldest unsigned entry reached the time cadence (`serve`'s background task).
    case interval
    /// A server started on a ledger whose head was unsigned: what a process that stopped without signing left.
    case start
    /// The server is shutting down.
    case stop
    /// A command-line process signs what it wrote before it exits (`since` = its first entry).
    case cli
    /// On demand: the ledger page's button or `xuanren checkpoint`.
    case manual
    /// The demo county was seeded.
    case seed
}

/// How often the head must be signed, which `serve` follows and `verify` checks (LED-2): a checkpoint at every
/// multiple of `every`, and no entry left unsigned for longer than `seconds` (plus `margin` for clock skew and
/// slow writes) — measured in the entries' own times, which the next checkpoint's signature covers.
public struct AnchorPolicy: Sendable, Equatable {
    public static let defaultSeconds: Double = 600
    public static let defaultMargin: Double = 120

    public var every: Int64
    /// The time cadence in seconds; 0 turns the time rules off (a ledger written before they existed).
    public var seconds: Double
    public var margin: Double

    public init(every: Int64 = 1000, seconds: Double = AnchorPolicy.defaultSeconds, margin: Double = AnchorPolicy.defaultMargin) {
        self.every = max(1, every); self.seconds = max(0, seconds); self.margin = max(0, margin)
    }

    /// The longest an entry may stay unsigned.
    public var limit: Double { seconds + margin }

    /// "10 min", "90 s": for messages.
    public static func duration(_ seconds: Double) -> String {
        if seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

/// The entries after the newest checkpoint: what no signature covers yet.
public struct UnsignedTail: Sendable, Equatable {
    /// The newest checkpoint's sequence number (0 when there is none).
    public var lastCheckpoint: Int64
    public var head: Int64
    /// The time of the oldest unsigned entry.
    public var since: String?
    public var count: Int64 { max(0, head - lastCheckpoint) }

    public init(lastCheckpoint: Int64, head: Int64, since: String?) {
        self.lastCheckpoint = lastCheckpoint; self.head = head; self.since = since
    }
}

extension Ledger {
    /// Reads an entry's `at` (ISO 8601, UTC, with or without fractional seconds).
    public static func parseTimestamp(_ s: String) -> Date? {
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        return try? Date(s, strategy: Date.ISO8601FormatStyle())
    }
}

extension Store {
    private struct NothingToSign: Error {}

    /// The newest checkpoint, the head and the time of the first entry after that checkpoint: one query.
    public func unsignedTail() async throws -> UnsignedTail {
        try await Self.unsignedTail(on: db)
    }

    static func unsignedTail(on db: any Database) async throws -> UnsignedTail {
        struct Row: Decodable { var cp: Int64; var head: Int64; var at: String? }
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT c.cp, h.head, e.at FROM (SELECT COALESCE(MAX(seq), 0) AS cp FROM ledger_checkpoints) c
            CROSS JOIN (SELECT COALESCE(MAX(seq), 0) AS head FROM ledger_entries) h
            LEFT JOIN ledger_entries e ON e.seq = c.cp + 1
            """).first(decoding: Row.self)
        guard let row else { return UnsignedTail(lastCheckpoint: 0, head: 0, since: nil) }
        return UnsignedTail(lastCheckpoint: row.cp, head: row.head, since: row.head > row.cp ? row.at : nil)
    }

    /// Records a `ledger.checkpoint` entry giving `reason` and signs the head (that entry), in one transaction.
    /// `since`: the first entry written by the process that signs (command-line processes).
    @discardableResult
    public func checkpointNow(actor: String, reason: CheckpointReason = .manual, since: Int64? = nil) async throws -> Checkpoint? {
        try await write { tx in
            try await Self.recordCheckpoint(tx, actor: actor, reason: reason, since: since)
        }
    }

    static func recordCheckpoint(_ tx: Transaction, actor: String, reason: CheckpointReason, since: Int64?) async throws -> Checkpoint? {
        var payload: [String: LedgerValue] = ["reason": .string(reason.rawValue)]
        if let since { payload["since"] = .int(since) }
        try await tx.record(LedgerEvent(actor: actor, action: LedgerLedgerAction.checkpoint, subjectType: "ledger", subjectID: "head", payload: payload))
        return try await tx.ledger.checkpointHead(on: tx.db)
    }

    /// Signs the head when some entry is not covered by a checkpoint yet (at a server's start and shutdown, at the
    /// end of a command that wrote). Returns nil when the head was already signed.
    @discardableResult
    public func signHeadIfUnsigned(reason: CheckpointReason, actor: String = "system", since: Int64? = nil) async throws -> Checkpoint? {
        if reason == .interval || reason == .stop { return try await signHeadAsItIs { $0.count > 0 } }
        do {
            return try await write { tx in
                guard try await Self.unsignedTail(on: tx.db).count > 0 else { throw NothingToSign() }
                return try await Self.recordCheckpoint(tx, actor: actor, reason: reason, since: since)
            }
        } catch is NothingToSign {
            return nil
        }
    }

    /// Signs the head when its oldest unsigned entry will be older than `seconds` before the next look
    /// (`lookahead` seconds from now, on the ledger's clock).
    @discardableResult
    public func anchorIfDue(seconds: Double, lookahead: Double = 0) async throws -> Checkpoint? {
        let clock = ledger.clock
        @Sendable func due(_ tail: UnsignedTail) -> Bool {
            guard tail.count > 0 else { return false }
            guard let since = tail.since.flatMap(Ledger.parseTimestamp) else { return true }
            return clock.now.timeIntervalSince(since) + lookahead >= seconds
        }
        return try await signHeadAsItIs(when: due)
    }

    /// Signs the newest entry without adding one, when `condition` holds for the unsigned tail. Several instances
    /// may do this at once: the first checkpoint stored for a sequence number stays (`ON CONFLICT DO NOTHING`).
    func signHeadAsItIs(when condition: @Sendable (UnsignedTail) -> Bool) async throws -> Checkpoint? {
        let tail = try await unsignedTail()
        guard condition(tail), let head = try await LedgerEntryRecord.find(tail.head, on: db) else { return nil }
        let cp = try ledger.key.sign(seq: tail.head, headHash: head.hash, signedAt: Ledger.timestamp(ledger.clock.now))
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO ledger_checkpoints (seq, head_hash, signed_at, public_key, signature)
            VALUES (\(bind: cp.seq), \(bind: cp.headHash), \(bind: cp.signedAt), \(bind: cp.publicKey), \(bind: cp.signature))
            ON CONFLICT (seq) DO NOTHING
            """).run()
        return try await CheckpointRecord.find(cp.seq, on: db)?.checkpoint
    }
}

/// `serve`'s background task: looks at the ledger every `checkInterval` and signs the head before its oldest
/// unsigned entry is `seconds` old (LED-2: at least every 10 minutes while the head moves; nothing while it
/// does not). Waits on the ledger's clock, so tests move time instead of waiting.
public struct LedgerAnchor: Sendable {
    public let store: Store
    public let seconds: Double

    public init(store: Store, seconds: Double) { self.store = store; self.seconds = seconds }

    /// A tenth of the cadence, between 0.1 s and a minute.
    public var checkInterval: Double { min(60, max(0.1, seconds / 10)) }

    /// One look: signs the head if it is due. Returns the checkpoint when one was signed.
    @discardableResult
    public func tick() async throws -> Checkpoint? {
        try await store.anchorIfDue(seconds: seconds, lookahead: checkInterval)
    }

    /// Runs until the task is cancelled. Failures (e.g. the database briefly unreachable) are logged and retried.
    public func run(logger: Logger) async {
        guard seconds > 0 else { return }
        while !Task.isCancelled {
            do { try await store.ledger.clock.sleep(seconds: checkInterval) } catch { return }
            if Task.isCancelled { return }
            do {
                if let cp = try await tick() { logger.debug("ledger checkpoint signed at \(cp.seq)") }
            } catch {
                logger.warning("ledger checkpoint not signed: \(error)")
            }
        }
    }
}
