/// The working-day calendar of publicity periods (PUB-1): for each year with data, the public holidays (days off)
/// and the make-up workdays (调休上班, weekend days that are worked), as the State Council's notices give them.
///
/// Counting convention: counting starts the day after publication; a working day is Monday–Friday not off, plus
/// the make-up weekend days; N calendar days end on publication + N. A day whose year has no data is refused
/// (`HolidayCalendarError.noData`), never guessed. The file format is docs/formats/holiday-calendar.md; the
/// shipped file is Resources/holidays/cn-state-council.json. Pure: the caller reads the file.
public struct HolidayCalendar: Sendable, Equatable {
    public static let format = "xuanren.holiday-calendar/1"

    /// The notice a year's data comes from.
    public struct Notice: Sendable, Equatable {
        public var title: String
        /// 国办发明电〔2024〕12号; nil when the file gives none.
        public var number: String?
        public var date: CivilDay
        public var url: String?
        public init(title: String, number: String? = nil, date: CivilDay, url: String? = nil) {
            self.title = title; self.number = number; self.date = date; self.url = url
        }
    }

    /// Days off in a row, from `first` to `last` (both included), with the holiday's name when the file gives one.
    public struct OffRange: Sendable, Equatable {
        public var name: String?
        public var first: CivilDay
        public var last: CivilDay
        public init(name: String? = nil, first: CivilDay, last: CivilDay) { self.name = name; self.first = first; self.last = last }
    }

    public struct Year: Sendable, Equatable {
        public var year: Int
        public var notice: Notice
        public var off: [OffRange]
        /// Make-up workdays: weekend days that are worked.
        public var workdays: [CivilDay]
        public init(year: Int, notice: Notice, off: [OffRange], workdays: [CivilDay]) {
            self.year = year; self.notice = notice; self.off = off; self.workdays = workdays
        }
        func isOff(_ day: CivilDay) -> Bool { off.contains { $0.first <= day && day <= $0.last } }
    }

    /// Every year with data, by year.
    public private(set) var years: [Int: Year]

    /// A calendar of the given years; each must be consistent (the checks of `parse`), and no year twice.
    public init(years list: [Year]) throws(HolidayCalendarError) {
        var years: [Int: Year] = [:]
        for (i, y) in list.enumerated() {
            try Self.check(y, line: 0, field: "years[\(i)]")
            guard years[y.year] == nil else { throw .malformed(line: 0, field: "years[\(i)].year", .duplicateYear(y.year)) }
            years[y.year] = y
        }
        self.years = years
    }

    /// The years with data, in order.
    public var coveredYears: [Int] { years.keys.sorted() }

    /// Whether `day` is a working day: Monday–Friday and not off, or a make-up workday. Refuses a day whose year
    /// has no data.
    public func isWorkingDay(_ day: CivilDay) throws(HolidayCalendarError) -> Bool {
        guard let y = years[day.year] else { throw .noData(year: day.year, day: day, covered: coveredYears) }
        if y.workdays.contains(day) { return true }
        if y.isOff(day) { return false }
        return day.weekday <= 5
    }

    /// The longest period counted, in either unit (the list of counted days is printed whole).
    public static let maxLength = 1000

    /// The period of `n` working days after `published`: counting starts the next day; `days` are the working days
    /// counted, the last of them `ends`. Refuses when a day it must look at lies in a year without data.
    public func end(published: CivilDay, workingDays n: Int) throws(HolidayCalendarError) -> CountedPeriod {
        guard (1 ... Self.maxLength).contains(n) else { throw .badLength(.workingDays, n) }
        var days: [CivilDay] = []
        var day = published
        while days.count < n {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { days.append(day) }
        }
        return CountedPeriod(published: published, unit: .workingDays, length: n, days: days)
    }

    /// The period of `n` calendar days after `published`: it ends on publication + n; `days` are the n days after
    /// publication. Needs no holiday data.
    public func end(published: CivilDay, calendarDays n: Int) throws(HolidayCalendarError) -> CountedPeriod {
        try Self.calendarDays(after: published, n)
    }

    /// Calendar days need no calendar: the same count without one.
    public static func calendarDays(after published: CivilDay, _ n: Int) throws(HolidayCalendarError) -> CountedPeriod {
        guard (1 ... maxLength).contains(n) else { throw .badLength(.calendarDays, n) }
        return CountedPeriod(published: published, unit: .calendarDays, length: n, days: (1 ... n).map { published.adding(days: $0) })
    }
}

/// A publicity period as counted: from the day after `published` to `ends`, and every day counted.
public struct CountedPeriod: Sendable, Equatable {
    public enum Unit: String, Sendable, Equatable { case workingDays, calendarDays }
    public var published: CivilDay
    public var unit: Unit
    public var length: Int
    /// Every counted day, in order (for working days: only the working days).
    public var days: [CivilDay]
    public var ends: CivilDay { days.last ?? published }

    /// `{"published":"2025-09-30","ends":"2025-10-14","days":["2025-10-09",…]}` on one line.
    public var json: String {
        "{\"published\":\"\(published)\",\"ends\":\"\(ends)\",\"days\":[" + days.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
    }
}

/// Why a period cannot be counted or a calendar file cannot be read: bad input (400, exit 2).
public enum HolidayCalendarError: UserFacingError, Equatable {
    /// `day` falls in `year`, for which the calendar has no data; `covered` are the years it has.
    case noData(year: Int, day: CivilDay, covered: [Int])
    /// The file is not a valid calendar: the line (1-based; 0 when not read from a file), the field's path, what is wrong.
    case malformed(line: Int, field: String, FileProblem)
    /// A length outside 1…`HolidayCalendar.maxLength`.
    case badLength(CountedPeriod.Unit, Int)

    public enum FileProblem: Sendable, Equatable {
        case syntax(String)
        case invalidUTF8
        case trailingData
        case missing
        case wrongType(String)
        case unknownKey(String)
        case duplicateKey(String)
        case unknownFormat(String)
        case notADate(String)
        case notAYear
        case outsideYear(CivilDay, Int)
        case reversedRange(CivilDay, CivilDay)
        case notAWeekend(CivilDay)
        case offAndWorked(CivilDay)
        case duplicateDay(CivilDay)
        case duplicateYear(Int)
        case empty
    }

    public var kind: ErrorKind { .badInput }

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .noData(let year, let day, let covered):
            let have = covered.isEmpty ? (zh ? "无" : "none") : covered.map(String.init).joined(separator: zh ? "、" : ", ")
            return zh
                ? "没有\(year)年的节假日安排数据（\(day)须用到），不能推算工作日，也不会猜测；已有数据的年份：\(have)。请先按国务院办公厅当年的放假通知添加\(year)年。"
                : "no holiday calendar data for \(year) (needed for \(day)): working days are not counted and never guessed; years with data: \(have). Add \(year) from the State Council's notice first."
        case .badLength(let unit, let n):
            let u = unit == .workingDays ? (zh ? "工作日" : "working days") : (zh ? "自然日" : "calendar days")
            return zh ? "公示天数（\(u)）应为 1 到 \(HolidayCalendar.maxLength) 之间的整数，现为 \(n)"
                      : "the length in \(u) must be a whole number from 1 to \(HolidayCalendar.maxLength), not \(n)"
        case .malformed(let line, let field, let problem):
            let at = line > 0 ? (zh ? "第\(line)行，\(field)" : "line \(line), \(field)") : field
            return (zh ? "无效的节假日安排文件：\(at)：" : "not a valid holiday calendar: \(at): ") + Self.text(problem, zh)
        }
    }

    static func text(_ p: FileProblem, _ zh: Bool) -> String {
        switch p {
        case .syntax(let e): zh ? "JSON 语法错误，此处应为\(e)" : "JSON syntax error: expected \(e)"
        case .invalidUTF8: zh ? "不是有效的 UTF-8 文本" : "invalid UTF-8"
        case .trailingData: zh ? "JSON 结束后还有多余内容" : "extra data after the JSON document"
        case .missing: zh ? "缺少必需字段" : "required field missing"
        case .wrongType(let t): zh ? "类型错误，应为\(["object": "对象", "array": "数组", "string": "字符串", "integer": "整数"][t] ?? t)" : "wrong type, expected \(t)"
        case .unknownKey(let k): zh ? "未知字段“\(k)”" : "unknown field “\(k)”"
        case .duplicateKey(let k): zh ? "字段“\(k)”重复" : "duplicate field “\(k)”"
        case .unknownFormat(let f): zh ? "未知格式“\(f)”，应为 \(HolidayCalendar.format)" : "unknown format “\(f)”, expected \(HolidayCalendar.format)"
        case .notADate(let s): zh ? "“\(s)”不是日期，应写为 YYYY-MM-DD" : "“\(s)” is not a date; write YYYY-MM-DD"
        case .notAYear: zh ? "年份应为 1900 到 2200 之间的整数" : "the year must be a whole number from 1900 to 2200"
        case .outsideYear(let d, let y): zh ? "\(d) 不在\(y)年内" : "\(d) is not in \(y)"
        case .reversedRange(let a, let b): zh ? "起始日 \(a) 晚于结束日 \(b)" : "the first day \(a) is after the last day \(b)"
        case .notAWeekend(let d): zh ? "\(d) 是\(weekdayZH(d))，本来就是工作日；调休上班日应为周六或周日" : "\(d) is a \(weekdayEN(d)), a working day anyway; a make-up workday is a Saturday or Sunday"
        case .offAndWorked(let d): zh ? "\(d) 既是放假日又是调休上班日" : "\(d) is both a day off and a make-up workday"
        case .duplicateDay(let d): zh ? "\(d) 重复列出" : "\(d) is listed twice"
        case .duplicateYear(let y): zh ? "\(y)年重复" : "\(y) is given twice"
        case .empty: zh ? "文件为空" : "the file is empty"
        }
    }

    public static func weekdayZH(_ d: CivilDay) -> String { ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][d.weekday - 1] }
    public static func weekdayEN(_ d: CivilDay) -> String { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.weekday - 1] }
}

// MARK: reading the file

extension HolidayCalendar {
    /// Reads a `xuanren.holiday-calendar/1` file (UTF-8 JSON); every error names the line and the field.
    public static func parse(_ bytes: [UInt8]) throws(HolidayCalendarError) -> HolidayCalendar {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed(line: 0, field: "$", .invalidUTF8) }
        return try parse(text)
    }

    public static func parse(_ text: String) throws(HolidayCalendarError) -> HolidayCalendar {
        var p = LineJSON(Array(text.utf8))
        guard try p.peek() != nil else { throw .malformed(line: 1, field: "$", .empty) }
        let root = try p.value("$")
        if try p.peek() != nil { throw .malformed(line: p.line, field: "$", .trailingData) }

        let top = try root.object(keys: ["format", "title", "note", "years"])
        let formatNode = try top.required("format")
        let format = try formatNode.string()
        guard format == Self.format else { throw formatNode.fail(.unknownFormat(format)) }
        _ = try top.optional("title")?.string()
        _ = try top.optional("note")?.string()
        var years: [Int: Year] = [:]
        for (i, entry) in try top.required("years").array().enumerated() {
            let y = try entry.object(keys: ["year", "notice", "note", "off", "workdays"])
            let yearNode = try y.required("year")
            let year = try yearNode.integer()
            guard (1900 ... 2200).contains(year) else { throw .malformed(line: yearNode.line, field: yearNode.path, .notAYear) }
            guard years[year] == nil else { throw .malformed(line: yearNode.line, field: yearNode.path, .duplicateYear(year)) }
            _ = try y.optional("note")?.string()

            let n = try y.required("notice").object(keys: ["title", "number", "date", "url"])
            let notice = Notice(title: try n.required("title").string(), number: try n.optional("number")?.string(),
                                date: try n.required("date").day(), url: try n.optional("url")?.string())

            var off: [OffRange] = []
            var offLines: [Int] = []
            for o in try y.required("off").array() {
                if case .string = o.value {
                    let d = try o.day()
                    off.append(OffRange(first: d, last: d))
                } else {
                    let r = try o.object(keys: ["name", "from", "to"])
                    let first = try r.required("from").day()
                    let last = try r.optional("to")?.day() ?? first
                    off.append(OffRange(name: try r.optional("name")?.string(), first: first, last: last))
                }
                offLines.append(o.line)
            }
            let workNodes = try y.optional("workdays")?.array() ?? []
            var workdays: [CivilDay] = []
            for w in workNodes { workdays.append(try w.day()) }
            let entryYear = Year(year: year, notice: notice, off: off, workdays: workdays)
            try check(entryYear, line: y.node.line, field: "years[\(i)]", offLines: offLines, workLines: workNodes.map(\.line))
            years[year] = entryYear
        }
        var c = try HolidayCalendar(years: [])
        c.years = years
        return c
    }

    /// A year's days: in the year, ranges in order, no day twice, make-up days on weekends and not off.
    static func check(_ y: Year, line: Int, field: String, offLines: [Int] = [], workLines: [Int] = []) throws(HolidayCalendarError) {
        func lineOf(_ lines: [Int], _ i: Int) -> Int { i < lines.count ? lines[i] : line }
        var seen = Set<CivilDay>()
        for (i, r) in y.off.enumerated() {
            let at = field + ".off[\(i)]"
            guard r.first <= r.last else { throw .malformed(line: lineOf(offLines, i), field: at, .reversedRange(r.first, r.last)) }
            for d in [r.first, r.last] where d.year != y.year { throw .malformed(line: lineOf(offLines, i), field: at, .outsideYear(d, y.year)) }
            var d = r.first
            while d <= r.last {
                guard seen.insert(d).inserted else { throw .malformed(line: lineOf(offLines, i), field: at, .duplicateDay(d)) }
                d = d.adding(days: 1)
            }
        }
        var worked = Set<CivilDay>()
        for (i, d) in y.workdays.enumerated() {
            let at = field + ".workdays[\(i)]"
            let l = lineOf(workLines, i)
            guard d.year == y.year else { throw .malformed(line: l, field: at, .outsideYear(d, y.year)) }
            guard d.weekday >= 6 else { throw .malformed(line: l, field: at, .notAWeekend(d)) }
            guard !seen.contains(d) else { throw .malformed(line: l, field: at, .offAndWorked(d)) }
            guard worked.insert(d).inserted else { throw .malformed(line: l, field: at, .duplicateDay(d)) }
        }
    }
}

/// A JSON value with the line it starts on and its path, for messages.
struct LineNode {
    enum Value {
        case object([(key: String, node: LineNode)])
        case array([LineNode])
        case string(String)
        case number(String)
        case literal(String)
    }
    var value: Value
    var line: Int
    var path: String

    func fail(_ p: HolidayCalendarError.FileProblem) -> HolidayCalendarError { .malformed(line: line, field: path, p) }

    func string() throws(HolidayCalendarError) -> String {
        guard case .string(let s) = value else { throw fail(.wrongType("string")) }
        return s
    }

    func integer() throws(HolidayCalendarError) -> Int {
        guard case .number(let s) = value, let n = Int(s) else { throw fail(.wrongType("integer")) }
        return n
    }

    func array() throws(HolidayCalendarError) -> [LineNode] {
        guard case .array(let items) = value else { throw fail(.wrongType("array")) }
        return items
    }

    /// A date written exactly YYYY-MM-DD.
    func day() throws(HolidayCalendarError) -> CivilDay {
        let s = try string()
        guard let d = CivilDay(s), d.description == s else { throw fail(.notADate(s)) }
        return d
    }

    /// The object's fields, refusing keys outside `keys`.
    func object(keys: Set<String>) throws(HolidayCalendarError) -> LineObject {
        guard case .object(let pairs) = value else { throw fail(.wrongType("object")) }
        for p in pairs where !keys.contains(p.key) { throw .malformed(line: p.node.line, field: p.node.path, .unknownKey(p.key)) }
        return LineObject(node: self, pairs: pairs)
    }
}

struct LineObject {
    var node: LineNode
    var pairs: [(key: String, node: LineNode)]
    func optional(_ key: String) -> LineNode? {
        guard let n = pairs.first(where: { $0.key == key })?.node else { return nil }
        if case .literal("null") = n.value { return nil }
        return n
    }
    func required(_ key: String) throws(HolidayCalendarError) -> LineNode {
        guard let n = optional(key) else {
            throw .malformed(line: node.line, field: node.path == "$" ? key : node.path + "." + key, .missing)
        }
        return n
    }
}

/// A small JSON reader that keeps the line of every value (the calendar file is a few kilobytes).
struct LineJSON {
    let b: [UInt8]
    var i = 0
    var line = 1

    init(_ bytes: [UInt8]) { b = bytes }

    mutating func peek() throws(HolidayCalendarError) -> UInt8? {
        while i < b.count {
            switch b[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return b[i]
            }
        }
        return nil
    }

    func syntax(_ what: String, _ path: String) -> HolidayCalendarError { .malformed(line: line, field: path, .syntax(what)) }

    mutating func value(_ path: String, depth: Int = 0) throws(HolidayCalendarError) -> LineNode {
        guard depth < 32 else { throw syntax("less nesting", path) }
        guard let c = try peek() else { throw syntax("a value (the file ends here)", path) }
        let at = line
        let child = { (key: String) in path == "$" ? key : path + "." + key }
        switch c {
        case UInt8(ascii: "{"):
            i += 1
            var pairs: [(key: String, node: LineNode)] = []
            if try peek() == UInt8(ascii: "}") { i += 1; return LineNode(value: .object(pairs), line: at, path: path) }
            while true {
                guard try peek() == UInt8(ascii: "\"") else { throw syntax("a key in quotes", path) }
                let keyLine = line
                let key = try string(path)
                guard try peek() == UInt8(ascii: ":") else { throw syntax("“:”", child(key)) }
                i += 1
                if pairs.contains(where: { $0.key == key }) { throw .malformed(line: keyLine, field: child(key), .duplicateKey(key)) }
                pairs.append((key, try value(child(key), depth: depth + 1)))
                switch try peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "}"): i += 1; return LineNode(value: .object(pairs), line: at, path: path)
                default: throw syntax("“,” or “}”", path)
                }
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [LineNode] = []
            if try peek() == UInt8(ascii: "]") { i += 1; return LineNode(value: .array(items), line: at, path: path) }
            while true {
                items.append(try value(path + "[\(items.count)]", depth: depth + 1))
                switch try peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "]"): i += 1; return LineNode(value: .array(items), line: at, path: path)
                default: throw syntax("“,” or “]”", path)
                }
            }
        case UInt8(ascii: "\""):
            return LineNode(value: .string(try string(path)), line: at, path: path)
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            let start = i
            while i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".")
                || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") || (b[i] >= 0x30 && b[i] <= 0x39) { i += 1 }
            return LineNode(value: .number(String(decoding: b[start ..< i], as: UTF8.self)), line: at, path: path)
        default:
            for word in ["true", "false", "null"] where b[i...].starts(with: word.utf8) {
                i += word.utf8.count
                return LineNode(value: .literal(word), line: at, path: path)
            }
            throw syntax("a JSON value", path)
        }
    }

    /// A string at `i` (an opening quote), escapes decoded; a string does not span lines.
    mutating func string(_ path: String) throws(HolidayCalendarError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { throw syntax("an escape", path) }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 <= b.count, let u = UInt32(String(decoding: b[i ..< i + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(u) else { throw syntax("\\u and four hex digits (no surrogates)", path) }
                    i += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw syntax("a valid escape", path)
                }
            case 0x00 ..< 0x20:
                throw syntax("“\"” before the end of the line", path)
            default:
                out.append(c)
                i += 1
            }
        }
        throw syntax("“\"” (the file ends inside a string)", path)
    }
}
