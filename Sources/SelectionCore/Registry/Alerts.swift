/// The organizer's alerts: rotation (ROT-1) and terms and tenure (ROT-2) of leading cadres, the age limit, and the
/// consequences of a low annual grade (ASM-1) as proposals. All figures are settings.
public struct AlertSettings: Sendable, Equatable, Codable {
    public var rotateYears = 5
    public var rotateYearsUnder35 = 3
    public var youngAge = 35
    public var mustRotateYears = 6
    /// One term in years; at most `maxTerms` terms in the same post.
    public var termYears = 5
    public var maxTerms = 2
    /// 副科 this many years in grade → consider a promotion transfer (ROT-2).
    public var deputyPromotionYears = 10
    public var ageLimit = 60
    public var ageLimitWomen = 55
    public var ageWarningMonths = 12
    public init() {}
}

public struct CadreAlert: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case rotationDue, mustRotate, termLimit, promotionTransfer, ageLimit, admonish, removal
    }
    public var kind: Kind
    public var zh: String
    public var en: String
    public func text(in language: Language) -> String { language == .en ? en : zh }
}

/// What the alerts need to know of one cadre.
public struct TenureFacts: Sendable {
    public var birth: YearMonth
    public var female: Bool
    public var postSince: YearMonth?
    public var rankLevel: Int
    public var rankSince: YearMonth?
    public var assessments: AnnualGrades
    /// Whether the rank is a leadership post (`RankLadder.isLeadership`): rotation (ROT-1), terms and the 副科
    /// promotion transfer (ROT-2) concern leading cadres only, never a 科员, an 办事员 or a 职级 such as 四级主任科员.
    public var leadership: Bool
    public init(birth: YearMonth, female: Bool, postSince: YearMonth?, rankLevel: Int, rankSince: YearMonth?, assessments: AnnualGrades, leadership: Bool = true) {
        self.birth = birth; self.female = female; self.postSince = postSince; self.rankLevel = rankLevel; self.rankSince = rankSince; self.assessments = assessments
        self.leadership = leadership
    }
}

public enum Alerts {
    /// Levels of 副科级 and 正科级 on the standard ladder.
    public static let deputySectionLevel = 3, sectionLevel = 4

    /// - Parameter worded: false leaves the texts empty (counting over a whole registry needs the kinds only).
    public static func alerts(for c: TenureFacts, today: YearMonth, settings s: AlertSettings = .init(), worded: Bool = true) -> [CadreAlert] {
        var out: [CadreAlert] = []
        func add(_ kind: CadreAlert.Kind, zh: @autoclosure () -> String, en: @autoclosure () -> String) {
            out.append(worded ? CadreAlert(kind: kind, zh: zh(), en: en()) : CadreAlert(kind: kind, zh: "", en: ""))
        }
        let age = c.birth.wholeYears(until: today)
        // ROT-1/ROT-2 are rules for leading cadres (党政领导干部): a non-leadership rank is never told to rotate
        if c.leadership, let since = c.postSince {
            let years = since.wholeYears(until: today)
            let due = age < s.youngAge ? s.rotateYearsUnder35 : s.rotateYears
            if years >= s.mustRotateYears {
                add(.mustRotate, zh: "同一岗位任职\(years)年（满\(s.mustRotateYears)年必须交流）", en: "\(years) years in the same post (must rotate at \(s.mustRotateYears))")
            } else if years >= due {
                add(.rotationDue, zh: "同一岗位任职\(years)年，原则上应交流（\(age < s.youngAge ? "\(s.youngAge)岁以下满\(due)年" : "满\(due)年")）",
                                 en: "\(years) years in the same post: rotation due (\(due) years\(age < s.youngAge ? " under \(s.youngAge)" : ""))")
            }
            if years >= s.termYears * s.maxTerms, c.rankLevel == sectionLevel {
                add(.termLimit, zh: "任职满\(s.maxTerms)个任期（\(years)年），应同级交流", en: "\(s.maxTerms) terms served (\(years) years): transfer at the same level")
            }
        }
        if c.leadership, c.rankLevel == deputySectionLevel, let since = c.rankSince, since.wholeYears(until: today) >= s.deputyPromotionYears {
            add(.promotionTransfer, zh: "任副科级\(since.wholeYears(until: today))年，可考虑晋升交流", en: "\(since.wholeYears(until: today)) years as deputy section chief: consider a promotion transfer")
        }
        let limit = c.female ? s.ageLimitWomen : s.ageLimit
        let reaches = c.birth.adding(months: limit * 12)
        let monthsLeft = reaches.index - today.index
        if monthsLeft <= s.ageWarningMonths {
            add(.ageLimit, zh: monthsLeft <= 0 ? "已到\(limit)周岁（\(reaches.dotted)）" : "将于\(reaches.dotted)到\(limit)周岁（\(monthsLeft)个月后）",
                             en: monthsLeft <= 0 ? "reached \(limit) (\(reaches.dotted))" : "reaches \(limit) in \(reaches.dotted) (in \(monthsLeft) months)")
        }
        let last = today.year - 1
        switch c.assessments[last] {
        case .basic?:
            add(.admonish, zh: "\(last)年度考核基本称职：建议诫勉谈话，一年内不得晋升", en: "basically competent in \(last): propose an admonishment talk; no promotion within one year")
        case .incompetent?:
            add(.removal, zh: "\(last)年度考核不称职：建议免职（降职）", en: "incompetent in \(last): propose removal from post")
        default: break
        }
        return out
    }
}

/// RES-1: the reserve pool, with a review every `cycleMonths` (two years by default).
public struct ReserveMembership: Sendable, Equatable {
    public enum Route: String, Sendable, CaseIterable, Codable {
        /// 推考结合: recommendation plus exam.
        case recommendationExam
        /// SCR-4: inspected but not appointed for lack of posts.
        case notAppointed
        case organization
        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.recommendationExam, .zhHans): "推考结合"
            case (.recommendationExam, .en): "recommendation and exam"
            case (.notAppointed, .zhHans): "考察合格未任用"
            case (.notAppointed, .en): "inspected, not appointed"
            case (.organization, .zhHans): "组织推荐"
            case (.organization, .en): "organization's recommendation"
            }
        }
    }
    public var entered: YearMonth
    public var lastReview: YearMonth?
    public var cycleMonths: Int
    public init(entered: YearMonth, lastReview: YearMonth?, cycleMonths: Int = 24) { self.entered = entered; self.lastReview = lastReview; self.cycleMonths = cycleMonths }
    public var nextReview: YearMonth { (lastReview ?? entered).adding(months: cycleMonths) }
    public func reviewDue(today: YearMonth) -> Bool { nextReview <= today }
}
