import Testing
@testable import SelectionCore

@Suite("Cadre file facts and eligibility (ELG, REG)")
struct EligibilityTests {
    // grades on the ladder: 1 科员, 2 副科级, 3 正科级, 4 副处级
    func cadre(birth: String = "1985-03", grade: Int = 2, since: String = "2022-01", education: EducationLevel? = .bachelor,
               inService: EducationLevel? = nil, assessments: [Int: AssessmentGrade] = [2023: .competent, 2024: .competent, 2025: .excellent]) -> CadreFacts {
        CadreFacts(birth: YearMonth(birth)!, partyMember: true, workStart: YearMonth("2007-07")!, fullTimeEducation: education,
                   inServiceEducation: inService, grade: grade, gradeSince: YearMonth(since)!, assessments: assessments)
    }

    func position(target: Int = 3) -> PositionConditions {
        var p = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: target)
        p.maxAge = 45; p.minEducation = .juniorCollege; p.minYearsOfWork = 2; p.minYearsInGrade = 2; p.assessmentYears = 3
        return p
    }

    @Test("REG-1 identity numbers: GB 11643 check character, birth month, masking")
    func residentID() throws {
        let id = try ResidentID("11010519491231002X")
        #expect(id.birthMonth == YearMonth(year: 1949, month: 12))
        #expect(id.masked == "110105********002X")
        #expect(throws: ResidentID.Problem.checkFailed) { try ResidentID("110105194912310021") }
        #expect(throws: ResidentID.Problem.wrongLength(17)) { try ResidentID("11010519491231002") }
        #expect(throws: ResidentID.Problem.badBirthDate) { try ResidentID("110105194902300021") }
        #expect(try ResidentID("11010519491231002x") == id)
    }

    @Test("ELG-10 age in whole years by the birth month")
    func age() {
        let born = YearMonth(year: 1980, month: 6)
        #expect(born.wholeYears(until: YearMonth(year: 2026, month: 6)) == 46)
        #expect(born.wholeYears(until: YearMonth(year: 2026, month: 5)) == 45)
        #expect(born.wholeYears(until: YearMonth(year: 1980, month: 6)) == 0)
    }

    @Test("ELG-6 every condition says why, e.g. 年龄超过45周岁（截至2026年6月30日为46周岁）")
    func reasons() {
        let r = Eligibility.evaluate(cadre(birth: "1980-06"), for: position())
        let ageRule = r.first { $0.rule == .age }!
        #expect(!ageRule.passed)
        #expect(ageRule.zh == "年龄超过45周岁（截至2026年6月为46周岁）")
        #expect(ageRule.en == "over 45 years of age (46 at 2026-06)")
        #expect(Eligibility.qualifies(cadre(), for: position()))
    }

    @Test("ELG-2 education, years of work, years in grade and the last N years' assessments")
    func conditions() {
        var p = position()
        #expect(!Eligibility.qualifies(cadre(education: .seniorMiddle), for: p))
        #expect(Eligibility.qualifies(cadre(education: .seniorMiddle, inService: .bachelor), for: p))   // any education counts…
        p.fullTimeEducationRequired = true
        #expect(!Eligibility.qualifies(cadre(education: .seniorMiddle, inService: .bachelor), for: p))  // …unless full-time is required
        #expect(!Eligibility.qualifies(cadre(since: "2025-01"), for: position()))
        let missing = Eligibility.evaluate(cadre(assessments: [2024: .competent, 2025: .competent]), for: position()).first { $0.rule == .assessments }!
        #expect(!missing.passed && missing.zh.contains("缺2023年考核"))
    }

    @Test("ELG-3 one grade up needs 1 year in grade, skipping one needs 4, skipping two never")
    func crossGrade() {
        var p = position(target: 3)
        p.minYearsInGrade = nil
        #expect(Eligibility.qualifies(cadre(grade: 2, since: "2025-06"), for: p))
        #expect(!Eligibility.qualifies(cadre(grade: 2, since: "2025-07"), for: p))
        p.targetGrade = 4
        #expect(!Eligibility.qualifies(cadre(grade: 2, since: "2023-01"), for: p))
        #expect(Eligibility.qualifies(cadre(grade: 2, since: "2022-06"), for: p))
        p.targetGrade = 5
        let r = Eligibility.evaluate(cadre(grade: 2, since: "2000-01"), for: p).first { $0.rule == .crossGrade }!
        #expect(!r.passed && r.zh == "不得越两级及以上报名")
    }

    @Test("ELG-5 基本称职 last year blocks promotion for a year; 优秀 can be required")
    func assessmentsBlock() {
        var p = position()
        p.assessmentYears = nil
        let basic = cadre(assessments: [2025: .basic])
        #expect(!Eligibility.qualifies(basic, for: p))
        #expect(Eligibility.evaluate(basic, for: p).contains { $0.rule == .basicBlock && $0.zh == "2025年度考核为基本称职，一年内不得晋升" })
        p.basicBlocksPromotion = false
        #expect(Eligibility.qualifies(basic, for: p))
        p.requireExcellentLastYear = true
        #expect(!Eligibility.qualifies(cadre(assessments: [2025: .competent]), for: p))
        #expect(Eligibility.qualifies(cadre(assessments: [2025: .excellent]), for: p))
    }
}
