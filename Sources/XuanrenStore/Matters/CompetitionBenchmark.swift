import FluentKit
import Foundation
import SelectionCore

/// The competitive selection at scale (issue #15's target: 5,000 applicants over 50 positions — review lists,
/// progression and every composite ≤ 1 s for the whole matter), for `scripts/bench-competition.sh`. The setup writes
/// applicants, grades and interview scores straight into their tables (what is timed is the work on them, not their
/// entry); the three timed steps are the store operations the pages call.
public enum CompetitionBenchmark {
    public struct Figures: Sendable {
        public var applicants: Int
        public var positions: Int
        public var setup: Double
        public var review: Double
        public var reviewList: Double
        public var progression: Double
        public var composites: Double
    }

    public static func run(_ store: Store, applicants count: Int = 5000, positions: Int = 50) async throws -> Figures {
        let system = ActingUser.system("bench")
        let clock = ContinuousClock()
        let t0 = clock.now
        guard let unit = try await store.unitTree().units.first(where: { $0.kind == .bureau }) else { throw InvalidInput(field: "unit", .required) }
        var c = PositionConditions(referenceDate: YearMonth.today, targetGrade: 3)
        c.maxAge = 45; c.minEducation = .bachelor; c.minYearsOfWork = 3
        var plan = MatterPlan(positions: (1 ... positions).map { MatterPosition(id: "p\($0)", unitID: unit.id, unitName: unit.name, post: "职位\($0)", grade: 3, posts: 1, conditions: c) },
                              procedure: Procedure(.openSelection))
        plan.settings.openingRatioOpen = 10
        plan.scope = "基准测试"; plan.timetable = "基准测试"; plan.discipline = "基准测试"
        let matter = try await store.createMatter(title: "基准测试：公开选拔\(count)人", unitID: unit.id, plan: plan, by: system)
        try await store.publishMatterPlan(matter, by: system)
        let now = Int64(store.ledger.clock.now.timeIntervalSince1970)
        var comp = Competition()
        comp.opens = now - 7200; comp.closes = now - 3600
        let year = store.today.year
        let compState = try Store.json(comp)
        try await store.write { tx in
            let r = CompetitionRecord(); r.id = matter; r.state = compState; r.updatedAt = now
            try await r.create(on: tx.db)
            for i in 0 ..< count {
                let digits = "350121" + String(1981 + i % 15) + "0" + String(1 + i % 9) + "1" + String(i % 9) + String(format: "%03d", i % 1000)
                let id = try ResidentID(digits + ResidentID.checkCharacter(for: digits))
                var f = ApplicantForm(name: "考生\(i)", workStart: YearMonth(year: 2010, month: 7), grade: 2, gradeSince: YearMonth(year: 2018, month: 1))
                f.fullTimeEducation = i % 7 == 0 ? .juniorCollege : .bachelor
                f.assessments = [year - 3: .competent, year - 2: .competent, year - 1: .excellent]
                let a = ApplicantRecord()
                a.id = UUID(); a.matterID = matter; a.positionID = "p\(i % positions + 1)"; a.channel = "self"; a.name = f.name
                a.residentHMAC = store.residentDigest(id) + "-\(i)"; a.residentMasked = id.masked; a.birth = id.birthMonth.description
                a.form = try Store.json(f); a.withdrawn = false; a.enteredBy = "bench"; a.createdAt = now + Int64(i); a.updatedAt = now
                a.confirmed = try Store.json(Confirmation(by: "bench", at: now, note: "基准"))
                try await a.create(on: tx.db)
            }
            try await tx.record(LedgerEvent(actor: "bench", action: CompetitionLedgerAction.register, subjectType: "matter", subjectID: matter.uuidString,
                                            payload: ["benchmark": .int(Int64(count))]))
        }
        try await store.advanceMatter(matter, by: system)
        let setup1 = clock.now - t0
        // timed: the review of every applicant, and the review list as the page reads it
        var t = clock.now
        try await store.reviewApplicants(matter, by: system)
        let review = clock.now - t
        t = clock.now
        _ = try await store.competitionOverview(matter, by: system)
        let reviewList = clock.now - t
        let t1 = clock.now
        try await store.advanceMatter(matter, by: system)
        try await store.sealExam(matter, rules: ExamRules(), rooms: (1 ... 20).map { ExamRoom(name: "第\($0)考场", seats: 300) }, prefix: "2026", by: system)
        let papers = try await ExamPaperRecord.query(on: store.db).filter(\.$matterID == matter).all()
        try await store.write { tx in
            for (i, p) in papers.enumerated() {
                let g = ExamGradeRecord(); g.id = UUID(); g.matterID = matter; g.code = p.code; g.round = 1; g.grader = "bench"
                g.score = Int64(55 + (i * 37) % 45) * 10_000 + Int64(i % 4) * 2_500; g.createdAt = now
                try await g.create(on: tx.db)
            }
            try await tx.record(LedgerEvent(actor: "bench", action: CompetitionLedgerAction.importScores, subjectType: "matter", subjectID: matter.uuidString,
                                            payload: ["lines": .int(Int64(papers.count))]))
        }
        try await store.openExamKey(matter, by: system)
        let setup2 = clock.now - t1
        // timed: the progression of every position
        t = clock.now
        try await store.publishProgression(matter, by: system)
        let progression = clock.now - t
        let t2 = clock.now
        try await store.advanceMatter(matter, by: system)
        // panels and interview scores written straight in (7 judges per position)
        var comp2 = try await Store.loadCompetition(matter, store.db).1
        let judges = (1 ... 7).map { Judge(id: "bench-judge\($0)", name: "考官\($0)", unitId: "x", fromOutside: $0 <= 3, familiarWithBusiness: $0 == 4,
                                          group: $0 == 1 ? .leader : $0 == 2 ? .expert : $0 == 5 ? .personnel : .other) }
        for p in plan.positions { comp2.panels[p.id] = DrawnPanel(judges: judges, seed: 1, poolSize: 7, by: "bench", at: now) }
        let advanced = Set(comp2.progression.values.flatMap(\.advanced))
        let rows = try await Store.sheetApplicants(matter, comp2, store.db).filter { advanced.contains(Store.sheetID($0)) }
        let comp2State = try Store.json(comp2)
        try await store.write { tx in
            let r = try await CompetitionRecord.find(matter, on: tx.db)!
            r.state = comp2State
            try await r.save(on: tx.db)
            for (i, a) in rows.enumerated() {
                for (k, j) in judges.enumerated() {
                    let s = InterviewScoreRecord(); s.id = UUID(); s.matterID = matter; s.positionID = a.positionID; s.applicantID = a.id!; s.judge = j.id
                    s.score = Int64(70 + (i * 13 + k * 7) % 25) * 10_000; s.createdAt = now
                    try await s.create(on: tx.db)
                }
            }
            try await tx.record(LedgerEvent(actor: "bench", action: CompetitionLedgerAction.interviewScore, subjectType: "matter", subjectID: matter.uuidString,
                                            payload: ["benchmark": .int(Int64(rows.count * judges.count))]))
        }
        let setup3 = clock.now - t2
        // timed: every position's composite, ranking and shortlist
        t = clock.now
        let results = try await store.scoreResults(matter, by: system)
        let composites = clock.now - t
        guard results.count == positions else { throw InvalidInput(field: "positions", .described(zh: "计算的职位数不对", en: "wrong number of positions computed: \(results.count)")) }
        func s(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return Figures(applicants: count, positions: positions, setup: s(setup1) + s(setup2) + s(setup3), review: s(review), reviewList: s(reviewList),
                       progression: s(progression), composites: s(composites))
    }
}
