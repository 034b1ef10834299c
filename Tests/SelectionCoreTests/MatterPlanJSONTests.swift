import Foundation
import Testing
@testable import SelectionCore

/// The plan's JSON is what the ledger hashes (`plan_sha256`): it must not depend on a set's iteration order.
@Suite("Matter plan JSON")
struct MatterPlanJSONTests {
    @Test("LED-2 the competitive stages are written in a fixed order, so the plan's hash can be recomputed from the published plan")
    func sortedStages() throws {
        var s = MatterSettings()
        s.competitiveStages = [.inspection, .initialNomination, .democraticRecommendation, .committeeDecision, .consultation]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(s), as: UTF8.self)
        #expect(json.contains(#""competitiveStages":["consultation","decision","inspection","nomination","recommendation"]"#))
        // and it reads back to the same set, also from an unsorted array written by an earlier version
        #expect(try JSONDecoder().decode(MatterSettings.self, from: Data(json.utf8)) == s)
        let unsorted = json.replacingOccurrences(of: #"["consultation","decision","inspection","nomination","recommendation"]"#, with: #"["recommendation","inspection","nomination","decision","consultation"]"#)
        #expect(try JSONDecoder().decode(MatterSettings.self, from: Data(unsorted.utf8)).competitiveStages == s.competitiveStages)
    }
}
