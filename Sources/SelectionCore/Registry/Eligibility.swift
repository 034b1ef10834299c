/// ELG-2…6, ELG-10: a position's conditions as data, evaluated against a cadre's file with a reason in
/// words for every condition (ELG-6: every rejected applicant is told each failed rule).

/// Education levels, ordered (初中 < 高中/中专 < 大专 < 本科 < 硕士研究生 < 博士研究生).
public enum EducationLevel: Int, Sendable, Comparable, CaseIterable, Codable {
    case juniorMiddle = 1, seniorMiddle, juniorCollege, bachelor, master, doctor
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.juniorMiddle, .zhHans): "初中"
        case (.seniorMiddle, .zhHans): "高中/中专"
        case (.juniorCollege, .zhHans): "大专"
        case (.bachelor, .zhHans): "大学本科"
        case (.master, .zhHans): "硕士研究生"
        case (.doctor, .zhHans): "博士研究生"
        case (.juniorMiddle, .en): "junior middle school"
        case (.seniorMiddle, .en): "senior middle school"
        case (.juniorCollege, .en): "junior college"
        case (.bachelor, .en): "bachelor"
        case (.master, .en): "master"
        case (.doctor, .en): "doctorate"
        }
    }
}

/// Annual assessment grades (ASM-1), ordered from the lowest.
public enum AssessmentGrade: Int, Sendable, Comparable, CaseIterable, Codable {
    case incompetent = 0, basic, competent, excellent
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.incompetent, .zhHans): "不称职"
        case (.basic, .zhHans): "基本称职"
        case (.competent, .zhHans): "称职"
        case (.excellent, .zhHans): "优秀"
        case (.incompetent, .en): "incompetent"
        case (.basic, .en): "basically competent"
        case (.competent, .en): "competent"
        case (.excellent, .en): "excellent"
        }
    }
}

/// Annual grades by year, without allocation: 3 bits per year for the latest 21 years held
/// (eligibility looks back a few years only). Reads like a dictionary: `grades[2025]`.
public struct AnnualGrades: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public static let span = 21
    var base = 0
    var bits: UInt64 = 0

    public init() {}
    public init(_ d: [Int: AssessmentGrade]) {
        guard let last = d.keys.max() else { return }
        base = last - Self.span + 1
        for (y, g) in d { set(y, g) }
    }
    public init(dictionaryLiteral elements: (Int, AssessmentGrade)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
    /// For readers that know the latest year first (`base = latest − span + 1`).
    public init(latest: Int) { base = latest - Self.span + 1 }

    public mutating func set(_ year: Int, _ g: AssessmentGrade) {
        let i = year - base
        guard i >= 0, i < Self.span else { return }
        bits = bits & ~(UInt64(7) << (3 * i)) | UInt64(g.rawValue + 1) << (3 * i)
    }
    public subscript(year: Int) -> AssessmentGrade? {
        let i = year - base
        guard i >= 0, i < Self.span else { return nil }
        let v = Int((bits >> (3 * i)) & 7)
        return v == 0 ? nil : AssessmentGrade(rawValue: v - 1)
    }
}

/// What eligibility needs from a cadre's file.
public struct CadreFacts: Sendable {
    public var birth: YearMonth
    public var partyMember: Bool
    public var workStart: YearMonth
    public var fullTimeEducation: EducationLevel?
    public var inServiceEducation: EducationLevel?
    /// Grade index on the rank ladder (higher = more senior) and since when the cadre holds it.
    public var grade: Int
    public var gradeSince: YearMonth
    public var assessments: AnnualGrades
    /// 专业技术职务 and the schools/majors studied, for title and field-of-study conditions.
    public var title: String
    public var studies: String
    public var establishment: String
    public init(birth: YearMonth, partyMember: Bool, workStart: YearMonth, fullTimeEducation: EducationLevel?, inServiceEducation: EducationLevel?,
                grade: Int, gradeSince: YearMonth, assessments: [Int: AssessmentGrade], title: String = "", studies: String = "", establishment: String = "") {
        self.init(birth: birth, partyMember: partyMember, workStart: workStart, fullTimeEducation: fullTimeEducation, inServiceEducation: inServiceEducation,
                  grade: grade, gradeSince: gradeSince, grades: AnnualGrades(assessments), title: title, studies: studies, establishment: establishment)
    }
    public init(birth: YearMonth, partyMember: Bool, workStart: YearMonth, fullTimeEducation: EducationLevel?, inServiceEducation: EducationLevel?,
                grade: Int, gradeSince: YearMonth, grades: AnnualGrades, title: String = "", studies: String = "", establishment: String = "") {
        self.birth = birth; self.partyMember = partyMember; self.workStart = workStart; self.fullTimeEducation = fullTimeEducation
        self.inServiceEducation = inServiceEducation; self.grade = grade; self.gradeSince = gradeSince; self.assessments = grades
        self.title = title; self.studies = studies; self.establishment = establishment
    }
    public var highestEducation: EducationLevel? { [fullTimeEducation, inServiceEducation].compactMap { $0 }.max() }
}

/// A position's conditions (ELG-2); every figure is a setting with the seed's value as default.
public struct PositionConditions: Sendable, Equatable, Codable {
    public var referenceDate: YearMonth
    public var targetGrade: Int
    public var maxAge: Int? = nil
    public var minEducation: EducationLevel? = nil
    public var fullTimeEducationRequired = false
    public var minYearsOfWork: Int? = nil
    public var minYearsInGrade: Int? = nil
    public var assessmentYears: Int? = nil
    public var minAssessment: AssessmentGrade = .competent
    public var partyMemberRequired = false
    /// ELG-3 cross-grade rule: one grade up needs ≥ 1 year in grade, skipping one needs ≥ 4, skipping two never.
    public var crossGradeRule = true
    public var oneUpYears = 1
    public var skipOneYears = 4
    /// ELG-5: 基本称职 in the last year blocks promotion for one year; optionally require 优秀 for higher posts.
    public var basicBlocksPromotion = true
    public var requireExcellentLastYear = false
    /// Any of these words in 专业技术职务 (e.g. 经济师, 会计师); empty = no condition.
    public var titles: [String] = []
    /// Any of these words in the schools and majors studied (e.g. 财政, 会计); empty = no condition.
    public var fields: [String] = []
    /// Any of these 编制类型 (e.g. 行政编制, 参照公务员法管理); empty = no condition.
    public var establishments: [String] = []
    /// Only cadres of these units (codes, with the units below them); empty = the reader's whole scope.
    public var unitCodes: [String] = []
    /// Conditions an organizer checks by hand (listed, never decided by the software).
    public var manual: [String] = []

    public init(referenceDate: YearMonth, targetGrade: Int) { self.referenceDate = referenceDate; self.targetGrade = targetGrade }

    enum CodingKeys: String, CodingKey {
        case referenceDate, targetGrade, maxAge, minEducation, fullTimeEducationRequired, minYearsOfWork, minYearsInGrade, assessmentYears,
             minAssessment, partyMemberRequired, crossGradeRule, oneUpYears, skipOneYears, basicBlocksPromotion, requireExcellentLastYear, titles, fields, establishments, unitCodes, manual
    }

    /// Every key but the reference date and target grade may be left out (the default applies). Written by hand,
    /// the reference date may be `"2026-06"`, the education `"本科"`/`"bachelor"` and the grade `"称职"`/`"competent"`
    /// as well as the stored forms (`{"year":2026,"month":6}`, `4`, `2`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let reference: YearMonth
        if let text = try? c.decode(String.self, forKey: .referenceDate) {
            guard let ym = YearMonth(text) else { throw DecodingError.dataCorruptedError(forKey: .referenceDate, in: c, debugDescription: "a month such as 2026-06") }
            reference = ym
        } else {
            reference = try c.decode(YearMonth.self, forKey: .referenceDate)
        }
        self.init(referenceDate: reference, targetGrade: try c.decode(Int.self, forKey: .targetGrade))
        maxAge = try c.decodeIfPresent(Int.self, forKey: .maxAge)
        if let text = try? c.decode(String.self, forKey: .minEducation) {
            guard let level = EducationLevel(text: text) ?? EducationLevel.allCases.first(where: { $0.title(in: .en) == text.lowercased() }) else {
                throw DecodingError.dataCorruptedError(forKey: .minEducation, in: c, debugDescription: "an education level such as 本科 or bachelor")
            }
            minEducation = level
        } else {
            minEducation = try c.decodeIfPresent(EducationLevel.self, forKey: .minEducation)
        }
        fullTimeEducationRequired = try c.decodeIfPresent(Bool.self, forKey: .fullTimeEducationRequired) ?? false
        minYearsOfWork = try c.decodeIfPresent(Int.self, forKey: .minYearsOfWork)
        minYearsInGrade = try c.decodeIfPresent(Int.self, forKey: .minYearsInGrade)
        assessmentYears = try c.decodeIfPresent(Int.self, forKey: .assessmentYears)
        if let text = try? c.decode(String.self, forKey: .minAssessment) {
            guard let grade = AssessmentGrade.allCases.first(where: { $0.title(in: .zhHans) == text || $0.title(in: .en) == text.lowercased() }) else {
                throw DecodingError.dataCorruptedError(forKey: .minAssessment, in: c, debugDescription: "an assessment grade such as 称职 or competent")
            }
            minAssessment = grade
        } else {
            minAssessment = try c.decodeIfPresent(AssessmentGrade.self, forKey: .minAssessment) ?? .competent
        }
        partyMemberRequired = try c.decodeIfPresent(Bool.self, forKey: .partyMemberRequired) ?? false
        crossGradeRule = try c.decodeIfPresent(Bool.self, forKey: .crossGradeRule) ?? true
        oneUpYears = try c.decodeIfPresent(Int.self, forKey: .oneUpYears) ?? 1
        skipOneYears = try c.decodeIfPresent(Int.self, forKey: .skipOneYears) ?? 4
        basicBlocksPromotion = try c.decodeIfPresent(Bool.self, forKey: .basicBlocksPromotion) ?? true
        requireExcellentLastYear = try c.decodeIfPresent(Bool.self, forKey: .requireExcellentLastYear) ?? false
        titles = try c.decodeIfPresent([String].self, forKey: .titles) ?? []
        fields = try c.decodeIfPresent([String].self, forKey: .fields) ?? []
        establishments = try c.decodeIfPresent([String].self, forKey: .establishments) ?? []
        unitCodes = try c.decodeIfPresent([String].self, forKey: .unitCodes) ?? []
        manual = try c.decodeIfPresent([String].self, forKey: .manual) ?? []
    }
}

public struct ConditionResult: Sendable, Equatable {
    public enum Rule: String, Sendable { case age, education, work, gradeYears, assessments, party, crossGrade, basicBlock, excellent, title, field, establishment }
    public var rule: Rule
    public var passed: Bool
    public var zh: String
    public var en: String
    public func reason(in language: Language) -> String { language == .en ? en : zh }
}

public enum Eligibility {
    static func date(_ d: YearMonth) -> String { "\(d.year)年\(d.month)月" }

    /// Evaluates every condition; the result lists each with pass/fail and the reason in words.
    public static func evaluate(_ c: CadreFacts, for p: PositionConditions) -> [ConditionResult] {
        var out: [ConditionResult] = []
        let at = p.referenceDate
        if let max = p.maxAge {
            let age = c.birth.wholeYears(until: at)
            out.append(age <= max
                ? .init(rule: .age, passed: true, zh: "年龄\(age)周岁（截至\(date(at))），不超过\(max)周岁", en: "age \(age) at \(at), not over \(max)")
                : .init(rule: .age, passed: false, zh: "年龄超过\(max)周岁（截至\(date(at))为\(age)周岁）", en: "over \(max) years of age (\(age) at \(at))"))
        }
        if let min = p.minEducation {
            let have = p.fullTimeEducationRequired ? c.fullTimeEducation : c.highestEducation
            let kindZH = p.fullTimeEducationRequired ? "全日制" : ""
            let kindEN = p.fullTimeEducationRequired ? "full-time " : ""
            let ok = have.map { $0 >= min } ?? false
            out.append(.init(rule: .education, passed: ok,
                             zh: ok ? "\(kindZH)学历\(have!.title(in: .zhHans))，符合\(min.title(in: .zhHans))及以上" : "\(kindZH)学历低于\(min.title(in: .zhHans))（现为\(have?.title(in: .zhHans) ?? "无")）",
                             en: ok ? "\(kindEN)education \(have!.title(in: .en)), at least \(min.title(in: .en))" : "\(kindEN)education below \(min.title(in: .en)) (has \(have?.title(in: .en) ?? "none"))"))
        }
        if let years = p.minYearsOfWork {
            let have = c.workStart.wholeYears(until: at)
            out.append(.init(rule: .work, passed: have >= years,
                             zh: have >= years ? "工作年限\(have)年，不少于\(years)年" : "工作年限不足\(years)年（截至\(date(at))为\(have)年）",
                             en: have >= years ? "\(have) years of work, at least \(years)" : "fewer than \(years) years of work (\(have) at \(at))"))
        }
        let inGrade = c.gradeSince.wholeYears(until: at)
        if let years = p.minYearsInGrade {
            out.append(.init(rule: .gradeYears, passed: inGrade >= years,
                             zh: inGrade >= years ? "任现职级\(inGrade)年，不少于\(years)年" : "任现职级不满\(years)年（截至\(date(at))为\(inGrade)年）",
                             en: inGrade >= years ? "\(inGrade) years in the current grade, at least \(years)" : "fewer than \(years) years in the current grade (\(inGrade) at \(at))"))
        }
        if p.crossGradeRule {
            let steps = p.targetGrade - c.grade
            switch steps {
            case ..<0:
                // ELG-3: a post below the current grade is no promotion (and no selection for it)
                out.append(.init(rule: .crossGrade, passed: false, zh: "现职级高于拟任职级", en: "the current grade is above the post's"))
            case 0:
                out.append(.init(rule: .crossGrade, passed: true, zh: "平级任职（现职级与拟任职级相同）", en: "same grade as the post (a lateral move)"))
            case 1:
                let ok = inGrade >= p.oneUpYears
                out.append(.init(rule: .crossGrade, passed: ok,
                                 zh: ok ? "晋升一个层级，任现职级已满\(p.oneUpYears)年" : "晋升一个层级须任现职级满\(p.oneUpYears)年（现为\(inGrade)年）",
                                 en: ok ? "one grade up after \(p.oneUpYears) year(s) in grade" : "one grade up needs \(p.oneUpYears) year(s) in grade (has \(inGrade))"))
            case 2:
                let ok = inGrade >= p.skipOneYears
                out.append(.init(rule: .crossGrade, passed: ok,
                                 zh: ok ? "越一级报名，任现职级已满\(p.skipOneYears)年" : "越一级报名须任现职级满\(p.skipOneYears)年（现为\(inGrade)年）",
                                 en: ok ? "skipping one grade after \(p.skipOneYears) years in grade" : "skipping one grade needs \(p.skipOneYears) years in grade (has \(inGrade))"))
            default:
                out.append(.init(rule: .crossGrade, passed: false, zh: "不得越两级及以上报名", en: "skipping two grades or more is never allowed"))
            }
        }
        if let n = p.assessmentYears {
            let years = (at.year - n ..< at.year).reversed()
            let missing = years.filter { c.assessments[$0] == nil }
            let low = years.filter { (c.assessments[$0] ?? .excellent) < p.minAssessment }
            let ok = missing.isEmpty && low.isEmpty
            out.append(.init(rule: .assessments, passed: ok,
                             zh: ok ? "近\(n)年年度考核均为\(p.minAssessment.title(in: .zhHans))及以上"
                                 : "近\(n)年年度考核" + (low.isEmpty ? "" : "\(low.map(String.init).joined(separator: "、"))年低于\(p.minAssessment.title(in: .zhHans))") + (missing.isEmpty ? "" : "，缺\(missing.map(String.init).joined(separator: "、"))年考核"),
                             en: ok ? "assessments of the last \(n) years all \(p.minAssessment.title(in: .en)) or better"
                                 : "last \(n) years' assessments: " + (low.isEmpty ? "" : "below \(p.minAssessment.title(in: .en)) in \(low.map(String.init).joined(separator: ", "))") + (missing.isEmpty ? "" : "; missing \(missing.map(String.init).joined(separator: ", "))")))
        }
        let lastYear = at.year - 1
        if p.basicBlocksPromotion, let last = c.assessments[lastYear], last <= .basic, p.targetGrade > c.grade {
            out.append(.init(rule: .basicBlock, passed: false, zh: "\(lastYear)年度考核为\(last.title(in: .zhHans))，一年内不得晋升", en: "\(last.title(in: .en)) in \(lastYear): no promotion within one year"))
        }
        if p.requireExcellentLastYear {
            let ok = c.assessments[lastYear] == .excellent
            out.append(.init(rule: .excellent, passed: ok, zh: ok ? "\(lastYear)年度考核优秀" : "\(lastYear)年度考核不是优秀", en: ok ? "excellent in \(lastYear)" : "not excellent in \(lastYear)"))
        }
        if p.partyMemberRequired {
            out.append(.init(rule: .party, passed: c.partyMember, zh: c.partyMember ? "中共党员" : "须为中共党员", en: c.partyMember ? "party member" : "must be a party member"))
        }
        if !p.titles.isEmpty {
            let ok = p.titles.contains { c.title.contains($0) }
            let list = p.titles.joined(separator: "、")
            out.append(.init(rule: .title, passed: ok, zh: ok ? "专业技术职务“\(c.title)”符合（\(list)）" : "须具有\(list)专业技术职务（现为“\(c.title)”）",
                             en: ok ? "professional title “\(c.title)” matches (\(list))" : "needs a professional title of \(list) (has “\(c.title)”)"))
        }
        if !p.fields.isEmpty {
            let ok = p.fields.contains { c.studies.contains($0) }
            let list = p.fields.joined(separator: "、")
            out.append(.init(rule: .field, passed: ok, zh: ok ? "所学专业符合（\(list)）" : "所学专业不符合（须为\(list)类）", en: ok ? "field of study matches (\(list))" : "field of study does not match (\(list))"))
        }
        if !p.establishments.isEmpty {
            let ok = p.establishments.contains { !c.establishment.isEmpty && c.establishment.contains($0) }
            let list = p.establishments.joined(separator: "、")
            let have = c.establishment.isEmpty ? "未填写" : c.establishment
            out.append(.init(rule: .establishment, passed: ok, zh: ok ? "编制类型“\(c.establishment)”符合" : "编制类型须为\(list)（现为\(have)）",
                             en: ok ? "establishment “\(c.establishment)” matches" : "establishment must be \(list) (is \(c.establishment.isEmpty ? "not recorded" : c.establishment))"))
        }
        return out
    }

    /// How many conditions fail, without writing any reason: the fast path of "who qualifies" over a
    /// whole registry. Always equal to the failures of `evaluate` (a property test checks it).
    public static func failures(_ c: CadreFacts, for p: PositionConditions, limit: Int = .max) -> Int {
        var n = 0
        let at = p.referenceDate
        if let max = p.maxAge, c.birth.wholeYears(until: at) > max { n += 1 }
        if let min = p.minEducation, !((p.fullTimeEducationRequired ? c.fullTimeEducation : c.highestEducation).map { $0 >= min } ?? false) { n += 1 }
        if n >= limit { return n }
        if let years = p.minYearsOfWork, c.workStart.wholeYears(until: at) < years { n += 1 }
        let inGrade = c.gradeSince.wholeYears(until: at)
        if let years = p.minYearsInGrade, inGrade < years { n += 1 }
        if p.crossGradeRule {
            let steps = p.targetGrade - c.grade
            if steps < 0 || steps == 1 && inGrade < p.oneUpYears || steps == 2 && inGrade < p.skipOneYears || steps > 2 { n += 1 }
        }
        if n >= limit { return n }
        if let years = p.assessmentYears {
            for y in at.year - years ..< at.year where (c.assessments[y].map { $0 < p.minAssessment } ?? true) { n += 1; break }
        }
        let last = c.assessments[at.year - 1]
        if p.basicBlocksPromotion, let last, last <= .basic, p.targetGrade > c.grade { n += 1 }
        if p.requireExcellentLastYear, last != .excellent { n += 1 }
        if p.partyMemberRequired, !c.partyMember { n += 1 }
        if !p.titles.isEmpty, !p.titles.contains(where: { c.title.contains($0) }) { n += 1 }
        if !p.fields.isEmpty, !p.fields.contains(where: { c.studies.contains($0) }) { n += 1 }
        if !p.establishments.isEmpty, !p.establishments.contains(where: { !c.establishment.isEmpty && c.establishment.contains($0) }) { n += 1 }
        return n
    }

    public static func qualifies(_ c: CadreFacts, for p: PositionConditions) -> Bool { evaluate(c, for: p).allSatisfy(\.passed) }

    /// How far off the one failing condition is allowed to be for a near miss (差一项条件): a near miss is *near*.
    public static let nearAgeYears = 2, nearWorkYears = 1, nearGradeYears = 1

    /// Whether a cadre failing exactly one condition (`failures == 1`) misses it narrowly: at most `nearAgeYears`
    /// over the age limit, `nearWorkYears` short of the years of work, `nearGradeYears` short of the years in grade
    /// (also for the cross-grade rule), never a grade below the post or more than two above; other conditions (an
    /// assessment, a title, party membership …) are near by nature. A 55-year-old for a 45-year limit is not.
    public static func isNear(_ c: CadreFacts, for p: PositionConditions) -> Bool {
        let at = p.referenceDate
        if let max = p.maxAge, c.birth.wholeYears(until: at) > max + nearAgeYears { return false }
        if let years = p.minYearsOfWork, c.workStart.wholeYears(until: at) < years - nearWorkYears { return false }
        let inGrade = c.gradeSince.wholeYears(until: at)
        if let years = p.minYearsInGrade, inGrade < years - nearGradeYears { return false }
        if p.crossGradeRule {
            let steps = p.targetGrade - c.grade
            if steps < 0 || steps > 2 { return false }
            if steps == 1 && inGrade < p.oneUpYears - nearGradeYears || steps == 2 && inGrade < p.skipOneYears - nearGradeYears { return false }
        }
        return true
    }
}
