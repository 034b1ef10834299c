/// Streams a `xuanren.ballot-box/1` file and counts it in bounded memory.
///
/// The header (format, kind, settings, candidates) is read into memory; ballots are counted one by one
/// as they are read. If the file lists its ballots before the header, the reader asks for the bytes a
/// second time (`open` is called twice) instead of holding the ballots.
public enum BallotBoxReader {
    public static func tally<S: ByteSource>(open: () throws -> S) throws(BallotBoxError) -> TallyResult {
        var header = Header()
        var engine: TallyEngine? = nil
        try readTopLevel(try opened(open), &header, counting: &engine)
        if engine == nil {
            // ballots came first: read the bytes again, counting only the ballots
            var e = try header.makeEngine()
            var sc = JSONScanner(try opened(open))
            defer { sc.release() }
            try sc.beginObject("$")
            var first = true
            while let key = try sc.nextKey(&first, "$") {
                if keyIs(key, "ballots") { try countBallots(&sc, &e) } else { try sc.skipValue("$") }
            }
            engine = e
        }
        return engine!.result(title: header.title)
    }

    /// Reads only the header of a box (title, settings, candidates); its ballots are skipped.
    public static func header<S: ByteSource>(_ source: S) throws(BallotBoxError) -> BallotBox {
        var header = Header()
        var none: TallyEngine? = nil
        try readTopLevel(source, &header, counting: &none, countBallots: false)
        let settings = try HeaderParser.settings(kind: header.kind!, header.settings!)
        return BallotBox(title: header.title, settings: settings, candidates: try HeaderParser.candidates(header.candidates!), ballots: [])
    }

    static func opened<S: ByteSource>(_ open: () throws -> S) throws(BallotBoxError) -> S {
        do { return try open() } catch { throw BallotBoxError("$", .syntax("readable input")) }
    }

    /// One pass over the top-level object: header parts go into `header`; the ballots are counted into
    /// `engine` when `countBallots` and the header came before them, else skipped (`engine` stays nil).
    static func readTopLevel(_ source: any ByteSource, _ header: inout Header, counting engine: inout TallyEngine?,
                             countBallots count: Bool = true) throws(BallotBoxError) {
        var sc = JSONScanner(source)
        defer { sc.release() }
        guard try sc.peek() != nil else { throw BallotBoxError("$", .emptyInput) }
        try sc.beginObject("$")
        var first = true
        while let key = try sc.nextKey(&first, "$") {
            let name = String(decoding: key, as: UTF8.self)
            guard name == "ballots" else { try header.read(name, &sc); continue }
            if !header.seen.insert("ballots").inserted { throw BallotBoxError("$.ballots", .syntax("one “ballots” key")) }
            if count && header.isComplete {
                var e = try header.makeEngine()
                try countBallots(&sc, &e)
                engine = e
            } else {
                try sc.skipValue("$.ballots")
            }
        }
        try sc.finish()
        try header.checkRequired()
    }

    /// The header parts, in whatever order they come.
    struct Header {
        var seen = Set<String>()
        var format: String?
        var kind: BallotKind?
        var title = ""
        var settings: JSONValue?
        var candidates: JSONValue?

        var isComplete: Bool { format != nil && kind != nil && settings != nil && candidates != nil }

        mutating func read(_ name: String, _ sc: inout JSONScanner) throws(BallotBoxError) {
            let path = "$." + name
            let known = ["format", "kind", "title", "settings", "candidates"]
            if known.contains(name) {
                if !seen.insert(name).inserted { throw BallotBoxError(path, .syntax("one “\(name)” key")) }
            }
            switch name {
            case "format":
                let f = try sc.stringValue(path)
                guard f == BallotBox.format else { throw BallotBoxError(path, .unknownFormat(f)) }
                format = f
            case "kind":
                let k = try sc.stringValue(path)
                guard let kind = BallotKind(rawValue: k) else { throw BallotBoxError(path, .unknownKind(k)) }
                self.kind = kind
            case "title":
                title = try sc.stringValue(path)
            case "settings":
                settings = try sc.tree(path)
            case "candidates":
                candidates = try sc.tree(path)
            default:
                try sc.skipValue(path)
            }
        }

        func checkRequired() throws(BallotBoxError) {
            if format == nil { throw BallotBoxError("$.format", .missing) }
            if kind == nil { throw BallotBoxError("$.kind", .missing) }
            if settings == nil { throw BallotBoxError("$.settings", .missing) }
            if candidates == nil { throw BallotBoxError("$.candidates", .missing) }
            if !seen.contains("ballots") { throw BallotBoxError("$.ballots", .missing) }
        }

        func makeEngine() throws(BallotBoxError) -> TallyEngine {
            try checkRequiredHeader()
            let s = try HeaderParser.settings(kind: kind!, settings!)
            let c = try HeaderParser.candidates(candidates!)
            return TallyEngine(settings: s, candidates: c)
        }

        func checkRequiredHeader() throws(BallotBoxError) {
            if format == nil { throw BallotBoxError("$.format", .missing) }
            if kind == nil { throw BallotBoxError("$.kind", .missing) }
            if settings == nil { throw BallotBoxError("$.settings", .missing) }
            if candidates == nil { throw BallotBoxError("$.candidates", .missing) }
        }
    }

    static func countBallots(_ sc: inout JSONScanner, _ e: inout TallyEngine) throws(BallotBoxError) {
        try sc.beginArray("$.ballots")
        var first = true
        var index = 0
        switch e.settings {
        case .weightedRecommendation(let s):
            while try sc.nextElement(&first, "$.ballots[\(index)]") { try recommendation(&sc, &e, s, index); index += 1 }
        case .approval(let s):
            let satisfaction = s.answers == .satisfaction
            while try sc.nextElement(&first, "$.ballots[\(index)]") { try approval(&sc, &e, index, satisfaction: satisfaction); index += 1 }
        case .evaluation(let s):
            while try sc.nextElement(&first, "$.ballots[\(index)]") { try evaluation(&sc, &e, s, index); index += 1 }
        case .election(let s):
            while try sc.nextElement(&first, "$.ballots[\(index)]") { try election(&sc, &e, s, index); index += 1 }
        }
    }

    static func duplicateKey(_ path: String) -> BallotBoxError { BallotBoxError(path, .syntax("no repeated key")) }

    static func recommendation(_ sc: inout JSONScanner, _ e: inout TallyEngine, _ s: BallotSettings.Recommendation, _ index: Int) throws(BallotBoxError) {
        try sc.beginObject("$.ballots[\(index)]")
        var first = true
        var category = -1
        var haveRanking = false
        var stored = 0
        var total = 0
        let limit = s.maxChoices + 1
        while let key = try sc.nextKey(&first, "$.ballots[\(index)]") {
            if keyIs(key, "category") {
                if category >= 0 { throw duplicateKey("$.ballots[\(index)].category") }
                let v = try sc.string("$.ballots[\(index)].category")
                guard let c = e.categoryTable.find(v) else {
                    throw BallotBoxError("$.ballots[\(index)].category", .unknownCategory(String(decoding: v, as: UTF8.self)))
                }
                category = c
            } else if keyIs(key, "ranking") {
                if haveRanking { throw duplicateKey("$.ballots[\(index)].ranking") }
                haveRanking = true
                try sc.beginArray("$.ballots[\(index)].ranking")
                var f = true
                while try sc.nextElement(&f, "$.ballots[\(index)].ranking[\(total)]") {
                    let v = try sc.string("$.ballots[\(index)].ranking[\(total)]")
                    if stored < limit { e.choices[stored] = e.candidateTable.find(v) ?? -1; stored += 1 }
                    total += 1
                }
            } else {
                try sc.skipValue("$.ballots[\(index)]")
            }
        }
        if category < 0 { throw BallotBoxError("$.ballots[\(index)].category", .missing) }
        if !haveRanking { throw BallotBoxError("$.ballots[\(index)].ranking", .missing) }
        let n = stored
        let c = category
        let reason = e.choices.withUnsafeBufferPointer { e.recommendation!.add(category: c, choices: UnsafeBufferPointer(rebasing: $0[0 ..< n]), total: total) }
        e.finish(index: index, reason)
    }

    static func approval(_ sc: inout JSONScanner, _ e: inout TallyEngine, _ index: Int, satisfaction: Bool) throws(BallotBoxError) {
        try sc.beginObject("$.ballots[\(index)]")
        var first = true
        var haveVotes = false
        var unknown = false, dup = false, badAnswer = false
        for k in e.answers.indices { e.answers[k] = -1 }
        while let key = try sc.nextKey(&first, "$.ballots[\(index)]") {
            if keyIs(key, "votes") {
                if haveVotes { throw duplicateKey("$.ballots[\(index)].votes") }
                haveVotes = true
                try sc.beginObject("$.ballots[\(index)].votes")
                var f = true
                while let ck = try sc.nextKey(&f, "$.ballots[\(index)].votes") {
                    let k = e.candidateTable.find(ck)
                    let v = try sc.string("$.ballots[\(index)].votes")
                    guard let k else { unknown = true; continue }
                    if e.answers[k] != -1 { dup = true }
                    if satisfaction {
                        // BAL-7: 满意 / 基本满意 / 不满意 / 不了解
                        if keyIs(v, "satisfied") { e.answers[k] = 0 } else if keyIs(v, "basic") { e.answers[k] = 1 }
                        else if keyIs(v, "dissatisfied") { e.answers[k] = 2 } else if keyIs(v, "unknown") { e.answers[k] = 3 }
                        else { e.answers[k] = 3; badAnswer = true }
                    } else if keyIs(v, "yes") { e.answers[k] = 0 } else if keyIs(v, "no") { e.answers[k] = 1 }
                    else if keyIs(v, "abstain") { e.answers[k] = 2 } else { e.answers[k] = 2; badAnswer = true }
                }
            } else {
                try sc.skipValue("$.ballots[\(index)]")
            }
        }
        if !haveVotes { throw BallotBoxError("$.ballots[\(index)].votes", .missing) }
        let (u, d, b) = (unknown, dup, badAnswer)
        let reason = e.answers.withUnsafeBufferPointer { e.approval!.add(answers: $0, unknownCandidate: u, duplicate: d, unknownAnswer: b) }
        e.finish(index: index, reason)
    }

    static func evaluation(_ sc: inout JSONScanner, _ e: inout TallyEngine, _ s: BallotSettings.Evaluation, _ index: Int) throws(BallotBoxError) {
        try sc.beginObject("$.ballots[\(index)]")
        var first = true
        var haveRatings = false
        var unknown = false, dup = false, badAnswer = false
        e.beginEvaluationBallot()
        let items = s.items.count
        while let key = try sc.nextKey(&first, "$.ballots[\(index)]") {
            guard keyIs(key, "ratings") else { try sc.skipValue("$.ballots[\(index)]"); continue }
            if haveRatings { throw duplicateKey("$.ballots[\(index)].ratings") }
            haveRatings = true
            try sc.beginObject("$.ballots[\(index)].ratings")
            var f = true
            while let ck = try sc.nextKey(&f, "$.ballots[\(index)].ratings") {
                guard let k = e.candidateTable.find(ck) else {
                    unknown = true
                    try sc.skipValue("$.ballots[\(index)].ratings")
                    continue
                }
                if e.overall[k] != -1 || (0 ..< items).contains(where: { e.tiers[k * items + $0] != -1 }) { dup = true }
                try sc.beginObject("$.ballots[\(index)].ratings.\(e.candidates[k].id)")
                var g = true
                while let rk = try sc.nextKey(&g, "$.ballots[\(index)].ratings.\(e.candidates[k].id)") {
                    if keyIs(rk, "items") {
                        try sc.beginObject("$.ballots[\(index)].ratings.\(e.candidates[k].id)" + ".items")
                        var h = true
                        while let ik = try sc.nextKey(&h, "$.ballots[\(index)].ratings.\(e.candidates[k].id)" + ".items") {
                            let i = e.itemTable.find(ik)
                            let tv = try sc.string("$.ballots[\(index)].ratings.\(e.candidates[k].id)" + ".items")
                            guard let i else { badAnswer = true; continue }
                            if let t = e.tierTable.find(tv) { e.tiers[k * items + i] = t } else { e.tiers[k * items + i] = -2; badAnswer = true }
                        }
                    } else if keyIs(rk, "overall") {
                        let ov = try sc.string("$.ballots[\(index)].ratings.\(e.candidates[k].id)" + ".overall")
                        if keyIs(ov, "excellent") { e.overall[k] = 0 } else if keyIs(ov, "competent") { e.overall[k] = 1 }
                        else if keyIs(ov, "basic") { e.overall[k] = 2 } else if keyIs(ov, "incompetent") { e.overall[k] = 3 }
                        else { e.overall[k] = -2; badAnswer = true }
                    } else {
                        try sc.skipValue("$.ballots[\(index)].ratings.\(e.candidates[k].id)")
                    }
                }
            }
        }
        if !haveRatings { throw BallotBoxError("$.ballots[\(index)].ratings", .missing) }
        let (u, d, b) = (unknown, dup, badAnswer)
        let reason = e.tiers.withUnsafeBufferPointer { t in
            e.overall.withUnsafeBufferPointer { o in e.evaluation!.add(tiers: t, overallIndex: o, unknownCandidate: u, duplicate: d, unknownAnswer: b) }
        }
        e.finish(index: index, reason)
    }

    static func election(_ sc: inout JSONScanner, _ e: inout TallyEngine, _ s: BallotSettings.Election, _ index: Int) throws(BallotBoxError) {
        try sc.beginObject("$.ballots[\(index)]")
        var first = true
        var haveChoices = false
        var stored = 0
        var total = 0
        let limit = s.seats + 1
        while let key = try sc.nextKey(&first, "$.ballots[\(index)]") {
            guard keyIs(key, "choices") else { try sc.skipValue("$.ballots[\(index)]"); continue }
            if haveChoices { throw duplicateKey("$.ballots[\(index)].choices") }
            haveChoices = true
            try sc.beginArray("$.ballots[\(index)].choices")
            var f = true
            while try sc.nextElement(&f, "$.ballots[\(index)].choices[\(total)]") {
                let v = try sc.string("$.ballots[\(index)].choices[\(total)]")
                if stored < limit { e.choices[stored] = e.election!.intern(v); stored += 1 }
                total += 1
            }
        }
        if !haveChoices { throw BallotBoxError("$.ballots[\(index)].choices", .missing) }
        let n = stored
        let reason = e.choices.withUnsafeBufferPointer { e.election!.add(choices: UnsafeBufferPointer(rebasing: $0[0 ..< n]), total: total) }
        e.finish(index: index, reason)
    }
}

@inline(__always) func keyIs(_ key: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    return key.count == n && (n == 0 || memcmpEqual(key.baseAddress!, UnsafeRawPointer(literal.utf8Start), n))
}

