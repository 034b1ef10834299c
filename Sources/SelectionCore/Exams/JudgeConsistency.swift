import Foundation

/// EXM-8: how consistently the judges of one interview scored (评委评分一致性) — reported next to the scores, never used
/// to decide anyone's outcome. The seed (002 篇8) compared leader judges with trainee judges and found ≥ 90% agreement.
///
/// Why Kendall's W rather than an intraclass correlation (ICC):
/// interview scores are used ordinally — they rank the candidates of one position — and W measures agreement on exactly
/// that order, from ranks. A judge who is harsher or more lenient across the board does not lower W (it lowers an
/// absolute-agreement ICC), and W assumes no normal, interval-scaled scores, which a handful of candidates cannot carry.
/// It is the standard coefficient of concordance for three or more raters, with a tie correction and a χ² test.
///
/// Inputs are integer scores scaled by 10⁴ (as in the score sheet); the statistics are `Double` because they are only
/// reported. Ranks: 1 = the lowest score; tied scores share the mean of their ranks (midranks). Every comparison of
/// scores and of mean scores is exact (integers, cross-multiplied), so ties are found exactly.

/// Scores of one position's interview: judges × candidates, `nil` where a judge did not score (recused).
public struct ScoreMatrix: Sendable, Equatable {
    public var judges: [String]
    public var candidates: [String]
    /// `scores[j][c]`: judge `judges[j]`'s score of candidate `candidates[c]`, scaled by 10⁴.
    public var scores: [[Int?]]

    public init(judges: [String], candidates: [String], scores: [[Int?]]) {
        precondition(scores.count == judges.count && scores.allSatisfy { $0.count == candidates.count }, "scores must be judges × candidates")
        self.judges = judges; self.candidates = candidates; self.scores = scores
    }

    /// From `byJudge[judge][candidate]`; judges and candidates in the order given.
    public init(judges: [String], candidates: [String], byJudge: [String: [String: Int]]) {
        self.init(judges: judges, candidates: candidates,
                  scores: judges.map { j in candidates.map { c in byJudge[j]?[c] } })
    }
}

public enum JudgeConsistency {
    public struct Settings: Sendable, Equatable {
        /// A judge whose Spearman correlation with the other judges' mean is below this is flagged.
        public var minimumCorrelation = 0.5
        /// A judge whose modified z-score (Iglewicz–Hoaglin) of severity is beyond ± this is flagged as an outlier.
        public var outlierCutoff = 3.5
        public init() {}
    }

    /// Kendall's coefficient of concordance of all judges.
    public struct Concordance: Sendable, Equatable {
        public var w: Double
        /// m(n−1)W, with `degreesOfFreedom` = n−1.
        public var chiSquare: Double
        public var degreesOfFreedom: Int
        /// The upper tail probability of `chiSquare` (the chance of this much concordance by luck alone).
        public var pValue: Double
        /// m: the judges.
        public var judges: Int
        /// The candidates used: those every judge scored (complete cases), in the matrix's order.
        public var candidates: [String]
        /// Candidates left out because some judge did not score them (recusal).
        public var excludedCandidates: [String]
        /// Σ over judges of Σ(t³ − t) over their groups of t tied scores (0 without ties).
        public var tieCorrection: Int
    }

    /// Kendall's W with the tie correction:
    /// W = 12 S / (m²(n³ − n) − m Σⱼ Tⱼ), S = Σᵢ (Rᵢ − m(n+1)/2)², Rᵢ the sum of candidate i's midranks,
    /// Tⱼ = Σ(t³ − t) over judge j's groups of t tied scores; χ² = m(n − 1) W on n − 1 degrees of freedom.
    /// Missing scores: only candidates every judge scored are used (listed as `excludedCandidates` otherwise), so
    /// every judge ranks the same candidates. `nil` when fewer than 2 judges or 2 such candidates remain, or when
    /// every judge gave every candidate the same score (W is undefined).
    public static func concordance(_ m: ScoreMatrix) -> Concordance? {
        let complete = m.candidates.indices.filter { c in m.scores.allSatisfy { $0[c] != nil } }
        let judges = m.judges.count, n = complete.count
        guard judges >= 2, n >= 2 else { return nil }
        var rankSums = [Double](repeating: 0, count: n)
        var ties = 0
        for row in m.scores {
            let (ranks, t) = midranks(complete.map { row[$0]! }, by: <)
            for i in 0 ..< n { rankSums[i] += ranks[i] }
            ties += t
        }
        let mean = Double(judges) * Double(n + 1) / 2
        let s = rankSums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let md = Double(judges), nd = Double(n)
        let denominator = md * md * (nd * nd * nd - nd) - md * Double(ties)
        guard denominator > 0 else { return nil }
        let w = 12 * s / denominator
        let chi = md * (nd - 1) * w
        return Concordance(w: w, chiSquare: chi, degreesOfFreedom: n - 1, pValue: chiSquareUpperTail(chi, df: n - 1),
                           judges: judges, candidates: complete.map { m.candidates[$0] },
                           excludedCandidates: m.candidates.indices.filter { !complete.contains($0) }.map { m.candidates[$0] },
                           tieCorrection: ties)
    }

    /// How two groups of judges (e.g. leader judges and trainee judges) agree on the order of the candidates.
    public struct GroupAgreement: Sendable, Equatable {
        /// Candidates scored by at least one judge of each group, in the matrix's order.
        public var candidates: [String]
        public var pairs: Int
        /// Pairs both groups' mean scores order the same way.
        public var concordant: Int
        /// Pairs the two groups order oppositely.
        public var discordant: Int
        /// Pairs tied in both groups (counted as agreeing).
        public var tiedInBoth: Int
        /// Pairs tied in one group only (counted as not agreeing).
        public var tiedInOne: Int
        /// (concordant + tiedInBoth) / pairs.
        public var rate: Double
        /// Spearman's rho between the groups' mean scores (midranks for ties); nil when a group's means are all equal.
        public var spearman: Double?
    }

    /// The agreement rate of two groups of judges: for each candidate the mean of each group's scores (a judge who did
    /// not score the candidate is left out of that mean; a candidate without a score from either group is left out);
    /// then over every pair of candidates, whether the two groups' means order the pair the same way. A pair tied in
    /// both groups agrees; a pair tied in one group only does not (the conservative reading of “一致”). `nil` when
    /// fewer than 2 candidates are left.
    public static func agreement(_ m: ScoreMatrix, groupA: Set<String>, groupB: Set<String>) -> GroupAgreement? {
        func means(_ group: Set<String>) -> [Ratio?] {
            m.candidates.indices.map { c in
                var sum = 0, count = 0
                for (j, id) in m.judges.enumerated() where group.contains(id) {
                    if let s = m.scores[j][c] { sum += s; count += 1 }
                }
                return count == 0 ? nil : Ratio(sum, count)
            }
        }
        let a = means(groupA), b = means(groupB)
        let used = m.candidates.indices.filter { a[$0] != nil && b[$0] != nil }
        guard used.count >= 2 else { return nil }
        let ma = used.map { a[$0]! }, mb = used.map { b[$0]! }
        var concordant = 0, discordant = 0, both = 0, one = 0
        for i in 0 ..< used.count {
            for k in i + 1 ..< used.count {
                let sa = ma[i].compare(ma[k]), sb = mb[i].compare(mb[k])
                if sa == 0 && sb == 0 { both += 1 }
                else if sa == 0 || sb == 0 { one += 1 }
                else if sa == sb { concordant += 1 }
                else { discordant += 1 }
            }
        }
        let pairs = used.count * (used.count - 1) / 2
        return GroupAgreement(candidates: used.map { m.candidates[$0] }, pairs: pairs, concordant: concordant,
                              discordant: discordant, tiedInBoth: both, tiedInOne: one,
                              rate: Double(concordant + both) / Double(pairs),
                              spearman: spearman(ma, mb, by: { $0.compare($1) < 0 }))
    }

    /// How one judge's scores sit with the others'.
    public struct JudgeFit: Sendable, Equatable {
        public var judge: String
        /// Candidates the judge scored and at least one other judge scored.
        public var candidatesCompared: Int
        /// Spearman's rho of the judge's scores with the mean of the other judges' scores, candidate by candidate.
        public var spearmanWithOthers: Double?
        /// Severity: the mean of (the judge's score − the others' mean), in points (negative: harsher).
        public var meanDeviation: Double?
        /// The modified z-score of `meanDeviation` among all judges (nil with fewer than 3 judges).
        public var modifiedZ: Double?
        /// rho below the threshold, or undefined (the judge gave every candidate the same score).
        public var lowCorrelation: Bool
        /// |modified z| above the cutoff.
        public var outlier: Bool
        public var flagged: Bool { lowCorrelation || outlier }
    }

    /// Per judge: the Spearman correlation with the other judges' mean (flag below `settings.minimumCorrelation`), and
    /// the severity outlier test: each judge's mean deviation dⱼ from the others' mean, and the Iglewicz–Hoaglin
    /// modified z-score Mⱼ = 0.6745 (dⱼ − median d) / MAD (MAD = median |dⱼ − median d|; when MAD is 0, Mⱼ =
    /// (dⱼ − median d) / (1.253314 × mean |dⱼ − median d|), and 0 when that is 0 too); flagged when |Mⱼ| > cutoff
    /// (3.5 by default). Disagreement on the order is the correlation's business, a consistently harsh or lenient
    /// judge the outlier test's. Judges in the matrix's order.
    public static func judgeFits(_ m: ScoreMatrix, settings: Settings = Settings()) -> [JudgeFit] {
        var fits: [JudgeFit] = []
        for (j, id) in m.judges.enumerated() {
            var own: [Int] = [], others: [Ratio] = []
            for c in m.candidates.indices {
                guard let s = m.scores[j][c] else { continue }
                var sum = 0, count = 0
                for k in m.judges.indices where k != j { if let t = m.scores[k][c] { sum += t; count += 1 } }
                if count > 0 { own.append(s); others.append(Ratio(sum, count)) }
            }
            let rho = spearman(own, others.map { $0 }, by: <, by: { $0.compare($1) < 0 })
            let dev: Double? = own.isEmpty ? nil
                : zip(own, others).reduce(0.0) { $0 + (Double($1.0) - $1.1.double) } / Double(own.count) / Double(InterviewElements.scale)
            fits.append(JudgeFit(judge: id, candidatesCompared: own.count, spearmanWithOthers: rho, meanDeviation: dev,
                                 modifiedZ: nil, lowCorrelation: rho.map { $0 < settings.minimumCorrelation } ?? true, outlier: false))
        }
        let devs = fits.compactMap(\.meanDeviation)
        if devs.count >= 3 {
            let med = median(devs)
            let absDev = devs.map { abs($0 - med) }
            let mad = median(absDev)
            let meanAD = absDev.reduce(0, +) / Double(absDev.count)
            for i in fits.indices {
                guard let d = fits[i].meanDeviation else { continue }
                let z: Double = mad > 1e-12 ? 0.6745 * (d - med) / mad : meanAD > 1e-12 ? (d - med) / (1.253314 * meanAD) : 0
                fits[i].modifiedZ = z
                fits[i].outlier = abs(z) > settings.outlierCutoff
            }
        }
        return fits
    }

    // MARK: - helpers

    /// An exact mean: `num / den`, den > 0.
    struct Ratio: Equatable {
        var num: Int, den: Int
        init(_ num: Int, _ den: Int) { self.num = num; self.den = den }
        func compare(_ o: Ratio) -> Int {
            let l = Int128(num) * Int128(o.den), r = Int128(o.num) * Int128(den)
            return l < r ? -1 : l > r ? 1 : 0
        }
        var double: Double { Double(num) / Double(den) }
    }

    /// Midranks (1 = the smallest; ties share the mean of their ranks) and Σ(t³ − t) over the tie groups.
    static func midranks<T>(_ xs: [T], by less: (T, T) -> Bool) -> (ranks: [Double], ties: Int) {
        let order = xs.indices.sorted { less(xs[$0], xs[$1]) || (!less(xs[$1], xs[$0]) && $0 < $1) }
        var ranks = [Double](repeating: 0, count: xs.count)
        var ties = 0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && !less(xs[order[start]], xs[order[end]]) { end += 1 }
            let t = end - start
            let rank = Double(start + 1 + end) / 2  // mean of ranks start+1 … end
            for i in start ..< end { ranks[order[i]] = rank }
            ties += t * t * t - t
            start = end
        }
        return (ranks, ties)
    }

    /// Spearman's rho: Pearson's correlation of the midranks; nil with fewer than 2 values or no variation.
    static func spearman<A, B>(_ a: [A], _ b: [B], by lessA: (A, A) -> Bool, by lessB: (B, B) -> Bool) -> Double? {
        guard a.count == b.count, a.count >= 2 else { return nil }
        return pearson(midranks(a, by: lessA).ranks, midranks(b, by: lessB).ranks)
    }

    static func spearman<A>(_ a: [A], _ b: [A], by less: (A, A) -> Bool) -> Double? { spearman(a, b, by: less, by: less) }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// P(χ²(df) ≥ x): the regularized upper incomplete gamma function Q(df/2, x/2) (series below a + 1, continued
    /// fraction above, as in Numerical Recipes §6.2).
    static func chiSquareUpperTail(_ x: Double, df: Int) -> Double {
        guard df > 0 else { return .nan }
        if x <= 0 { return 1 }
        let a = Double(df) / 2, z = x / 2
        let lnPrefix = a * log(z) - z - lgamma(a)
        if z < a + 1 {
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0 ..< 1000 {
                ap += 1; term *= z / ap; sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, 1 - sum * exp(lnPrefix))
        }
        let tiny = 1e-300
        var b = z + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1 ... 1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return min(1, exp(lnPrefix) * h)
    }
}
