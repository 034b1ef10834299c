/// BAL-2 + EXM-4: an interview panel drawn by lot from a pool of judges, reproducibly from a recorded seed, meeting the
/// panel rules' quotas first and then filled up.
///
/// The algorithm, exactly (so that an independent tool can re-run a recorded draw):
/// 1. Refuse unless every pool id is non-empty and unique, `size ≥ rules.requiredSize` and the pool has ≥ `size` members.
/// 2. Sort the pool by id, comparing the ids' UTF-8 bytes lexicographically (= Unicode code point order). The pool's
///    input order therefore never matters.
/// 3. The quotas, in this order: `familiar` — at least `rules.minimumFamiliarWithBusiness` members familiar with the
///    business; `outside` — at least ⌈share × size⌉ from outside the unit (share = `rules.minimumOutsideShare`); then one
///    member of each group in `rules.requiredGroups`, in the order listed there.
/// 4. The generator is `SeededGenerator(seed:)` (SplitMix64, the one `PanelDraw` uses): state += 0x9E3779B97F4A7C15;
///    z = state; z = (z ^ z>>30) × 0xBF58476D1CE4E5B9; z = (z ^ z>>27) × 0x94D049BB133111EB; output z ^ z>>31 (wrapping
///    64-bit arithmetic). One lot: with `k` members eligible, listed in the sorted order of step 2, take the one at
///    index `next() % k` (as `PanelDraw` does).
/// 5. For each quota in turn, while the members drawn so far meet it fewer times than it needs: draw one lot among the
///    remaining members who meet the quota *and* with whom all quotas can still be met in the seats left (some choice
///    of the remaining pool for the remaining seats meets every quota; decided exactly, by search). Members drawn for
///    an earlier quota count towards later ones (a familiar outside expert counts three times).
/// 6. Fill up: while fewer than `size` are drawn, draw one lot among all remaining members.
/// 7. The panel is the members in draw order, each with the quota it was drawn for (or “fill”).
/// If the empty panel already cannot meet the quotas (step 5's test), the draw is refused with the reasons; otherwise
/// step 5 always has an eligible member, so a draw that starts never fails.
public enum JudgeDraw {
    public enum Quota: Sendable, Equatable {
        case familiarWithBusiness
        case fromOutside
        case group(JudgeGroup)

        func isMet(by j: Judge) -> Bool {
            switch self {
            case .familiarWithBusiness: j.familiarWithBusiness
            case .fromOutside: j.fromOutside
            case .group(let g): j.group == g
            }
        }

        public func title(in language: Language) -> String {
            switch (self, language) {
            case (.familiarWithBusiness, .zhHans): "熟悉职位业务"
            case (.familiarWithBusiness, .en): "familiar with the business"
            case (.fromOutside, .zhHans): "外单位"
            case (.fromOutside, .en): "from outside the unit"
            case (.group(let g), _): g.title(in: language)
            }
        }
    }

    public enum Reason: Sendable, Equatable {
        /// Drawn to meet a quota: the `filled`-th of `needed`.
        case quota(Quota, filled: Int, needed: Int)
        /// Drawn to fill the panel up once every quota was met.
        case fill

        public func message(in language: Language) -> String {
            switch (self, language) {
            case let (.quota(q, k, n), .zhHans): "按“\(q.title(in: .zhHans))”名额抽取（第\(k)名，共需\(n)名）"
            case let (.quota(q, k, n), .en): "drawn for the quota “\(q.title(in: .en))” (\(k) of \(n))"
            case (.fill, .zhHans): "各项名额已满足后补足人数"
            case (.fill, .en): "drawn to fill the panel once every quota was met"
            }
        }
    }

    public struct Member: Sendable, Equatable {
        public var judge: Judge
        public var reason: Reason
        /// Every quota this member meets (for the printed reasons).
        public var meets: [Quota]
    }

    public struct Result: Sendable, Equatable {
        public var seed: UInt64
        public var size: Int
        public var poolSize: Int
        public var members: [Member]
        public func panel(positionId: String, rules: InterviewPanelRules) -> InterviewPanel {
            InterviewPanel(positionId: positionId, judges: members.map(\.judge), rules: rules)
        }
    }

    /// The quotas of a panel of `size` under `rules`, in the draw's order, with how many each needs.
    public static func quotas(rules: InterviewPanelRules, size: Int) -> [(Quota, Int)] {
        [(.familiarWithBusiness, rules.minimumFamiliarWithBusiness), (.fromOutside, rules.minimumOutside(ofSize: size))]
            + rules.requiredGroups.map { (.group($0), 1) }
    }

    /// Draws a panel of `size` (default: the rules' minimum) from `pool`, or refuses with every reason.
    public static func draw(from pool: [Judge], rules: InterviewPanelRules = InterviewPanelRules(), size: Int? = nil,
                            seed: UInt64) throws(InvalidInput) -> Result {
        let size = size ?? rules.requiredSize
        var issues = rules.problems()
        for (i, j) in pool.enumerated() where j.id.isEmpty { issues.append(.init(field: "judges[\(i)].id", problem: .required)) }
        var seen = Set<String>()
        for j in pool where !j.id.isEmpty && !seen.insert(j.id).inserted { issues.append(.init(field: "judges", problem: .duplicate(j.id))) }
        if size < rules.requiredSize {
            issues.append(.init(field: "size", problem: .described(zh: "面试小组至少应有\(rules.requiredSize)人，不能只抽\(size)人",
                                                                 en: "a panel needs at least \(rules.requiredSize) members; cannot draw \(size)")))
        }
        if pool.count < size {
            issues.append(.init(field: "judges", problem: .described(zh: "评委库仅\(pool.count)人，不足以抽取\(size)人",
                                                                    en: "the pool has \(pool.count) members, fewer than the \(size) to draw")))
        }
        if !issues.isEmpty { throw InvalidInput(issues) }

        let quotas = quotas(rules: rules, size: size)
        var remaining = pool.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var chosen: [Member] = []
        guard feasible(chosen: [], remaining: remaining, seats: size, quotas: quotas) else {
            throw InvalidInput(field: "judges", .described(zh: refusal(pool: pool, size: size, quotas: quotas, language: .zhHans),
                                                           en: refusal(pool: pool, size: size, quotas: quotas, language: .en)))
        }
        var rng = SeededGenerator(seed: seed)
        func meets(_ j: Judge) -> [Quota] { quotas.map(\.0).filter { $0.isMet(by: j) } }

        for (quota, need) in quotas {
            while chosen.filter({ quota.isMet(by: $0.judge) }).count < need {
                let picked = chosen.map(\.judge)
                let eligible = remaining.indices.filter { i in
                    guard quota.isMet(by: remaining[i]) else { return false }
                    var rest = remaining
                    rest.remove(at: i)
                    return feasible(chosen: picked + [remaining[i]], remaining: rest, seats: size - picked.count - 1, quotas: quotas)
                }
                // cannot be empty: the panel so far can be completed (checked at the start and kept at every lot)
                let i = eligible[Int(rng.next() % UInt64(eligible.count))]
                let j = remaining.remove(at: i)
                let k = chosen.filter { quota.isMet(by: $0.judge) }.count + 1
                chosen.append(Member(judge: j, reason: .quota(quota, filled: k, needed: need), meets: meets(j)))
            }
        }
        while chosen.count < size {
            let j = remaining.remove(at: Int(rng.next() % UInt64(remaining.count)))
            chosen.append(Member(judge: j, reason: .fill, meets: meets(j)))
        }
        return Result(seed: seed, size: size, poolSize: pool.count, members: chosen)
    }

    /// Whether some choice of at most `seats` members of `remaining` added to `chosen` meets every quota.
    static func feasible(chosen: [Judge], remaining: [Judge], seats: Int, quotas: [(Quota, Int)]) -> Bool {
        var deficits = quotas.map { q, need in max(0, need - chosen.filter { q.isMet(by: $0) }.count) }
        // members that meet the same quotas are interchangeable: count them by the set of quotas they meet
        var kinds: [[Bool]: Int] = [:]
        for j in remaining { kinds[quotas.map { $0.0.isMet(by: j) }, default: 0] += 1 }
        return search(&deficits, &kinds, seats)
    }

    private static func search(_ deficits: inout [Int], _ kinds: inout [[Bool]: Int], _ seats: Int) -> Bool {
        guard let first = deficits.firstIndex(where: { $0 > 0 }) else { return true }
        if seats <= 0 || deficits.max()! > seats { return false }
        // some member must meet the first unmet quota; try each kind that does, skipping kinds another available
        // kind dominates (meets every quota it meets, and more): swapping in the dominating one never hurts
        let candidates = kinds.filter { $0.value > 0 && $0.key[first] }.map(\.key)
        let undominated = candidates.filter { k in
            !candidates.contains { o in o != k && zip(o, k).allSatisfy { $0 || !$1 } }
        }
        for kind in undominated {
            kinds[kind]! -= 1
            let before = deficits
            for (q, meets) in kind.enumerated() where meets && deficits[q] > 0 { deficits[q] -= 1 }
            let ok = search(&deficits, &kinds, seats - 1)
            deficits = before
            kinds[kind]! += 1
            if ok { return true }
        }
        return false
    }

    private static func refusal(pool: [Judge], size: Int, quotas: [(Quota, Int)], language: Language) -> String {
        let zh = language == .zhHans
        var reasons: [String] = []
        for (q, need) in quotas {
            let have = pool.filter { q.isMet(by: $0) }.count
            if have < need {
                reasons.append(zh ? "评委库中“\(q.title(in: .zhHans))”仅\(have)人，至少需要\(need)人"
                    : "the pool has \(have) members “\(q.title(in: .en))”; at least \(need) are needed")
            }
        }
        if reasons.isEmpty {
            reasons.append(zh ? "评委库中的人员无法在\(size)个名额内同时满足各项名额要求"
                : "no \(size) members of the pool meet all the quotas together")
        }
        return reasons.joined(separator: zh ? "；" : "; ")
    }
}
