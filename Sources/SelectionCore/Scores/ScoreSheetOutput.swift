import Foundation

/// JSON written straight into a byte buffer (no String building per value), handed on in chunks when a sink
/// is given: for results and sheets of 100,000 applicants in little time and memory. `release()` when done.
struct ScoreJSONBytes {
    var buf: UnsafeMutablePointer<UInt8>
    var cap: Int
    var len = 0
    /// One bit per open object or array: whether the next value needs a comma.
    var commas: UInt64 = 0
    var depth = 0

    init(capacity: Int = 1 << 16) {
        cap = max(capacity, 256)
        buf = .allocate(capacity: cap)
    }

    func release() { buf.deallocate() }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buf, count: len)) }

    /// Hands what was written to `sink` once it passes `threshold` bytes.
    @inline(__always) mutating func flush(over threshold: Int, _ sink: (UnsafeRawBufferPointer) -> Void) {
        if len > threshold { sink(UnsafeRawBufferPointer(start: buf, count: len)); len = 0 }
    }

    @inline(__always) mutating func reserve(_ n: Int) {
        if len + n <= cap { return }
        var c = cap * 2
        while c < len + n { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: buf, count: len)
        buf.deallocate()
        buf = b
        cap = c
    }
    @inline(__always) mutating func byte(_ b: UInt8) { reserve(1); buf[len] = b; len += 1 }
    @inline(__always) mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        reserve(p.count)
        if p.count > 0 { (buf + len).update(from: p.baseAddress!, count: p.count) }
        len += p.count
    }
    @inline(__always) mutating func raw(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
    @inline(__always) mutating func separate() {
        if depth == 0 { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if commas & bit != 0 { byte(UInt8(ascii: ",")) }
        commas |= bit
    }
    @inline(__always) mutating func noComma() { if depth > 0 { commas &= ~(1 << UInt64(depth - 1)) } }
    mutating func open(_ c: UInt8) {
        separate(); byte(c)
        depth += 1
        precondition(depth <= 64)
        noComma()
    }
    mutating func close(_ c: UInt8) { byte(c); depth -= 1 }
    /// A key; the value written next is not preceded by a comma.
    mutating func key(_ k: String) {
        separate()
        quoted(k)
        byte(UInt8(ascii: ":"))
        noComma()
    }
    mutating func newline() { byte(0x0A) }
    /// The comma before the next element of an array, then a line break.
    mutating func lineElement() { separate(); byte(0x0A); noComma() }

    mutating func string(_ s: String) { separate(); quoted(s) }
    mutating func int(_ i: Int) { separate(); digits(UInt64(i.magnitude), negative: i < 0) }
    mutating func null() { separate(); raw("null") }
    mutating func bool(_ b: Bool) { separate(); if b { raw("true") } else { raw("false") } }
    /// A number without trailing zeros (`82.5`).
    mutating func number(_ d: ScoreDecimal) { separate(); decimal(d.scaled, places: 4, trim: true) }
    /// A fixed-place score text in quotes (`"86.50"`).
    mutating func fixed(_ units: Int64, places: Int) {
        separate()
        byte(0x22); decimal(units, places: places, trim: false); byte(0x22)
    }

    mutating func digits(_ v: UInt64, negative: Bool) {
        reserve(21)
        if negative { buf[len] = UInt8(ascii: "-"); len += 1 }
        if v < 10 { buf[len] = 0x30 + UInt8(v); len += 1; return }
        var n = 0
        var x = v
        while x > 0 { n += 1; x /= 10 }
        x = v
        var k = n
        while k > 0 { k -= 1; buf[len + k] = 0x30 + UInt8(x % 10); x /= 10 }
        len += n
    }

    /// `units / 10^places` with exactly `places` digits after the point, or without trailing zeros when `trim`.
    mutating func decimal(_ units: Int64, places: Int, trim: Bool) {
        let p = UInt64(ScoreMath.pow10[places])
        let m = units.magnitude
        digits(m / p, negative: units < 0)
        var frac = m % p
        var count = places
        if trim {
            if frac == 0 { return }
            while frac % 10 == 0 { frac /= 10; count -= 1 }
        }
        if count == 0 { return }
        reserve(count + 1)
        buf[len] = UInt8(ascii: "."); len += 1
        var d = UInt64(ScoreMath.pow10[count - 1])
        while d > 0 { buf[len] = 0x30 + UInt8(frac / d % 10); len += 1; d /= 10 }
    }

    mutating func quoted(_ s: String) {
        byte(0x22)
        var s = s
        s.withUTF8 { u in
            var plain = true
            for c in u where c < 0x20 || c == 0x22 || c == 0x5C { plain = false; break }
            if plain { append(u); return }
            for c in u {
                switch c {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0 ..< 0x20:
                    raw("\\u00")
                    let h: StaticString = "0123456789abcdef"
                    byte(h.utf8Start[Int(c >> 4)]); byte(h.utf8Start[Int(c & 15)])
                default: byte(c)
                }
            }
        }
        byte(0x22)
    }
}

extension ScoreSheet {
    /// The sheet as `xuanren.scores/1` bytes (one applicant a line); `parse` reads them back to the same sheet.
    public func jsonBytes() -> [UInt8] {
        var w = ScoreJSONBytes(capacity: 64 + table.count * 96 + table.judgeKey.count * 12)
        w.open(UInt8(ascii: "{"))
        w.key("format"); w.string(ScoreSheet.format)
        w.key("position"); w.open(UInt8(ascii: "{"))
        w.key("id"); w.string(position.id); w.key("name"); w.string(position.name); w.key("posts"); w.int(position.posts)
        w.close(UInt8(ascii: "}"))
        w.key("decimals"); w.int(decimals)
        w.key("scale"); w.number(scale)
        w.key("stages"); w.open(UInt8(ascii: "["))
        for s in stages {
            w.lineElement()
            w.open(UInt8(ascii: "{"))
            w.key("id"); w.string(s.id); w.key("name"); w.string(s.name)
            w.key("max"); w.number(s.max); w.key("weight"); w.number(s.weight)
            switch s.scoring {
            case .single: w.key("scoring"); w.string("single")
            case .panel(let trim, let elements):
                w.key("scoring"); w.string("panel"); w.key("trim"); w.int(trim)
                if !elements.isEmpty {
                    w.key("elements"); w.open(UInt8(ascii: "["))
                    for e in elements {
                        w.open(UInt8(ascii: "{")); w.key("id"); w.string(e.id); w.key("max"); w.number(e.max); w.close(UInt8(ascii: "}"))
                    }
                    w.close(UInt8(ascii: "]"))
                }
            }
            if let a = s.advance {
                w.key("advance"); w.open(UInt8(ascii: "{"))
                Self.write(a.cut, &w)
                if let m = a.minScore { w.key("minScore"); w.number(m) }
                w.close(UInt8(ascii: "}"))
            }
            w.close(UInt8(ascii: "}"))
        }
        w.close(UInt8(ascii: "]"))
        w.key("tieBreak"); w.open(UInt8(ascii: "["))
        for t in tieBreak { w.string(t) }
        w.close(UInt8(ascii: "]"))
        w.key("shortlist"); w.open(UInt8(ascii: "{")); Self.write(shortlist, &w); w.close(UInt8(ascii: "}"))
        w.key("applicants"); w.open(UInt8(ascii: "["))
        for i in 0 ..< table.count {
            w.lineElement()
            w.open(UInt8(ascii: "{"))
            w.key("id"); w.string(table.ids[i]); w.key("name"); w.string(table.names[i])
            if let x = table.excluded[i] { w.key("excluded"); w.string(x) }
            w.key("scores"); w.open(UInt8(ascii: "{"))
            for e in Int(table.entryStart[i]) ..< Int(table.entryStart[i + 1]) {
                w.key(table.stageKeys[Int(table.entryKey[e])])
                switch ScoreTable.Kind(rawValue: table.entryKind[e])! {
                case .score: w.number(ScoreDecimal(scaled: table.entryValue[e]))
                case .absent: w.string("absent")
                case .panel:
                    w.open(UInt8(ascii: "{"))
                    let start = Int(table.entryValue[e])
                    for j in start ..< start + Int(table.entryCount[e]) {
                        w.key(table.judgeKeys[Int(table.judgeKey[j])])
                        guard let run = table.elements(ofJudge: j) else { w.number(ScoreDecimal(scaled: table.judgeValue[j])); continue }
                        w.open(UInt8(ascii: "{"))
                        for x in run {
                            w.key(table.elementKeys[Int(table.elementKey[x])]); w.number(ScoreDecimal(scaled: table.elementValue[x]))
                        }
                        w.close(UInt8(ascii: "}"))
                    }
                    w.close(UInt8(ascii: "}"))
                }
            }
            w.close(UInt8(ascii: "}"))
            w.close(UInt8(ascii: "}"))
        }
        w.newline()
        w.close(UInt8(ascii: "]"))
        w.close(UInt8(ascii: "}"))
        w.newline()
        defer { w.release() }
        return w.bytes
    }

    /// The sheet as `xuanren.scores/1` JSON (what the server exports for a position).
    public func jsonData() -> Data { Data(jsonBytes()) }

    static func write(_ cut: Cut?, _ w: inout ScoreJSONBytes) {
        switch cut {
        case .ratio(let r)?: w.key("ratio"); w.number(r)
        case .top(let t)?: w.key("top"); w.int(t)
        case nil: break
        }
    }
}

extension ScoreSheetResult {
    /// The `xuanren.scoring/1` document, keys in the order of the format text, one applicant a line, handed to
    /// `sink` in chunks of about 64 KiB (the CLI writes them to stdout as they come).
    public func writeJSON(_ sink: (UnsafeRawBufferPointer) -> Void) {
        writeJSON(linesPerBlock: Self.linesPerBlock, sink)
    }

    /// With the long lists (each stage's `advanced`, the applicants' lines) formatted `block` items at a time by
    /// each of two threads once there are two blocks.
    func writeJSON(linesPerBlock block: Int, _ sink: (UnsafeRawBufferPointer) -> Void) {
        var w = ScoreJSONBytes(capacity: 1 << 17)
        defer { w.release() }
        // each applicant's line is written as raw bytes, the stage keys (`"written":`) made once
        var keys = ScoreJSONBytes(capacity: 64 * stages.count)
        var keyStart = [0]
        for s in stages { keys.quoted(s.stage); keys.byte(UInt8(ascii: ":")); keyStart.append(keys.len) }
        defer { keys.release() }
        // two buffers for the two threads' blocks, written in order (`scripts/bench-score.sh`)
        let buffers = SharedPointer(UnsafeMutablePointer<ScoreJSONBytes>.allocate(capacity: 2))
        buffers.pointer.initialize(to: ScoreJSONBytes(capacity: count < 2 * block ? 256 : block * 192))
        (buffers.pointer + 1).initialize(to: ScoreJSONBytes(capacity: count < 2 * block ? 256 : block * 192))
        defer { buffers[0].release(); buffers[1].release(); buffers.pointer.deinitialize(count: 2); buffers.pointer.deallocate() }
        /// `count` items, each written by `item(i, &buffer)` with its own separator.
        func blocks(_ count: Int, _ w: inout ScoreJSONBytes, _ item: @Sendable (Int, inout ScoreJSONBytes) -> Void) {
            if count < 2 * block {
                for i in 0 ..< count { item(i, &w); w.flush(over: 1 << 16, sink) }
                return
            }
            w.flush(over: 0, sink)
            var from = 0
            while from < count {
                let start = from
                ScoreThreads.both { k in
                    let lo = start + k * block, hi = min(lo + block, count)
                    buffers[k].len = 0
                    for i in lo ..< max(lo, hi) { item(i, &buffers[k]) }
                }
                sink(UnsafeRawBufferPointer(start: buffers[0].buf, count: buffers[0].len))
                if buffers[1].len > 0 { sink(UnsafeRawBufferPointer(start: buffers[1].buf, count: buffers[1].len)) }
                from += 2 * block
            }
        }
        ids.withUnsafeBufferPointer { ids in scores.withUnsafeBufferPointer { scores in
        composites.withUnsafeBufferPointer { composites in ranks.withUnsafeBufferPointer { ranks in
        statusCodes.withUnsafeBufferPointer { codes in keyStart.withUnsafeBufferPointer { keyStart in
            let columns = LineColumns(result: self, ids: ids, scores: scores, composites: composites, ranks: ranks, codes: codes,
                                      keys: UnsafeBufferPointer(start: keys.buf, count: keys.len), keyStart: keyStart)
            w.open(UInt8(ascii: "{"))
            w.key("format"); w.string(Self.format)
            w.key("position"); w.string(position)
            w.key("posts"); w.int(posts)
            w.key("stages"); w.open(UInt8(ascii: "["))
            for s in stages {
                w.lineElement()
                w.open(UInt8(ascii: "{"))
                w.key("stage"); w.string(s.stage)
                w.key("entered"); w.int(s.entered)
                w.key("advanced"); w.open(UInt8(ascii: "["))
                let rows = s.advancedRows
                blocks(rows.count, &w) { k, w in
                    if k > 0 { w.byte(UInt8(ascii: ",")) }
                    w.quoted(columns.ids[Int(rows[k])])
                }
                w.close(UInt8(ascii: "]"))
                w.key("cutScore"); if let c = s.cutScore { w.fixed(c, places: decimals) } else { w.null() }
                w.close(UInt8(ascii: "}"))
            }
            w.close(UInt8(ascii: "]"))
            w.key("applicants"); w.open(UInt8(ascii: "["))
            w.separate()   // the applicants' lines carry their own commas
            blocks(count, &w) { i, w in columns.line(i, &w) }
        }}}}}}
        w.newline()
        w.close(UInt8(ascii: "]"))
        w.key("shortlist"); w.open(UInt8(ascii: "["))
        for id in shortlist { w.string(id); w.flush(over: 1 << 16, sink) }
        w.close(UInt8(ascii: "]"))
        w.key("tiedAtCut"); w.bool(tiedAtCut)
        w.close(UInt8(ascii: "}"))
        w.newline()
        w.flush(over: 0, sink)
    }

    /// Applicants formatted per block by each of the two output threads.
    static var linesPerBlock: Int { 4096 }

    /// The result's columns as it writes its applicants' lines, read by both output threads (nothing is retained
    /// or released per line).
    struct LineColumns: @unchecked Sendable {
        let result: ScoreSheetResult
        let ids: UnsafeBufferPointer<String>
        let scores: UnsafeBufferPointer<Int64>
        let composites: UnsafeBufferPointer<Int64>
        let ranks: UnsafeBufferPointer<Int32>
        let codes: UnsafeBufferPointer<UInt8>
        /// `"stage":` of every stage, one after the other; stage s's from `keyStart[s]` to `keyStart[s + 1]`.
        let keys: UnsafeBufferPointer<UInt8>
        let keyStart: UnsafeBufferPointer<Int>

        /// Applicant i's line of `applicants`, after its `,` (none before the first) and line break.
        @inline(__always) func line(_ i: Int, _ w: inout ScoreJSONBytes) {
            let n = keyStart.count - 1, decimals = result.decimals
            w.raw(i == 0 ? "\n{\"applicant\":" : ",\n{\"applicant\":"); w.quoted(ids[i])
            w.raw(",\"stageScores\":{")
            var firstStage = true
            for s in 0 ..< n where scores[i * n + s] >= 0 {
                if !firstStage { w.byte(UInt8(ascii: ",")) }
                firstStage = false
                w.append(UnsafeBufferPointer(rebasing: keys[keyStart[s] ..< keyStart[s + 1]]))
                w.byte(0x22); w.decimal(scores[i * n + s], places: decimals, trim: false); w.byte(0x22)
            }
            w.raw("},\"composite\":")
            if composites[i] >= 0 { w.byte(0x22); w.decimal(composites[i], places: decimals, trim: false); w.byte(0x22) } else { w.raw("null") }
            w.raw(",\"rank\":")
            if ranks[i] > 0 { w.digits(UInt64(ranks[i]), negative: false) } else { w.raw("null") }
            w.raw(",\"status\":")
            switch Code(rawValue: codes[i])! {
            case .excluded: w.raw("\"excluded\"}")
            case .shortlisted: w.raw("\"shortlisted\"}")
            case .notShortlisted: w.raw("\"not-shortlisted\"}")
            default: w.quoted(result.status(i).text); w.byte(UInt8(ascii: "}"))
            }
        }
    }

    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeJSON { out.append(contentsOf: $0) }
        return out
    }

    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The readable list (成绩排名表) in zh-Hans or English: each stage's entrants, cut and lowest score that went
    /// on, then every applicant by rank (unranked after, in the file's order) with status.
    public func table(in language: Language) -> String {
        let zh = language == .zhHans
        var lines: [String] = []
        lines.append(zh ? "成绩计算结果：\(positionName)（\(position)），职数 \(posts)" : "Scores: \(positionName) (\(position)), posts \(posts)")
        for s in stages {
            let cut = s.cutScore.map(text) ?? "—"
            lines.append(zh ? "\(s.name)（\(s.stage)）：参加 \(s.entered) 人，进入下一步 \(s.advancedRows.count) 人，最低分 \(cut)"
                            : "\(s.name) (\(s.stage)): \(s.entered) took part, \(s.advancedRows.count) went on, lowest score that went on \(cut)")
        }
        lines.append((zh ? "考察人选：" : "Shortlist: ") + (shortlist.isEmpty ? "—" : shortlist.joined(separator: zh ? "、" : ", ")))
        if tiedAtCut {
            lines.append(zh ? "注意：末位同分，入围人数超过名额，须由决定机构研究决定。" : "Note: a tie at the last place — more are shortlisted than places; the decision body must decide.")
        }
        lines.append("")
        var rows: [[String]] = [[zh ? "名次" : "Rank", zh ? "编号" : "Id", zh ? "姓名" : "Name"] + stages.map(\.name)
                                + [zh ? "综合成绩" : "Composite", zh ? "状态" : "Status"]]
        let ranked = applicants.indices.filter { applicants[$0].rank != nil }
            .sorted { (applicants[$0].rank!, $0) < (applicants[$1].rank!, $1) }
        let others = applicants.indices.filter { applicants[$0].rank == nil }
        for i in ranked + others {
            let a = applicants[i]
            let scores = stages.map { s in a.stageScores.first { $0.stage == s.stage }.map { text($0.score) } ?? "—" }
            rows.append([a.rank.map(String.init) ?? "—", a.applicant, a.name] + scores
                        + [a.composite.map(text) ?? "—", statusWords(a.status, zh: zh)])
        }
        lines.append(contentsOf: layout(rows))
        return lines.joined(separator: "\n") + "\n"
    }

    func statusWords(_ s: Status, zh: Bool) -> String {
        func name(_ id: String) -> String { stages.first { $0.stage == id }?.name ?? id }
        switch s {
        case .excluded: return zh ? "已取消资格" : "excluded"
        case .absent(let x): return zh ? "缺考（\(name(x))）" : "absent (\(name(x)))"
        case .belowPass(let x): return zh ? "未达合格线（\(name(x))）" : "below the pass mark (\(name(x)))"
        case .notAdvanced(let x): return zh ? "未进入下一环节（\(name(x))）" : "did not go on (\(name(x)))"
        case .shortlisted: return zh ? "确定为考察人选" : "shortlisted"
        case .notShortlisted: return zh ? "未入围" : "not shortlisted"
        }
    }
}
