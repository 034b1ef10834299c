@preconcurrency import Crypto
import FluentKit
import Foundation
import Logging
import NIOCore
import Synchronization
import SQLKit
import SelectionCore

/// The database plus the ledger. Every state change goes through `write`, which runs the change
/// and its ledger entries in one transaction: no change without its entry, no entry without its change.
///
/// The database itself is internal: the web app and the command line read and change data through the store's
/// functions only (neither imports Fluent or SQLKit for it); tests reach it with `@testable import`.
public struct Store: Sendable {
    private(set) var db: any Database
    /// The registry `db` came from, when the store was made from one (the web app): a request's own event loop
    /// gets its own handle (`bound(to:logger:)`), as Fluent's `req.db` does.
    let databases: Databases?
    public let ledger: Ledger
    /// Group commit of cast ballots (one per store; stores made from one database share nothing else).
    let casting = CastBatcher()
    /// Group commit of SQLite writes: concurrent `write`s share one transaction (each in its own savepoint).
    let writes = WriteGroup()
    /// Group commit of public reports, in shuffled batches (CAS-1, CAS-2).
    let reporting = ReportBatcher()
    let registering = RegistrationBatcher()
    /// The public report form's daily limit per client, in memory only (CAS-1).
    let reportQuota = ReportQuota()
    /// Receipt lookups a day per client (CAS-2), likewise in memory only.
    let receiptQuota = ReportQuota()
    /// Failed applicant sign-ins of identity numbers without an account, in memory (they lock like an account's).
    let applicantThrottle = ApplicantThrottle()
    /// Parsed box templates; a session's template never changes after it is created.
    let templates = TemplateCache()
    /// The last whole-registry scan, kept while the ledger does not grow.
    let registryScans = RegistryScanCache()
    /// Sealing contexts of open ballot sessions opened by this process (keys in memory only).
    let sealContexts = SealContexts()
    /// Voting codes, tracking codes, shuffles and draws (`RandomSource`): the system CSPRNG unless a test seeds one.
    public var random: any RandomSource = SystemRandomSource()
    /// scrypt cost for custodian keys (a power of two; tests lower it).
    public var custodianKDFRounds = BallotSeal.defaultRounds

    /// The SQLite file, when the store is one: whole-registry scans read it directly (read-only).
    public var sqlitePath: String?
    /// Passwords refused for being common (`Resources/common-passwords.txt`, loaded by the web app and the CLI).
    public var commonPasswords: CommonPasswords = .none
    /// The shipped holiday calendar (PUB-1); the years an administrator adds are read with it (`holidayCalendar()`).
    public var holidays: HolidayCalendar = (try? HolidayCalendar(years: []))!

    init(db: any Database, ledger: Ledger) {
        self.db = db; self.databases = nil; self.ledger = ledger
    }

    /// A store on the default database of `databases` (the web app's, whose connection pools Vapor's Fluent
    /// integration owns and closes at shutdown).
    public init(databases: Databases, logger: Logger, ledger: Ledger) {
        self.db = databases.database(logger: logger, on: databases.eventLoopGroup.any())!
        self.databases = databases; self.ledger = ledger
    }

    /// The same store, reaching the database through the connection pool of `eventLoop` (a request's own) with
    /// `logger`; the ledger, caches and cast batcher are shared. A store made without a registry stays as it is.
    public func bound(to eventLoop: any EventLoop, logger: Logger) -> Store {
        guard let databases, let handle = databases.database(logger: logger, on: eventLoop) else { return self }
        var copy = self
        copy.db = handle
        return copy
    }

    /// Per-database settings applied once after migrating (SQLite: WAL, synchronous writes).
    public func prepareDatabase() async throws {
        try await DatabaseLocation.prepare(db)
    }

    /// Opens one connection on each event loop's pool before serving, so that the first requests (e.g. the first
    /// ballots of a vote) do not wait for a PostgreSQL handshake. Only for a store made from a registry.
    public func openConnections(on group: any EventLoopGroup) async throws {
        guard let databases else { return }
        for loop in group.makeIterator() {
            guard let handle = databases.database(logger: db.logger, on: loop) as? any SQLDatabase else { continue }
            try await handle.raw("SELECT 1").run()
        }
    }

    /// The same store reading and writing through `db` (a transaction's connection: reads made inside a write must
    /// use it, or they wait for a second connection the pool may not have).
    func using(_ db: any Database) -> Store {
        var copy = self
        copy.db = db
        return copy
    }

    public var isPostgres: Bool { (db as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// A write transaction. `record` appends to the ledger; the transaction fails if nothing was recorded.
    public final class Transaction: Sendable {
        let db: any Database
        let ledger: Ledger
        let recorded = Mutex<[LedgerEntry]>([])

        init(db: any Database, ledger: Ledger) { self.db = db; self.ledger = ledger }

        @discardableResult
        public func record(_ event: LedgerEvent) async throws -> LedgerEntry {
            let e = try await ledger.append(event, on: db)
            recorded.withLock { $0.append(e) }
            return e
        }

        /// Records several changes in order, in one statement.
        @discardableResult
        public func record(_ events: [LedgerEvent]) async throws -> [LedgerEntry] {
            let es = try await ledger.append(events, on: db)
            recorded.withLock { $0.append(contentsOf: es) }
            return es
        }

        public var entries: [LedgerEntry] { recorded.withLock { $0 } }
    }

    /// Runs `body` in one serialized write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL:
    /// a transaction holding the ledger's advisory lock). Rolls back on any error.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        let ledger = self.ledger
        if isPostgres {
            return try await db.transaction { tx in
                // one chain per schema: the lock is keyed by the schema, so databases holding several instances
                // (or the tests' parallel schemas) do not wait on each other
                try await (tx as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(7235010, hashtext(current_schema()))").run()
                let t = Transaction(db: tx, ledger: ledger)
                let result = try await body(t)
                if t.entries.isEmpty { throw LedgerError.noEntryRecorded }
                return result
            }
        }
        if WriteGroup.inside { throw WriteGroup.Nested() }
        let result = try await writes.submit(store: self) { t in try await body(t) as any Sendable }
        return result as! T
    }

    /// One SQLite transaction for a group of writes: each body runs in its own savepoint (a failing one is rolled back
    /// alone and gets its error), then one COMMIT — one fsync — for all; every caller is answered after it.
    func writeGroup(_ bodies: [@Sendable (Transaction) async throws -> any Sendable]) async throws -> [Result<any Sendable, any Error>] {
        let ledger = self.ledger
        return try await db.withConnection { conn in
            let sql = conn as! any SQLDatabase
            // freed cells are zeroed, so deleted codes, sealed ballots and paper entries leave no bytes behind (BAL-9)
            try await sql.raw("PRAGMA secure_delete = ON").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            var out: [Result<any Sendable, any Error>] = []
            do {
                for body in bodies {
                    try await sql.raw("SAVEPOINT xr_write").run()
                    do {
                        let t = Transaction(db: conn, ledger: ledger)
                        let r = try await WriteGroup.$inside.withValue(true) { try await body(t) }
                        if t.entries.isEmpty { throw LedgerError.noEntryRecorded }
                        try await sql.raw("RELEASE xr_write").run()
                        out.append(.success(r))
                    } catch {
                        try await sql.raw("ROLLBACK TO xr_write").run()
                        try await sql.raw("RELEASE xr_write").run()
                        out.append(.failure(error))
                    }
                }
                try await sql.raw("COMMIT").run()
                return out
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func latestCheckpoint() async throws -> Checkpoint? {
        try await CheckpointRecord.query(on: db).sort(\.$id, .descending).first()?.checkpoint
    }

    public func ledgerHead() async throws -> LedgerEntry? {
        try await LedgerEntryRecord.query(on: db).sort(\.$id, .descending).first()?.entry
    }

    /// The first ledger entry (nil when empty): who made the database (`demo` for the demo county).
    public func ledgerFirst() async throws -> LedgerEntry? {
        try await LedgerEntryRecord.query(on: db).sort(\.$id, .ascending).first()?.entry
    }

    /// The number of the newest ledger entry (0 when empty): one indexed read, for health checks and metrics.
    public func ledgerLength() async throws -> Int64 {
        struct Row: Decodable { var n: Int64? }
        return try await (db as! any SQLDatabase).raw("SELECT MAX(seq) AS n FROM ledger_entries").first(decoding: Row.self)?.n ?? 0
    }

    public func ledgerEntries(subjectType: String? = nil, subjectID: String? = nil, before: Int64? = nil, limit: Int = 50) async throws -> [LedgerEntry] {
        var q = LedgerEntryRecord.query(on: db)
        if let subjectType { q = q.filter(\.$subjectType == subjectType) }
        if let subjectID { q = q.filter(\.$subjectID == subjectID) }
        if let before { q = q.filter(\.$id < before) }
        return try await q.sort(\.$id, .descending).limit(limit).all().map(\.entry)
    }

    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// What never changes in a ballot session: its title, ballot template and whether tracking codes are given.
public struct VotingHeader: Sendable {
    public var title: String
    public var box: BallotBox
    public var tracking: Bool
    /// The session's sealing key (nil for a session created before sealed ballots) and padded ballot length.
    var seal: Curve25519.KeyAgreement.PublicKey?
    var padLength: Int
}

/// An in-process cache of immutable data only (ballot titles and parsed ballot-box templates; neither
/// changes after a session is created), so several processes never disagree: there is nothing in it
/// that another process could change.
final class TemplateCache: Sendable {
    private let entries = Mutex<[UUID: VotingHeader]>([:])
    func cached(_ id: UUID) -> VotingHeader? { entries.withLock { $0[id] } }

    func entry(_ id: UUID, title: String, template: String, tracking: Bool, seal: Curve25519.KeyAgreement.PublicKey?, padLength: Int) throws -> VotingHeader {
        if let e = entries.withLock({ $0[id] }) { return e }
        let e = VotingHeader(title: title, box: try BallotBoxReader.header(MemoryByteSource(template)), tracking: tracking, seal: seal, padLength: padLength)
        entries.withLock { if $0.count >= 10_000 { $0.removeAll() }; $0[id] = e }
        return e
    }
}
