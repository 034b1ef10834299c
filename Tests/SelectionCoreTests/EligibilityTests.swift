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

    @Test("ELG-3 a cadre at the post's grade qualifies as a lateral move; above it does not (no promotion words for either)")
    func sameOrHigherGrade() {
        var p = position(target: 3)
        p.minYearsInGrade = nil
        let same = Eligibility.evaluate(cadre(grade: 3, since: "2026-01"), for: p).first { $0.rule == .crossGrade }!
        #expect(same.passed && same.zh.contains("平级") && !same.zh.contains("晋升"))
        let higher = Eligibility.evaluate(cadre(grade: 4, since: "2010-01"), for: p).first { $0.rule == .crossGrade }!
        #expect(!higher.passed && higher.zh == "现职级高于拟任职级")
        #expect(!Eligibility.qualifies(cadre(grade: 4, since: "2010-01"), for: p))
        // the fast count used by who-qualifies agrees
        #expect(Eligibility.failures(cadre(grade: 4, since: "2010-01"), for: p, limit: 2) >= 1)
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

    @Test("ELG-6 a near miss is near: one year over a 45-year limit is, ten years over is not; a title missing is")
    func nearMiss() {
        let p = position()   // maxAge 45 at 2026-06
        let oneOver = cadre(birth: "1980-03")      // 46
        #expect(Eligibility.failures(oneOver, for: p) == 1 && Eligibility.isNear(oneOver, for: p))
        let tenOver = cadre(birth: "1971-03")      // 55
        #expect(Eligibility.failures(tenOver, for: p) == 1 && !Eligibility.isNear(tenOver, for: p))
        var titled = position(); titled.titles = ["会计师"]
        let noTitle = cadre()
        #expect(Eligibility.failures(noTitle, for: titled) == 1 && Eligibility.isNear(noTitle, for: titled))
        // a grade below the post, or three above it, is never near
        #expect(!Eligibility.isNear(cadre(grade: 4), for: p))
    }

    @Test("ELG-2 titles and field of study are conditions; PositionConditions JSON may leave out every default")
    func titlesAndFields() throws {
        var p = position()
        p.titles = ["经济师", "会计师"]; p.fields = ["财政", "会计"]
        var c = cadre(); c.title = "高级会计师"; c.studies = "厦门大学财政学专业"
        #expect(Eligibility.qualifies(c, for: p))
        c.title = "工程师"
        let r = Eligibility.evaluate(c, for: p).first { $0.rule == .title }!
        #expect(!r.passed && r.zh == "须具有经济师、会计师专业技术职务（现为“工程师”）")
        p.titles = []; p.fields = []; p.establishments = ["行政编制", "参照公务员法管理"]
        c.establishment = "事业编制"
        let e = Eligibility.evaluate(c, for: p).first { $0.rule == .establishment }!
        #expect(!e.passed && e.zh == "编制类型须为行政编制、参照公务员法管理（现为事业编制）")
        c.establishment = "参照公务员法管理事业编制"
        #expect(Eligibility.qualifies(c, for: p))
        c.establishment = ""
        #expect(Eligibility.failures(c, for: p) == 1)
        let json = #"{"referenceDate":{"year":2026,"month":6},"targetGrade":3,"maxAge":45}"#
        let decoded = try JSONDecoderLite.decode(json)
        #expect(decoded.maxAge == 45 && decoded.crossGradeRule && decoded.oneUpYears == 1 && decoded.titles.isEmpty)
        // written by hand: a month as text, education and grade by name
        let typed = try JSONDecoderLite.decode(#"{"referenceDate":"2026-06","targetGrade":3,"minEducation":"本科","minAssessment":"称职"}"#)
        #expect(typed.referenceDate == YearMonth(year: 2026, month: 6) && typed.minEducation == .bachelor && typed.minAssessment == .competent)
        #expect(try JSONDecoderLite.decode(#"{"referenceDate":"2026.06","targetGrade":3,"minEducation":"master","minAssessment":"excellent"}"#).minEducation == .master)
        #expect(try JSONDecoderLite.decode(#"{"referenceDate":{"year":2026,"month":6},"targetGrade":3,"minEducation":4,"minAssessment":3}"#).minAssessment == .excellent)
        #expect(throws: DecodingError.self) { try JSONDecoderLite.decode(#"{"referenceDate":"June","targetGrade":3}"#) }
        #expect(throws: DecodingError.self) { try JSONDecoderLite.decode(#"{"referenceDate":"2026-06","targetGrade":3,"minEducation":"很高"}"#) }
    }

    @Test("ELG-2 the fast failure count equals the failures of the worded evaluation (10,000 random cases)")
    func fastPathAgrees() {
        var rng = SeededGenerator(seed: 42)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        for _ in 0 ..< 10_000 {
            var grades: [Int: AssessmentGrade] = [:]
            for y in 2020 ... 2025 where rng.next() % 5 != 0 { grades[y] = pick(AssessmentGrade.allCases) }
            let c = CadreFacts(birth: YearMonth(year: 1965 + Int(rng.next() % 35), month: 1 + Int(rng.next() % 12)), partyMember: rng.next() % 2 == 0,
                               workStart: YearMonth(year: 1990 + Int(rng.next() % 35), month: 7), fullTimeEducation: pick([nil] + EducationLevel.allCases.map { $0 }),
                               inServiceEducation: pick([nil] + EducationLevel.allCases.map { $0 }), grade: 1 + Int(rng.next() % 6),
                               gradeSince: YearMonth(year: 2010 + Int(rng.next() % 16), month: 1 + Int(rng.next() % 12)), assessments: grades,
                               title: pick(["", "经济师", "工程师"]), studies: pick(["", "财政学", "历史学"]), establishment: pick(["", "行政编制", "事业编制"]))
            var p = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 1 + Int(rng.next() % 6))
            p.maxAge = pick([nil, 35, 45, 50]); p.minEducation = pick([nil, .juniorCollege, .bachelor]); p.fullTimeEducationRequired = rng.next() % 2 == 0
            p.minYearsOfWork = pick([nil, 2, 5]); p.minYearsInGrade = pick([nil, 2, 3]); p.assessmentYears = pick([nil, 3])
            p.minAssessment = pick(AssessmentGrade.allCases); p.partyMemberRequired = rng.next() % 2 == 0; p.crossGradeRule = rng.next() % 4 != 0
            p.basicBlocksPromotion = rng.next() % 4 != 0; p.requireExcellentLastYear = rng.next() % 4 == 0
            p.titles = pick([[], ["经济师"]]); p.fields = pick([[], ["财政"]]); p.establishments = pick([[], ["行政编制"]])
            let worded = Eligibility.evaluate(c, for: p).filter { !$0.passed }.count
            #expect(Eligibility.failures(c, for: p) == worded)
        }
    }
}

/// Foundation-free JSON decoding is not needed in SelectionCore itself; the test uses Foundation.
import Foundation
enum JSONDecoderLite {
    static func decode(_ s: String) throws -> PositionConditions { try JSONDecoder().decode(PositionConditions.self, from: Data(s.utf8)) }
}
