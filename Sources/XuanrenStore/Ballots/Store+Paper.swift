import FluentKit
import Foundation
import SelectionCore
import SQLKit

/// BAL-9 paper ballots: two clerks enter the same pile of paper ballots independently (sheet 1, 2, …);
/// sheets where they differ are listed for reconciliation; only when the two entries agree on every sheet
/// are the paper ballots accepted into the box, next to the online ones. Paper ballots are entered as
/// marked — an invalid paper ballot is entered and counted as invalid.
struct M008CreatePaperEntries: AsyncMigration {
    var name: String { "008_CreatePaperEntries" }
    func prepare(on db: any Database) async throws {
        try await db.schema("paper_entries")
            .id()
            .field("session_id", .string, .required)
            .field("clerk", .string, .required)
            .field("sheet", .int, .required)
            .field("content", .string, .required)
            .unique(on: "session_id", "clerk", "sheet")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("paper_entries").delete() }
}

public struct PaperReconciliation: Sendable {
    public struct Sheet: Sendable { public var sheet: Int; public var entries: [String: String]; public var agree: Bool }
    public var clerks: [String]
    public var sheets: [Sheet]
    public var mismatches: [Sheet] { sheets.filter { !$0.agree } }
    /// Two clerks, and both entered every sheet identically.
    public var isClean: Bool { clerks.count == 2 && !sheets.isEmpty && mismatches.isEmpty }
}

public enum PaperError: Error, Equatable, Sendable {
    case notReconciled
    case badSheet
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
    /// One clerk's entry of one paper ballot (entering the same sheet again replaces it).
    public func enterPaperBallot(session id: UUID, clerk: String, sheet: Int, ballot: Ballot) async throws {
        guard sheet > 0 else { throw PaperError.badSheet }
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
        guard rec.status == BallotSessionStatus.open.rawValue else { throw VotingError.sessionNotOpen }
        let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
        // well-formed for the format (a known category), even when the ballot itself is invalid
        if case .recommendation(let category, _) = ballot, !box.voterCategories.contains(where: { $0.id == category }) {
            throw InvalidInput(field: "category", .unknownValue(category))
        }
        _ = try Tally.check(ballot, in: box)
        let content = ballot.json()
        try await write { tx in
            try await PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk).filter(\.$sheet == sheet).delete()
            try await PaperEntryRow(sessionID: id.uuidString, clerk: clerk, sheet: sheet, content: content).create(on: tx.db)
            try await tx.record(LedgerEvent(actor: clerk, action: "ballot.paper.entry", subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["sheet": .int(Int64(sheet))]))
        }
    }

    public func paperReconciliation(session id: UUID) async throws -> PaperReconciliation {
        let rows = try await PaperEntryRow.query(on: db).filter(\.$sessionID == id.uuidString).all()
        let clerks = Array(Set(rows.map(\.clerk))).sorted()
        let bySheet = Dictionary(grouping: rows, by: \.sheet)
        let sheets = bySheet.keys.sorted().map { n in
            let entries = Dictionary(bySheet[n]!.map { ($0.clerk, $0.content) }, uniquingKeysWith: { a, _ in a })
            return PaperReconciliation.Sheet(sheet: n, entries: entries, agree: clerks.count == 2 && entries.count == 2 && Set(entries.values).count == 1)
        }
        return PaperReconciliation(clerks: clerks, sheets: sheets)
    }

    /// Accepts the reconciled paper ballots into the box (in random order, with random ids).
    @discardableResult
    public func acceptPaperBallots(session id: UUID, actor: String) async throws -> Int {
        let rec = try await paperReconciliation(session: id)
        guard rec.isClean else { throw PaperError.notReconciled }
        let contents = rec.sheets.compactMap { $0.entries.values.first }
        try await write { tx in
            guard let s = try await BallotSessionRecord.find(id, on: tx.db), s.status == BallotSessionStatus.open.rawValue else { throw VotingError.sessionNotOpen }
            let sql = tx.db as! any SQLDatabase
            var rng = SystemRandomNumberGenerator()
            for content in contents.shuffled(using: &rng) {
                let category = Self.category(of: content)
                try await sql.insert(into: "ballots").columns("id", "session_id", "category", "content", "tracking")
                    .values(SQLBind(UUID().uuidString), SQLBind(id.uuidString), SQLBind(category), SQLBind(content), SQLBind("")).run()
            }
            try await PaperEntryRow.query(on: tx.db).filter(\.$sessionID == id.uuidString).delete()
            try await tx.record(LedgerEvent(actor: actor, action: "ballot.paper.accepted", subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["count": .int(Int64(contents.count)), "clerks": .array(rec.clerks.map { .string($0) })]))
        }
        return contents.count
    }

    static func category(of content: String) -> String {
        guard let r = content.range(of: #""category":"([^"]*)""#, options: .regularExpression) else { return "paper" }
        return String(content[r].dropFirst("\"category\":\"".count).dropLast())
    }

    /// The provisional count of one clerk's entries so far (the live counting view, 唱票计票).
    public func paperRunningCount(session id: UUID, clerk: String) async throws -> TallyResult? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        let rows = try await PaperEntryRow.query(on: db).filter(\.$sessionID == id.uuidString).filter(\.$clerk == clerk).sort(\.$sheet).all()
        let header = try BallotBoxReader.header(MemoryByteSource(rec.template))
        return try BallotBoxReader.tally { MemoryByteSource(header.json(rawBallots: rows.map(\.content))) }
    }
}

final class PaperEntryRow: Model, @unchecked Sendable {
    static let schema = "paper_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: String
    @Field(key: "clerk") var clerk: String
    @Field(key: "sheet") var sheet: Int
    @Field(key: "content") var content: String
    init() {}
    init(sessionID: String, clerk: String, sheet: Int, content: String) {
        self.sessionID = sessionID; self.clerk = clerk; self.sheet = sheet; self.content = content
    }
}
