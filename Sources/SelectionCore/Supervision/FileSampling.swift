/// CHK-2: which personal files a check team reviews — at least one third of the newly promoted cadres' files drawn by
/// lot, reproducibly from a recorded seed, and every file a mandatory reason names.
///
/// The rule [002 篇2]: “抽查不少于1/3新提拔干部的档案；对……的干部，必须逐人审查档案”. We read it as two requirements
/// met together, not one inside the other: the lot draws ⌈n/3⌉ files from *all* n files, and every file with a
/// mandatory reason is added to what the lot drew. The sample is the union, each file with why it is in it (its lot
/// number, its reasons, or both). So the random part never shrinks because many files are mandatory, and the
/// mandatory part never depends on luck; the sample has at least ⌈n/3⌉ files and at most ⌈n/3⌉ + the mandatory ones.
///
/// The algorithm, exactly (so that an independent tool can re-run a recorded draw):
/// 1. Refuse unless every file id is non-empty and unique.
/// 2. Sort the ids by their UTF-8 bytes, lexicographically (= Unicode code point order): the input order never matters.
/// 3. k = ⌈n/3⌉ = (n + 2) / 3 in integers.
/// 4. The generator is `SeededGenerator(seed:)` (SplitMix64, the one `PanelDraw` and `JudgeDraw` use). For i in
///    0 ..< k: j = i + next() % (n − i); swap the ids at i and j (a partial Fisher–Yates shuffle, as `PanelDraw`). The
///    first k ids, in that order, are the lots 1…k.
/// 5. The sample: the k drawn files in lot order, then the files with a mandatory reason that the lot did not draw,
///    in the sorted order of step 2.
/// The random part depends on the ids and the seed only — not on the reasons, which may be computed again later.
public enum FileSampling {
    /// CHK-2: the least number of files drawn by lot from `n`: one third, rounded up (0 of 0, 1 of 1 … 3, 2 of 4 … 6).
    public static func randomCount(of n: Int) -> Int { n <= 0 ? 0 : (n + 2) / 3 }

    /// One newly promoted cadre's file, with the mandatory reasons that apply to it (none: only the lot can pick it).
    public struct File: Sendable, Equatable {
        public var id: String
        public var mandatory: [MandatoryReason]
        public init(id: String, mandatory: [MandatoryReason] = []) { self.id = id; self.mandatory = mandatory }
    }

    /// A file in the sample, with why it is there.
    public struct Picked: Sendable, Equatable, Codable {
        public var id: String
        /// Its place in the random draw, 1…k; nil when only a mandatory reason put it in the sample.
        public var lot: Int?
        public var mandatory: [MandatoryReason]
        public init(id: String, lot: Int?, mandatory: [MandatoryReason]) { self.id = id; self.lot = lot; self.mandatory = mandatory }
    }

    public struct Sample: Sendable, Equatable {
        public var seed: UInt64
        /// All newly promoted cadres' files.
        public var files: Int
        /// Drawn by lot: ⌈files/3⌉.
        public var drawn: Int
        /// Files with at least one mandatory reason.
        public var mandatory: Int
        /// The sample in order: the lots 1…k, then the mandatory files the lot did not draw.
        public var picked: [Picked]
        public var ids: Set<String> { Set(picked.map(\.id)) }
    }

    /// Draws the sample of `files` from `seed` (see the type's documentation for the algorithm).
    public static func draw(_ files: [File], seed: UInt64) throws(InvalidInput) -> Sample {
        var issues: [InvalidInput.Issue] = []
        var reasons: [String: [MandatoryReason]] = [:]
        reasons.reserveCapacity(files.count)
        for (i, f) in files.enumerated() {
            if f.id.isEmpty { issues.append(.init(field: "files[\(i)].id", problem: .required)); continue }
            if reasons.updateValue(Array(Set(f.mandatory)).sorted(), forKey: f.id) != nil { issues.append(.init(field: "files", problem: .duplicate(f.id))) }
        }
        if !issues.isEmpty { throw InvalidInput(issues) }

        var ids = files.map(\.id)
        ids.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let n = ids.count, k = randomCount(of: n)
        var rng = SeededGenerator(seed: seed)
        for i in 0 ..< k {
            let j = i + Int(rng.next() % UInt64(n - i))
            if i != j { ids.swapAt(i, j) }
        }
        var picked: [Picked] = []
        picked.reserveCapacity(k)
        for i in 0 ..< k { picked.append(Picked(id: ids[i], lot: i + 1, mandatory: reasons[ids[i]] ?? [])) }
        // the rest, in sorted order: the part of the array the shuffle did not settle is no longer sorted
        var rest = ids[k...].filter { !(reasons[$0] ?? []).isEmpty }
        rest.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for id in rest { picked.append(Picked(id: id, lot: nil, mandatory: reasons[id]!)) }
        return Sample(seed: seed, files: n, drawn: k, mandatory: reasons.values.filter { !$0.isEmpty }.count, picked: picked)
    }
}
