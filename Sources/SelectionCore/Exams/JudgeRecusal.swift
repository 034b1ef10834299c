/// EXM-4: judges recused from a position's pool *before* its panel is drawn by lot, and judges who declare a conflict
/// after the draw replaced by lot.
///
/// A judge is excluded from the position's pool when
/// - they are related to any candidate of the position by family or another important social relation (the judge's
///   `relatedTo` names the candidate: the store fills it from the registry's 家庭成员及重要社会关系, both directions);
/// - the rules make a candidate's own unit recuse (`ownUnitRecuses`) and the judge's unit is a candidate's unit;
/// - they declared a conflict for the position before this draw.
/// The draw then runs on the rest of the pool (`JudgeDraw.draw`, so the panel rules still hold); a pool that can no
/// longer meet them is refused with what is missing. A judge who declares a conflict after the draw is replaced by
/// one lot among the rest of the pool (`JudgeDraw.replace`).
///
/// The reasons are words without the relation's details: which candidate, and how related, are not said.
public enum JudgeRecusal {
    /// Why a judge is kept out of a position's pool.
    public enum Reason: String, Sendable, Equatable, Codable, CaseIterable {
        case related, sameUnit, declared

        public func message(in language: Language) -> String {
            switch (self, language) {
            case (.related, .zhHans): "与本职位考生有亲属或其他重要社会关系，回避"
            case (.related, .en): "related to a candidate of this position by family or another important relation: recused"
            case (.sameUnit, .zhHans): "与本职位考生同一单位，按方案回避"
            case (.sameUnit, .en): "from a candidate's own unit: recused as the plan says"
            case (.declared, .zhHans): "本人申报有需要回避的情形"
            case (.declared, .en): "declared a conflict themself"
            }
        }
    }

    /// One judge kept out of the pool, with every reason (in `Reason`'s order).
    public struct Exclusion: Sendable, Equatable, Codable {
        public var judgeId: String
        public var name: String
        public var reasons: [Reason]
        public init(judgeId: String, name: String, reasons: [Reason]) { self.judgeId = judgeId; self.name = name; self.reasons = reasons }
        public func message(in language: Language) -> String {
            reasons.map { $0.message(in: language) }.joined(separator: language == .zhHans ? "；" : "; ")
        }
    }

    /// Whether two people are related by the registry's 家庭成员及重要社会关系, in either direction: one's file lists a
    /// relative with the other's name. Names compare without white space and must have two characters at least (a
    /// same name is a reason to recuse: recusal errs on the safe side).
    public static func related(_ a: (name: String, relatives: [String]), _ b: (name: String, relatives: [String])) -> Bool {
        func same(_ x: String, _ y: String) -> Bool {
            let p = x.filter { !$0.isWhitespace }, q = y.filter { !$0.isWhitespace }
            return p.count >= 2 && p == q
        }
        return a.relatives.contains { same($0, b.name) } || b.relatives.contains { same($0, a.name) }
    }

    /// The judges of `pool` kept out for `candidates`, in pool order. `declared`: judges who declared a conflict.
    public static func exclusions(pool: [Judge], candidates: [InterviewCandidate], rules: InterviewPanelRules,
                                  declared: [String] = []) -> [Exclusion] {
        let ids = Set(candidates.map(\.id))
        let units = Set(candidates.map(\.unitId).filter { !$0.isEmpty })
        return pool.compactMap { j in
            var reasons: [Reason] = []
            if j.relatedTo.contains(where: ids.contains) { reasons.append(.related) }
            if rules.ownUnitRecuses, !j.unitId.isEmpty, units.contains(j.unitId) { reasons.append(.sameUnit) }
            if declared.contains(j.id) { reasons.append(.declared) }
            return reasons.isEmpty ? nil : Exclusion(judgeId: j.id, name: j.name, reasons: reasons)
        }
    }

    /// A panel drawn after recusal, with the judges kept out and the replacements of judges who declared later.
    public struct Draw: Sendable, Equatable {
        public var excluded: [Exclusion]
        /// The lot as drawn from the pool left after recusal.
        public var drawn: JudgeDraw.Result
        public var replacements: [JudgeDraw.Replacement]
        /// The panel now: the draw with every replacement made, in draw order (a replacement takes the seat it fills).
        public var judges: [Judge]
        /// A declared judge could not be replaced: the panel is short (`JudgeDraw.missing` says what it lacks) and must
        /// be drawn again.
        public var short: Bool
    }

    /// Recusal, the draw on the rest of the pool, then each later declaration replaced in turn (`replacements`: the
    /// judge who declared and the seed of the replacing lot, nil when none could be drawn).
    public static func draw(pool: [Judge], candidates: [InterviewCandidate], rules: InterviewPanelRules, size: Int? = nil, seed: UInt64,
                            declared: [String] = [], replacements: [(judge: String, seed: UInt64?)] = []) throws(InvalidInput) -> Draw {
        let excluded = exclusions(pool: pool, candidates: candidates, rules: rules, declared: declared)
        let out = Set(excluded.map(\.judgeId))
        let rest = pool.filter { !out.contains($0.id) }
        let size = size ?? rules.requiredSize
        let drawn: JudgeDraw.Result
        do throws(InvalidInput) {
            drawn = try JudgeDraw.draw(from: rest, rules: rules, size: size, seed: seed)
        } catch {
            guard !excluded.isEmpty else { throw error }
            // say that recusal left the pool short, then what is missing
            throw InvalidInput(error.issues.map { i in
                guard case .described(let zh, let en) = i.problem else { return i }
                return .init(field: i.field, problem: .described(zh: "回避\(excluded.count)人后，" + zh, en: "after \(excluded.count) recused, " + en))
            })
        }
        var judges = drawn.members.map(\.judge)
        var done: [JudgeDraw.Replacement] = []
        var left = Set<String>()
        var short = false
        for (who, lot) in replacements {
            guard let at = judges.firstIndex(where: { $0.id == who }) else {
                throw InvalidInput(field: "replacements", .notFound(who))
            }
            left.insert(who)
            let others = rest.filter { j in !judges.contains { $0.id == j.id } && !left.contains(j.id) }
            guard let lot else {
                judges.remove(at: at)
                short = true
                continue
            }
            guard let r = JudgeDraw.replace(panel: judges, leaving: who, from: others, rules: rules, size: size, seed: lot) else {
                judges.remove(at: at)
                short = true
                continue
            }
            judges[at] = r.judge
            done.append(r)
        }
        return Draw(excluded: excluded, drawn: drawn, replacements: done, judges: judges, short: short)
    }
}

extension JudgeDraw {
    /// A judge who declared a conflict after the draw, and the one drawn by lot in their place.
    public struct Replacement: Sendable, Equatable {
        public var left: String
        public var judge: Judge
        public var seed: UInt64
        /// How many members of the pool could have taken the seat.
        public var eligible: Int
    }

    /// One lot for the seat of `leaving`: among `from` (sorted by id as in `draw`), the members with whom the panel
    /// still meets every quota; the one at index `next() % k` of a `SeededGenerator(seed:)`. Nil when nobody fits.
    public static func replace(panel: [Judge], leaving: String, from: [Judge], rules: InterviewPanelRules, size: Int, seed: UInt64) -> Replacement? {
        let stay = panel.filter { $0.id != leaving }
        let quotas = quotas(rules: rules, size: size)
        let sorted = from.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let eligible = sorted.filter { feasible(chosen: stay + [$0], remaining: [], seats: 0, quotas: quotas) }
        guard !eligible.isEmpty else { return nil }
        var rng = SeededGenerator(seed: seed)
        return Replacement(left: leaving, judge: eligible[Int(rng.next() % UInt64(eligible.count))], seed: seed, eligible: eligible.count)
    }

    /// What a panel lacks against the rules, in words; nil when it meets them.
    public static func missing(_ panel: [Judge], rules: InterviewPanelRules, size: Int, language: Language) -> String? {
        let zh = language == .zhHans
        var out: [String] = []
        if panel.count < size { out.append(zh ? "面试小组仅余\(panel.count)人，应有\(size)人" : "the panel has \(panel.count) members of \(size)") }
        for (q, need) in quotas(rules: rules, size: size) {
            let have = panel.filter { q.isMet(by: $0) }.count
            if have < need { out.append(zh ? "“\(q.title(in: .zhHans))”仅\(have)人，至少需要\(need)人" : "“\(q.title(in: .en))”: \(have), at least \(need) needed") }
        }
        return out.isEmpty ? nil : out.joined(separator: zh ? "；" : "; ")
    }
}
