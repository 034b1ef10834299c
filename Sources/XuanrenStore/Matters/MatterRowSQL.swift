import FluentKit
import Foundation
import SQLKit

/// A matter's row read and its workflow columns written as plain SQL, not through Fluent's model layer (whose
/// reflection over the fields was a sixth of a stage transition's time: `scripts/bench-matters.sh`, "stage
/// transitions", figures in the issue 13 note). The record it returns is marked as existing, so the other
/// operations may still save it through Fluent.
enum MatterRowSQL {
    struct Row: Decodable {
        var unit_id: UUID; var title: String; var phase: String; var stage: String?; var procedure: String
        var state: String; var sessions: String; var consolidated: String?; var created_by: String; var created_at: Int64; var updated_at: Int64
    }

    static func load(_ id: UUID, _ db: any Database) async throws -> MatterRecord? {
        guard let r = try await (db as! any SQLDatabase).raw("""
            SELECT unit_id, title, phase, stage, procedure, state, sessions, consolidated, created_by, created_at, updated_at FROM matters WHERE id = \(bind: id)
            """).first(decoding: Row.self) else { return nil }
        let rec = MatterRecord()
        rec.id = id; rec.unitID = r.unit_id; rec.title = r.title; rec.phase = r.phase; rec.stage = r.stage; rec.procedure = r.procedure
        rec.state = r.state; rec.sessions = r.sessions; rec.consolidated = r.consolidated; rec.createdBy = r.created_by
        rec.createdAt = r.created_at; rec.updatedAt = r.updated_at
        rec.$id.exists = true
        return rec
    }

    /// Writes the workflow columns of an existing matter (`Store.save(_:to:at:_:)` after a transition).
    static func updateWorkflow(_ rec: MatterRecord, _ db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE matters SET state = \(bind: rec.state), phase = \(bind: rec.phase), stage = \(bind: rec.stage), procedure = \(bind: rec.procedure),
              title = \(bind: rec.title), updated_at = \(bind: rec.updatedAt) WHERE id = \(bind: rec.id!)
            """).run()
    }
}
