// CHK-2: the files a check team must review one by one, whatever the random draw gives. The rule names six kinds of
// newly promoted cadre [002 篇2]: many dissatisfied votes in the democratic evaluation; reported by the public;
// relatively few recommendation votes or a low rank; promoted 破格 or 越级; appointed beyond the post count (超职数);
// low education. Each reason is computed from facts the store gathers (`PromotionFacts`) against settings
// (`MandatorySettings`), and says in words why it applies, why not — or that the fact is not recorded, which is never
// read as “does not apply”.

/// CHK-2: why a newly promoted cadre's file must be reviewed. Stored strings.
public enum MandatoryReason: String, Sendable, CaseIterable, Codable, Comparable {
    /// 民主测评中不满意票比较多.
    case dissatisfied
    /// 有群众举报.
    case reported
    /// 提拔时推荐票相对较少或排位靠后.
    case lowRecommendation = "recommendation"
    /// 破格提拔 (the plan marked the position exceptional, CHK-5).
    case exceptional
    /// 越级提拔 (computed from the rank ladder).
    case skippedGrade = "grade-skip"
    /// 超职数配备.
    case beyondPostCount = "posts"
    /// 学历较低.
    case lowEducation = "education"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.dissatisfied, .zhHans): "民主测评不满意票较多"
        case (.dissatisfied, .en): "many dissatisfied votes"
        case (.reported, .zhHans): "有群众举报"
        case (.reported, .en): "reported"
        case (.lowRecommendation, .zhHans): "推荐票相对较少或排位靠后"
        case (.lowRecommendation, .en): "few recommendation votes or a low rank"
        case (.exceptional, .zhHans): "破格提拔"
        case (.exceptional, .en): "exceptional promotion (破格)"
        case (.skippedGrade, .zhHans): "越级提拔"
        case (.skippedGrade, .en): "skipped a grade (越级)"
        case (.beyondPostCount, .zhHans): "超职数配备"
        case (.beyondPostCount, .en): "beyond the post count"
        case (.lowEducation, .zhHans): "学历较低"
        case (.lowEducation, .en): "low education"
        }
    }
}

/// CHK-2: the figures behind the mandatory reasons. The source gives none ("比较多", "相对较少", "较低"); these defaults
/// are ours, each a setting of the check, recorded with it.
public struct MandatorySettings: Sendable, Equatable, Codable {
    /// Dissatisfied votes (基本称职 + 不称职) at or above this percentage of the valid ballots of the cadre's democratic
    /// evaluation are "many". Default 10 (the popular veto, BAL-6, already keeps out those above 20).
    public var dissatisfiedPercent = 10
    /// A recommendation rank beyond the position's posts plus this margin is "low". Default 0: any rank beyond the posts.
    public var rankMargin = 0
    /// Votes in the meeting recommendation at or below this percentage of the ballots cast are "few". Default 50: not
    /// a majority (the double majority, BAL-5, asks for more than half).
    public var fewVotesPercent = 50
    /// The highest education (full-time or in service) below this is "low". Default 大学本科 (大专 and below are low).
    public var educationBelow: EducationLevel = .bachelor
    /// The new rank at least this many levels above the former one on the rank ladder is 越级. Default 2 (one level
    /// skipped: 副科级 → 副处级).
    public var skipLevels = 2

    public init() {}

    /// One editable figure: its form key, words and allowed range.
    public struct Field {
        public var key: String
        public var zh: String
        public var en: String
        public var range: ClosedRange<Int>
        public var path: WritableKeyPath<MandatorySettings, Int>
        public func label(in l: Language) -> String { l == .zhHans ? zh : en }
    }

    public static var fields: [Field] {
        [
            Field(key: "dissatisfiedPercent", zh: "不满意票较多：不满意票占有效票（%）不低于", en: "Many dissatisfied votes: at least this share of valid ballots (%)", range: 1 ... 100, path: \.dissatisfiedPercent),
            Field(key: "rankMargin", zh: "推荐排位靠后：名次超过职数加", en: "Low recommendation rank: rank beyond the posts plus", range: 0 ... 20, path: \.rankMargin),
            Field(key: "fewVotesPercent", zh: "推荐票较少：得票占投票数（%）不高于", en: "Few recommendation votes: at most this share of ballots cast (%)", range: 0 ... 100, path: \.fewVotesPercent),
            Field(key: "skipLevels", zh: "越级：新职级比原职级高出的层级数不少于", en: "Skipped a grade: new rank at least this many levels above the former", range: 2 ... 5, path: \.skipLevels),
        ]
    }

    public func check() throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        for f in Self.fields where !f.range.contains(self[keyPath: f.path]) {
            issues.append(.init(field: f.key, problem: .described(zh: "\(f.zh)应在\(f.range.lowerBound)至\(f.range.upperBound)之间",
                                                                 en: "\(f.en) must be between \(f.range.lowerBound) and \(f.range.upperBound)")))
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
    }

    enum CodingKeys: String, CodingKey { case dissatisfiedPercent, rankMargin, fewVotesPercent, educationBelow, skipLevels }

    /// Every key may be missing (a check stored before a setting existed reads with its default).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dissatisfiedPercent = try c.decodeIfPresent(Int.self, forKey: .dissatisfiedPercent) ?? 10
        rankMargin = try c.decodeIfPresent(Int.self, forKey: .rankMargin) ?? 0
        fewVotesPercent = try c.decodeIfPresent(Int.self, forKey: .fewVotesPercent) ?? 50
        educationBelow = try c.decodeIfPresent(EducationLevel.self, forKey: .educationBelow) ?? .bachelor
        skipLevels = try c.decodeIfPresent(Int.self, forKey: .skipLevels) ?? 2
    }
}

/// CHK-2: what is known of one newly promoted cadre for the mandatory reasons. Every fact is optional: nil means not
/// recorded anywhere, and the reason then shows as unknown.
public struct PromotionFacts: Sendable, Equatable, Codable {
    /// The democratic evaluation of the cadre's selection (the matter's inspection evaluation): dissatisfied ballots
    /// (基本称职 + 不称职 overall) and all valid ones.
    public struct Evaluation: Sendable, Equatable, Codable {
        public var dissatisfied: Int
        public var valid: Int
        public init(dissatisfied: Int, valid: Int) { self.dissatisfied = dissatisfied; self.valid = valid }
    }

    /// The democratic recommendation: the cadre's rank among the nominees, the position's posts, and the votes
    /// (mentions) of the meeting recommendation with the ballots cast.
    public struct Recommendation: Sendable, Equatable, Codable {
        public var rank: Int?
        public var posts: Int
        public var votes: Int?
        public var cast: Int?
        public init(rank: Int?, posts: Int, votes: Int? = nil, cast: Int? = nil) { self.rank = rank; self.posts = posts; self.votes = votes; self.cast = cast }
    }

    public var evaluation: Evaluation?
    /// Reports about the cadre on record, each named in words (a report during publicity, a report case); nil when no
    /// source of reports could be read.
    public var reports: [String]?
    /// nil: the cadre's matter held no democratic recommendation.
    public var recommendation: Recommendation?
    /// The plan's 破格/越级 mark of the position (CHK-5).
    public var exceptional: Bool?
    /// The rank held before the promotion and the rank appointed to, with their levels on the rank ladder.
    public var formerRank: String?
    public var formerLevel: Int?
    public var newRank: String?
    public var newLevel: Int?
    /// 超职数: whether the appointment went beyond the unit's approved post count. Nothing records post counts yet.
    public var beyondPostCount: Bool?
    /// The highest education in the file (full-time or in service).
    public var education: EducationLevel?

    public init(evaluation: Evaluation? = nil, reports: [String]? = nil, recommendation: Recommendation? = nil, exceptional: Bool? = nil,
                formerRank: String? = nil, formerLevel: Int? = nil, newRank: String? = nil, newLevel: Int? = nil,
                beyondPostCount: Bool? = nil, education: EducationLevel? = nil) {
        self.evaluation = evaluation; self.reports = reports; self.recommendation = recommendation; self.exceptional = exceptional
        self.formerRank = formerRank; self.formerLevel = formerLevel; self.newRank = newRank; self.newLevel = newLevel
        self.beyondPostCount = beyondPostCount; self.education = education
    }

    /// Whether this appointment is a promotion (新提拔): a higher level than before. Nil when either level is unknown.
    public var isPromotion: Bool? {
        guard let a = formerLevel, let b = newLevel else { return nil }
        return b > a
    }
}

/// CHK-2: one mandatory reason for one file: applies, does not apply, or unknown — each with its basis in words.
public struct ReasonResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case applies, clear, unknown }
    public var reason: MandatoryReason
    public var status: Status
    public var zh: String
    public var en: String
    public init(_ reason: MandatoryReason, _ status: Status, zh: String, en: String) { self.reason = reason; self.status = status; self.zh = zh; self.en = en }
    public func text(in l: Language) -> String { l == .zhHans ? zh : en }
}

public enum MandatoryReasons {
    /// Every reason for one file, in `MandatoryReason.allCases` order.
    public static func evaluate(_ f: PromotionFacts, settings s: MandatorySettings = MandatorySettings()) -> [ReasonResult] {
        MandatoryReason.allCases.map { evaluate($0, f, s) }
    }

    /// The reasons that apply (the file must be reviewed when there is one).
    public static func applying(_ f: PromotionFacts, settings: MandatorySettings = MandatorySettings()) -> [MandatoryReason] {
        evaluate(f, settings: settings).filter { $0.status == .applies }.map(\.reason)
    }

    static func evaluate(_ r: MandatoryReason, _ f: PromotionFacts, _ s: MandatorySettings) -> ReasonResult {
        func applies(_ zh: String, _ en: String) -> ReasonResult { ReasonResult(r, .applies, zh: zh, en: en) }
        func clear(_ zh: String, _ en: String) -> ReasonResult { ReasonResult(r, .clear, zh: zh, en: en) }
        func unknown(_ zh: String, _ en: String) -> ReasonResult { ReasonResult(r, .unknown, zh: zh, en: en) }
        switch r {
        case .dissatisfied:
            guard let e = f.evaluation, e.valid > 0 else {
                return unknown("没有民主测评结果记录", "no democratic evaluation on record")
            }
            // in integers: d / v ≥ p% ⇔ d·100 ≥ p·v
            let pct = percentText(e.dissatisfied, e.valid)
            if e.dissatisfied * 100 >= s.dissatisfiedPercent * e.valid {
                return applies("民主测评不满意票\(e.dissatisfied)/\(e.valid)（\(pct)），达到\(s.dissatisfiedPercent)%",
                               "dissatisfied votes \(e.dissatisfied)/\(e.valid) (\(pct)), at least \(s.dissatisfiedPercent)%")
            }
            return clear("民主测评不满意票\(e.dissatisfied)/\(e.valid)（\(pct)），低于\(s.dissatisfiedPercent)%",
                         "dissatisfied votes \(e.dissatisfied)/\(e.valid) (\(pct)), below \(s.dissatisfiedPercent)%")
        case .reported:
            guard let reports = f.reports else { return unknown("无法读取举报记录", "no record of reports could be read") }
            if reports.isEmpty { return clear("未见举报记录", "no report on record") }
            return applies("有举报记录：" + reports.joined(separator: "；"), "reported: " + reports.joined(separator: "; "))
        case .lowRecommendation:
            guard let rec = f.recommendation else {
                return unknown("所在事项没有民主推荐结果记录", "no recommendation result on record in the cadre's matter")
            }
            var zh: [String] = [], en: [String] = []
            if let rank = rec.rank, rank > rec.posts + s.rankMargin {
                zh.append("推荐排名第\(rank)名，职数\(rec.posts)"); en.append("recommendation rank \(rank) for \(rec.posts) post(s)")
            }
            if let v = rec.votes, let c = rec.cast, c > 0, v * 100 <= s.fewVotesPercent * c {
                zh.append("会议推荐得票\(v)/\(c)，不超过\(s.fewVotesPercent)%"); en.append("meeting votes \(v)/\(c), at most \(s.fewVotesPercent)%")
            }
            if !zh.isEmpty { return applies(zh.joined(separator: "；"), en.joined(separator: "; ")) }
            if rec.rank == nil && (rec.votes == nil || rec.cast == nil) {
                return unknown("推荐结果中没有此人的名次和得票", "neither rank nor votes of this person in the recommendation result")
            }
            let rankText = rec.rank.map { "推荐排名第\($0)名，职数\(rec.posts)" } ?? ""
            let votesText = rec.votes.flatMap { v in rec.cast.map { "得票\(v)/\($0)" } } ?? ""
            return clear([rankText, votesText].filter { !$0.isEmpty }.joined(separator: "，"),
                         [rec.rank.map { "rank \($0) for \(rec.posts) post(s)" }, rec.votes.flatMap { v in rec.cast.map { "votes \(v)/\($0)" } }].compactMap { $0 }.joined(separator: ", "))
        case .exceptional:
            guard let x = f.exceptional else { return unknown("方案中没有此职位的记录", "the position is not in the plan on record") }
            return x ? applies("方案将该职位列为破格或越级提拔（CHK-5）", "the plan marked the position exceptional or grade-skipping (CHK-5)")
                     : clear("方案未将该职位列为破格或越级", "the plan did not mark the position exceptional")
        case .skippedGrade:
            guard let a = f.formerLevel, let b = f.newLevel else {
                let names = [f.formerRank.map { "原职级“\($0)”" }, f.newRank.map { "新职级“\($0)”" }].compactMap { $0 }.joined(separator: "、")
                return unknown(names.isEmpty ? "原职级或新职级未记录" : "\(names)不在职级序列中或未记录",
                               "the former or the new rank is not recorded or not on the rank ladder")
            }
            let from = f.formerRank ?? "\(a)", to = f.newRank ?? "\(b)"
            if b - a >= s.skipLevels {
                return applies("由\(from)任\(to)，提升\(b - a)个层级（越过\(b - a - 1)级）", "from \(from) to \(to): \(b - a) levels up (skipping \(b - a - 1))")
            }
            return clear("由\(from)任\(to)，提升\(max(0, b - a))个层级", "from \(from) to \(to): \(max(0, b - a)) level(s) up")
        case .beyondPostCount:
            guard let x = f.beyondPostCount else {
                return unknown("单位核定职数和实际配备尚未在系统中登记，须人工核对", "the unit's approved post count is not recorded in the system: check by hand")
            }
            return x ? applies("超过核定职数配备", "appointed beyond the approved post count") : clear("未超职数", "within the post count")
        case .lowEducation:
            guard let e = f.education else { return unknown("档案中没有可识别的学历", "no education the file states can be read") }
            if e < s.educationBelow {
                return applies("最高学历\(e.title(in: .zhHans))，低于\(s.educationBelow.title(in: .zhHans))", "highest education \(e.title(in: .en)), below \(s.educationBelow.title(in: .en))")
            }
            return clear("最高学历\(e.title(in: .zhHans))", "highest education \(e.title(in: .en))")
        }
    }

    /// `12.5%` — one decimal, rounded half up, in integers.
    static func percentText(_ n: Int, _ d: Int) -> String {
        let tenths = (n * 1000 * 2 + d) / (2 * d)
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
