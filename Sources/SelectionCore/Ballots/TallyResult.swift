/// The result of counting one ballot box (`xuanren.tally/1`).
public struct TallyResult: Sendable, Equatable {
    public struct RecommendationRow: Sendable, Equatable {
        public var candidate: String
        public var score: Double?
        public var rank: Int?
        public var firsts: Int
        public var mentions: Int
        public var byCategory: [(category: String, mean: Double)]
        public static func == (a: Self, b: Self) -> Bool {
            a.candidate == b.candidate && a.score == b.score && a.rank == b.rank && a.firsts == b.firsts && a.mentions == b.mentions
                && a.byCategory.map(\.category) == b.byCategory.map(\.category) && a.byCategory.map(\.mean) == b.byCategory.map(\.mean)
        }
    }
    public struct ApprovalRow: Sendable, Equatable {
        public var candidate: String
        public var yes: Int, no: Int, abstain: Int
        public var passed: Bool
    }
    /// BAL-7, ASM-3: an approval vote with the satisfaction answers (满意/基本满意/不满意/不了解). `satisfaction` =
    /// (satisfied + basic) / valid, `dissatisfiedShare` = dissatisfied / valid (nil with no valid ballot); `admonish` and
    /// `demote`: dissatisfied strictly more than the session's `admonishShare` / `demoteShare` of the valid ballots.
    public struct SatisfactionRow: Sendable, Equatable {
        public var candidate: String
        public var satisfied: Int, basic: Int, dissatisfied: Int, unknown: Int
        public var satisfaction: Double?
        public var dissatisfiedShare: Double?
        public var admonish: Bool
        public var demote: Bool
        public init(candidate: String, satisfied: Int, basic: Int, dissatisfied: Int, unknown: Int,
                    satisfaction: Double?, dissatisfiedShare: Double?, admonish: Bool, demote: Bool) {
            self.candidate = candidate; self.satisfied = satisfied; self.basic = basic; self.dissatisfied = dissatisfied; self.unknown = unknown
            self.satisfaction = satisfaction; self.dissatisfiedShare = dissatisfiedShare; self.admonish = admonish; self.demote = demote
        }
    }
    public struct EvaluationRow: Sendable, Equatable {
        public var candidate: String
        public var score: Double?
        public var rank: Int?
        public var items: [(item: String, mean: Double)]
        public var excellent: Int, competent: Int, basic: Int, incompetent: Int
        public var consent: Double?
        public var vetoed: Bool
        public var demotionReview: Bool
        public static func == (a: Self, b: Self) -> Bool {
            a.candidate == b.candidate && a.score == b.score && a.rank == b.rank && a.items.map(\.item) == b.items.map(\.item)
                && a.items.map(\.mean) == b.items.map(\.mean) && a.excellent == b.excellent && a.competent == b.competent
                && a.basic == b.basic && a.incompetent == b.incompetent && a.consent == b.consent && a.vetoed == b.vetoed
                && a.demotionReview == b.demotionReview
        }
    }
    public struct ElectionRow: Sendable, Equatable {
        public var candidate: String
        public var votes: Int
        public var rank: Int
        public var elected: Bool
    }
    public enum Rows: Sendable, Equatable {
        case recommendation([RecommendationRow], emptyCategories: [String])
        case approval([ApprovalRow])
        /// An `approval` box whose settings say `"answers": "satisfaction"` (BAL-7).
        case satisfaction([SatisfactionRow])
        case evaluation([EvaluationRow])
        case election([ElectionRow], tieAtBoundary: Bool)
    }
    public struct InvalidBallot: Sendable, Equatable {
        public var index: Int
        public var reason: InvalidReason
    }

    public var kind: BallotKind
    public var title: String
    public var voidReason: VoidReason?
    public var isVoid: Bool { voidReason != nil }
    public var cast: Int
    public var entitled: Int
    public var invalid: [InvalidBallot]
    public var valid: Int { cast - invalid.count }
    public var rows: Rows
    /// Display names by id (write-ins show their id).
    public var names: [String: String]
}

extension TallyResult {
    /// The names written in on an election ballot (SEL-5): ids that are not listed candidates.
    public func writeIns(listed: Set<String>) -> [String] {
        guard case .election(let rows, _) = rows else { return [] }
        return rows.map(\.candidate).filter { !listed.contains($0) }
    }

    /// The result as the public page shows it before an organizer has confirmed the write-ins: each name written in
    /// becomes `label(n)` ("另选他人 1", …) with its votes, rank and verdict unchanged; listed candidates keep their names.
    public func withholdingWriteIns(listed: Set<String>, label: (Int) -> String) -> TallyResult {
        guard case .election(let rows, let tie) = rows else { return self }
        var out = self, n = 0
        out.rows = .election(rows.map { row in
            guard !listed.contains(row.candidate) else { return row }
            n += 1
            var r = row
            r.candidate = label(n)
            out.names[r.candidate] = r.candidate
            out.names[row.candidate] = nil
            return r
        }, tieAtBoundary: tie)
        return out
    }
}

/// Competition ranking ("1224") by value descending; values within `tolerance` share a rank.
/// Ties keep listing order. nil values get no rank.
func competitionRanks(_ values: [Double?], tolerance: Double = 1e-12) -> [Int?] {
    let order = values.indices.filter { values[$0] != nil }.sorted { a, b in
        let x = values[a]!, y = values[b]!
        if abs(x - y) <= tolerance { return a < b }
        return x > y
    }
    var ranks = [Int?](repeating: nil, count: values.count)
    var prev: Double? = nil
    var prevRank = 0
    for (pos, i) in order.enumerated() {
        let v = values[i]!
        if let p = prev, abs(p - v) <= tolerance { ranks[i] = prevRank } else { ranks[i] = pos + 1; prevRank = pos + 1 }
        prev = v
    }
    return ranks
}
