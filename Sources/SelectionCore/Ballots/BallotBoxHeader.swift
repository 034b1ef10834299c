/// A small JSON tree, for the header parts of a ballot box (settings, candidates).
indirect enum JSONValue {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.key == key }?.value
    }
}

extension JSONScanner {
    /// Reads a whole value into a tree (header parts only; depth-limited).
    mutating func tree(_ path: String, depth: Int = 0) throws(BallotBoxError) -> JSONValue {
        if depth > 64 { throw BallotBoxError(path, .tooDeep(64)) }
        switch try kind(path) {
        case .object:
            pos += 1
            var pairs: [(key: String, value: JSONValue)] = []
            var first = true
            while let k = try nextKey(&first, path) {
                let key = String(decoding: k, as: UTF8.self)
                pairs.append((key, try tree(path + "." + key, depth: depth + 1)))
            }
            return .object(pairs)
        case .array:
            pos += 1
            var items: [JSONValue] = []
            var first = true
            while try nextElement(&first, path) { items.append(try tree(path + "[\(items.count)]", depth: depth + 1)) }
            return .array(items)
        case .string: return .string(try stringValue(path))
        case .number: return .number(try number(path))
        case .bool: return .bool(try bool(path))
        case .null:
            try ensure()
            guard try literal("null") else { throw BallotBoxError(path, .syntax("null")) }
            return .null
        }
    }
}

/// Reading typed settings out of the tree, each error naming its JSON path.
struct SettingsReader {
    let value: JSONValue
    let path: String

    func field(_ key: String) -> SettingsReader? {
        value[key].map { SettingsReader(value: $0, path: path + "." + key) }
    }

    func required(_ key: String) throws(BallotBoxError) -> SettingsReader {
        guard let f = field(key), !isNull(f.value) else { throw BallotBoxError(path + "." + key, .missing) }
        return f
    }

    func isNull(_ v: JSONValue) -> Bool { if case .null = v { return true }; return false }

    func string() throws(BallotBoxError) -> String {
        guard case .string(let s) = value else { throw BallotBoxError(path, .wrongType("string")) }
        return s
    }

    func id() throws(BallotBoxError) -> String {
        let s = try string()
        if s.isEmpty { throw BallotBoxError(path, .emptyID) }
        return s
    }

    func double() throws(BallotBoxError) -> Double {
        guard case .number(let n) = value else { throw BallotBoxError(path, .wrongType("number")) }
        guard let d = n.double else { throw BallotBoxError(path, .tooLarge) }
        return d
    }

    /// A non-negative integer count.
    func count() throws(BallotBoxError) -> Int {
        guard case .number(let n) = value else { throw BallotBoxError(path, .wrongType("integer")) }
        if n.negative && (n.double ?? -1) != 0 { throw BallotBoxError(path, .negative) }
        if n.fractionDigits > 0 || n.hasExponent {
            // 3.0 or 3e2 are integers in value; anything with a fractional value is not
            guard let d = n.double, d == d.rounded(), abs(d) < 1e15 else { throw BallotBoxError(path, n.double == nil ? .tooLarge : .notInteger) }
            return Int(d)
        }
        guard let v = n.int64, v <= Int64(Int32.max) * 1024 else { throw BallotBoxError(path, .tooLarge) }
        return Int(v)
    }

    /// A fraction: a decimal with at most 6 places, or {"num": n, "den": d}; between 0 and 1.
    func fraction() throws(BallotBoxError) -> Fraction {
        var f: Fraction
        switch value {
        case .number(let n):
            if n.negative { throw BallotBoxError(path, .fractionRange) }
            guard !n.hasExponent, n.fractionDigits <= 6 else { throw BallotBoxError(path, .fractionFormat) }
            let digits = n.text.filter { $0 != "." }
            guard n.integerDigits <= 6, let v = Int64(digits) else { throw BallotBoxError(path, .fractionRange) }
            var den: Int64 = 1
            for _ in 0 ..< n.fractionDigits { den *= 10 }
            f = Fraction(v, den)
        case .object:
            let num = try required("num").count()
            let denReader = try required("den")
            let den = try denReader.count()
            if den == 0 { throw BallotBoxError(denReader.path, .notPositive) }
            f = Fraction(Int64(num), Int64(den))
        default:
            throw BallotBoxError(path, .wrongType("fraction"))
        }
        if f.num > f.den { throw BallotBoxError(path, .fractionRange) }
        return f
    }

    func array() throws(BallotBoxError) -> [SettingsReader] {
        guard case .array(let items) = value else { throw BallotBoxError(path, .wrongType("array")) }
        return items.enumerated().map { SettingsReader(value: $0.element, path: path + "[\($0.offset)]") }
    }

    func objectPairs() throws(BallotBoxError) -> [(String, SettingsReader)] {
        guard case .object(let pairs) = value else { throw BallotBoxError(path, .wrongType("object")) }
        return pairs.map { ($0.key, SettingsReader(value: $0.value, path: path + "." + $0.key)) }
    }

    func requireObject() throws(BallotBoxError) {
        guard case .object = value else { throw BallotBoxError(path, .wrongType("object")) }
    }
}

enum HeaderParser {
    static func candidates(_ v: JSONValue) throws(BallotBoxError) -> [Candidate] {
        var out: [Candidate] = []
        var seen = Set<String>()
        for c in try SettingsReader(value: v, path: "$.candidates").array() {
            try c.requireObject()
            let id = try c.required("id").id()
            let name = try c.field("name").map { r throws(BallotBoxError) in try r.string() } ?? id
            if !seen.insert(id).inserted { throw BallotBoxError(c.path + ".id", .duplicateCandidate(id)) }
            out.append(Candidate(id: id, name: name))
        }
        return out
    }

    static func checkWeights(_ weights: [Double], path: String) throws(BallotBoxError) {
        let sum = weights.reduce(0, +)
        if abs(sum - 1) > 1e-9 { throw BallotBoxError(path, .weightsDoNotSumToOne("\(sum)")) }
    }

    static func settings(kind: BallotKind, _ v: JSONValue) throws(BallotBoxError) -> BallotSettings {
        let s = SettingsReader(value: v, path: "$.settings")
        try s.requireObject()
        switch kind {
        case .weightedRecommendation:
            var cats: [VoterCategory] = []
            var seen = Set<String>()
            let catList = try s.required("categories").array()
            for c in catList {
                try c.requireObject()
                let id = try c.required("id").id()
                let weightReader = try c.required("weight")
                let w = try weightReader.double()
                if w < 0 { throw BallotBoxError(weightReader.path, .negative) }
                let e = try c.required("entitled").count()
                if !seen.insert(id).inserted { throw BallotBoxError(c.path + ".id", .duplicateCategory(id)) }
                cats.append(VoterCategory(id: id, weight: w, entitled: e))
            }
            if cats.isEmpty { throw BallotBoxError("$.settings.categories", .missing) }
            try checkWeights(cats.map(\.weight), path: "$.settings.categories")
            var r = BallotSettings.Recommendation(categories: cats)
            if let rp = s.field("rankPoints") {
                r.rankPoints = []
                for p in try rp.array() { r.rankPoints.append(try p.double()) }
            }
            if let u = s.field("unrankedPoints") { r.unrankedPoints = try u.double() }
            r.maxChoices = r.rankPoints.count
            if let m = s.field("maxChoices") {
                r.maxChoices = try m.count()
                if r.maxChoices > r.rankPoints.count { throw BallotBoxError(m.path, .maxChoicesTooLarge(r.rankPoints.count)) }
            }
            if let t = s.field("minTurnout") { r.minTurnout = try t.fraction() }
            return .weightedRecommendation(r)
        case .approval:
            var a = BallotSettings.Approval(members: try s.required("members").count())
            if let q = s.field("quorum") { a.quorum = try q.fraction() }
            if let t = s.field("threshold") { a.threshold = try t.fraction() }
            if let b = s.field("base") {
                guard let base = BallotSettings.Approval.Base(rawValue: try b.string()) else {
                    throw BallotBoxError(b.path, .wrongType("\"members\" or \"cast\""))
                }
                a.base = base
            }
            if let ans = s.field("answers") {
                let name = try ans.string()
                guard let set = BallotSettings.Approval.AnswerSet(rawValue: name) else { throw BallotBoxError(ans.path, .unknownAnswerSet(name)) }
                a.answers = set
            }
            if let t = s.field("admonishShare") { a.admonishShare = try t.fraction() }
            if let t = s.field("demoteShare") { a.demoteShare = try t.fraction() }
            return .approval(a)
        case .evaluation:
            let entitled = try s.required("entitled").count()
            var items: [EvaluationItem] = []
            var seen = Set<String>()
            for it in try s.required("items").array() {
                try it.requireObject()
                let id = try it.required("id").id()
                let name = try it.field("name").map { r throws(BallotBoxError) in try r.string() } ?? id
                let wr = try it.required("weight")
                let w = try wr.double()
                if w < 0 { throw BallotBoxError(wr.path, .negative) }
                if !seen.insert(id).inserted { throw BallotBoxError(it.path + ".id", .duplicateItem(id)) }
                items.append(EvaluationItem(id: id, name: name, weight: w))
            }
            if items.isEmpty { throw BallotBoxError("$.settings.items", .missing) }
            try checkWeights(items.map(\.weight), path: "$.settings.items")
            var tiers: [(name: String, points: Double)] = []
            var tierSeen = Set<String>()
            for (name, r) in try s.required("tiers").objectPairs() {
                if !tierSeen.insert(name).inserted { throw BallotBoxError(r.path, .reservedTier(name)) }
                tiers.append((name, try r.double()))
            }
            if tiers.isEmpty { throw BallotBoxError("$.settings.tiers", .missing) }
            var e = BallotSettings.Evaluation(entitled: entitled, items: items, tiers: tiers)
            if let t = s.field("minTurnout") { e.minTurnout = try t.fraction() }
            if let t = s.field("consentThreshold") { e.consentThreshold = try t.fraction() }
            if let t = s.field("demotionShare") { e.demotionShare = try t.fraction() }
            return .evaluation(e)
        case .election:
            var e = BallotSettings.Election(entitled: try s.required("entitled").count())
            if let seats = s.field("seats") {
                e.seats = try seats.count()
                if e.seats < 1 { throw BallotBoxError(seats.path, .notPositive) }
            }
            if let t = s.field("minTurnout") { e.minTurnout = try t.fraction() }
            if let el = s.field("eligible"), !el.isNull(el.value) {
                var ids: [String] = []
                for x in try el.array() { ids.append(try x.string()) }
                e.eligible = ids
            }
            return .election(e)
        }
    }
}
