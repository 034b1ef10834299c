import FluentKit
import Foundation
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// The names Fluent stores in `_fluent_migrations`. Databases in use know their migrations by these: a changed name
/// would run that migration again (and fail on tables that exist). 012 and 014 first ran without names of their own,
/// so they are known by their type names.
let storedMigrationNames = [
    "001_CreateUnits", "002_CreateAccounts", "003_CreateSessions", "004_CreateLedger", "005_CreateCadres",
    "006_CreateBallots", "007_AddCodeWeight", "008_CreatePaperEntries", "009_DropCodeSessionIndex", "010_AddPreviousRound",
    "011_CreatePanels", "XuanrenStore.M012CadreFiles", "013_AddPairedSession", "XuanrenStore.M014SessionAccounts", "015_SealedBallots", "016_WriteInsConfirmed", "017_Matters", "018_Decisions", "019_Competition", "020_ReportCases", "021_Checks", "022_SurveyRounds", "023_Pledges", "024_ConsequenceProposals", "025_ApplicantAccounts",
    "026_InterviewForms", "027_CompositeStages",
]

enum MigrationChecks {
    /// A fresh database stores exactly these names, and migrating it again runs nothing.
    static func storedNames(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            struct Row: Decodable { var name: String; var batch: Int }
            let sql = store.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT name, batch FROM _fluent_migrations").all(decoding: Row.self)
            #expect(Set(rows.map(\.name)) == Set(storedMigrationNames))
            #expect(rows.count == storedMigrationNames.count)
            try await runtime.migrate()
            let again = try await sql.raw("SELECT name, batch FROM _fluent_migrations").all(decoding: Row.self)
            #expect(again.count == rows.count)
            #expect(Set(again.map(\.batch)) == [1])
        }
    }
}

@Suite("Migrations")
struct MigrationTests {
    @Test("the registered migrations keep the names existing databases stored, in order")
    func namesInOrder() {
        #expect(XuanrenMigrations.all.map(\.name) == storedMigrationNames)
    }

    @Test("each migration's file is numbered like its name")
    func oneFilePerMigration() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { folder.deleteLastPathComponent() }
        folder.appendPathComponent("Sources/XuanrenStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.first?.isNumber == true }.sorted()
        #expect(files.count == storedMigrationNames.count)
        for (file, name) in zip(files, storedMigrationNames) {
            let number = String(file.prefix(3))
            #expect(name.hasPrefix(number) || name.hasPrefix("XuanrenStore.M" + number), "\(file) ↔ \(name)")
        }
    }

    @Test("a fresh SQLite database stores these names; migrating again runs nothing")
    func storedOnSQLite() async throws { try await MigrationChecks.storedNames(.sqlite) }
}

@Suite("Migrations on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct MigrationPostgresTests {
    @Test("a fresh PostgreSQL schema stores these names; migrating again runs nothing")
    func storedOnPostgres() async throws { try await MigrationChecks.storedNames(.postgres) }
}
