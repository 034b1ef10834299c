/// One position of a competitive selection (公开选拔, 竞争上岗 …) with its scoring rules and every stage score of
/// every applicant: the format `xuanren.scores/1` (docs/formats/score-sheet.md). `ScoreSheet.parse` reads it,
/// `jsonData()` writes it, `compute()` gives the `xuanren.scoring/1` result (EXM-2, EXM-5, EXM-6, EXM-9, SCR-1…3).
///
/// The server builds a sheet in memory with the public initialisers and computes it with the same code as
/// `xuanren score`. The applicants' scores are kept in flat arrays (`ScoreTable`), not one object per judge, so
/// that a sheet of 100,000 applicants reads and computes in little time and memory.
public struct ScoreSheet: Sendable {
    public static let format = "xuanren.scores/1"

    public struct Position: Sendable, Equatable {
        public var id: String
        public var name: String
        public var posts: Int
        public init(id: String, name: String, posts: Int) { self.id = id; self.name = name; self.posts = posts }
    }

    /// How many go on: `{"ratio": 5}` → `ceil(ratio × posts)`, `{"top": 2}` → 2.
    public enum Cut: Sendable, Equatable {
        case ratio(ScoreDecimal)
        case top(Int)
    }

    /// A stage's `advance`: an optional ratio or top-N cut and an optional pass mark (合格线).
    public struct Advance: Sendable, Equatable {
        public var cut: Cut?
        public var minScore: ScoreDecimal?
        public init(cut: Cut? = nil, minScore: ScoreDecimal? = nil) { self.cut = cut; self.minScore = minScore }
    }

    public struct Element: Sendable, Equatable {
        public var id: String
        public var max: ScoreDecimal
        public init(id: String, max: ScoreDecimal) { self.id = id; self.max = max }
    }

    public enum Scoring: Sendable, Equatable {
        /// One score per applicant.
        case single
        /// One score per judge; `trim` highest and as many lowest dropped (EXM-5); with `elements`, each judge
        /// scores every element and the judge's score is their sum (EXM-6).
        case panel(trim: Int, elements: [Element])
    }

    public struct Stage: Sendable, Equatable {
        public var id: String
        public var name: String
        public var max: ScoreDecimal
        public var weight: ScoreDecimal
        public var scoring: Scoring
        public var advance: Advance?
        public init(id: String, name: String, max: ScoreDecimal, weight: ScoreDecimal, scoring: Scoring, advance: Advance? = nil) {
            self.id = id; self.name = name; self.max = max; self.weight = weight; self.scoring = scoring; self.advance = advance
        }
    }

    public struct ElementScore: Sendable, Equatable {
        public var element: String
        public var score: ScoreDecimal
        public init(element: String, score: ScoreDecimal) { self.element = element; self.score = score }
    }

    public enum JudgeValue: Sendable, Equatable {
        case score(ScoreDecimal)
        case elements([ElementScore])
    }

    public struct JudgeScore: Sendable, Equatable {
        public var judge: String
        public var value: JudgeValue
        public init(judge: String, _ value: JudgeValue) { self.judge = judge; self.value = value }
        public init(judge: String, score: ScoreDecimal) { self.judge = judge; self.value = .score(score) }
    }

    public enum EntryValue: Sendable, Equatable {
        /// A single-scored stage's score.
        case score(ScoreDecimal)
        /// 缺考: the applicant advanced to the stage and did not take it.
        case absent
        /// A panel stage's judge scores.
        case panel([JudgeScore])
    }

    public struct Entry: Sendable, Equatable {
        public var stage: String
        public var value: EntryValue
        public init(stage: String, _ value: EntryValue) { self.stage = stage; self.value = value }
    }

    public struct Applicant: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Why the applicant is excluded (withdrew, failed a gate, vetoed), or nil.
        public var excluded: String?
        public var scores: [Entry]
        public init(id: String, name: String, excluded: String? = nil, scores: [Entry]) {
            self.id = id; self.name = name; self.excluded = excluded; self.scores = scores
        }
    }

    public var position: Position
    /// 0–4 (default 2): the places of every published score.
    public var decimals: Int
    /// The common scale of normalized stage scores and of the composite (default 100).
    public var scale: ScoreDecimal
    public var stages: [Stage]
    /// Stage ids compared in order when composites are equal (SCR-2).
    public var tieBreak: [String]
    public var shortlist: Cut
    var table: ScoreTable

    public init(position: Position, decimals: Int = 2, scale: ScoreDecimal = ScoreDecimal(100), stages: [Stage],
                tieBreak: [String] = [], shortlist: Cut, applicants: [Applicant]) {
        self.position = position; self.decimals = decimals; self.scale = scale; self.stages = stages
        self.tieBreak = tieBreak; self.shortlist = shortlist
        var t = ScoreTable()
        for a in applicants { t.append(a) }
        self.table = t
    }

    init(position: Position, decimals: Int, scale: ScoreDecimal, stages: [Stage], tieBreak: [String], shortlist: Cut, table: ScoreTable) {
        self.position = position; self.decimals = decimals; self.scale = scale; self.stages = stages
        self.tieBreak = tieBreak; self.shortlist = shortlist; self.table = table
    }

    /// The applicants in the file's order (built from the flat storage on each call).
    public var applicants: [Applicant] {
        get { (0 ..< table.count).map { table.applicant($0) } }
        set { var t = ScoreTable(); for a in newValue { t.append(a) }; table = t }
    }

    public var applicantCount: Int { table.count }
}

extension ScoreSheet: Equatable {
    public static func == (a: ScoreSheet, b: ScoreSheet) -> Bool {
        a.position == b.position && a.decimals == b.decimals && a.scale == b.scale && a.stages == b.stages
            && a.tieBreak == b.tieBreak && a.shortlist == b.shortlist && a.applicants == b.applicants
    }
}

/// The applicants of a sheet in flat arrays: per applicant a run of entries, per panel entry a run of judges, per
/// judge with elements a run of element scores. Keys (stage ids as written in `scores`, judge ids, element ids)
/// are interned. A stage key may name no stage: that is found when the sheet is checked, not while reading.
struct ScoreTable: Sendable {
    enum Kind: UInt8 { case score = 0, absent = 1, panel = 2 }

    var ids: [String] = []
    var names: [String] = []
    var excluded: [String?] = []
    /// Entries of applicant i: `entryStart[i] ..< entryStart[i + 1]`.
    var entryStart: [Int32] = [0]
    var entryKey: [Int32] = []
    var entryKind: [UInt8] = []
    /// A score (×10⁴), or the first judge of a panel entry.
    var entryValue: [Int64] = []
    /// Judges of a panel entry.
    var entryCount: [Int32] = []
    var stageKeys: [String] = []

    var judgeKey: [Int32] = []
    /// The judge's score (×10⁴); with elements, their sum (checked for overflow when read).
    var judgeValue: [Int64] = []
    /// -1 for a plain score, else the first element score; `judgeElementCount` of them. Both empty while no judge
    /// has element scores (then every judge's score is plain): see `elements(ofJudge:)`.
    var judgeElementStart: [Int32] = []
    var judgeElementCount: [Int32] = []
    var judgeKeys: [String] = []

    var elementKey: [Int32] = []
    var elementValue: [Int64] = []
    var elementKeys: [String] = []

    /// Where each key is in `stageKeys`, `judgeKeys`, `elementKeys` (for `append`; the reader interns bytes itself).
    var stageIndex: [String: Int32] = [:]
    var judgeIndex: [String: Int32] = [:]
    var elementIndex: [String: Int32] = [:]

    /// The reader found the ids non-empty and unique (a sheet built in memory is checked by `compute`).
    var idsChecked = false
    /// The ids, in the file's order, are in ascending code point order (so equal keys need no ordering by id).
    var idsAscending = true

    var count: Int { ids.count }

    /// Judge j's element scores (`elementKey`/`elementValue` indices), nil for a plain score.
    @inline(__always) func elements(ofJudge j: Int) -> Range<Int>? {
        guard !judgeElementStart.isEmpty, judgeElementStart[j] >= 0 else { return nil }
        let s = Int(judgeElementStart[j])
        return s ..< s + Int(judgeElementCount[j])
    }

    /// After a judge's key and value were appended: a plain score.
    @inline(__always) mutating func judgeIsPlain() {
        if !judgeElementStart.isEmpty { judgeElementStart.append(-1); judgeElementCount.append(0) }
    }

    /// After `count` judges' keys and values were appended: plain scores.
    @inline(__always) mutating func judgesArePlain(_ count: Int) {
        if !judgeElementStart.isEmpty {
            judgeElementStart.append(contentsOf: repeatElement(-1, count: count))
            judgeElementCount.append(contentsOf: repeatElement(0, count: count))
        }
    }

    /// After a judge's key and value (the sum) were appended: their element scores.
    mutating func judgeHasElements(start: Int, count: Int) {
        if judgeElementStart.isEmpty {
            judgeElementStart = [Int32](repeating: -1, count: judgeKey.count - 1)
            judgeElementCount = [Int32](repeating: 0, count: judgeKey.count - 1)
        }
        judgeElementStart.append(Int32(start)); judgeElementCount.append(Int32(count))
    }

    /// Appends the applicants another reader read (plain scores only, no elements), its interned stage and judge
    /// keys mapped to this table's by `stageMap` and `judgeMap`: copied whole, then the keys and offsets mapped in
    /// place. This is on the two-thread reader's serial path, so the judges' columns and the rest are appended at
    /// once by two threads (each touching only its own columns).
    mutating func append(part p: ScoreTable, stageMap: [Int32], judgeMap: [Int32]) {
        precondition(p.elementKey.isEmpty && p.judgeElementStart.isEmpty)
        let judgeBase = Int64(judgeKey.count)
        withUnsafeMutablePointer(to: &self) { table in
            let table = SharedPointer(table)
            ScoreThreads.both { k in
                if k == 0 { table.pointer.pointee.appendJudges(of: p, judgeMap) } else { table.pointer.pointee.appendApplicants(of: p, stageMap, judgeBase) }
            }
        }
    }

    private mutating func appendJudges(of p: ScoreTable, _ judgeMap: [Int32]) {
        let judges = judgeKey.count
        judgeKey.append(contentsOf: p.judgeKey)
        judgeValue.append(contentsOf: p.judgeValue)
        judgeMap.withUnsafeBufferPointer { m in
            judgeKey.withUnsafeMutableBufferPointer { b in for x in judges ..< b.count { b[x] = m[Int(b[x])] } }
        }
        judgesArePlain(p.judgeKey.count)
    }

    /// The applicants and their entries, a panel entry's first judge moved by `judgeBase`, the judges here before
    /// (counted before the other thread started appending).
    private mutating func appendApplicants(of p: ScoreTable, _ stageMap: [Int32], _ judgeBase: Int64) {
        let entries = entryKey.count, starts = entryStart.count
        ids.append(contentsOf: p.ids); names.append(contentsOf: p.names); excluded.append(contentsOf: p.excluded)
        entryStart.append(contentsOf: p.entryStart[1...])
        entryKey.append(contentsOf: p.entryKey)
        entryKind.append(contentsOf: p.entryKind)
        entryValue.append(contentsOf: p.entryValue)
        entryCount.append(contentsOf: p.entryCount)
        let entryBase = Int32(entries), panel = Kind.panel.rawValue
        entryStart.withUnsafeMutableBufferPointer { b in for x in starts ..< b.count { b[x] += entryBase } }
        stageMap.withUnsafeBufferPointer { m in
            entryKey.withUnsafeMutableBufferPointer { b in for x in entries ..< b.count { b[x] = m[Int(b[x])] } }
        }
        entryKind.withUnsafeBufferPointer { k in
            entryValue.withUnsafeMutableBufferPointer { v in for x in entries ..< v.count where k[x] == panel { v[x] += judgeBase } }
        }
    }

    /// Room for the applicants of a file of `size` bytes, estimated generously (at least 12 bytes a judge, 40 an
    /// entry, 64 an applicant): capacity never touched costs address space, not memory, and growing by copies would.
    mutating func reserve(forBytes size: Int) {
        let cap = 1 << 24
        let judges = min(size / 12, cap), entries = min(size / 40, cap), applicants = min(size / 64, cap)
        judgeKey.reserveCapacity(judges); judgeValue.reserveCapacity(judges)
        entryKey.reserveCapacity(entries); entryKind.reserveCapacity(entries)
        entryValue.reserveCapacity(entries); entryCount.reserveCapacity(entries)
        ids.reserveCapacity(applicants); names.reserveCapacity(applicants)
        excluded.reserveCapacity(applicants); entryStart.reserveCapacity(applicants + 1)
    }

    /// Takes back entries and judges appended from these counts on (the fast reader's way back).
    mutating func truncate(entries: Int, judges: Int) {
        entryKey.removeSubrange(entries...); entryKind.removeSubrange(entries...)
        entryValue.removeSubrange(entries...); entryCount.removeSubrange(entries...)
        judgeKey.removeSubrange(judges...); judgeValue.removeSubrange(judges...)
        if judgeElementStart.count > judges { judgeElementStart.removeSubrange(judges...); judgeElementCount.removeSubrange(judges...) }
    }

    static func intern(_ s: String, _ keys: inout [String], _ index: inout [String: Int32]) -> Int32 {
        if let k = index[s] { return k }
        let k = Int32(keys.count)
        keys.append(s)
        index[s] = k
        return k
    }

    /// Appends an applicant built in memory.
    mutating func append(_ a: ScoreSheet.Applicant) {
        if let last = ids.last, !idLess(last, a.id) { idsAscending = false }
        ids.append(a.id); names.append(a.name); excluded.append(a.excluded)
        for e in a.scores {
            entryKey.append(Self.intern(e.stage, &stageKeys, &stageIndex))
            switch e.value {
            case .score(let v):
                entryKind.append(Kind.score.rawValue); entryValue.append(v.scaled); entryCount.append(0)
            case .absent:
                entryKind.append(Kind.absent.rawValue); entryValue.append(0); entryCount.append(0)
            case .panel(let judges):
                entryKind.append(Kind.panel.rawValue); entryValue.append(Int64(judgeKey.count)); entryCount.append(Int32(judges.count))
                for j in judges {
                    judgeKey.append(Self.intern(j.judge, &judgeKeys, &judgeIndex))
                    switch j.value {
                    case .score(let v):
                        judgeValue.append(v.scaled); judgeIsPlain()
                    case .elements(let es):
                        var sum: Int64 = 0
                        let start = elementKey.count
                        for x in es {
                            elementKey.append(Self.intern(x.element, &elementKeys, &elementIndex))
                            elementValue.append(x.score.scaled)
                            sum = sum.addingReportingOverflow(x.score.scaled).partialValue
                        }
                        judgeValue.append(sum)
                        judgeHasElements(start: start, count: es.count)
                    }
                }
            }
        }
        entryStart.append(Int32(entryKey.count))
    }

    /// Applicant i as the model gives it.
    func applicant(_ i: Int) -> ScoreSheet.Applicant {
        var entries: [ScoreSheet.Entry] = []
        for e in Int(entryStart[i]) ..< Int(entryStart[i + 1]) {
            let stage = stageKeys[Int(entryKey[e])]
            switch Kind(rawValue: entryKind[e])! {
            case .score: entries.append(.init(stage: stage, .score(ScoreDecimal(scaled: entryValue[e]))))
            case .absent: entries.append(.init(stage: stage, .absent))
            case .panel:
                let start = Int(entryValue[e])
                let judges = (start ..< start + Int(entryCount[e])).map { j -> ScoreSheet.JudgeScore in
                    let name = judgeKeys[Int(judgeKey[j])]
                    guard let run = elements(ofJudge: j) else { return .init(judge: name, score: ScoreDecimal(scaled: judgeValue[j])) }
                    return .init(judge: name, .elements(run.map {
                        .init(element: elementKeys[Int(elementKey[$0])], score: ScoreDecimal(scaled: elementValue[$0]))
                    }))
                }
                entries.append(.init(stage: stage, .panel(judges)))
            }
        }
        return ScoreSheet.Applicant(id: ids[i], name: names[i], excluded: excluded[i], scores: entries)
    }
}
