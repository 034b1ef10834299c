import FluentKit
import Foundation
import SelectionCore
import SQLKit

/// BAL-9 paper ballots: two clerks enter the same pile of paper ballots independently (sheet 1, 2, …);
/// sheets where they differ are listed for reconciliation; only when the two entries agree on every sheet
/// are the paper ballots accepted into the box, next to the online ones. Paper ballots are entered as
/// marked — an invalid paper ballot is entered and counted as invalid.
public struct PaperReconciliation: Sendable {
    public struct Sheet: Sendable { public var sheet: Int; public var entries: [String: String]; public var agree: Bool }
    public var clerks: [String]
    public var sheets: [Sheet]
    public var mismatches: [Sheet] { sheets.filter { !$0.agree } }
    /// Two clerks, and both entered every sheet identically.
    public var isClean: Bool { clerks.count == 2 && !sheets.isEmpty && mismatches.isEmpty }
}

public enum PaperError: UserFacingError, Equatable {
    case notReconciled
    case badSheet
    public var kind: ErrorKind { self == .badSheet ? .badInput : .conflict }
    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.notReconciled, .zhHans): "两名录入员的录入尚未完全一致，不能计入票箱"
        case (.notReconciled, .en): "The two clerks' entries do not yet agree on every sheet"
        case (.badSheet, .zhHans): "票号应为正整数"
        case (.badSheet, .en): "The sheet number must be a positive whole number"
        }
    }
}

extension Store {
    static let paperClerks: Set<Role> = [.admin, .organizer, .clerk]

    /// One clerk's entry of one paper ballot (entering the same sheet again replaces it). The clerk must hold
    /// the clerk, organizer or administrator role on the session's unit, and the session must be open.
    public func enterPaperBallot(session id: UUID, sheet: Int, ballot: Ballot, by clerk: ActingUser) async throws {
        guard sheet > 0 else { throw PaperError.badSheet }
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
        try await Self.require(clerk, Self.paperClerks, on: rec.unitID, db)
        let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
        // well-formed for the format (a known category), even when the ballot itself is invalid
        if case .recommendation(let category, _) = ballot, !box.voterCategories.contains(where: { $0.id == category }) {
            throw InvalidInput(field: "category", .unknownValue(category))
        }
        _ = try Tally.check(ballot, in: box)
        let content = ballot.json()
        if let pad = rec.padLength, pad > 0, BallotPadding.pad(content, to: pad) == nil { throw VotingError.ballotTooLong }
        try await write { tx in
            guard let fresh = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(clerk, Self.paperClerks, on: fresh.unitID, tx.db)
            try await Self.workflow(fresh, on: tx.db).takeBallots()
            try await PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk.name).filter(\.$sheet == sheet).delete()
            try await PaperEntryRow(sessionID: id.uuidString, clerk: clerk.name, sheet: sheet, content: content).create(on: tx.db)
            try await tx.record(LedgerEvent(actor: clerk.name, action: BallotLedgerAction.paperEntry, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["sheet": .int(Int64(sheet))]))
        }
    }

    /// Both clerks' entries side by side, for those who may enter or manage paper ballots of the session's unit.
    public func paperReconciliation(session id: UUID, by user: ActingUser) async throws -> PaperReconciliation {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
        try await Self.require(user, Self.paperClerks.union([.supervisor]), on: rec.unitID, db)
        return try await Self.reconciliation(id, on: db)
    }

    static func reconciliation(_ id: UUID, on db: any Database) async throws -> PaperReconciliation {
        let rows = try await PaperEntryRow.query(on: db).filter(\.$sessionID == id.uuidString).all()
        let clerks = Array(Set(rows.map(\.clerk))).sorted()
        let bySheet = Dictionary(grouping: rows, by: \.sheet)
        let sheets = bySheet.keys.sorted().map { n in
            let entries = Dictionary(bySheet[n]!.map { ($0.clerk, $0.content) }, uniquingKeysWith: { a, _ in a })
            return PaperReconciliation.Sheet(sheet: n, entries: entries, agree: clerks.count == 2 && entries.count == 2 && Set(entries.values).count == 1)
        }
        return PaperReconciliation(clerks: clerks, sheets: sheets)
    }

    /// Paper sheets entered but not yet accepted into the box (closing waits for them).
    func pendingPaperSheets(_ id: UUID, on db: (any Database)? = nil) async throws -> Int {
        try await PaperEntryRow.query(on: db ?? self.db).filter(\.$sessionID == id.uuidString).count()
    }

    /// Accepts the reconciled paper ballots into the box: each is sealed like an online ballot (BAL-9) and the
    /// clerks' entries are deleted, all in one transaction that also checks the reconciliation, so an entry made
    /// meanwhile is either part of it or refuses the acceptance.
    @discardableResult
    public func acceptPaperBallots(session id: UUID, by user: ActingUser) async throws -> Int {
        guard let header = try await votingHeader(id) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
        guard let seal = header.seal else { throw BallotSessionError.unsealedSession }
        let (context, persisted) = try sealContexts.context(for: id, publicKey: seal)
        let n: Int = try await write { tx in
            guard let s = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: s.unitID, tx.db)
            try await Self.workflow(s, on: tx.db).takeBallots()
            let rec = try await Self.reconciliation(id, on: tx.db)
            guard rec.isClean else { throw PaperError.notReconciled }
            let sql = tx.db as! any SQLDatabase
            if !persisted {
                try await sql.raw("""
                    INSERT INTO ballot_seal_contexts (id, session_id, encapsulated) VALUES (\(bind: context.id.uuidString), \(bind: id.uuidString), \(bind: context.encapsulated.base64EncodedString()))
                    ON CONFLICT (id) DO NOTHING
                    """).run()
            }
            var rng = self.random.generator()
            let macKey = BallotSeal.macKey(instance: self.ledger.key, session: id)
            for content in rec.sheets.compactMap({ $0.entries.values.first }).shuffled(using: &rng) {
                guard let padded = BallotPadding.pad(content, to: header.padLength) else { throw VotingError.ballotTooLong }
                try await sql.insert(into: "sealed_ballots").columns("id", "session_id", "sealed")
                    .values(SQLBind(UUID().uuidString), SQLBind(id.uuidString), SQLBind(try BallotSeal.seal(padded, context: context, session: id, macKey: macKey))).run()
            }
            try await PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).delete()
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.paperAccepted, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["count": .int(Int64(rec.sheets.count)), "clerks": .array(rec.clerks.map { .string($0) })]))
            return rec.sheets.count
        }
        sealContexts.markPersisted(id, id: context.id)
        return n
    }

    /// Discards one clerk's entries not yet accepted (a third account entered sheets, or a clerk's pile went wrong),
    /// so that the two clerks can enter again and the session can be closed. An organizer of the unit does it; the
    /// ledger records whose entries and how many sheets. Returns the number of sheets discarded.
    @discardableResult
    public func discardPaperEntries(session id: UUID, clerk: String, by user: ActingUser) async throws -> Int {
        try await write { tx in
            guard let s = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: s.unitID, tx.db)
            try await Self.workflow(s, on: tx.db).takeBallots()
            let q = PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk)
            let n = try await q.count()
            guard n > 0 else { throw InvalidInput(field: "clerk", .notFound(clerk)) }
            try await PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk).delete()
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.paperDiscarded, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["clerk": .string(clerk), "sheets": .int(Int64(n))]))
            return n
        }
    }

    /// The provisional count of one clerk's entries so far (the live counting view, 唱票计票).
    public func paperRunningCount(session id: UUID, clerk: String, by user: ActingUser) async throws -> TallyResult? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        try await Self.require(user, Self.paperClerks.union([.supervisor]), on: rec.unitID, db)
        let rows = try await PaperEntryRow.query(on: db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk).sort(\.$sheet).all()
        let header = try BallotBoxReader.header(MemoryByteSource(rec.template))
        return try BallotBoxReader.tally { MemoryByteSource(header.json(rawBallots: rows.map(\.content))) }
    }
}
