/// What a score sheet computes to (`xuanren.scoring/1`): who went on after each stage and at what lowest score,
/// every stage score and composite, the ranking and the inspection shortlist. Scores are kept as integers in units
/// of 10^-decimals and written with exactly `decimals` places.
public struct ScoreSheetResult: Sendable, Equatable {
    public static let format = "xuanren.scoring/1"

    public struct StageOutcome: Sendable, Equatable {
        public var stage: String
        public var name: String
        /// Applicants who took part (scored, not absent).
        public var entered: Int
        /// Ids that went on: stage score descending, then id in code point order.
        public var advanced: [String] { advancedRows.map { ids[Int($0)] } }
        /// The same as the applicants' places in the sheet: what is kept (a stage of 100,000 makes no array of
        /// 100,000 ids until one is asked for).
        var advancedRows: [Int32]
        /// The sheet's ids (shared with the result, not copied).
        let ids: [String]
        /// The lowest stage score among `advanced` (EXM-9), nil when nobody advanced.
        public var cutScore: Int64?

        public static func == (a: StageOutcome, b: StageOutcome) -> Bool {
            a.stage == b.stage && a.name == b.name && a.entered == b.entered && a.cutScore == b.cutScore && a.advanced == b.advanced
        }
    }

    public struct StageScore: Sendable, Equatable {
        public var stage: String
        /// The normalized stage score, rounded half up (rounding point 1), in units of 10^-decimals.
        public var score: Int64
    }

    public enum Status: Sendable, Equatable {
        case excluded
        case absent(String)
        case belowPass(String)
        case notAdvanced(String)
        case shortlisted
        case notShortlisted

        /// As the result file writes it: `excluded`, `absent:<stage>`, `below-pass:<stage>`, `not-advanced:<stage>`,
        /// `shortlisted`, `not-shortlisted`.
        public var text: String {
            switch self {
            case .excluded: "excluded"
            case .absent(let s): "absent:" + s
            case .belowPass(let s): "below-pass:" + s
            case .notAdvanced(let s): "not-advanced:" + s
            case .shortlisted: "shortlisted"
            case .notShortlisted: "not-shortlisted"
            }
        }
    }

    public struct ApplicantOutcome: Sendable, Equatable {
        public var applicant: String
        public var name: String
        public var stageScores: [StageScore]
        /// Rounding point 2 (SCR-1), in units of 10^-decimals; nil unless the applicant took every stage and is
        /// still in after the last.
        public var composite: Int64?
        /// Competition ranking "1224" (SCR-2).
        public var rank: Int?
        public var status: Status
    }

    public var position: String
    public var positionName: String
    public var posts: Int
    public var decimals: Int
    public var stages: [StageOutcome]
    /// Ids in rank order, equal ranks by id.
    public var shortlist: [String]
    /// Applicants sharing a rank straddle the last place: all are shortlisted, and the decision body must decide.
    public var tiedAtCut: Bool

    // per applicant, in the file's order, flat (a sheet of 100,000 makes no 100,000 small arrays)
    var ids: [String]
    var names: [String]
    /// `count × stages`, units of 10^-decimals, -1 where not scored.
    var scores: [Int64]
    /// -1 where none.
    var composites: [Int64]
    /// 0 where none.
    var ranks: [Int32]
    var statusCodes: [UInt8]
    /// The stage of `absent`, `below-pass`, `not-advanced`.
    var statusStages: [Int16]

    enum Code: UInt8 { case excluded, absent, belowPass, notAdvanced, shortlisted, notShortlisted }

    public var count: Int { ids.count }

    /// Applicant i (file order) as the result gives it.
    public func outcome(_ i: Int) -> ApplicantOutcome {
        let n = stages.count
        var ss: [StageScore] = []
        for s in 0 ..< n where scores[i * n + s] >= 0 { ss.append(.init(stage: stages[s].stage, score: scores[i * n + s])) }
        return ApplicantOutcome(applicant: ids[i], name: names[i], stageScores: ss,
                                composite: composites[i] >= 0 ? composites[i] : nil, rank: ranks[i] > 0 ? Int(ranks[i]) : nil,
                                status: status(i))
    }

    func status(_ i: Int) -> Status {
        let stage = { self.stages[Int(self.statusStages[i])].stage }
        switch Code(rawValue: statusCodes[i])! {
        case .excluded: return .excluded
        case .absent: return .absent(stage())
        case .belowPass: return .belowPass(stage())
        case .notAdvanced: return .notAdvanced(stage())
        case .shortlisted: return .shortlisted
        case .notShortlisted: return .notShortlisted
        }
    }

    /// Every applicant in the file's order.
    public var applicants: [ApplicantOutcome] { (0 ..< count).map(outcome) }

    /// The outcome of the applicant with this id.
    public func applicant(_ id: String) -> ApplicantOutcome? { ids.firstIndex(of: id).map(outcome) }

    /// A score as published: exactly `decimals` places (`"83.47"`).
    public func text(_ units: Int64) -> String { ScoreMath.text(units, decimals: decimals) }

}
