import SelectionCore
import Testing

struct ProcedureCompetitiveTests {
    @Test("SUR-4 every procedure but 组织选拔 is competitive; a custom one is when it has a written exam or an interview")
    func competitive() throws {
        for kind in ProcedureKind.allCases where kind != .custom {
            #expect(Procedure(kind).isCompetitive == (kind != .organizational), "\(kind)")
        }
        #expect(try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment]).isCompetitive == false)
        #expect(try Procedure.custom([.registration, .qualificationReview, .writtenExam, .inspection, .committeeDecision, .publicity, .appointment]).isCompetitive)
    }
}
