/// Reads a `xuanren.scores/1` file with the ballot boxes' pull scanner (`JSONScanner`), in one pass and in bounded
/// memory besides the sheet itself. The plan's parts (position, stages, tieBreak, shortlist) are small and read as
/// trees; the applicants are read straight into the flat `ScoreTable`, numbers from their bytes into units of 10⁻⁴.
///
/// Reading checks the JSON, the format, required fields, types and numbers; what depends on the stages (a score
/// above the maximum, a stage id that names no stage, too few judges …) is checked by `compute()`, so that keys may
/// come in any order and a sheet built in memory is checked the same way.
extension ScoreSheet {
    public static func parse<S: ByteSource>(_ source: S) throws(ScoreSheetError) -> ScoreSheet {
        try parse(source, splitAbove: SecondApplicantReader.threshold)
    }

    /// With a second reading thread for sheets whose applicants take at least `splitAbove` bytes (0: never).
    static func parse<S: ByteSource>(_ source: S, splitAbove: Int) throws(ScoreSheetError) -> ScoreSheet {
        try parseCountingSplit(source, splitAbove: splitAbove, awaitSecondStart: false).sheet
    }

    /// The sheet, and how many of its applicants the second reader read. The tests of the split wait until the
    /// second reader knows where it starts (`awaitSecondStart`), so that even a small sheet is split.
    static func parseCountingSplit<S: ByteSource>(_ source: S, splitAbove: Int, awaitSecondStart: Bool = true) throws(ScoreSheetError) -> (sheet: ScoreSheet, second: Int) {
        var r = ScoreSheetReader(source)
        r.splitThreshold = splitAbove
        r.awaitSecondStart = awaitSecondStart
        defer { r.release() }
        let sheet = try r.read()
        return (sheet, r.readBySecond)
    }

    public static func parse(bytes: [UInt8]) throws(ScoreSheetError) -> ScoreSheet {
        try parse(MemoryByteSource(bytes))
    }

    public static func parse(json: String) throws(ScoreSheetError) -> ScoreSheet {
        try parse(MemoryByteSource(json))
    }
}

struct ScoreSheetReader {
    var sc: JSONScanner
    var table = ScoreTable()
    var stageKeys = IDTable(capacity: 16)
    var judgeKeys = IDTable(capacity: 64)
    var elementKeys = IDTable(capacity: 16)
    var applicantIDs = IDTable(capacity: 1024)
    /// The ids so far came in ascending byte order; the last of them (see `registerID`).
    var idsAscending = true
    var lastID: [UInt8] = []
    /// A second reader's (see `SecondApplicantReader`): it stops at the first id out of order instead of going on.
    var speculative = false
    /// The keys at each place of the previous applicant's `scores` and panel (see `fastApplicant`).
    var stageCache: [KeyCache] = []
    var judgeCache: [KeyCache] = []

    /// A panel's judges while the fast reader reads it (at most 64).
    let panelKeys = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
    let panelValues = UnsafeMutablePointer<Int64>.allocate(capacity: 64)

    /// Applicants of at least this many bytes are read by two threads (`SecondApplicantReader`); 0 for one.
    var splitThreshold = SecondApplicantReader.threshold
    /// How many applicants were taken from the second reader.
    var readBySecond = 0
    /// Wait until the second reader has found where it starts (tests).
    var awaitSecondStart = false

    init(_ source: any ByteSource, longestToken: Int = JSONScanner.maxToken) { sc = JSONScanner(source, longestToken: longestToken) }

    func release() { sc.release(); panelKeys.deallocate(); panelValues.deallocate() }

    // MARK: the scanner, with this format's errors

    @inline(__always) mutating func peek() throws(ScoreSheetError) -> UInt8? {
        do { return try sc.peek() } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func kind(_ path: @autoclosure () -> String) throws(ScoreSheetError) -> JSONScanner.ValueKind {
        do { return try sc.kind(path()) } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func beginObject(_ path: @autoclosure () -> String) throws(ScoreSheetError) {
        do { try sc.beginObject(path()) } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func beginArray(_ path: @autoclosure () -> String) throws(ScoreSheetError) {
        do { try sc.beginArray(path()) } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func nextKey(_ first: inout Bool, _ path: @autoclosure () -> String) throws(ScoreSheetError) -> UnsafeRawBufferPointer? {
        do { return try sc.nextKey(&first, path()) } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func nextElement(_ first: inout Bool, _ path: @autoclosure () -> String) throws(ScoreSheetError) -> Bool {
        do { return try sc.nextElement(&first, path()) } catch { throw ScoreSheetError(error) }
    }
    @inline(__always) mutating func string(_ path: @autoclosure () -> String) throws(ScoreSheetError) -> UnsafeRawBufferPointer {
        do { return try sc.string(path()) } catch { throw ScoreSheetError(error) }
    }
    mutating func skipValue(_ path: @autoclosure () -> String) throws(ScoreSheetError) {
        do { try sc.skipValue(path()) } catch { throw ScoreSheetError(error) }
    }
    mutating func tree(_ path: String) throws(ScoreSheetError) -> JSONValue {
        do { return try sc.tree(path) } catch { throw ScoreSheetError(error) }
    }

    /// A score: a JSON number or a decimal string, exactly, in units of 10⁻⁴.
    @inline(__always) mutating func decimal(_ path: @autoclosure () -> String) throws(ScoreSheetError) -> ScoreDecimal {
        let k = try kind(path())
        let bytes: UnsafeRawBufferPointer
        if k == .number {
            do { try sc.ensure() } catch { throw ScoreSheetError(error) }
            let b = sc.base
            let start = sc.pos
            var i = start
            while i < sc.end {
                let c = b[i]
                guard (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") else { break }
                i += 1
            }
            if i - start > 4096 { throw ScoreSheetError(path(), .tooLarge) }
            sc.pos = i
            bytes = UnsafeRawBufferPointer(start: b + start, count: i - start)
        } else if k == .string {
            bytes = try string(path())
        } else {
            throw ScoreSheetError(path(), .wrongType("number"))
        }
        return try Self.decimal(bytes, string: k == .string, path())
    }

    static func decimal(_ bytes: UnsafeRawBufferPointer, string: Bool, _ path: @autoclosure () -> String) throws(ScoreSheetError) -> ScoreDecimal {
        try decimal(ScoreDecimal.parse(bytes), string: string, path())
    }

    static func decimal(_ parsed: ScoreDecimal.Parsed, string: Bool, _ path: @autoclosure () -> String) throws(ScoreSheetError) -> ScoreDecimal {
        switch parsed {
        case .value(let v): return v
        case .tooManyPlaces: throw ScoreSheetError(path(), .tooManyPlaces)
        case .tooLarge: throw ScoreSheetError(path(), .tooLarge)
        case .notANumber:
            if string { throw ScoreSheetError(path(), .wrongType("number")) }
            throw ScoreSheetError(path(), .syntax("a number"))
        }
    }

    // MARK: the document

    mutating func read() throws(ScoreSheetError) -> ScoreSheet {
        guard try peek() != nil else { throw ScoreSheetError("$", .emptyInput) }
        try beginObject("$")
        var seen = Set<String>()
        var format: String?
        var position: JSONValue?, decimals: JSONValue?, scale: JSONValue?, stages: JSONValue?, tieBreak: JSONValue?, shortlist: JSONValue?
        var first = true
        while let k = try nextKey(&first, "$") {
            let name = String(decoding: k, as: UTF8.self)
            let path = "$." + name
            let known = ["format", "position", "decimals", "scale", "stages", "tieBreak", "shortlist", "applicants"]
            if known.contains(name), !seen.insert(name).inserted { throw ScoreSheetError(path, .syntax("one “\(name)” key")) }
            switch name {
            case "format":
                guard try kind(path) == .string else { throw ScoreSheetError(path, .wrongType("string")) }
                let f = String(decoding: try string(path), as: UTF8.self)
                guard f == ScoreSheet.format else { throw ScoreSheetError(path, .unknownFormat(f)) }
                format = f
            case "position": position = try tree(path)
            case "decimals": decimals = try tree(path)
            case "scale": scale = try tree(path)
            case "stages": stages = try tree(path)
            case "tieBreak": tieBreak = try tree(path)
            case "shortlist": shortlist = try tree(path)
            case "applicants": try readApplicants()
            default: try skipValue(path)
            }
        }
        do { try sc.finish() } catch { throw ScoreSheetError(error) }
        if format == nil { throw ScoreSheetError("$.format", .missing) }
        guard let position else { throw ScoreSheetError("$.position", .missing) }
        guard let stages else { throw ScoreSheetError("$.stages", .missing) }
        guard let shortlist else { throw ScoreSheetError("$.shortlist", .missing) }
        if !seen.contains("applicants") { throw ScoreSheetError("$.applicants", .missing) }

        let p = try HeaderReader.object(position, "$.position")
        let pos = ScoreSheet.Position(id: try HeaderReader.string(p["id"], "$.position.id"),
                                      name: try HeaderReader.string(p["name"], "$.position.name"),
                                      posts: try HeaderReader.integer(p["posts"], "$.position.posts"))
        let d = try decimals.map { v throws(ScoreSheetError) in try HeaderReader.integer(v, "$.decimals") } ?? 2
        let s = try scale.map { v throws(ScoreSheetError) in try HeaderReader.decimal(v, "$.scale") } ?? ScoreDecimal(100)
        var stageList: [ScoreSheet.Stage] = []
        guard case .array(let items) = stages else { throw ScoreSheetError("$.stages", .wrongType("array")) }
        for (i, v) in items.enumerated() { stageList.append(try HeaderReader.stage(v, "$.stages[\(i)]")) }
        var tb: [String] = []
        if let tieBreak {
            guard case .array(let ids) = tieBreak else { throw ScoreSheetError("$.tieBreak", .wrongType("array")) }
            for (i, v) in ids.enumerated() { tb.append(try HeaderReader.string(v, "$.tieBreak[\(i)]")) }
        }
        let cut = try HeaderReader.cut(HeaderReader.object(shortlist, "$.shortlist"), "$.shortlist")
        guard let cut else { throw ScoreSheetError("$.shortlist.ratio", .missing) }

        table.stageKeys = (0 ..< stageKeys.count).map { stageKeys.string($0) }
        table.judgeKeys = (0 ..< judgeKeys.count).map { judgeKeys.string($0) }
        table.elementKeys = (0 ..< elementKeys.count).map { elementKeys.string($0) }
        for (i, k) in table.stageKeys.enumerated() { table.stageIndex[k] = Int32(i) }
        for (i, k) in table.judgeKeys.enumerated() { table.judgeIndex[k] = Int32(i) }
        for (i, k) in table.elementKeys.enumerated() { table.elementIndex[k] = Int32(i) }
        table.idsChecked = true
        table.idsAscending = idsAscending
        return ScoreSheet(position: pos, decimals: d, scale: s, stages: stageList, tieBreak: tb, shortlist: cut, table: table)
    }

    // MARK: applicants

    mutating func readApplicants() throws(ScoreSheetError) {
        try beginArray("$.applicants")
        let size = sc.source.sizeHint
        if let size { table.reserve(forBytes: size) }
        let second = size.flatMap { SecondApplicantReader.start(sc.source, from: sc.offset, size: $0, threshold: splitThreshold,
                                                                          awaitStart: awaitSecondStart) }
        defer { second?.finish() }
        var first = true
        var i = 0
        while try nextElement(&first, "$.applicants[\(i)]") {
            if let second, second.take(into: &self, index: &i) { continue }
            try readApplicant(i)
            i += 1
        }
    }

    mutating func readApplicant(_ i: Int) throws(ScoreSheetError) {
        do { try sc.ensure() } catch { throw ScoreSheetError(error) }
        if fastApplicant() { return }
        try beginObject("$.applicants[\(i)]")
        var first = true
        var id: String?, name: String?, excluded: String?
        var haveScores = false, haveExcluded = false
        while let key = try nextKey(&first, "$.applicants[\(i)]") {
            if keyIs(key, "id") {
                if id != nil { throw dup("$.applicants[\(i)].id") }
                id = String(decoding: try string("$.applicants[\(i)].id"), as: UTF8.self)
            } else if keyIs(key, "name") {
                if name != nil { throw dup("$.applicants[\(i)].name") }
                name = String(decoding: try string("$.applicants[\(i)].name"), as: UTF8.self)
            } else if keyIs(key, "excluded") {
                if haveExcluded { throw dup("$.applicants[\(i)].excluded") }
                haveExcluded = true
                if try kind("$.applicants[\(i)].excluded") == .null { try skipValue("$.applicants[\(i)].excluded") }
                else { excluded = String(decoding: try string("$.applicants[\(i)].excluded"), as: UTF8.self) }
            } else if keyIs(key, "scores") {
                if haveScores { throw dup("$.applicants[\(i)].scores") }
                haveScores = true
                try readScores(i)
            } else {
                try skipValue("$.applicants[\(i)]")
            }
        }
        guard let id else { throw ScoreSheetError("$.applicants[\(i)].id", .missing) }
        guard let name else { throw ScoreSheetError("$.applicants[\(i)].name", .missing) }
        if id.isEmpty { throw ScoreSheetError("$.applicants[\(i)].id", .emptyID) }
        var idBytes = id
        let fresh = idBytes.withUTF8 { registerID(UnsafeRawBufferPointer($0)) }
        if !fresh { throw ScoreSheetError("$.applicants[\(i)].id", .duplicateID(id)) }
        if !haveScores && excluded == nil { throw ScoreSheetError("$.applicants[\(i)].scores", .missing) }
        table.ids.append(id)
        table.names.append(name)
        table.excluded.append(excluded)
        table.entryStart.append(Int32(table.entryKey.count))
    }

    func dup(_ path: String) -> ScoreSheetError { ScoreSheetError(path, .syntax("no repeated key")) }

    /// An applicant's `scores`. Errors inside are thrown with an empty path and given their path on the way out,
    /// so that no path is built (and no closure made) unless something is wrong.
    mutating func readScores(_ i: Int) throws(ScoreSheetError) {
        try beginObject("$.applicants[\(i)].scores")
        let entriesStart = table.entryKey.count
        var first = true
        while let key = try nextKey(&first, "$.applicants[\(i)].scores") {
            let k = Int32(stageKeys.find(key) ?? stageKeys.insert(key))
            var judge: Int32 = -1, element: Int32 = -1
            do throws(ScoreSheetError) {
                try readEntry(k, entriesStart, &judge, &element)
            } catch {
                guard error.path.isEmpty else { throw error }
                var p = "$.applicants[\(i)].scores." + stageKeys.string(Int(k))
                if judge >= 0 { p += "." + judgeKeys.string(Int(judge)) }
                if element >= 0 { p += "." + elementKeys.string(Int(element)) }
                throw ScoreSheetError(p, error.problem)
            }
        }
    }

    /// One stage's entry; `judge` and `element` tell where an error (thrown with an empty path) happened.
    @inline(__always)
    mutating func readEntry(_ k: Int32, _ entriesStart: Int, _ judge: inout Int32, _ element: inout Int32) throws(ScoreSheetError) {
        for e in entriesStart ..< table.entryKey.count where table.entryKey[e] == k { throw dup("") }
        switch try kind("") {
        case .number:
            let v = try decimal("").scaled
            table.entryKey.append(k); table.entryKind.append(ScoreTable.Kind.score.rawValue)
            table.entryValue.append(v); table.entryCount.append(0)
        case .string:
            let s = try string("")
            let v: Int64
            let kind: ScoreTable.Kind
            if keyIs(s, "absent") { kind = .absent; v = 0 } else { kind = .score; v = try Self.decimal(s, string: true, "").scaled }
            table.entryKey.append(k); table.entryKind.append(kind.rawValue); table.entryValue.append(v); table.entryCount.append(0)
        case .object:
            try beginObject("")
            let judgesStart = table.judgeKey.count
            var f = true
            while let jk = try nextKey(&f, "") {
                let j = Int32(judgeKeys.find(jk) ?? judgeKeys.insert(jk))
                judge = j
                for x in judgesStart ..< table.judgeKey.count where table.judgeKey[x] == j { throw dup("") }
                table.judgeKey.append(j)
                if try kind("") == .object {
                    try beginObject("")
                    let elementsStart = table.elementKey.count
                    var sum: Int64 = 0
                    var g = true
                    while let ek = try nextKey(&g, "") {
                        let e = Int32(elementKeys.find(ek) ?? elementKeys.insert(ek))
                        element = e
                        for x in elementsStart ..< table.elementKey.count where table.elementKey[x] == e { throw dup("") }
                        let v = try decimal("").scaled
                        let (s, o) = sum.addingReportingOverflow(v)
                        if o { throw ScoreSheetError("", .tooLarge) }
                        sum = s
                        table.elementKey.append(e); table.elementValue.append(v)
                    }
                    element = -1
                    table.judgeValue.append(sum)
                    table.judgeHasElements(start: elementsStart, count: table.elementKey.count - elementsStart)
                } else {
                    table.judgeValue.append(try decimal("").scaled)
                    table.judgeIsPlain()
                }
            }
            judge = -1
            table.entryKey.append(k); table.entryKind.append(ScoreTable.Kind.panel.rawValue)
            table.entryValue.append(Int64(judgesStart)); table.entryCount.append(Int32(table.judgeKey.count - judgesStart))
        default:
            throw ScoreSheetError("", .wrongType("number or object"))
        }
    }
}

/// The plan's parts of a sheet, read from small trees.
enum HeaderReader {
    static func object(_ v: JSONValue, _ path: String) throws(ScoreSheetError) -> [String: JSONValue] {
        guard case .object(let pairs) = v else { throw ScoreSheetError(path, .wrongType("object")) }
        var out: [String: JSONValue] = [:]
        for (k, x) in pairs {
            if out[k] != nil { throw ScoreSheetError(path + "." + k, .syntax("no repeated key")) }
            out[k] = x
        }
        return out
    }

    static func string(_ v: JSONValue?, _ path: String) throws(ScoreSheetError) -> String {
        guard let v else { throw ScoreSheetError(path, .missing) }
        guard case .string(let s) = v else { throw ScoreSheetError(path, .wrongType("string")) }
        return s
    }

    static func decimal(_ v: JSONValue?, _ path: String) throws(ScoreSheetError) -> ScoreDecimal {
        guard let v else { throw ScoreSheetError(path, .missing) }
        var text: String
        let isString: Bool
        switch v {
        case .number(let n): text = n.text; isString = false
        case .string(let s): text = s; isString = true
        default: throw ScoreSheetError(path, .wrongType("number"))
        }
        let parsed = text.withUTF8 { ScoreDecimal.parse(UnsafeRawBufferPointer($0)) }
        return try ScoreSheetReader.decimal(parsed, string: isString, path)
    }

    static func integer(_ v: JSONValue?, _ path: String) throws(ScoreSheetError) -> Int {
        guard let v else { throw ScoreSheetError(path, .missing) }
        guard case .number = v else { throw ScoreSheetError(path, .wrongType("integer")) }
        let d: ScoreDecimal
        do { d = try decimal(v, path) } catch { throw error.problem == .tooManyPlaces ? ScoreSheetError(path, .notInteger) : error }
        guard d.isWhole else { throw ScoreSheetError(path, .notInteger) }
        return Int(d.scaled / ScoreDecimal.unit)
    }

    /// `{"ratio": r}` or `{"top": n}`; nil when neither; both at once is an error.
    static func cut(_ o: [String: JSONValue], _ path: String) throws(ScoreSheetError) -> ScoreSheet.Cut? {
        switch (o["ratio"], o["top"]) {
        case (.some, .some): throw ScoreSheetError(path, .ratioAndTop)
        case (.some(let r), nil): return .ratio(try decimal(r, path + ".ratio"))
        case (nil, .some(let t)): return .top(try integer(t, path + ".top"))
        case (nil, nil): return nil
        }
    }

    static func stage(_ v: JSONValue, _ path: String) throws(ScoreSheetError) -> ScoreSheet.Stage {
        let o = try object(v, path)
        let id = try string(o["id"], path + ".id")
        let name = try string(o["name"], path + ".name")
        let max = try decimal(o["max"], path + ".max")
        let weight = try decimal(o["weight"], path + ".weight")
        let scoringName = try string(o["scoring"], path + ".scoring")
        let scoring: ScoreSheet.Scoring
        switch scoringName {
        case "single": scoring = .single
        case "panel":
            let trim = try o["trim"].map { x throws(ScoreSheetError) in try integer(x, path + ".trim") } ?? 1
            var elements: [ScoreSheet.Element] = []
            if let ev = o["elements"] {
                guard case .array(let items) = ev else { throw ScoreSheetError(path + ".elements", .wrongType("array")) }
                for (i, x) in items.enumerated() {
                    let eo = try object(x, path + ".elements[\(i)]")
                    elements.append(.init(id: try string(eo["id"], path + ".elements[\(i)].id"), max: try decimal(eo["max"], path + ".elements[\(i)].max")))
                }
            }
            scoring = .panel(trim: trim, elements: elements)
        default: throw ScoreSheetError(path + ".scoring", .unknownValue(scoringName))
        }
        var advance: ScoreSheet.Advance?
        if let av = o["advance"] {
            let a = try object(av, path + ".advance")
            let cut = try cut(a, path + ".advance")
            let minScore = try a["minScore"].map { x throws(ScoreSheetError) in try decimal(x, path + ".advance.minScore") }
            advance = ScoreSheet.Advance(cut: cut, minScore: minScore)
        }
        return ScoreSheet.Stage(id: id, name: name, max: max, weight: weight, scoring: scoring, advance: advance)
    }
}
