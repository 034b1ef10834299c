/// Checking and computing a score sheet (docs/formats/score-sheet.md): stage scores normalized and rounded half up
/// (rounding point 1), trimmed means (EXM-5) and element sums (EXM-6), the pass mark and the ratio or top-N cut
/// with ties at the cut kept (EXM-2) and the lowest score that went on (EXM-9), the composite over the weights'
/// sum rounded half up (rounding point 2, SCR-1), ranking with the tie-break stages and shared ranks (SCR-2) and the
/// shortlist with `tiedAtCut` (SCR-3). All arithmetic is on integers (128-bit where products need it); an overflow
/// is an input error, never a crash. Nothing is ever ordered by file order; ids order only what is equal.
extension ScoreSheet {
    public func compute() throws(ScoreSheetError) -> ScoreSheetResult {
        try compute(twoThreadsFrom: ScoreThreads.minimumRows)
    }

    /// With the applicants checked and scored in two halves at once from `rows` applicants on.
    func compute(twoThreadsFrom rows: Int) throws(ScoreSheetError) -> ScoreSheetResult {
        let twoThreadsFrom = rows
        try checkPlan()
        let n = table.count
        let stageCount = stages.count
        typealias Code = ScoreSheetResult.Code
        var slot = [Int32](repeating: -1, count: n * stageCount)
        var statuses = [UInt8](repeating: Code.excluded.rawValue, count: n)
        var statusStages = [Int16](repeating: 0, count: n)
        var alive = [Bool](repeating: false, count: n)
        /// The last stage each applicant reached (took part in, or was absent from): later scores are errors.
        var reached = [Int32](repeating: -1, count: n)
        /// Stage scores in units of 10^-decimals, `n × stageCount`, -1 where not scored.
        var score = [Int64](repeating: -1, count: n * stageCount)
        var outcomes: [ScoreSheetResult.StageOutcome] = []
        try Self.withRows(&score, &statuses, &statusStages, &alive, &reached, &slot) { (rows) throws(ScoreSheetError) in
            try checkApplicants(rows, twoThreadsFrom: twoThreadsFrom)
            for s in 0 ..< stageCount {
                let stage = stages[s]
                // every applicant still in: scored at once in two halves (each writes only its own rows)
                let halves = try Self.inHalves(n, from: twoThreadsFrom) { (range) throws(ScoreSheetError) in try self.scoreStage(s, range, rows) }
                let participants = Array(halves.joined())
                let entered = participants.count
                var kept = participants
                let keys = UnsafeBufferPointer(start: rows.score, count: n * stageCount)
                if let advance = stage.advance {
                    if let m = advance.minScore {
                        // the pass mark (合格线) first, on the rounded stage score
                        let mark = Int128(m.scaled)
                        let factor = Int128(ScoreMath.pow10[4 - decimals])
                        kept = []
                        for i in participants {
                            if Int128(rows.score[Int(i) * stageCount + s]) * factor >= mark { kept.append(i) }
                            else { rows.status[Int(i)] = Code.belowPass.rawValue; rows.statusStage[Int(i)] = Int16(s); rows.alive[Int(i)] = false }
                        }
                    }
                    Self.order(&kept, width: stageCount, offset: s, length: 1, keys: keys, ids: table.ids, idsAscending: table.idsAscending)
                    if let cut = advance.cut {
                        let places = try self.places(cut, path: "$.stages[\(s)].advance")
                        if kept.count > places {
                            // everyone equal to the last one kept goes on too (与末位同分者一并进入)
                            let last = rows.score[Int(kept[places - 1]) * stageCount + s]
                            var k = places
                            while k < kept.count && rows.score[Int(kept[k]) * stageCount + s] == last { k += 1 }
                            for i in kept[k...] { rows.status[Int(i)] = Code.notAdvanced.rawValue; rows.statusStage[Int(i)] = Int16(s); rows.alive[Int(i)] = false }
                            kept.removeSubrange(k...)
                        }
                    }
                } else {
                    Self.order(&kept, width: stageCount, offset: s, length: 1, keys: keys, ids: table.ids, idsAscending: table.idsAscending)
                }
                outcomes.append(.init(stage: stage.id, name: stage.name, entered: entered, advancedRows: kept, ids: table.ids,
                                      cutScore: kept.last.map { rows.score[Int($0) * stageCount + s] }))
            }
            // a score (or "absent") for a stage the applicant never reached
            for i in 0 ..< n where Int(rows.reached[i]) + 1 < stageCount && table.excluded[i] == nil {
                for s in Int(rows.reached[i]) + 1 ..< stageCount where rows.slot[i * stageCount + s] >= 0 {
                    throw ScoreSheetError(entryPath(i, stages[s].id), .stageNotReached(stages[s].id))
                }
            }
        }
        slot = []

        // composite: Σ weight × stage score / Σ weight, rounded half up (rounding point 2)
        let weights = stages.map { Int128($0.weight.scaled) }
        let weightSum = weights.reduce(0, +)
        var composite = [Int64](repeating: -1, count: n)
        let weights64 = stages.map(\.weight.scaled)
        let weightSum64 = Int64(exactly: weightSum)
        let (scores, stillIn) = (score, alive)
        var finalists: [Int32] = try composite.withUnsafeMutableBufferPointer { (c) throws(ScoreSheetError) in
            let composite = SharedPointer(c.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            let halves = try Self.inHalves(n, from: twoThreadsFrom) { (range) throws(ScoreSheetError) -> [Int32] in
                var finalists: [Int32] = []
                finalists.reserveCapacity(range.count)
                for i in range where stillIn[i] {
                    if let d = weightSum64, let c = ScoreMath.weightedMean64(weights64, scores, i * stageCount, d) {
                        composite[i] = c
                        finalists.append(Int32(i))
                        continue
                    }
                    var sum: Int128 = 0
                    for s in 0 ..< stageCount {
                        let (p, o1) = weights[s].multipliedReportingOverflow(by: Int128(scores[i * stageCount + s]))
                        let (q, o2) = sum.addingReportingOverflow(p)
                        if o1 || o2 { throw ScoreSheetError("$.applicants[\(i)]", .tooLarge) }
                        sum = q
                    }
                    guard let c = ScoreMath.roundHalfUp(sum, weightSum) else { throw ScoreSheetError("$.applicants[\(i)]", .tooLarge) }
                    composite[i] = c
                    finalists.append(Int32(i))
                }
                return finalists
            }
            return Array(halves.joined())
        }

        // ranking: composite, then the tie-break stages in order; still equal → same rank ("1224"), never file order
        let tieStages = tieBreak.map { id in stages.firstIndex { $0.id == id }! }
        let width = 1 + tieStages.count
        var keys = [Int64](repeating: 0, count: n * width)
        for i in finalists {
            keys[Int(i) * width] = composite[Int(i)]
            for (k, s) in tieStages.enumerated() { keys[Int(i) * width + 1 + k] = score[Int(i) * stageCount + s] }
        }
        var rank = [Int32](repeating: 0, count: n)
        keys.withUnsafeBufferPointer { kp in
            Self.order(&finalists, width: width, offset: 0, length: width, keys: kp, ids: table.ids, idsAscending: table.idsAscending)
            for (k, i) in finalists.enumerated() {
                if k > 0 && Self.equal(kp, Int(finalists[k - 1]), Int(i), width, 0, width) { rank[Int(i)] = rank[Int(finalists[k - 1])] }
                else { rank[Int(i)] = Int32(k + 1) }
            }
        }
        keys = []

        // shortlist: the first places; a shared rank straddling the last place is shortlisted whole (tiedAtCut)
        let places = try places(shortlist, path: "$.shortlist")
        var shortlisted = finalists.count
        if finalists.count > places {
            let lastRank = rank[Int(finalists[places - 1])]
            shortlisted = places
            while shortlisted < finalists.count && rank[Int(finalists[shortlisted])] == lastRank { shortlisted += 1 }
        }
        let tiedAtCut = shortlisted > places
        for (k, i) in finalists.enumerated() { statuses[Int(i)] = k < shortlisted ? Code.shortlisted.rawValue : Code.notShortlisted.rawValue }

        // an excluded applicant's scores are ignored: none were computed
        return ScoreSheetResult(position: position.id, positionName: position.name, posts: position.posts, decimals: decimals,
                                stages: outcomes, shortlist: finalists[..<shortlisted].map { table.ids[Int($0)] }, tiedAtCut: tiedAtCut,
                                ids: table.ids, names: table.names, scores: score, composites: composite, ranks: rank,
                                statusCodes: statuses, statusStages: statusStages)
    }

    /// What `compute` keeps per applicant, as pointers into its arrays while it scores: the halves of `inHalves`
    /// each read and write only their own applicants' rows.
    struct Rows: @unchecked Sendable {
        /// `n × stages`
        let score: UnsafeMutablePointer<Int64>
        let status: UnsafeMutablePointer<UInt8>
        let statusStage: UnsafeMutablePointer<Int16>
        let alive: UnsafeMutablePointer<Bool>
        let reached: UnsafeMutablePointer<Int32>
        /// `n × stages`: applicant i's entry for stage s, -1 for none.
        let slot: UnsafeMutablePointer<Int32>
    }

    static func withRows(_ score: inout [Int64], _ status: inout [UInt8], _ statusStage: inout [Int16], _ alive: inout [Bool],
                         _ reached: inout [Int32], _ slot: inout [Int32], _ body: (Rows) throws(ScoreSheetError) -> Void) throws(ScoreSheetError) {
        func base<T>(_ b: UnsafeMutableBufferPointer<T>) -> UnsafeMutablePointer<T> {
            // an empty array may have no storage; its pointer is then never read
            b.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<T>.alignment)!
        }
        try score.withUnsafeMutableBufferPointer { (a) throws(ScoreSheetError) in
            try status.withUnsafeMutableBufferPointer { (b) throws(ScoreSheetError) in
                try statusStage.withUnsafeMutableBufferPointer { (c) throws(ScoreSheetError) in
                    try alive.withUnsafeMutableBufferPointer { (d) throws(ScoreSheetError) in
                        try reached.withUnsafeMutableBufferPointer { (e) throws(ScoreSheetError) in
                            try slot.withUnsafeMutableBufferPointer { (f) throws(ScoreSheetError) in
                                try body(Rows(score: base(a), status: base(b), statusStage: base(c), alive: base(d), reached: base(e), slot: base(f)))
                            }
                        }
                    }
                }
            }
        }
    }

    /// `work` over the applicants `0 ..< n`: in two halves at once on two threads when there are at least `from`
    /// (and two), else whole. The halves' results in order; when both fail, the first half's error, which is the
    /// one a single pass would have met first.
    static func inHalves<T>(_ n: Int, from: Int, _ work: @Sendable (Range<Int>) throws(ScoreSheetError) -> T) throws(ScoreSheetError) -> [T] {
        if n < max(from, 2) { return [try work(0 ..< n)] }
        let results = SharedPointer(UnsafeMutablePointer<Result<T, ScoreSheetError>>.allocate(capacity: 2))
        defer { results.pointer.deallocate() }
        ScoreThreads.both { k in
            let range = k == 0 ? 0 ..< n / 2 : n / 2 ..< n
            (results.pointer + k).initialize(to: Result { () throws(ScoreSheetError) in try work(range) })
        }
        defer { results.pointer.deinitialize(count: 2) }
        return [try results[0].get(), try results[1].get()]
    }

    /// Stage s's scores for the applicants of `range` still in (raw × scale / max, rounded half up: rounding point 1);
    /// those who took part, in order. An absent applicant is out from here.
    func scoreStage(_ s: Int, _ range: Range<Int>, _ rows: Rows) throws(ScoreSheetError) -> [Int32] {
        typealias Code = ScoreSheetResult.Code
        let stageCount = stages.count
        let stage = stages[s]
        let maxV = Int128(stage.max.scaled)
        let trim: Int
        if case .panel(let t, _) = stage.scoring { trim = t } else { trim = 0 }
        let pow = Int128(ScoreMath.pow10[decimals])
        let unit = Int128(ScoreDecimal.unit)
        let scale = Int128(self.scale.scaled)
        let scale64 = self.scale.scaled, pow64 = ScoreMath.pow10[decimals]
        var participants: [Int32] = []
        participants.reserveCapacity(range.count)
        var judges: [Int64] = []
        for i in range where rows.alive[i] {
            rows.reached[i] = Int32(s)
            let e = Int(rows.slot[i * stageCount + s])
            guard e >= 0 else { throw ScoreSheetError(entryPath(i, stage.id), .missing) }
            let kind = table.entryKind[e]
            if kind == ScoreTable.Kind.absent.rawValue {
                rows.status[i] = Code.absent.rawValue; rows.statusStage[i] = Int16(s); rows.alive[i] = false; continue
            }
            var numerator: Int128
            var denominator = maxV * unit
            if kind == ScoreTable.Kind.score.rawValue {
                numerator = Int128(table.entryValue[e])
            } else {
                let start = Int(table.entryValue[e]), count = Int(table.entryCount[e])
                if trim <= 1 {
                    // no sort needed: the sum, less the highest and the lowest once each when trimming one
                    var sum: Int128 = 0
                    var lo = Int64.max, hi = Int64.min
                    for j in start ..< start + count {
                        let v = table.judgeValue[j]
                        sum += Int128(v); lo = min(lo, v); hi = max(hi, v)
                    }
                    if trim == 1 { sum -= Int128(lo) + Int128(hi) }
                    numerator = sum
                } else {
                    judges.removeAll(keepingCapacity: true)
                    for j in start ..< start + count { judges.append(table.judgeValue[j]) }
                    Self.smallSort(&judges)
                    var sum: Int128 = 0
                    for j in trim ..< count - trim { sum += Int128(judges[j]) }
                    numerator = sum
                }
                denominator *= Int128(count - 2 * trim)
            }
            let r: Int64
            if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator), let x = ScoreMath.roundHalfUp64(n, scale64, pow64, d) {
                r = x
            } else {
                let (a, o1) = numerator.multipliedReportingOverflow(by: scale)
                let (b, o2) = a.multipliedReportingOverflow(by: pow)
                guard !o1, !o2, let x = ScoreMath.roundHalfUp(b, denominator) else { throw ScoreSheetError(entryPath(i, stage.id), .tooLarge) }
                r = x
            }
            rows.score[i * stageCount + s] = r
            participants.append(Int32(i))
        }
        return participants
    }

    func entryPath(_ i: Int, _ stage: String) -> String { "$.applicants[\(i)].scores." + stage }

    func places(_ cut: Cut, path: String) throws(ScoreSheetError) -> Int {
        switch cut {
        case .top(let t): return t
        case .ratio(let r):
            guard let p = ScoreMath.ceilTimes(r, position.posts) else { throw ScoreSheetError(path + ".ratio", .tooLarge) }
            return p
        }
    }

    /// By `keys[i × width + offset …]` descending (the first key that differs decides), then by id in code point
    /// order. Sorted on the integers first; only runs of equal keys are then ordered by id. `xs` comes in ascending
    /// index order and equal keys stay so: when the ids are in ascending order in the file, that is the id order.
    static func order(_ xs: inout [Int32], width: Int, offset: Int, length: Int, keys kp: UnsafeBufferPointer<Int64>, ids: [String], idsAscending: Bool) {
        if !countingSort(&xs, width: width, offset: offset, length: length, kp) {
            xs.withUnsafeMutableBufferPointer { b in
                b.sort { a, c in
                    var k = offset
                    let x = Int(a) * width, y = Int(c) * width
                    while k < offset + length {
                        if kp[x + k] != kp[y + k] { return kp[x + k] > kp[y + k] }
                        k += 1
                    }
                    return a < c
                }
            }
        }
        if idsAscending { return }
        var start = 0
        while start < xs.count {
            var end = start + 1
            while end < xs.count && equal(kp, Int(xs[start]), Int(xs[end]), width, offset, length) { end += 1 }
            if end - start > 1 { xs[start ..< end].sort { idLess(ids[Int($0)], ids[Int($1)]) } }
            start = end
        }
    }

    /// Sorts `xs` (in ascending index order) by the keys descending with stable counting sorts, least significant
    /// key first, when every key's range is small (scores of a 0–100 scale with 2 decimals span 10,001 values);
    /// false, leaving `xs` as it was, when a range is too wide.
    static func countingSort(_ xs: inout [Int32], width: Int, offset: Int, length: Int, _ kp: UnsafeBufferPointer<Int64>) -> Bool {
        let n = xs.count
        if n < 256 { return false }
        var ranges: [(lo: Int64, hi: Int64)] = []
        for k in offset ..< offset + length {
            var lo = Int64.max, hi = Int64.min
            for i in xs { let v = kp[Int(i) * width + k]; lo = min(lo, v); hi = max(hi, v) }
            let (span, o) = hi.subtractingReportingOverflow(lo)
            if o || span > Int64(max(1 << 16, 4 * n)) { return false }
            ranges.append((lo, hi))
        }
        var out = [Int32](repeating: 0, count: n)
        for k in (offset ..< offset + length).reversed() {
            let (_, hi) = ranges[k - offset]
            let buckets = Int(hi - ranges[k - offset].lo) + 2
            var count = [Int](repeating: 0, count: buckets)
            xs.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    count.withUnsafeMutableBufferPointer { c in
                        // bucket 0 is the highest value: descending
                        for i in src { c[Int(hi - kp[Int(i) * width + k]) + 1] += 1 }
                        for b in 1 ..< buckets { c[b] += c[b - 1] }
                        for i in src {
                            let b = Int(hi - kp[Int(i) * width + k])
                            dst[c[b]] = i
                            c[b] += 1
                        }
                    }
                }
            }
            swap(&xs, &out)
        }
        return true
    }

    @inline(__always) static func equal(_ kp: UnsafeBufferPointer<Int64>, _ a: Int, _ b: Int, _ width: Int, _ offset: Int, _ length: Int) -> Bool {
        for k in offset ..< offset + length where kp[a * width + k] != kp[b * width + k] { return false }
        return true
    }

    /// Insertion sort for a panel's few judge scores.
    @inline(__always) static func smallSort(_ a: inout [Int64]) {
        if a.count > 32 { a.sort(); return }
        for i in 1 ..< max(a.count, 1) {
            let v = a[i]
            var j = i - 1
            while j >= 0 && a[j] > v { a[j + 1] = a[j]; j -= 1 }
            a[j + 1] = v
        }
    }

    // MARK: checks

    /// The plan: position, decimals, scale, stages, tie-break, shortlist.
    func checkPlan() throws(ScoreSheetError) {
        if position.id.isEmpty { throw ScoreSheetError("$.position.id", .emptyID) }
        if position.posts < 1 { throw ScoreSheetError("$.position.posts", .notPositive) }
        if !(0 ... 4).contains(decimals) { throw ScoreSheetError("$.decimals", .outOfRange("0", "4")) }
        if scale.scaled <= 0 { throw ScoreSheetError("$.scale", .notPositive) }
        if stages.isEmpty { throw ScoreSheetError("$.stages[0]", .missing) }
        var ids = Set<String>()
        var weightSum: Int64 = 0
        for (s, stage) in stages.enumerated() {
            let p = "$.stages[\(s)]"
            if stage.id.isEmpty { throw ScoreSheetError(p + ".id", .emptyID) }
            if !ids.insert(stage.id).inserted { throw ScoreSheetError(p + ".id", .duplicateID(stage.id)) }
            if stage.max.scaled <= 0 { throw ScoreSheetError(p + ".max", .notPositive) }
            if stage.weight.scaled < 0 { throw ScoreSheetError(p + ".weight", .negative) }
            let (w, o) = weightSum.addingReportingOverflow(stage.weight.scaled)
            if o { throw ScoreSheetError(p + ".weight", .tooLarge) }
            weightSum = w
            if case .panel(let trim, let elements) = stage.scoring {
                if trim < 0 { throw ScoreSheetError(p + ".trim", .negative) }
                if trim > 1_000 { throw ScoreSheetError(p + ".trim", .tooLarge) }
                if !elements.isEmpty {
                    var eids = Set<String>()
                    var sum: Int64 = 0
                    for (k, e) in elements.enumerated() {
                        if e.id.isEmpty { throw ScoreSheetError(p + ".elements[\(k)].id", .emptyID) }
                        if !eids.insert(e.id).inserted { throw ScoreSheetError(p + ".elements[\(k)].id", .duplicateID(e.id)) }
                        if e.max.scaled <= 0 { throw ScoreSheetError(p + ".elements[\(k)].max", .notPositive) }
                        let (x, o) = sum.addingReportingOverflow(e.max.scaled)
                        if o { throw ScoreSheetError(p + ".elements[\(k)].max", .tooLarge) }
                        sum = x
                    }
                    if sum != stage.max.scaled {
                        throw ScoreSheetError(p + ".elements", .elementsDoNotSum(ScoreDecimal(scaled: sum).description, stage.max.description))
                    }
                }
            }
            if let a = stage.advance {
                try checkCut(a.cut, p + ".advance")
                if let m = a.minScore, m.scaled < 0 { throw ScoreSheetError(p + ".advance.minScore", .negative) }
            }
        }
        if weightSum == 0 { throw ScoreSheetError("$.stages", .noWeight) }
        for (k, t) in tieBreak.enumerated() where !ids.contains(t) { throw ScoreSheetError("$.tieBreak[\(k)]", .unknownStage(t)) }
        try checkCut(shortlist, "$.shortlist")
    }

    func checkCut(_ cut: Cut?, _ path: String) throws(ScoreSheetError) {
        switch cut {
        case .ratio(let r)?: if r.scaled <= 0 { throw ScoreSheetError(path + ".ratio", .notPositive) }
            _ = try places(.ratio(r), path: path)
        case .top(let t)?: if t < 1 { throw ScoreSheetError(path + ".top", .notPositive) }
        case nil: break
        }
    }

    /// Every applicant's ids and scores against the stages. Fills `rows.slot` (applicant i's entry for stage s at
    /// `i × stages + s`) and marks those not excluded as still in; the applicants' rows in two halves at once.
    func checkApplicants(_ rows: Rows, twoThreadsFrom: Int) throws(ScoreSheetError) {
        let n = table.count
        let stageCount = stages.count
        var seen = Set<String>(minimumCapacity: table.idsChecked ? 0 : n)
        for i in 0 ..< n where !table.idsChecked {
            if table.ids[i].isEmpty { throw ScoreSheetError("$.applicants[\(i)].id", .emptyID) }
            if !seen.insert(table.ids[i]).inserted { throw ScoreSheetError("$.applicants[\(i)].id", .duplicateID(table.ids[i])) }
        }
        seen = []
        // the sheet's stage keys, judge-free element ids and element maxima by interned key
        let stageOfKey = table.stageKeys.map { k in stages.firstIndex { $0.id == k } ?? -1 }
        let elementOfKey: [[Int]] = stages.map { stage in
            guard case .panel(_, let elements) = stage.scoring else { return [] }
            return table.elementKeys.map { k in elements.firstIndex { $0.id == k } ?? -1 }
        }
        let isPanel = stages.map { if case .panel = $0.scoring { true } else { false } }
        let maxima = stages.map(\.max)
        _ = try Self.inHalves(n, from: twoThreadsFrom) { (range) throws(ScoreSheetError) in
          var present: [Bool] = []
          for i in range where table.excluded[i] == nil {
            rows.alive[i] = true
            for e in Int(table.entryStart[i]) ..< Int(table.entryStart[i + 1]) {
                let p = { "$.applicants[\(i)].scores." + self.table.stageKeys[Int(self.table.entryKey[e])] }
                let s = stageOfKey[Int(table.entryKey[e])]
                guard s >= 0 else { throw ScoreSheetError(p(), .unknownStage(table.stageKeys[Int(table.entryKey[e])])) }
                if rows.slot[i * stageCount + s] >= 0 { throw ScoreSheetError(p(), .syntax("no repeated key")) }
                rows.slot[i * stageCount + s] = Int32(e)
                let kind = ScoreTable.Kind(rawValue: table.entryKind[e])!
                // the common cases without copying the stage
                if kind == .absent { continue }
                if kind == .score && !isPanel[s] { try Self.checkRange(table.entryValue[e], maxima[s], p); continue }
                let stage = stages[s]
                switch (stage.scoring, kind) {
                case (_, .absent): break
                case (.single, .score):
                    try Self.checkRange(table.entryValue[e], stage.max, p)
                case (.single, .panel): throw ScoreSheetError(p(), .wrongType("number"))
                case (.panel, .score): throw ScoreSheetError(p(), .wrongType("object"))
                case (.panel(let trim, let elements), .panel):
                    let start = Int(table.entryValue[e]), count = Int(table.entryCount[e])
                    if count < 2 * trim + 1 { throw ScoreSheetError(p(), .tooFewJudges(count, 2 * trim + 1)) }
                    var seenJudges: UInt64 = 0
                    for j in start ..< start + count {
                        let key = table.judgeKey[j]
                        if key < 64 ? seenJudges & (1 << UInt64(key)) != 0 : table.judgeKey[start ..< j].contains(key) {
                            throw ScoreSheetError(p() + "." + table.judgeKeys[Int(key)], .syntax("no repeated key"))
                        }
                        if key < 64 { seenJudges |= 1 << UInt64(key) }
                        let jp = { p() + "." + table.judgeKeys[Int(table.judgeKey[j])] }
                        let run = table.elements(ofJudge: j)
                        if elements.isEmpty {
                            guard run == nil else { throw ScoreSheetError(jp(), .wrongType("number")) }
                            try Self.checkRange(table.judgeValue[j], stage.max, jp)
                        } else {
                            guard let run else { throw ScoreSheetError(jp(), .wrongType("object")) }
                            present = [Bool](repeating: false, count: elements.count)
                            for x in run {
                                let ek = table.elementKeys[Int(table.elementKey[x])]
                                let ep = { jp() + "." + ek }
                                let k = elementOfKey[s][Int(table.elementKey[x])]
                                guard k >= 0 else { throw ScoreSheetError(ep(), .unknownElement(ek)) }
                                if present[k] { throw ScoreSheetError(ep(), .syntax("no repeated key")) }
                                present[k] = true
                                try Self.checkRange(table.elementValue[x], elements[k].max, ep)
                            }
                            if let k = present.firstIndex(of: false) { throw ScoreSheetError(jp() + "." + elements[k].id, .missing) }
                        }
                    }
                }
            }
        }
        }
    }

    static func checkRange(_ v: Int64, _ max: ScoreDecimal, _ path: () -> String) throws(ScoreSheetError) {
        if v < 0 { throw ScoreSheetError(path(), .negative) }
        if v > max.scaled { throw ScoreSheetError(path(), .aboveMax(max.description)) }
    }
}

/// Unicode code point order (UTF-8 byte order is the same), never locale or canonical-equivalence order.
@inline(__always) func idLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
