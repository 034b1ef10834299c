import Testing
@testable import SelectionCore

/// The verdict names what is void by the ballot's kind: a recommendation is not a 表决.
@Suite("Verdict words")
struct VerdictWordsTests {
    @Test("BAL-1 a recommendation short of turnout is 推荐无效; an approval vote short of quorum is 表决无效")
    func nouns() {
        #expect(VoidReason.turnout.words(in: .zhHans, kind: .weightedRecommendation) == "参加人数未达到规定比例，推荐无效")
        #expect(VoidReason.turnout.words(in: .zhHans, kind: .evaluation) == "参加人数未达到规定比例，测评无效")
        #expect(VoidReason.quorum.words(in: .zhHans, kind: .approval) == "到会人数不足法定人数，表决无效")
        #expect(VoidReason.overIssued.words(in: .en, kind: .election) == "more ballots returned than issued: the election is void")
        #expect(VoidReason.quorum.words(in: .zhHans) == "到会人数不足法定人数，表决无效")
    }
}
