/// Per-kind counters. Both the streaming file reader and the in-memory `BallotBox` feed them
/// resolved indices, so a file and the server's own count go through the same arithmetic.

/// Where the void rules look (common to all kinds).
func voidReason(cast: Int, entitled: Int, minimum: Fraction, minimumReason: VoidReason) -> VoidReason? {
    if cast > entitled { return .overIssued }
    if minimum.exceeds(cast, of: entitled) { return minimumReason }
    return nil
}

/// BAL-1 weighted recommendation.
struct RecommendationCounter {
    let settings: BallotSettings.Recommendation
    let candidates: Int
    let points: Int
    var positions: [Int]       // [category][candidate][position]
    var validByCategory: [Int]
    var firsts: [Int]
    var mentions: [Int]

    init(_ s: BallotSettings.Recommendation, candidates: Int) {
        settings = s
        self.candidates = candidates
        points = max(1, s.rankPoints.count)
        positions = Array(repeating: 0, count: s.categories.count * candidates * points)
        validByCategory = Array(repeating: 0, count: s.categories.count)
        firsts = Array(repeating: 0, count: candidates)
        mentions = Array(repeating: 0, count: candidates)
    }

    /// `choices` holds the first min(total, maxChoices + 1) choices; -1 = not a candidate.
    mutating func add(category: Int, choices: UnsafeBufferPointer<Int>, total: Int) -> InvalidReason? {
        if total > settings.maxChoices { return .tooManyChoices }
        if choices.contains(-1) { return .unknownCandidate }
        for i in 0 ..< choices.count { for j in 0 ..< i where choices[i] == choices[j] { return .duplicateChoice } }
        validByCategory[category] += 1
        for (p, k) in choices.enumerated() {
            positions[(category * candidates + k) * points + p] += 1
            mentions[k] += 1
            if p == 0 { firsts[k] += 1 }
        }
        return nil
    }

    func rows(ids: [String]) -> TallyResult.Rows {
        let cats = settings.categories
        let used = cats.indices.filter { validByCategory[$0] > 0 }
        let usedWeight = used.reduce(0.0) { $0 + cats[$1].weight }
        var scores: [Double?] = []
        var byCategory: [[(String, Double)]] = []
        for k in 0 ..< candidates {
            var parts: [(String, Double)] = []
            var score = 0.0
            for c in used {
                var sum = 0.0
                var ranked = 0
                for p in 0 ..< min(points, settings.rankPoints.count) {
                    let n = positions[(c * candidates + k) * points + p]
                    sum += Double(n) * settings.rankPoints[p]
                    ranked += n
                }
                sum += Double(validByCategory[c] - ranked) * settings.unrankedPoints
                let mean = sum / Double(validByCategory[c])
                parts.append((cats[c].id, mean))
                score += (usedWeight > 0 ? cats[c].weight / usedWeight : 0) * mean
            }
            scores.append(used.isEmpty ? nil : score)
            byCategory.append(parts)
        }
        let ranks = competitionRanks(scores)
        let rows = (0 ..< candidates).map { k in
            TallyResult.RecommendationRow(candidate: ids[k], score: scores[k], rank: ranks[k], firsts: firsts[k], mentions: mentions[k],
                                          byCategory: byCategory[k].map { (category: $0.0, mean: $0.1) })
        }
        return .recommendation(rows, emptyCategories: cats.indices.filter { validByCategory[$0] == 0 }.map { cats[$0].id })
    }
}

/// DEC-1, DEC-4, BAL-7 approval vote: 同意/不同意/弃权, or 满意/基本满意/不满意/不了解 (ASM-3).
struct ApprovalCounter {
    let settings: BallotSettings.Approval
    /// Answers per candidate: 3 (yes, no, abstain) or 4 (satisfied, basic, dissatisfied, unknown).
    let width: Int
    var counts: [Int]          // [candidate][answer]
    var validCount = 0

    init(_ s: BallotSettings.Approval, candidates: Int) {
        settings = s
        width = s.answers.values.count
        counts = Array(repeating: 0, count: candidates * width)
    }

    /// The index of an answer in the session's answer set, nil when it is not one of them.
    static func index(of answer: String, in set: BallotSettings.Approval.AnswerSet) -> Int? {
        set.values.firstIndex(of: answer)
    }

    /// `answers[k]`: the index of the answer in the answer set, -1 left out (abstain / unknown: the last answer).
    mutating func add(answers: UnsafeBufferPointer<Int>, unknownCandidate: Bool, duplicate: Bool, unknownAnswer: Bool) -> InvalidReason? {
        if unknownCandidate { return .unknownCandidate }
        if duplicate { return .duplicateChoice }
        if unknownAnswer { return .unknownAnswer }
        for (k, a) in answers.enumerated() {
            counts[k * width + (a >= 0 && a < width ? a : width - 1)] += 1
        }
        validCount += 1
        return nil
    }

    func rows(ids: [String], cast: Int, isVoid: Bool) -> TallyResult.Rows {
        switch settings.answers {
        case .approval:
            let base = settings.base == .members ? settings.members : cast
            return .approval(ids.indices.map { k in
                let yes = counts[k * 3], no = counts[k * 3 + 1], abstain = counts[k * 3 + 2]
                // DEC-4: yes strictly more than threshold × base (of all members by default)
                let passed = !isVoid && Int128(yes) * Int128(settings.threshold.den) > Int128(settings.threshold.num) * Int128(base)
                return TallyResult.ApprovalRow(candidate: ids[k], yes: yes, no: no, abstain: abstain, passed: passed)
            })
        case .satisfaction:
            // BAL-7, ASM-3: shares of the valid ballots; 不满意 strictly more than a share raises its flag (exact, in integers)
            let n = validCount
            func over(_ count: Int, _ f: Fraction) -> Bool { !isVoid && n > 0 && Int128(count) * Int128(f.den) > Int128(f.num) * Int128(n) }
            return .satisfaction(ids.indices.map { k in
                let sat = counts[k * 4], basic = counts[k * 4 + 1], dis = counts[k * 4 + 2], unknown = counts[k * 4 + 3]
                return TallyResult.SatisfactionRow(candidate: ids[k], satisfied: sat, basic: basic, dissatisfied: dis, unknown: unknown,
                                                   satisfaction: n > 0 ? Double(sat + basic) / Double(n) : nil,
                                                   dissatisfiedShare: n > 0 ? Double(dis) / Double(n) : nil,
                                                   admonish: over(dis, settings.admonishShare), demote: over(dis, settings.demoteShare))
            })
        }
    }
}

/// BAL-3, BAL-6, ASM-2 democratic evaluation.
struct EvaluationCounter {
    static let overallValues = ["excellent", "competent", "basic", "incompetent"]
    let settings: BallotSettings.Evaluation
    let candidates: Int
    var tierCounts: [Int]     // [candidate][item][tier]
    var overall: [Int]        // [candidate][4]
    var validCount = 0

    init(_ s: BallotSettings.Evaluation, candidates: Int) {
        settings = s
        self.candidates = candidates
        tierCounts = Array(repeating: 0, count: candidates * s.items.count * max(1, s.tiers.count))
        overall = Array(repeating: 0, count: candidates * 4)
    }

    /// `tiers[k * items + i]` = tier index or -1; `overallIndex[k]` = 0…3 or -1.
    mutating func add(tiers: UnsafeBufferPointer<Int>, overallIndex: UnsafeBufferPointer<Int>,
                      unknownCandidate: Bool, duplicate: Bool, unknownAnswer: Bool) -> InvalidReason? {
        if unknownCandidate { return .unknownCandidate }
        if duplicate { return .duplicateChoice }
        if tiers.contains(-1) || overallIndex.contains(-1) { return .incomplete }
        if unknownAnswer { return .unknownAnswer }
        let items = settings.items.count
        let t = max(1, settings.tiers.count)
        for k in 0 ..< candidates {
            for i in 0 ..< items { tierCounts[(k * items + i) * t + tiers[k * items + i]] += 1 }
            overall[k * 4 + overallIndex[k]] += 1
        }
        validCount += 1
        return nil
    }

    func rows(ids: [String], isVoid: Bool) -> TallyResult.Rows {
        let items = settings.items
        let t = max(1, settings.tiers.count)
        var scores: [Double?] = []
        var itemMeans: [[(item: String, mean: Double)]] = []
        for k in 0 ..< candidates {
            guard validCount > 0 else { scores.append(nil); itemMeans.append([]); continue }
            var score = 0.0
            var means: [(item: String, mean: Double)] = []
            for (i, item) in items.enumerated() {
                var sum = 0.0
                for (ti, tier) in settings.tiers.enumerated() { sum += Double(tierCounts[(k * items.count + i) * t + ti]) * tier.points }
                let mean = sum / Double(validCount)
                means.append((item.id, mean))
                score += item.weight * mean
            }
            scores.append(score)
            itemMeans.append(means)
        }
        let ranks = competitionRanks(scores)
        let n = validCount
        return .evaluation((0 ..< candidates).map { k in
            let e = overall[k * 4], c = overall[k * 4 + 1], b = overall[k * 4 + 2], inc = overall[k * 4 + 3]
            let th = settings.consentThreshold, ds = settings.demotionShare
            // BAL-6: consent below the threshold → popular veto; ASM-2: basic + incompetent ≥ share → demotion review
            let vetoed = !isVoid && n > 0 && Int128(e + c) * Int128(th.den) < Int128(th.num) * Int128(n)
            let demotion = !isVoid && n > 0 && Int128(b + inc) * Int128(ds.den) >= Int128(ds.num) * Int128(n)
            return TallyResult.EvaluationRow(candidate: ids[k], score: scores[k], rank: ranks[k], items: itemMeans[k],
                                             excellent: e, competent: c, basic: b, incompetent: inc,
                                             consent: n > 0 ? Double(e + c) / Double(n) : nil, vetoed: vetoed, demotionReview: demotion)
        })
    }
}

/// SEL-5 direct election (write-ins allowed).
struct ElectionCounter {
    let settings: BallotSettings.Election
    var persons: IDTable
    var votes: [Int] = []
    var eligibleFlag: [Bool] = []
    var listed: Int
    /// Persons who are not listed, in order of first appearance in a valid ballot.
    var appearance: [Int] = []
    var appeared: [Bool] = []
    let eligible: IDTable?

    init(_ s: BallotSettings.Election, candidates: [String]) {
        settings = s
        persons = IDTable(capacity: max(16, candidates.count))
        listed = candidates.count
        if let list = s.eligible {
            var t = IDTable(capacity: list.count)
            for id in list where t.find(id) == nil { t.insert(id) }
            eligible = t
        } else { eligible = nil }
        for c in candidates { _ = intern(c) }
    }

    mutating func intern(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    mutating func intern(_ p: UnsafeRawBufferPointer) -> Int {
        if let i = persons.find(p) { return i }
        let i = persons.insert(p)
        votes.append(0)
        appeared.append(false)
        eligibleFlag.append(eligible.map { $0.find(p) != nil } ?? true)
        return i
    }

    mutating func add(choices: UnsafeBufferPointer<Int>, total: Int) -> InvalidReason? {
        if total > settings.seats { return .tooManyChoices }
        for i in 0 ..< choices.count { for j in 0 ..< i where choices[i] == choices[j] { return .duplicateChoice } }
        if choices.contains(where: { !eligibleFlag[$0] }) { return .notEligible }
        for p in choices {
            votes[p] += 1
            if p >= listed && !appeared[p] { appeared[p] = true; appearance.append(p) }
        }
        return nil
    }

    func rows(cast: Int, isVoid: Bool) -> TallyResult.Rows {
        let order = Array(0 ..< listed) + appearance
        let counts = order.map { votes[$0] }
        let ranks = competitionRanks(counts.map { Double($0) }, tolerance: 0)
        // SEL-5: among the top `seats` by votes and more than half of all ballots cast.
        let withVotes = order.indices.filter { counts[$0] > 0 }.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
        var top = Set<Int>()
        var tie = false
        if withVotes.count <= settings.seats {
            top = Set(withVotes)
        } else {
            let boundary = counts[withVotes[settings.seats - 1]]
            let above = withVotes.filter { counts[$0] > boundary }
            let atBoundary = withVotes.filter { counts[$0] == boundary }
            if above.count + atBoundary.count > settings.seats {
                tie = true
                top = Set(above)
            } else {
                top = Set(above + atBoundary)
            }
        }
        let rows = order.indices.map { i in
            TallyResult.ElectionRow(candidate: persons.string(order[i]), votes: counts[i], rank: ranks[i] ?? 0,
                                    elected: !isVoid && top.contains(i) && counts[i] * 2 > cast)
        }
        return .election(rows, tieAtBoundary: !isVoid && tie)
    }
}
