import Dispatch
import Foundation
import Synchronization

/// Fast path (benchmark: `scripts/bench-score.sh`, 100,000 applicants × 7 judges): a large sheet's applicants are
/// read by two threads. While the main reader reads from the top, a second reader starts at the first line break
/// after the middle of the applicants and reads ahead with the fast applicant reader only.
///
/// Whatever the second reader reads is a guess until the main reader arrives at the exact byte where it started,
/// as the start of an element of `applicants`: only then is it certain that the second reader started at an
/// applicant (a raw line break is never inside a JSON string, but may be inside an applicant's object). The main
/// reader then takes the second reader's applicants as if it had read them itself and goes on from where the
/// second reader stopped, with its own checks and messages. If the main reader passes that byte, or anything the
/// second reader read cannot be taken as is (ids not ascending across the two parts), its work is dropped and the
/// main reader reads those applicants itself. So the split decides how fast, never what is accepted or which
/// error is reported: that is tested against the one-thread reader (`ScoreSheetSplitTests`).
final class SecondApplicantReader: @unchecked Sendable {
    /// Where the second reader's first applicant starts in the whole input: -1 until found, -2 when there is none.
    let start = Atomic<Int>(-1)
    /// Set by the main reader when the second reader's work is no longer wanted.
    let stop = Atomic<Bool>(false)
    let done = DispatchSemaphore(value: 0)
    /// Signalled once `start` is known (for the tests, which wait for it so that the split is always tried).
    let known = DispatchSemaphore(value: 0)

    // Written by the second reader's thread only, read by the main reader only after `done`.
    var reader: ScoreSheetReader
    /// Applicants read, and the offset just after the last of them.
    var count = 0
    var end = 0
    var firstID: [UInt8] = []
    private var joined = false

    /// Sheets smaller than this are read by one thread: the second would not pay for its start.
    static let threshold = 4 << 20

    private init(_ source: any ByteSource, at offset: Int, bytes: Int) {
        // an applicant longer than 64 KiB stops it (the main reader reads on), so a small window does
        reader = ScoreSheetReader(source, longestToken: 64 << 10)
        reader.sc.consumedBefore = offset   // offsets in the whole input, like the main reader's
        reader.speculative = true
        reader.table.reserve(forBytes: bytes)
    }

    /// Starts a second reader at the first line break after about the middle of `from ..< size` of `source`, when the
    /// source can be read twice and the rest is at least `threshold` bytes; nil otherwise.
    static func start(_ source: any ByteSource, from: Int, size: Int, threshold: Int = threshold, awaitStart: Bool = false) -> SecondApplicantReader? {
        guard size - from >= threshold, threshold > 0 else { return nil }
        // a little after the middle: the second reader starts a little later (its thread, its buffer)
        let middle = from + (size - from) / 100 * 54
        guard let second = source.reading(from: middle) else { return nil }
        let part = SecondApplicantReader(second, at: middle, bytes: size - middle)
        let thread = Thread { part.run() }
        thread.stackSize = 1 << 20
        thread.start()
        if awaitStart { part.known.wait() }
        return part
    }

    private func run() {
        defer { reader.release(); done.signal() }
        do {
            let at = try findApplicant()
            start.store(at ?? -2, ordering: .releasing)
            known.signal()
            guard at != nil else { return }
            while !stop.load(ordering: .relaxed) {
                try reader.sc.ensure()
                guard reader.fastApplicant() else { return }
                count += 1
                end = reader.sc.offset
                if count == 1 { firstID = Array(reader.lastID) }
                // `,` and the next `{`, or stop (the main reader reads whatever comes, `]` included)
                guard try reader.sc.peek() == UInt8(ascii: ",") else { return }
                reader.sc.pos += 1
                guard try reader.sc.peek() == UInt8(ascii: "{") else { return }
            }
        } catch {
            if start.load(ordering: .relaxed) == -1 { start.store(-2, ordering: .releasing); known.signal() }
            return   // bad JSON ahead: the main reader will find it and say so
        }
    }

    /// Moves to the first `{` after the first line break (and only white space) within 1 MiB; its offset, or nil.
    private func findApplicant() throws(BallotBoxError) -> Int? {
        try reader.sc.ensure()
        let sc = reader.sc
        let b = sc.base
        var i = sc.pos
        let limit = min(sc.end, sc.pos + (1 << 20))
        while i < limit && b[i] != 0x0A { i += 1 }
        guard i < limit else { return nil }
        reader.sc.pos = i + 1
        guard let c = try reader.sc.peek(), c == UInt8(ascii: "{") else { return nil }
        return reader.sc.offset
    }

    /// Called by the main reader at each element of `applicants`, the scanner at its first byte: whether the second
    /// reader's applicants were taken (the reader then stands after them and `index` counts them), false to read on.
    /// Once this has decided (taken, dropped or passed) it is not asked again.
    func take(into main: inout ScoreSheetReader, index: inout Int) -> Bool {
        if joined { return false }
        let at = start.load(ordering: .acquiring)
        if at == -1 { return false }
        let here = main.sc.offset
        if at == -2 || here > at { joined = true; stop.store(true, ordering: .relaxed); return false }
        if here < at { return false }
        joined = true
        waitUntilDone()
        guard count > 0, main.idsAscending,
              firstID.withUnsafeBytes({ f in main.lastID.withUnsafeBytes { ScoreSheetReader.bytesLess($0, f) } }),
              main.sc.skip(to: end) else { return false }
        main.table.append(part: reader.table,
                          stageMap: Self.map(reader.stageKeys, into: &main.stageKeys),
                          judgeMap: Self.map(reader.judgeKeys, into: &main.judgeKeys))
        main.lastID = reader.lastID
        index += count
        main.readBySecond += count
        reader.table = ScoreTable()
        return true
    }

    /// Waits for the second reader to end (asking it to stop first); every path out of the main reader calls this.
    func finish() {
        stop.store(true, ordering: .relaxed)
        waitUntilDone()
    }

    /// Returns once the second reader's thread has ended (at once when it already has).
    private func waitUntilDone() { done.wait(); done.signal() }

    /// The second reader's interned keys as the main reader's ids.
    static func map(_ keys: IDTable, into main: inout IDTable) -> [Int32] {
        (0 ..< keys.count).map { k in
            let key = keys.string(k)
            return Int32(main.find(key) ?? main.insert(key))
        }
    }
}
