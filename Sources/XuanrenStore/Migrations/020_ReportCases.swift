import FluentKit
import SQLKit

/// Report cases (CAS-1…6). Nothing in these tables tells when or from where a report came beyond its day:
///
/// - `report_cases`: one row per case under a random key: its number, units, state, targets and the `ReportCase`
///   value as JSON (no reporter, no text), and the redacted typical case once published (CAS-6).
/// - `report_contents`: the report's text and, for a real-name report, the reporter's identity, each sealed with
///   AES-GCM under a key derived from the instance key (outside the database, CAS-2); the receipt code's keyed hash.
/// - `report_attachments`: sealed attachments (type and size in clear, for the limits).
///
/// On SQLite all three are WITHOUT ROWID tables ordered by their random keys, so neither row nor page order follows
/// the order of arrival; public reports are written in shuffled batches (`ReportBatcher`).
struct M020ReportCases: AsyncMigration {
    var name: String { "020_ReportCases" }
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let withoutRowID = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
        try await sql.raw("""
            CREATE TABLE report_cases (
              id TEXT NOT NULL PRIMARY KEY,
              number TEXT NOT NULL UNIQUE,
              unit_id TEXT NOT NULL,
              handling_unit_id TEXT NOT NULL,
              forwarded_from TEXT,
              state TEXT NOT NULL,
              kind TEXT NOT NULL,
              received TEXT NOT NULL,
              matter_id TEXT,
              person_id TEXT,
              state_json TEXT NOT NULL,
              typical_title TEXT,
              typical_text TEXT,
              typical_on TEXT
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.create(index: "report_cases_matter").on("report_cases").column("matter_id").run()
        try await sql.create(index: "report_cases_handling").on("report_cases").column("handling_unit_id").run()
        try await sql.raw("""
            CREATE TABLE report_contents (
              case_id TEXT NOT NULL PRIMARY KEY,
              receipt TEXT NOT NULL UNIQUE,
              sealed_text TEXT NOT NULL,
              sealed_identity TEXT
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.raw("""
            CREATE TABLE report_attachments (
              id TEXT NOT NULL PRIMARY KEY,
              case_id TEXT NOT NULL,
              type TEXT NOT NULL,
              size INTEGER NOT NULL,
              sealed TEXT NOT NULL
            )\(unsafeRaw: withoutRowID)
            """).run()
        try await sql.create(index: "report_attachments_case").on("report_attachments").column("case_id").run()
    }
    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for t in ["report_attachments", "report_contents", "report_cases"] { try await sql.raw("DROP TABLE \(unsafeRaw: t)").run() }
    }
}
