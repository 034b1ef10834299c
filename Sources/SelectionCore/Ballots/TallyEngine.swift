/// Counts ballots of one box, fed either from a streamed file or from an in-memory `BallotBox`.
struct TallyEngine {
    let settings: BallotSettings
    let candidates: [Candidate]
    var candidateTable = IDTable()
    var categoryTable = IDTable()
    var itemTable = IDTable()
    var tierTable = IDTable()

    var recommendation: RecommendationCounter?
    var approval: ApprovalCounter?
    var evaluation: EvaluationCounter?
    var election: ElectionCounter?

    var cast = 0
    var invalid: [TallyResult.InvalidBallot] = []

    // per-ballot scratch, reused
    var choices: [Int]
    var answers: [Int]
    var tiers: [Int]
    var overall: [Int]

    init(settings: BallotSettings, candidates: [Candidate]) {
        self.settings = settings
        self.candidates = candidates
        for c in candidates { candidateTable.insert(c.id) }
        let k = candidates.count
        choices = []
        answers = Array(repeating: -1, count: k)
        tiers = []
        overall = Array(repeating: -1, count: k)
        switch settings {
        case .weightedRecommendation(let s):
            for c in s.categories { categoryTable.insert(c.id) }
            recommendation = RecommendationCounter(s, candidates: k)
            choices = Array(repeating: 0, count: s.maxChoices + 1)
        case .approval(let s):
            approval = ApprovalCounter(s, candidates: k)
        case .evaluation(let s):
            for i in s.items { itemTable.insert(i.id) }
            for t in s.tiers { tierTable.insert(t.name) }
            evaluation = EvaluationCounter(s, candidates: k)
            tiers = Array(repeating: -1, count: k * s.items.count)
        case .election(let s):
            election = ElectionCounter(s, candidates: candidates.map(\.id))
            choices = Array(repeating: 0, count: s.seats + 1)
        }
    }

    mutating func finish(index: Int, _ reason: InvalidReason?) {
        cast += 1
        if let reason { invalid.append(.init(index: index, reason: reason)) }
    }

    var entitled: Int {
        switch settings {
        case .weightedRecommendation(let s): s.entitled
        case .approval(let s): s.members
        case .evaluation(let s): s.entitled
        case .election(let s): s.entitled
        }
    }

    func result(title: String) -> TallyResult {
        let ids = candidates.map(\.id)
        let why: VoidReason?
        let rows: TallyResult.Rows
        var names = Dictionary(candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        switch settings {
        case .weightedRecommendation(let s):
            why = voidReason(cast: cast, entitled: s.entitled, minimum: s.minTurnout, minimumReason: .turnout)
            rows = recommendation!.rows(ids: ids)
        case .approval(let s):
            why = voidReason(cast: cast, entitled: s.members, minimum: s.quorum, minimumReason: .quorum)
            rows = approval!.rows(ids: ids, cast: cast, isVoid: why != nil)
        case .evaluation(let s):
            why = voidReason(cast: cast, entitled: s.entitled, minimum: s.minTurnout, minimumReason: .turnout)
            rows = evaluation!.rows(ids: ids, isVoid: why != nil)
        case .election(let s):
            why = voidReason(cast: cast, entitled: s.entitled, minimum: s.minTurnout, minimumReason: .turnout)
            rows = election!.rows(cast: cast, isVoid: why != nil)
            if case .election(let r, _) = rows { for row in r where names[row.candidate] == nil { names[row.candidate] = row.candidate } }
        }
        return TallyResult(kind: settings.kind, title: title, voidReason: why, cast: cast, entitled: entitled,
                           invalid: invalid, rows: rows, names: names)
    }
}

// MARK: - in-memory boxes

public enum Tally {
    /// Counts a ballot box held in memory (the server's own boxes). Same rules and arithmetic as files.
    public static func count(_ box: BallotBox) throws(BallotBoxError) -> TallyResult {
        var seen = Set<String>()
        for (i, c) in box.candidates.enumerated() {
            if c.id.isEmpty { throw BallotBoxError("$.candidates[\(i)].id", .emptyID) }
            if !seen.insert(c.id).inserted { throw BallotBoxError("$.candidates[\(i)].id", .duplicateCandidate(c.id)) }
        }
        var e = TallyEngine(settings: box.settings, candidates: box.candidates)
        for (index, ballot) in box.ballots.enumerated() {
            try e.add(ballot, index: index)
        }
        return e.result(title: box.title)
    }
}

extension Tally {
    /// Whether one ballot would be valid in `box` (nil) or why not. Used to refuse a bad online ballot
    /// before its code is spent; the same rules as counting.
    public static func check(_ ballot: Ballot, in box: BallotBox) throws(BallotBoxError) -> InvalidReason? {
        var e = TallyEngine(settings: box.settings, candidates: box.candidates)
        try e.add(ballot, index: 0)
        return e.invalid.first?.reason
    }
}

extension Tally {
    /// The check before an online ballot is cast: its category (weighted recommendation) comes with the
    /// voting code, and the ballot rules do not depend on it, so any category of the box stands in.
    public static func checkBeforeCasting(_ ballot: Ballot, in box: BallotBox) throws(BallotBoxError) -> InvalidReason? {
        var probe = ballot
        if case .recommendation(_, let ranking) = ballot, case .weightedRecommendation(let s) = box.settings, let first = s.categories.first {
            probe = .recommendation(category: first.id, ranking: ranking)
        }
        return try check(probe, in: box)
    }
}

extension TallyEngine {
    mutating func add(_ ballot: Ballot, index: Int) throws(BallotBoxError) {
        let path = "$.ballots[\(index)]"
        switch (ballot, settings) {
        case (.recommendation(let category, let ranking), .weightedRecommendation(let s)):
            guard let c = categoryTable.find(category) else { throw BallotBoxError(path + ".category", .unknownCategory(category)) }
            var n = 0
            for id in ranking where n <= s.maxChoices { choices[n] = candidateTable.find(id) ?? -1; n += 1 }
            let reason = choices.withUnsafeBufferPointer { recommendation!.add(category: c, choices: UnsafeBufferPointer(rebasing: $0[0 ..< n]), total: ranking.count) }
            finish(index: index, reason)
        case (.approval(let votes), .approval(let s)):
            for k in answers.indices { answers[k] = -1 }
            var unknown = false, dup = false, badAnswer = false
            for v in votes {
                guard let k = candidateTable.find(v.candidate) else { unknown = true; continue }
                if answers[k] != -1 { dup = true }
                if let a = ApprovalCounter.index(of: v.answer, in: s.answers) { answers[k] = a } else { badAnswer = true; answers[k] = s.answers.values.count - 1 }
            }
            let reason = answers.withUnsafeBufferPointer { approval!.add(answers: $0, unknownCandidate: unknown, duplicate: dup, unknownAnswer: badAnswer) }
            finish(index: index, reason)
        case (.evaluation(let ratings), .evaluation(let s)):
            beginEvaluationBallot()
            var unknown = false, dup = false, badAnswer = false
            let items = s.items.count
            var rated = Set<Int>()
            for r in ratings {
                guard let k = candidateTable.find(r.candidate) else { unknown = true; continue }
                if !rated.insert(k).inserted { dup = true }
                for (item, tier) in r.items ?? [] {
                    guard let i = itemTable.find(item) else { badAnswer = true; continue }
                    if let t = tierTable.find(tier) { tiers[k * items + i] = t } else { tiers[k * items + i] = -2; badAnswer = true }
                }
                if let o = r.overall {
                    if let oi = EvaluationCounter.overallValues.firstIndex(of: o) { overall[k] = oi } else { overall[k] = -2; badAnswer = true }
                }
            }
            let reason = tiers.withUnsafeBufferPointer { t in
                overall.withUnsafeBufferPointer { o in evaluation!.add(tiers: t, overallIndex: o, unknownCandidate: unknown, duplicate: dup, unknownAnswer: badAnswer) }
            }
            finish(index: index, reason)
        case (.election(let list), .election(let s)):
            var n = 0
            for id in list where n <= s.seats { choices[n] = election!.intern(id); n += 1 }
            let reason = choices.withUnsafeBufferPointer { election!.add(choices: UnsafeBufferPointer(rebasing: $0[0 ..< n]), total: list.count) }
            finish(index: index, reason)
        default:
            throw BallotBoxError(path, .wrongType("a \(settings.kind.rawValue) ballot"))
        }
    }

    mutating func beginEvaluationBallot() {
        for i in tiers.indices { tiers[i] = -1 }
        for i in overall.indices { overall[i] = -1 }
    }
}
