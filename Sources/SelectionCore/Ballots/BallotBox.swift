/// The `xuanren.ballot-box/1` format: one closed vote (../shared/formats/ballot-box.md).
public enum BallotKind: String, Sendable, CaseIterable, Codable {
    case weightedRecommendation = "weighted-recommendation"  // BAL-1
    case approval                                           // DEC-1, DEC-4, BAL-7
    case evaluation                                         // BAL-3, BAL-6, ASM-2
    case election                                           // SEL-5
}

/// An exact fraction `num/den` (den > 0). Every comparison with a setting is done in integers.
public struct Fraction: Sendable, Equatable, CustomStringConvertible {
    public var num: Int64
    public var den: Int64
    public init(_ num: Int64, _ den: Int64) { self.num = num; self.den = den }
    public var double: Double { Double(num) / Double(den) }
    public var description: String { "\(num)/\(den)" }

    /// `count < self × total`, exactly.
    public func exceeds(_ count: Int, of total: Int) -> Bool {
        // count < num/den × total  ⇔  count × den < num × total
        Int128(count) * Int128(den) < Int128(num) * Int128(total)
    }
}

public struct Candidate: Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct VoterCategory: Sendable, Equatable {
    public var id: String
    public var weight: Double
    public var entitled: Int
    public init(id: String, weight: Double, entitled: Int) { self.id = id; self.weight = weight; self.entitled = entitled }
}

public struct EvaluationItem: Sendable, Equatable {
    public var id: String
    public var name: String
    public var weight: Double
    public init(id: String, name: String, weight: Double) { self.id = id; self.name = name; self.weight = weight }
}

/// Settings of each kind, with the format's defaults.
public enum BallotSettings: Sendable, Equatable {
    public struct Recommendation: Sendable, Equatable {
        public var categories: [VoterCategory]
        public var rankPoints: [Double] = [1.0, 0.9, 0.8]
        public var unrankedPoints: Double = 0.6
        public var maxChoices: Int = 3
        public var minTurnout = Fraction(4, 5)
        public var entitled: Int { categories.reduce(0) { $0 + $1.entitled } }
        public init(categories: [VoterCategory]) { self.categories = categories }
    }
    public struct Approval: Sendable, Equatable {
        public enum Base: String, Sendable { case members, cast }
        public var members: Int
        public var quorum = Fraction(2, 3)
        public var threshold = Fraction(1, 2)
        public var base: Base = .members
        /// BAL-7: the answers a ballot gives — 同意/不同意/弃权 (`approval`, the default) or 满意/基本满意/不满意/不了解
        /// (`satisfaction`, for surveys: 一报告两评议, ASM-3). `threshold` and `base` apply to `approval` only;
        /// `admonishShare` and `demoteShare` to `satisfaction` only.
        public var answers: AnswerSet = .approval
        /// ASM-3: 不满意 strictly more than this share of the valid ballots → admonishment talk (诫勉谈话).
        public var admonishShare = Fraction(1, 3)
        /// ASM-3: 不满意 strictly more than this share of the valid ballots → demotion proposal (调整).
        public var demoteShare = Fraction(1, 2)
        public init(members: Int) { self.members = members }

        public enum AnswerSet: String, Sendable, CaseIterable {
            case approval, satisfaction
            /// The answers in the order counted; the last is what a candidate left out counts as.
            public var values: [String] {
                switch self {
                case .approval: ["yes", "no", "abstain"]
                case .satisfaction: ["satisfied", "basic", "dissatisfied", "unknown"]
                }
            }
        }
    }
    public struct Evaluation: Sendable, Equatable {
        public var entitled: Int
        public var minTurnout = Fraction(4, 5)
        public var items: [EvaluationItem]
        public var tiers: [(name: String, points: Double)]
        public var consentThreshold = Fraction(4, 5)
        public var demotionShare = Fraction(3, 10)
        public init(entitled: Int, items: [EvaluationItem], tiers: [(name: String, points: Double)]) {
            self.entitled = entitled; self.items = items; self.tiers = tiers
        }
        public static func == (a: Evaluation, b: Evaluation) -> Bool {
            a.entitled == b.entitled && a.minTurnout == b.minTurnout && a.items == b.items
                && a.tiers.map(\.name) == b.tiers.map(\.name) && a.tiers.map(\.points) == b.tiers.map(\.points)
                && a.consentThreshold == b.consentThreshold && a.demotionShare == b.demotionShare
        }
    }
    public struct Election: Sendable, Equatable {
        public var entitled: Int
        public var seats = 1
        public var minTurnout = Fraction(1, 2)
        public var eligible: [String]? = nil
        public init(entitled: Int) { self.entitled = entitled }
    }

    case weightedRecommendation(Recommendation)
    case approval(Approval)
    case evaluation(Evaluation)
    case election(Election)

    public var kind: BallotKind {
        switch self {
        case .weightedRecommendation: .weightedRecommendation
        case .approval: .approval
        case .evaluation: .evaluation
        case .election: .election
        }
    }
}

/// One anonymous ballot, as written in the file.
public enum Ballot: Sendable, Equatable {
    case recommendation(category: String, ranking: [String])
    case approval(votes: [(candidate: String, answer: String)])
    case evaluation(ratings: [(candidate: String, items: [(item: String, tier: String)]?, overall: String?)])
    case election(choices: [String])

    public static func == (a: Ballot, b: Ballot) -> Bool {
        switch (a, b) {
        case let (.recommendation(c1, r1), .recommendation(c2, r2)): return c1 == c2 && r1 == r2
        case let (.approval(v1), .approval(v2)): return v1.map(\.candidate) == v2.map(\.candidate) && v1.map(\.answer) == v2.map(\.answer)
        case let (.election(c1), .election(c2)): return c1 == c2
        case let (.evaluation(r1), .evaluation(r2)):
            guard r1.count == r2.count else { return false }
            for (x, y) in zip(r1, r2) {
                guard x.candidate == y.candidate, x.overall == y.overall else { return false }
                guard x.items?.map(\.item) == y.items?.map(\.item), x.items?.map(\.tier) == y.items?.map(\.tier) else { return false }
            }
            return true
        default: return false
        }
    }
}

/// A whole ballot box in memory (the server builds these; files are streamed by `BallotBoxReader`).
public struct BallotBox: Sendable, Equatable {
    public var title: String
    public var settings: BallotSettings
    public var candidates: [Candidate]
    public var ballots: [Ballot]
    public var kind: BallotKind { settings.kind }

    public init(title: String, settings: BallotSettings, candidates: [Candidate], ballots: [Ballot]) {
        self.title = title; self.settings = settings; self.candidates = candidates; self.ballots = ballots
    }

    public static let format = "xuanren.ballot-box/1"
}

/// Why a ballot is invalid (废票). A ballot has one reason: the first of these that applies.
public enum InvalidReason: String, Sendable, CaseIterable, Comparable {
    case tooManyChoices = "too-many-choices"
    case unknownCandidate = "unknown-candidate"
    case duplicateChoice = "duplicate-choice"
    case notEligible = "not-eligible"
    case incomplete = "incomplete"
    case unknownAnswer = "unknown-answer"

    public static func < (a: InvalidReason, b: InvalidReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.tooManyChoices, .zhHans): "所选人数超过规定"
        case (.tooManyChoices, .en): "too many choices"
        case (.unknownCandidate, .zhHans): "填写了非候选人"
        case (.unknownCandidate, .en): "names someone not on the list"
        case (.duplicateChoice, .zhHans): "同一人重复填写"
        case (.duplicateChoice, .en): "the same person twice"
        case (.notEligible, .zhHans): "所选人员不符合资格"
        case (.notEligible, .en): "a choice who is not eligible"
        case (.incomplete, .zhHans): "未完整填写"
        case (.incomplete, .en): "incomplete"
        case (.unknownAnswer, .zhHans): "填写了无效选项"
        case (.unknownAnswer, .en): "an answer that is not an option"
        }
    }
}

/// Why a vote is void.
public enum VoidReason: String, Sendable {
    case overIssued = "over-issued"
    case turnout
    case quorum

    /// In words, naming what is void by the ballot's kind (a recommendation is not a "表决"): `kind` nil says 表决.
    public func words(in language: Language, kind: BallotKind? = nil) -> String {
        let zh = language == .zhHans
        let what = Self.noun(kind, language)
        switch self {
        case .overIssued: return zh ? "收回票数多于发出票数，\(what)无效" : "more ballots returned than issued: the \(what) is void"
        case .turnout: return zh ? "参加人数未达到规定比例，\(what)无效" : "turnout below the required share: the \(what) is void"
        case .quorum: return zh ? "到会人数不足法定人数，\(what)无效" : "quorum not reached: the \(what) is void"
        }
    }

    /// 表决 / 推荐 / 测评 / 选举 — what a session of this kind is called in a verdict.
    public static func noun(_ kind: BallotKind?, _ language: Language) -> String {
        let zh = language == .zhHans
        switch kind {
        case .weightedRecommendation: return zh ? "推荐" : "recommendation"
        case .evaluation: return zh ? "测评" : "evaluation"
        case .election: return zh ? "选举" : "election"
        case .approval, nil: return zh ? "表决" : "vote"
        }
    }
}
