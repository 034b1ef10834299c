/// ASM-2…4 consequences of assessments, as ASM-5 wants them: *proposals* for the committee, each with its evidence
/// (the figures, the ballot session or the years) and a text in both languages. Nothing here demotes, removes or
/// admonishes anybody; the caller records a proposal in the full-process record (LED-1) when it is put to the committee.

/// What a proposal asks the committee to consider.
public enum ProposedAction: String, Sendable, CaseIterable, Codable {
    /// 诫勉谈话.
    case admonishmentTalk
    /// 降职使用.
    case demotion
    /// 降职或免职.
    case demotionOrRemoval

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.admonishmentTalk, .zhHans): "诫勉谈话"
        case (.admonishmentTalk, .en): "admonishment talk"
        case (.demotion, .zhHans): "降职使用"
        case (.demotion, .en): "demotion"
        case (.demotionOrRemoval, .zhHans): "降职或免职"
        case (.demotionOrRemoval, .en): "demotion or removal"
        }
    }
}

/// ASM-3: the follow-up of a rectification after a supervision appraisal.
public enum RectificationFollowUp: String, Sendable, CaseIterable, Codable {
    /// 3个月内整改不力 → admonishment talk.
    case weakWithinThreeMonths
    /// 6个月内整改效果不明显、问题仍然存在 → demotion or removal.
    case unclearAfterSixMonths
}

/// One unit's place in one year's ranking, as the evidence of ASM-4 gives it.
public struct UnitPlace: Sendable, Equatable, Codable {
    public var year: Int
    /// 1 = first.
    public var rank: Int
    /// Units ranked that year.
    public var of: Int
    /// Units at this place or below it (倒数第几): 1 = last.
    public var fromBottom: Int
}

/// The figures a proposal rests on.
public enum ProposalEvidence: Sendable, Equatable {
    /// ASM-2: 基本称职 and 不称职 votes out of the valid ballots of an evaluation session, against the share.
    case popularEvaluation(session: String, basic: Int, incompetent: Int, valid: Int, threshold: Fraction)
    /// ASM-3: 不满意 out of the valid ballots of a supervision appraisal, the threshold crossed, and any follow-up.
    case supervisionAppraisal(session: String, year: Int, dissatisfied: Int, valid: Int, threshold: Fraction?, followUp: RectificationFollowUp?)
    /// ASM-4: the unit's places in the years running.
    case bottomPlaces(unit: String, places: [UnitPlace], bottom: Int)
    /// ASM-4: the term's goals not met.
    case termGoalsNotMet(term: String)
}

public struct ConsequenceProposal: Sendable, Equatable {
    /// The rule that raised it: ASM-2, ASM-3 or ASM-4.
    public var rule: String
    public var action: ProposedAction
    /// Whom it concerns: the cadre, or for ASM-4's bottom places the unit (its principal leader is meant).
    public var subject: String
    public var evidence: ProposalEvidence
    public var zh: String
    public var en: String
    public func text(in l: Language) -> String { l == .zhHans ? zh : en }
}

// MARK: - Inputs

/// ASM-2: one cadre's overall grades in a closed popular evaluation (BAL-3 evaluation session: a `TallyResult.EvaluationRow`
/// with the session's `valid`).
public struct EvaluationCounts: Sendable, Equatable, Codable {
    public var session: String
    public var cadre: String
    public var excellent: Int, competent: Int, basic: Int, incompetent: Int
    /// The session's valid ballots: the base of the share, as in the tally's `demotionReview`.
    public var valid: Int
    public init(session: String, cadre: String, excellent: Int, competent: Int, basic: Int, incompetent: Int, valid: Int) {
        self.session = session; self.cadre = cadre; self.excellent = excellent; self.competent = competent
        self.basic = basic; self.incompetent = incompetent; self.valid = valid
    }
}

/// ASM-3: the supervision appraisal (监督评议) of a top official by the full committee: the answers of a BAL-7
/// satisfaction session. The base is every valid ballot, 不了解 included (as the tally's `admonish`/`demote`).
public struct AppraisalCounts: Sendable, Equatable, Codable {
    public var session: String
    public var official: String
    public var year: Int
    public var answers: SatisfactionCounts
    public var valid: Int { answers.total }
    public init(session: String, official: String, year: Int, answers: SatisfactionCounts) {
        self.session = session; self.official = official; self.year = year; self.answers = answers
    }
}

/// ASM-4: one year's ranking of the county's units in the comprehensive target assessment: unit → place (1 = first;
/// tied units share a place, the next place is skipped).
public struct UnitRanking: Sendable, Equatable, Codable {
    public var year: Int
    public var ranks: [String: Int]
    public init(year: Int, ranks: [String: Int]) { self.year = year; self.ranks = ranks }

    /// Units at `unit`'s place or below it; nil when the unit is not ranked. A tie straddling the bottom places is
    /// therefore not in them: with places 7, 7, 9, 10, the two 7th are 4th from the bottom, not in the bottom 3.
    public func fromBottom(_ unit: String) -> Int? {
        ranks[unit].map { r in ranks.values.filter { $0 >= r }.count }
    }
}

/// The figures of ASM-2…4, settings with the defaults of the seeds.
public struct ConsequenceSettings: Sendable, Equatable {
    /// ASM-2: 基本称职 + 不称职 at or above this share of valid ballots (“达30%以上”) [000 第三篇 一]. Same default as
    /// the evaluation session's `demotionShare`; pass that one when the session has its own.
    public var popularDemotionShare = Fraction(3, 10)
    /// ASM-3: 不满意 strictly above → admonishment talk; strictly above `appraisalDemoteShare` → demotion or removal [001 四].
    public var appraisalAdmonishShare = Fraction(1, 3)
    public var appraisalDemoteShare = Fraction(1, 2)
    /// ASM-3: every eligible official is appraised once in this many years.
    public var appraisalCycleYears = 5
    /// ASM-4: “连续三年排在全县倒数” [000 第三篇 一]: the seed does not say how many places count as 倒数; 3 by default.
    public var bottomPlaces = 3
    public var yearsRunning = 3
    public init() {}
}

// MARK: - Rules

public enum Consequences {
    /// ASM-2: 基本称职 + 不称职 ≥ the share of the valid ballots → demotion or removal proposal (exactly 30% triggers).
    public static func popularEvaluation(_ c: EvaluationCounts, settings s: ConsequenceSettings = .init()) throws(InvalidInput) -> ConsequenceProposal? {
        let rated = c.excellent + c.competent + c.basic + c.incompetent
        guard min(c.excellent, c.competent, c.basic, c.incompetent) >= 0, rated <= c.valid else {
            throw InvalidInput(field: "valid", .described(zh: "各等次票数不能为负，合计不能超过有效票", en: "grade counts must not be negative nor exceed the valid ballots"))
        }
        let share = CountShare(c.basic + c.incompetent, of: c.valid), t = s.popularDemotionShare
        guard share.atLeast(t), let pct = share.percentText else { return nil }
        let limit = Tenths.fraction(t, percent: true)
        return ConsequenceProposal(
            rule: "ASM-2", action: .demotionOrRemoval, subject: c.cadre,
            evidence: .popularEvaluation(session: c.session, basic: c.basic, incompetent: c.incompetent, valid: c.valid, threshold: t),
            zh: "\(c.cadre)民意测评（\(c.session)）基本称职\(c.basic)票、不称职\(c.incompetent)票，合计占有效票\(c.valid)票的\(pct)，达到\(limit)：建议降职或免职，提请党委（党组）研究决定",
            en: "\(c.cadre), popular evaluation \(c.session): \(c.basic) basically competent and \(c.incompetent) incompetent, \(pct) of \(c.valid) valid ballots, at least \(limit): proposed for demotion or removal, for the committee to decide")
    }

    /// ASM-3: 不满意 > 1/3 of the valid ballots, or weak rectification within 3 months → admonishment talk;
    /// 不满意 > 1/2, or no clear rectification after 6 months → demotion or removal. One proposal, the stronger.
    /// Exactly 1/3 (or 1/2) does not trigger.
    public static func supervisionAppraisal(_ a: AppraisalCounts, followUp: RectificationFollowUp? = nil,
                                            settings s: ConsequenceSettings = .init()) throws(InvalidInput) -> ConsequenceProposal? {
        guard a.answers.isValid else { throw InvalidInput(field: "answers", .notAllowed("< 0")) }
        let share = CountShare(a.answers.dissatisfied, of: a.valid)
        let demote = share.moreThan(s.appraisalDemoteShare), admonish = share.moreThan(s.appraisalAdmonishShare)
        let action: ProposedAction
        let crossed: Fraction?
        switch (demote, admonish, followUp) {
        case (true, _, _): action = .demotionOrRemoval; crossed = s.appraisalDemoteShare
        case (_, _, .unclearAfterSixMonths?): action = .demotionOrRemoval; crossed = admonish ? s.appraisalAdmonishShare : nil
        case (_, true, _): action = .admonishmentTalk; crossed = s.appraisalAdmonishShare
        case (_, _, .weakWithinThreeMonths?): action = .admonishmentTalk; crossed = nil
        default: return nil
        }
        let pct = share.percentText ?? "—"
        let zhWhy = [crossed.map { "不满意\(a.answers.dissatisfied)票，占有效票\(a.valid)票的\(pct)，超过\(Tenths.fraction($0, percent: false))" },
                     followUp.map { $0 == .weakWithinThreeMonths ? "3个月内整改不力" : "6个月内整改效果不明显、问题仍然存在" }].compactMap { $0 }
        let enWhy = [crossed.map { "\(a.answers.dissatisfied) dissatisfied, \(pct) of \(a.valid) valid ballots, more than \(Tenths.fraction($0, percent: false))" },
                     followUp.map { $0 == .weakWithinThreeMonths ? "weak rectification within 3 months" : "no clear rectification after 6 months" }].compactMap { $0 }
        return ConsequenceProposal(
            rule: "ASM-3", action: action, subject: a.official,
            evidence: .supervisionAppraisal(session: a.session, year: a.year, dissatisfied: a.answers.dissatisfied, valid: a.valid, threshold: crossed, followUp: followUp),
            zh: "\(a.official)\(a.year)年度监督评议（\(a.session)）：\(zhWhy.joined(separator: "；"))：建议\(action.title(in: .zhHans))，提请党委研究决定",
            en: "\(a.official), supervision appraisal \(a.year) (\(a.session)): \(enWhy.joined(separator: "; ")): proposed \(action.title(in: .en)), for the committee to decide")
    }

    /// ASM-3: whether an official last appraised in `lastYear` (nil: never) is due in `year`.
    public static func appraisalDue(lastYear: Int?, year: Int, settings s: ConsequenceSettings = .init()) -> Bool {
        lastYear.map { year - $0 >= s.appraisalCycleYears } ?? true
    }

    /// ASM-4: units in the county's bottom places (`bottomPlaces`) in each of the `yearsRunning` years up to and
    /// including `year` (default: the latest ranked year) → a demotion proposal for the unit's principal leader.
    /// A year missing from `rankings`, or the unit unranked in it, breaks the run. Units in id order.
    public static func bottomPlaces(_ rankings: [UnitRanking], year: Int? = nil, settings s: ConsequenceSettings = .init()) throws(InvalidInput) -> [ConsequenceProposal] {
        guard s.bottomPlaces > 0, s.yearsRunning > 0 else { throw InvalidInput(field: "bottomPlaces", .notAllowed("0")) }
        var byYear: [Int: UnitRanking] = [:]
        for r in rankings {
            if byYear[r.year] != nil { throw InvalidInput(field: "year", .duplicate("\(r.year)")) }
            if let bad = r.ranks.first(where: { $0.value < 1 }) { throw InvalidInput(field: bad.key, .notAllowed("\(bad.value)")) }
            byYear[r.year] = r
        }
        guard let last = year ?? byYear.keys.max() else { return [] }
        let years = (last - s.yearsRunning + 1 ... last)
        guard let latest = byYear[last] else { return [] }
        return latest.ranks.keys.sorted().compactMap { unit in
            var places: [UnitPlace] = []
            for y in years {
                guard let r = byYear[y], let rank = r.ranks[unit], let k = r.fromBottom(unit), k <= s.bottomPlaces else { return nil }
                places.append(UnitPlace(year: y, rank: rank, of: r.ranks.count, fromBottom: k))
            }
            let zhPlaces = places.map { "\($0.year)年第\($0.rank)名（共\($0.of)个，倒数第\($0.fromBottom)）" }.joined(separator: "、")
            let enPlaces = places.map { "\($0.year): \($0.rank) of \($0.of)" }.joined(separator: ", ")
            return ConsequenceProposal(
                rule: "ASM-4", action: .demotion, subject: unit, evidence: .bottomPlaces(unit: unit, places: places, bottom: s.bottomPlaces),
                zh: "\(unit)综合目标考核连续\(s.yearsRunning)年排在全县倒数\(s.bottomPlaces)名以内（\(zhPlaces)）：建议对其主要领导降职使用，直至免职，提请党委研究决定",
                en: "\(unit) in the county's bottom \(s.bottomPlaces) for \(s.yearsRunning) years running (\(enPlaces)): its principal leader proposed for demotion, up to removal, for the committee to decide")
        }
    }

    /// ASM-4: the goals of a term not met → demotion proposal.
    public static func termGoalsNotMet(cadre: String, term: String) -> ConsequenceProposal {
        ConsequenceProposal(rule: "ASM-4", action: .demotion, subject: cadre, evidence: .termGoalsNotMet(term: term),
                            zh: "\(cadre)未完成任期目标（\(term)）：建议降职使用，提请党委研究决定",
                            en: "\(cadre) did not meet the goals of the term \(term): proposed for demotion, for the committee to decide")
    }
}
