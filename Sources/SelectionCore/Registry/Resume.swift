/// 简历: the position history as written in the form, one entry per line:
/// `1993.09--1997.07  XX大学XX专业学习`; the current post has blanks for the end date;
/// `（其间：…）` notes in-service study; a line that does not start with a date continues the
/// previous entry. Lines that look like dates but cannot be read are kept in `unparsed`, never dropped.
public struct Resume: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var start: YearMonth
        public var end: YearMonth?
        public var text: String
        /// `（其间：…）` notes (in-service study during this entry).
        public var interim: [String]
        /// 1-based line number of the entry's first line.
        public var line: Int
        public var isStudy: Bool { text.hasSuffix("学习") || text.contains("读书") || text.contains("就读") || text.contains("研究生") && !text.contains("工作") }
        public var months: Int? { end.map { $0.index - start.index } }
    }
    public struct Unparsed: Sendable, Equatable {
        public var line: Int
        public var text: String
    }

    public var entries: [Entry] = []
    public var unparsed: [Unparsed] = []

    static let dashes: Set<Character> = ["-", "—", "～", "－", "~", "–"]

    public init(text: String) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(" \t\u{3000}")
            if line.isEmpty { continue }
            let n = i + 1
            if let first = line.first, first.isASCII && first.isNumber {
                if let e = Self.entry(line, line: n) { entries.append(e) } else { unparsed.append(.init(line: n, text: line)) }
                continue
            }
            guard !entries.isEmpty else { unparsed.append(.init(line: n, text: line)); continue }
            if line.hasPrefix("（其间") || line.hasPrefix("(其间") {
                entries[entries.count - 1].interim.append(line)
            } else {
                entries[entries.count - 1].text += line
            }
        }
    }

    /// `yyyy.mm<dashes>[yyyy.mm]<spaces>text`
    static func entry(_ line: String, line n: Int) -> Entry? {
        var rest = Substring(line)
        guard let start = month(&rest) else { return nil }
        let beforeDash = rest.count
        rest = rest.drop { dashes.contains($0) }
        guard rest.count < beforeDash else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\u{3000}" }
        var end: YearMonth? = nil
        if let f = rest.first, f.isASCII && f.isNumber {
            guard let e = month(&rest) else { return nil }
            end = e
        }
        var text = rest.trimmingCharacters(" \t\u{3000}")
        var interim: [String] = []
        if let open = text.firstRange(of: "（其间") ?? text.firstRange(of: "(其间") {
            interim.append(String(text[open.lowerBound...]))
            text = String(text[..<open.lowerBound]).trimmingCharacters(" \u{3000}")
        }
        guard !text.isEmpty || !interim.isEmpty else { return nil }
        return Entry(start: start, end: end, text: text, interim: interim, line: n)
    }

    /// Reads `yyyy.mm` (also `yyyy-mm`? no: `-` is the range dash, so only `.` between year and month).
    static func month(_ s: inout Substring) -> YearMonth? {
        let year = s.prefix { $0.isASCII && $0.isNumber }
        guard year.count == 4, let y = Int(year) else { return nil }
        var r = s.dropFirst(4)
        guard r.first == "." || r.first == "．" else { return nil }
        r = r.dropFirst()
        let m = r.prefix { $0.isASCII && $0.isNumber }
        guard (1 ... 2).contains(m.count), let mm = Int(m), (1 ... 12).contains(mm), (1900 ... 2100).contains(y) else { return nil }
        s = r.dropFirst(m.count)
        return YearMonth(year: y, month: mm)
    }

    /// The rank written in parentheses on a line, e.g. `XX镇党委副书记（副科级）`.
    public static func rankMentioned(in text: String, ladder: RankLadder) -> String? {
        ladder.ranks.map(\.name).filter { text.contains("（\($0)）") || text.contains("(\($0))") }.max { $0.count < $1.count }
    }
}
