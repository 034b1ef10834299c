/// Analysis of the supervision surveys, exactly: SUR-2 (the democratic evaluation of selection work in a check),
/// SUR-3 (satisfaction indices per unit and item, low units flagged for rectification) and SUR-4 (the share of
/// newly promoted cadres selected competitively, against the 1/3 target). All comparisons are in integers
/// (`a × den > num × b`); figures are rounded half-up to one decimal only for display.

/// `part` out of `whole` (counts), exact. With `whole` = 0 there is no share: no percentage, and no comparison holds.
public struct CountShare: Sendable, Equatable, Codable {
    public var part: Int, whole: Int
    public init(_ part: Int, of whole: Int) { self.part = part; self.whole = whole }

    /// The percentage in tenths, rounded half-up: 1/3 → 333 (33.3%), 1/16 → 63 (6.3%).
    public var percentTenths: Int? {
        whole > 0 ? Int((Int128(part) * 2000 + Int128(whole)) / (Int128(whole) * 2)) : nil
    }
    /// “33.3%”, or nil with no base.
    public var percentText: String? { percentTenths.map { Tenths.text($0) + "%" } }

    /// part / whole ≥ f, exactly.
    public func atLeast(_ f: Fraction) -> Bool { whole > 0 && Int128(part) * Int128(f.den) >= Int128(f.num) * Int128(whole) }
    /// part / whole > f, exactly.
    public func moreThan(_ f: Fraction) -> Bool { whole > 0 && Int128(part) * Int128(f.den) > Int128(f.num) * Int128(whole) }
}

enum Tenths {
    /// 834 → “83.4”, 800 → “80.0”.
    static func text(_ t: Int) -> String { "\(t / 10).\(t % 10)" }

    /// A setting as people write it: 3/10 → “30%”, 1/3 → “1/3”, 80/1 → “80”.
    static func fraction(_ f: Fraction, percent: Bool) -> String {
        if f.den == 1 { return "\(f.num)" + (percent ? "%" : "") }
        if percent, (100 * f.num) % f.den == 0 { return "\(100 * f.num / f.den)%" }
        return "\(f.num)/\(f.den)"
    }
}

// MARK: - SUR-3 satisfaction index

/// SUR-3: the satisfaction index of an item is the mean of the points of its answers, 不了解 left out:
/// `(满意 × 100 + 基本满意 × 60 + 不满意 × 0) / (满意 + 基本满意 + 不满意)`, on 0…100. The points and the threshold are
/// settings with these defaults (the seeds give no figure; 100/60/0 is the usual weighting of such surveys).
public struct SatisfactionIndexSettings: Sendable, Equatable {
    public var satisfiedPoints = 100
    public var basicPoints = 60
    public var dissatisfiedPoints = 0
    /// A unit whose index is strictly below this gets rectification measures (SUR-3); exactly at it does not.
    public var rectificationBelow = Fraction(80, 1)
    /// CHK-2: a newly promoted cadre with 不满意 strictly above this share of all answers “had many dissatisfied
    /// votes”, and the check team must review the file. The seeds give no figure; 1/3 as in ASM-3.
    public var manyDissatisfied = Fraction(1, 3)
    public init() {}

    public func validate() throws(InvalidInput) {
        guard (0 ... 100).contains(dissatisfiedPoints), dissatisfiedPoints <= basicPoints, basicPoints <= satisfiedPoints, satisfiedPoints <= 100 else {
            throw InvalidInput(field: "points", .described(zh: "分值须满足 0 ≤ 不满意 ≤ 基本满意 ≤ 满意 ≤ 100", en: "points must satisfy 0 ≤ dissatisfied ≤ basic ≤ satisfied ≤ 100"))
        }
        guard rectificationBelow.den > 0, rectificationBelow.num >= 0 else { throw InvalidInput(field: "threshold", .unknownValue(rectificationBelow.description)) }
    }
}

public struct SatisfactionIndex: Sendable, Equatable {
    /// Σ answers × their points.
    public var points: Int
    /// 满意 + 基本满意 + 不满意 (> 0).
    public var answered: Int

    /// nil when nobody gave an opinion (every answer 不了解, or none): there is no index, and nothing to flag.
    public init?(_ c: SatisfactionCounts, settings s: SatisfactionIndexSettings = .init()) {
        guard c.answered > 0 else { return nil }
        points = c.satisfied * s.satisfiedPoints + c.basic * s.basicPoints + c.dissatisfied * s.dissatisfiedPoints
        answered = c.answered
    }

    init(points: Int, answered: Int) { self.points = points; self.answered = answered }

    /// The index in tenths, rounded half-up: 8335/100 → 834 (83.4).
    public var tenths: Int { Int((Int128(points) * 20 + Int128(answered)) / (Int128(answered) * 2)) }
    /// “83.4”.
    public var text: String { Tenths.text(tenths) }
    /// Strictly below `t`, exactly (points / answered < t).
    public func isBelow(_ t: Fraction) -> Bool { Int128(points) * Int128(t.den) < Int128(t.num) * Int128(answered) }

    /// Several items pooled: every opinion counts once.
    static func pooled(_ xs: [SatisfactionIndex]) -> SatisfactionIndex? {
        let n = xs.reduce(0) { $0 + $1.answered }
        return n > 0 ? SatisfactionIndex(points: xs.reduce(0) { $0 + $1.points }, answered: n) : nil
    }
}

/// One satisfaction item of one unit: its answers, index and shares.
public struct SatisfactionLine: Sendable, Equatable {
    public var item: String
    public var counts: SatisfactionCounts
    public var index: SatisfactionIndex?
    /// (满意 + 基本满意) / every answer — the 满意率 as the BAL-7 tally gives it.
    public var satisfiedShare: CountShare { CountShare(counts.satisfied + counts.basic, of: counts.total) }
    /// 不满意 / every answer (the ASM-3 base).
    public var dissatisfiedShare: CountShare { CountShare(counts.dissatisfied, of: counts.total) }
    public var belowThreshold: Bool

    init(item: String, counts: SatisfactionCounts, settings: SatisfactionIndexSettings) {
        self.item = item; self.counts = counts
        index = SatisfactionIndex(counts, settings: settings)
        belowThreshold = index?.isBelow(settings.rectificationBelow) ?? false
    }
}

/// SUR-3: one unit's survey in one year — counts per satisfaction item id.
public struct UnitSurvey: Sendable, Equatable {
    public var unit: String
    public var year: Int
    public var items: [String: SatisfactionCounts]
    public init(unit: String, year: Int, items: [String: SatisfactionCounts]) { self.unit = unit; self.year = year; self.items = items }
}

/// SUR-3: a unit's indices, item by item, and whether it gets a rectification notice.
public struct UnitSatisfaction: Sendable, Equatable {
    public var unit: String
    public var year: Int
    public var lines: [SatisfactionLine]
    /// All items pooled (each opinion once); nil when no item had an opinion.
    public var index: SatisfactionIndex?
    /// SUR-3 (→ CHK-4): the unit's index is strictly below the threshold; its notice lists `lowItems`.
    public var needsRectification: Bool
    /// The items strictly below the threshold, in survey order.
    public var lowItems: [String] { lines.filter(\.belowThreshold).map(\.item) }
}

// MARK: - SUR-2 selection-work evaluation

/// One problem kind: how many said it occurred, out of every answer (不了解 included).
public struct ProblemLine: Sendable, Equatable {
    public var problem: SelectionWorkProblem
    public var counts: OccurrenceCounts
    public var share: CountShare { CountShare(counts.occurred, of: counts.total) }
    /// Somebody said it occurred: the check team looks into it.
    public var reported: Bool { counts.occurred > 0 }
}

public struct CadreLine: Sendable, Equatable {
    public var cadre: SelectionWorkSurvey.Cadre
    public var line: SatisfactionLine
    /// CHK-2: 不满意 strictly above `manyDissatisfied` of the answers — the file must be reviewed.
    public var manyDissatisfied: Bool
}

/// The answers of a survey, per item id (the ballot lines' ids). An item with no entry counts as no answers.
public struct SurveyCounts: Sendable, Equatable {
    public var satisfaction: [String: SatisfactionCounts]
    public var occurrence: [String: OccurrenceCounts]
    public init(satisfaction: [String: SatisfactionCounts] = [:], occurrence: [String: OccurrenceCounts] = [:]) {
        self.satisfaction = satisfaction; self.occurrence = occurrence
    }
}

public struct SelectionWorkAnalysis: Sendable, Equatable {
    public var overall: SatisfactionLine
    public var problems: [ProblemLine]
    public var stages: [(stage: StageKind, line: SatisfactionLine)]
    public var cadres: [CadreLine]
    /// The problem kinds somebody reported, most reported first (ties in survey order).
    public var reportedProblems: [SelectionWorkProblem] {
        problems.enumerated().filter { $0.element.reported }.sorted { a, b in
            let l = Int128(a.element.counts.occurred) * Int128(b.element.counts.total), r = Int128(b.element.counts.occurred) * Int128(a.element.counts.total)
            return l != r ? l > r : a.offset < b.offset
        }.map(\.element.problem)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.overall == b.overall && a.problems == b.problems && a.cadres == b.cadres
            && a.stages.map(\.stage) == b.stages.map(\.stage) && a.stages.map(\.line) == b.stages.map(\.line)
    }
}

public enum SurveyAnalysis {
    /// SUR-2: the evaluation of a check's survey, item by item. Counts must not be negative.
    public static func analyse(_ survey: SelectionWorkSurvey, counts: SurveyCounts,
                               settings s: SatisfactionIndexSettings = .init()) throws(InvalidInput) -> SelectionWorkAnalysis {
        try s.validate()
        for (id, c) in counts.satisfaction where !c.isValid { throw InvalidInput(field: id, .notAllowed("< 0")) }
        for (id, c) in counts.occurrence where c.occurred < 0 || c.notOccurred < 0 || c.unknown < 0 { throw InvalidInput(field: id, .notAllowed("< 0")) }
        func line(_ item: SurveyItem) -> SatisfactionLine {
            SatisfactionLine(item: item.id, counts: counts.satisfaction[item.id] ?? .init(), settings: s)
        }
        return SelectionWorkAnalysis(
            overall: line(SurveyItem(.overall)),
            problems: survey.problems.map { ProblemLine(problem: $0, counts: counts.occurrence[SurveyItem(.problem($0)).id] ?? .init()) },
            stages: survey.stages.map { ($0, line(SurveyItem(.stage($0)))) },
            cadres: survey.cadres.map { c in
                let l = line(SurveyItem(.cadre(c)))
                return CadreLine(cadre: c, line: l, manyDissatisfied: l.dissatisfiedShare.moreThan(s.manyDissatisfied))
            })
    }

    /// SUR-3: each unit's index per item (in `items` order; an item a unit lacks counts as no answers) and pooled,
    /// flagged when strictly below the threshold. Units in the order given.
    public static func unitIndices(_ surveys: [UnitSurvey], items: [String],
                                   settings s: SatisfactionIndexSettings = .init()) throws(InvalidInput) -> [UnitSatisfaction] {
        try s.validate()
        return try surveys.map { u throws(InvalidInput) in
            if let bad = u.items.first(where: { !$0.value.isValid }) { throw InvalidInput(field: bad.key, .notAllowed("< 0")) }
            let lines = items.map { SatisfactionLine(item: $0, counts: u.items[$0] ?? .init(), settings: s) }
            let index = SatisfactionIndex.pooled(lines.compactMap(\.index))
            return UnitSatisfaction(unit: u.unit, year: u.year, lines: lines, index: index,
                                    needsRectification: index?.isBelow(s.rectificationBelow) ?? false)
        }
    }
}

// MARK: - SUR-4 competitive selection share

/// SUR-4: newly promoted cadres of a unit in a year, and how many of them were selected competitively
/// (公开选拔, 竞争上岗 and the like).
public struct PromotionCounts: Sendable, Equatable, Codable {
    public var unit: String
    public var year: Int
    public var promoted: Int
    public var competitive: Int
    public init(unit: String, year: Int, promoted: Int, competitive: Int) {
        self.unit = unit; self.year = year; self.promoted = promoted; self.competitive = competitive
    }
}

public struct CompetitiveShare: Sendable, Equatable {
    public var counts: PromotionCounts
    public var share: CountShare { CountShare(counts.competitive, of: counts.promoted) }
    /// competitive / promoted ≥ target, exactly (exactly 1/3 meets 1/3); nil when nobody was promoted.
    public var meetsTarget: Bool?
}

extension SurveyAnalysis {
    /// The 规划纲要's target: at least one third of the newly promoted selected competitively [004 第五篇].
    public static let competitiveTarget = Fraction(1, 3)

    /// SUR-4: the share per unit and year, in the order given, against `target` (a setting, 1/3 by default).
    public static func competitiveShares(_ rows: [PromotionCounts], target: Fraction = competitiveTarget) throws(InvalidInput) -> [CompetitiveShare] {
        try rows.map { r throws(InvalidInput) in
            guard r.promoted >= 0, r.competitive >= 0, r.competitive <= r.promoted else {
                throw InvalidInput(field: "competitive", .described(zh: "\(r.unit) \(r.year)年：竞争性选拔人数须在0到新提拔人数（\(r.promoted)）之间",
                                                                    en: "\(r.unit) \(r.year): competitively selected must be between 0 and the newly promoted (\(r.promoted))"))
            }
            return CompetitiveShare(counts: r, meetsTarget: r.promoted > 0 ? CountShare(r.competitive, of: r.promoted).atLeast(target) : nil)
        }
    }
}
