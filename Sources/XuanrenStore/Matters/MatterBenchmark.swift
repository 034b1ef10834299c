import Foundation
import SelectionCore

/// Support for the matters benchmark (`scripts/bench-matters.sh`, issue 13's scale targets): fills a registry
/// with matters through the same store operations as the pages, and times stage transitions.
public enum MatterBenchmark {
    /// A position any 科员-level file may be nominated for (the benchmark measures the workflow, not the rules).
    static func plan(_ unit: UnitInfo) -> MatterPlan {
        var c = PositionConditions(referenceDate: YearMonth.today, targetGrade: 3)
        c.assessmentYears = nil; c.crossGradeRule = false; c.basicBlocksPromotion = false
        var p = MatterPlan(positions: [MatterPosition(id: "p1", unitID: unit.id, unitName: unit.name, post: "副局长", grade: 3, posts: 1, conditions: c)])
        p.settings.competitiveStages = []
        return p
    }

    /// Adds `count` 组织选拔 matters over the units that have cadres, each with three nominations consolidated and
    /// advanced to the recommendation (every step a ledger entry). Returns the matters' ids.
    public static func seed(_ store: Store, count: Int) async throws -> [UUID] {
        let system = ActingUser.system("bench")
        let units = try await store.unitTree().units.filter { $0.kind == .bureau || $0.kind == .township }
        var pools: [UUID: [UUID]] = [:]
        for u in units {
            var f = CadreFilter(); f.unit = u.id
            pools[u.id] = try await store.cadres(f, limit: 60, by: system).rows.map(\.id)
        }
        var ids: [UUID] = []
        for i in 0 ..< count {
            let u = units[i % units.count]
            guard let pool = pools[u.id], pool.count >= 3 else { continue }
            let id = try await store.createMatter(title: "\(u.name)副局长选拔（\(i + 1)）", unitID: u.id, plan: plan(u), by: system)
            try await store.publishMatterPlan(id, by: system)
            for k in 0 ..< 3 {
                try await store.nominate(matter: id, positionID: "p1", cadreID: pool[(i * 3 + k) % pool.count], channel: k == 1 ? .leaderRecommendation : .assessment,
                                         recommender: k == 1 ? "县委副书记" : "", by: system)
            }
            try await store.consolidateNominations(matter: id, note: "汇总", by: system)
            try await store.advanceMatter(id, by: system)
            ids.append(id)
        }
        return ids
    }

    public struct Timing: Sendable {
        public var transitions: Int
        public var outcomes: Int
        public var workers: Int
        /// Wall-clock seconds for all transitions (outcomes recorded before each, as the pages do).
        public var seconds: Double
        /// Seconds for the same number of bare writes (one ledger entry each, nothing else): the floor.
        public var bareWriteSeconds: Double
    }

    enum BenchAction: String, LedgerAction { case bare = "bench.write" }

    /// Creates `count` 公开选拔 matters and moves each through its first four transitions (stages recorded by hand,
    /// SEL-1), `workers` at a time: each transition reads the matter's facts, checks the guards and writes the matter
    /// with its ledger entry, after a write recording the stage's outcome.
    public static func transitions(_ store: Store, count: Int, workers: Int = 1) async throws -> Timing {
        let system = ActingUser.system("bench")
        guard let unit = try await store.unitTree().units.first(where: { $0.kind == .bureau }) else { throw InvalidInput(field: "unit", .required) }
        var plan = plan(unit)
        plan.procedure = Procedure(.openSelection)
        var ids: [UUID] = []
        for i in 0 ..< count {
            let id = try await store.createMatter(title: "公开选拔（\(i + 1)）", unitID: unit.id, plan: plan, by: system)
            try await store.publishMatterPlan(id, by: system)
            ids.append(id)
        }
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let workers = max(1, workers)
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0 ..< workers {
                let mine = ids.enumerated().filter { $0.offset % workers == w }.map(\.element)
                group.addTask {
                    for _ in 0 ..< 4 {
                        for id in mine {
                            try await store.recordStageOutcome(id, outcome: "结果已公布（文号 bench）", by: system)
                            try await store.advanceMatter(id, by: system)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = seconds(clock.now - start)
        let bareStart = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0 ..< workers {
                let n = (count * 4) / workers + (w < (count * 4) % workers ? 1 : 0)
                group.addTask {
                    for _ in 0 ..< n {
                        _ = try await store.write { tx in
                            try await tx.record(LedgerEvent(actor: "bench", action: BenchAction.bare, subjectType: "bench", subjectID: "bare", payload: [:]))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Timing(transitions: count * 4, outcomes: count * 4, workers: workers, seconds: elapsed, bareWriteSeconds: seconds(clock.now - bareStart))
    }
}
