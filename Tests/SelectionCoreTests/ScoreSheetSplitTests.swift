import Foundation
import Testing
@testable import SelectionCore

/// The two-thread reading of large sheets (`SecondApplicantReader`) against the one-thread reader: the same sheet,
/// the same result and the same first error, whatever the second reader guessed; and the guess taken only where it
/// is certain. Every sheet here is split however small it is (`splitAbove: 1`).
@Suite("Score sheets read and written by two threads")
struct ScoreSheetSplitTests {
    static let head = """
    {"format": "xuanren.scores/1", "position": {"id": "P1", "name": "职位", "posts": 3}, "decimals": 2,
     "stages": [{"id": "written", "name": "笔试", "max": 100, "weight": 50, "scoring": "single"},
                {"id": "interview", "name": "面试", "max": 100, "weight": 50, "scoring": "panel", "trim": 1}],
     "tieBreak": ["interview"], "shortlist": {"ratio": 3}, "applicants": [

    """

    /// One applicant per line, as exported sheets have them.
    static func line(_ i: Int, id: String? = nil, written: String? = nil, judges: Int = 7) -> String {
        let w = written ?? "\(40 + (i * 37) % 60).\((i * 7) % 100)"
        let panel = (1 ... judges).map { "\"j\($0)\":\(60 + (i * $0 * 13) % 40).\(($0 + i) % 10)" }.joined(separator: ",")
        return "{\"id\":\"\(id ?? String(format: "A%05d", i))\",\"name\":\"申请人\(i)\",\"scores\":{\"written\":\(w),\"interview\":{\(panel)}}}"
    }

    static func sheet(_ lines: [String]) -> String { head + lines.joined(separator: ",\n") + "\n]}\n" }
    static func lines(_ n: Int) -> [String] { (0 ..< n).map { line($0) } }

    /// Reads with two threads and with one; both must agree (sheet and result, or error). The number of applicants
    /// the second reader gave.
    @discardableResult
    static func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let one: Result<ScoreSheet, ScoreSheetError> = Result { () throws(ScoreSheetError) in try ScoreSheet.parse(MemoryByteSource(text), splitAbove: 0) }
        var second = 0
        let two: Result<ScoreSheet, ScoreSheetError> = Result { () throws(ScoreSheetError) in
            let (sheet, n) = try ScoreSheet.parseCountingSplit(MemoryByteSource(text), splitAbove: 1)
            second = n
            return sheet
        }
        switch (one, two) {
        case (.success(let a), .success(let b)):
            #expect(a == b, sourceLocation: sourceLocation)
            // and computed by one thread, then by two (each half of the applicants on its own thread)
            let ra = Result { () throws(ScoreSheetError) in try a.compute(twoThreadsFrom: .max).jsonBytes() }
            let rb = Result { () throws(ScoreSheetError) in try b.compute(twoThreadsFrom: 2).jsonBytes() }
            switch (ra, rb) {
            case (.success(let x), .success(let y)): #expect(x == y, sourceLocation: sourceLocation)
            case (.failure(let x), .failure(let y)): #expect(x == y, sourceLocation: sourceLocation)
            default: Issue.record("one thread and two disagree on computing: \(ra) vs \(rb)", sourceLocation: sourceLocation)
            }
        case (.failure(let a), .failure(let b)):
            #expect(a == b, sourceLocation: sourceLocation)
        default:
            Issue.record("one thread and two disagree on reading: \(one) vs \(two)", sourceLocation: sourceLocation)
        }
        return second
    }

    @Test("SCR-1 A sheet of plain applicants: the second thread reads about half, the result is the one thread's")
    func plain() throws {
        let second = try Self.agree(Self.sheet(Self.lines(400)))
        #expect(second > 100 && second < 300)
    }

    @Test("SCR-1 Applicants the fast reader declines (excluded, absent, string scores, escapes, longer than its window) stop the second thread where they are; the main thread reads on")
    func declined() throws {
        var lines = Self.lines(400)
        lines[260] = #"{"id":"A00260","name":"申请人260","excluded":"民主测评未通过"}"#
        lines[300] = #"{"id":"A00300","name":"申请人300","scores":{"written":"absent"}}"#
        lines[320] = #"{"id":"A00320","name":"申\u8bf7人","scores":{"written":"71.5","interview":{"j1":70,"j2":71,"j3":72}}}"#
        // longer than the second thread's window allows (64 KiB), not than the main thread's
        lines[340] = Self.line(340).replacingOccurrences(of: "申请人340", with: String(repeating: "甲", count: 40_000))
        let second = try Self.agree(Self.sheet(lines))
        #expect(second > 0 && second < 140)   // from the first line after the middle to line 259 at most
    }

    @Test("SCR-2 Ids out of order across the two halves: the second thread's work is dropped, nothing changes")
    func idsOutOfOrder() throws {
        var lines = Self.lines(400)
        for k in 0 ..< 200 { lines[k] = Self.line(k, id: String(format: "Z%05d", k)) }
        #expect(try Self.agree(Self.sheet(lines)) == 0)
        // out of order inside the second half: the second thread stops there
        lines = Self.lines(400)
        lines[390] = Self.line(390, id: "A00001x")
        #expect(try Self.agree(Self.sheet(lines)) < 190)
    }

    @Test("SCR-2 A repeated id across the halves, or inside the second, is the same error at the same path")
    func duplicateIDs() throws {
        var lines = Self.lines(400)
        lines[350] = Self.line(350, id: "A00010")
        try Self.agree(Self.sheet(lines))
        let e = Result { () throws(ScoreSheetError) in try ScoreSheet.parse(MemoryByteSource(Self.sheet(lines)), splitAbove: 1) }
        guard case .failure(let error) = e else { Issue.record("a repeated id was read"); return }
        #expect(error.path == "$.applicants[350].id")
        lines = Self.lines(400)
        lines[351] = Self.line(351, id: "A00350")
        try Self.agree(Self.sheet(lines))
    }

    @Test("SCR-1 Line breaks inside applicants (pretty printed, decoy objects on lines of their own) never make the guess count")
    func lineBreaksInside() throws {
        // pretty printed: lines start inside applicants
        let pretty = Self.lines(300).map { $0.replacingOccurrences(of: ",\"", with: ",\n  \"").replacingOccurrences(of: "{\"j1", with: "\n{\"j1") }
        #expect(try Self.agree(Self.sheet(pretty)) == 0)
        // an unknown key whose array holds applicant-like objects on their own lines, around the middle
        var lines = Self.lines(400)
        for k in 150 ..< 250 {
            lines[k] = String(Self.line(k).dropLast()) + ",\"note\":[\n" + Self.line(k + 1000, id: "B\(k)") + ",\n" + Self.line(k + 2000, id: "C\(k)") + "\n]}"
        }
        #expect(try Self.agree(Self.sheet(lines)) == 0)
    }

    @Test("SCR-1 Errors in the second half are the one thread's errors: bad JSON, a score above the maximum, too few judges, an unknown stage")
    func errorsInSecondHalf() throws {
        var lines = Self.lines(400)
        lines[330] = String(lines[330].dropLast())   // a missing brace
        try Self.agree(Self.sheet(lines))
        lines = Self.lines(400)
        lines[330] = Self.line(330, written: "100.5")
        try Self.agree(Self.sheet(lines))
        lines = Self.lines(400)
        lines[330] = Self.line(330, judges: 2)
        try Self.agree(Self.sheet(lines))
        lines = Self.lines(400)
        lines[330] = lines[330].replacingOccurrences(of: "written", with: "writen")
        try Self.agree(Self.sheet(lines))
        // errors in both halves of the applicants: the first is reported, as by one thread
        lines = Self.lines(400)
        lines[100] = Self.line(100, written: "100.5")
        lines[330] = Self.line(330, judges: 2)
        try Self.agree(Self.sheet(lines))
        lines = Self.lines(400)
        lines[120] = Self.line(120, judges: 2)
        lines[300] = lines[300].replacingOccurrences(of: "\"interview\":{", with: "\"interview\":{\"j0\":1000,")
        try Self.agree(Self.sheet(lines))
        // the file ends inside the second half
        let text = Self.sheet(Self.lines(400))
        try Self.agree(String(text.prefix(text.utf8.count * 3 / 4)))
    }

    @Test("SCR-1 Judges the second thread met first (new keys in its half) keep their place in the result")
    func newKeysInSecondHalf() throws {
        var lines = Self.lines(400)
        for k in 300 ..< 400 { lines[k] = lines[k].replacingOccurrences(of: "\"j7\"", with: "\"j9\"").replacingOccurrences(of: "\"j1\"", with: "\"外聘1\"") }
        #expect(try Self.agree(Self.sheet(lines)) > 0)
        // element scores in the first half (the main table then tracks elements per judge)
        var withElements = Self.lines(400)
        withElements[3] = withElements[3].replacingOccurrences(of: "\"j1\":", with: "\"j1\":{\"a\":1},\"j0\":")
        try Self.agree(Self.sheet(withElements))
    }

    @Test("SCR-1 Sheets below the threshold, and sources that cannot be read twice, are read by one thread")
    func oneThread() throws {
        let text = Self.sheet(Self.lines(400))
        #expect(try ScoreSheet.parseCountingSplit(MemoryByteSource(text), splitAbove: 1 << 30).second == 0)
        struct Once: ByteSource {
            var inner: MemoryByteSource
            var sizeHint: Int? { inner.sizeHint }
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
        }
        let (sheet, second) = try ScoreSheet.parseCountingSplit(Once(inner: MemoryByteSource(text)), splitAbove: 1)
        #expect(second == 0)
        #expect(sheet == (try ScoreSheet.parse(MemoryByteSource(text), splitAbove: 0)))
    }

    @Test("SCR-3 The result's lines formatted by two threads, a block at a time, are the one thread's bytes")
    func outputInBlocks() throws {
        var lines = Self.lines(1000)
        lines[5] = #"{"id":"A00005","name":"申请人5","excluded":"民主测评未通过"}"#
        lines[600] = #"{"id":"A00600","name":"申请人600","scores":{"written":"absent"}}"#
        let result = try ScoreSheet.parse(MemoryByteSource(Self.sheet(lines)), splitAbove: 0).compute()
        var one: [UInt8] = []
        result.writeJSON(linesPerBlock: 1 << 20) { one.append(contentsOf: $0) }
        #expect(one == result.jsonBytes())
        for block in [1, 7, 499, 500, 999] {
            var two: [UInt8] = []
            result.writeJSON(linesPerBlock: block) { two.append(contentsOf: $0) }
            #expect(two == one, "blocks of \(block)")
        }
    }
}
