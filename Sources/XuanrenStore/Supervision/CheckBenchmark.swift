import FluentKit
import Foundation
import SelectionCore

/// CHK-2 at scale (issue #16's target: sampling a check of 10,000 files ≤ 1 s), for `scripts/bench-sample.sh`. The
/// setup writes a drawn check of `files` newly promoted cadres straight into its tables (what is timed is the draw,
/// not the entry of ten thousand appointments); the timed steps are the pure draw and the store's re-draw from the
/// recorded seed (`checkSample`, what `xuanren sample` calls), which reads the stored list and compares.
public enum CheckBenchmark {
    public struct Figures: Sendable {
        public var check: UUID
        public var seed: UInt64
        public var files: Int
        public var mandatory: Int
        public var sampled: Int
        public var setup: Double
        /// `FileSampling.draw` over the list in memory.
        public var draw: Double
        /// `Store.checkSample` with the recorded seed: read the list, draw, compare with the stored sample.
        public var redraw: Double
        /// The same with another seed.
        public var otherSeed: Double
        public var matches: Bool
    }

    public static func run(_ store: Store, files count: Int = 10_000) async throws -> Figures {
        let system = ActingUser.system("bench")
        let clock = ContinuousClock()
        let t0 = clock.now
        guard let unit = try await store.unitTree().units.first(where: { $0.kind == .bureau }) else { throw InvalidInput(field: "unit", .required) }
        let period = try CheckPeriod(from: store.today.adding(days: -365), to: store.today)
        let id = try await store.createCheck(kind: .selfCheck, unit: unit.id, period: period, title: "基准测试：抽查\(count)份档案", by: system)
        var rng = SeededGenerator(seed: 16)
        var files: [FileSampling.File] = []
        var rows: [CheckFileRecord] = []
        for i in 0 ..< count {
            var reasons: [MandatoryReason] = []
            if i % 7 == 0 { reasons.append(.lowEducation) }
            if i % 13 == 0 { reasons.append(.exceptional) }
            let person = UUID(uuid: withUnsafeBytes(of: (rng.next(), rng.next())) { b in
                (b[0], b[1], b[2], b[3], b[4], b[5], 0x40 | b[6] & 0x0F, b[7], 0x80 | b[8] & 0x3F, b[9], b[10], b[11], b[12], b[13], b[14], b[15])
            })
            files.append(FileSampling.File(id: person.uuidString, mandatory: reasons))
            let r = CheckFileRecord()
            r.id = UUID(); r.checkID = id; r.sort = i; r.matterID = unit.id; r.personID = person; r.name = "干部\(i)"; r.post = "\(unit.name)副局长"
            r.appointed = store.today.description
            r.facts = try Store.json(CheckFileFacts(matterTitle: "基准测试", positionID: "p1", unitName: unit.name, formerPost: "", facts: PromotionFacts(), reasons: [], document: ""))
            r.reasons = reasons.map(\.rawValue).joined(separator: ",")
            rows.append(r)
        }
        let seed = store.random.next()
        let sample = try FileSampling.draw(files, seed: seed)
        let picked = Dictionary(sample.picked.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in rows { let p = picked[r.personID.uuidString]; r.lot = p?.lot; r.sampled = p != nil }
        let rowsToSave = rows, ids = files.map(\.id)
        let day = store.today
        try await store.write { tx in
            for chunk in stride(from: 0, to: rowsToSave.count, by: 200) { try await rowsToSave[chunk ..< min(rowsToSave.count, chunk + 200)].create(on: tx.db) }
            guard let rec = try await CheckRecord.find(id, on: tx.db) else { throw InvalidInput(field: "check", .notFound(id.uuidString)) }
            var c = try Store.decode(Check.self, rec.value)
            try c.recordDraw(CheckDraw(sample, day: day, by: "bench"))
            try await Store.saveCheck(c, rec, Int64(store.ledger.clock.now.timeIntervalSince1970), tx.db)
            try await tx.record(LedgerEvent(actor: "bench", action: CheckLedgerAction.draw, subjectType: "check", subjectID: id.uuidString,
                                            payload: Store.drawPayload(sample, ids: ids)))
        }
        let setup = clock.now - t0

        let t1 = clock.now
        let again = try FileSampling.draw(files.reversed(), seed: seed)
        let draw = clock.now - t1
        let t2 = clock.now
        let report = try await store.checkSample(id, by: system)
        let redraw = clock.now - t2
        let t3 = clock.now
        _ = try await store.checkSample(id, seed: seed &+ 1, by: system)
        let other = clock.now - t3
        func s(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return Figures(check: id, seed: seed, files: count, mandatory: sample.mandatory, sampled: sample.picked.count, setup: s(setup), draw: s(draw),
                       redraw: s(redraw), otherSeed: s(other), matches: report.matchesRecorded && again == sample)
    }
}
