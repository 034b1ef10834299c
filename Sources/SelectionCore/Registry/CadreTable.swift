/// Spreadsheets of cadres (CSV/TSV): reading with a header-mapping step, checking every row
/// (line number and reason), and writing (UTF-8 with BOM so Excel and WPS open it).
public enum CadreColumn: String, Sendable, CaseIterable, Codable {
    case name, sex, birth, residentID, ethnicity, nativePlace, birthplace, party, workStart, health, title,
         fullTimeLevel, fullTimeDegree, fullTimeSchool, inServiceLevel, inServiceDegree, inServiceSchool,
         unit, currentPost, rank, rankSince, postSince, establishment, assessments, resume, notes

    public var zh: String {
        switch self {
        case .name: "姓名"
        case .sex: "性别"
        case .birth: "出生年月"
        case .residentID: "身份证号"
        case .ethnicity: "民族"
        case .nativePlace: "籍贯"
        case .birthplace: "出生地"
        case .party: "入党时间"
        case .workStart: "参加工作时间"
        case .health: "健康状况"
        case .title: "专业技术职务"
        case .fullTimeLevel: "全日制学历"
        case .fullTimeDegree: "全日制学位"
        case .fullTimeSchool: "全日制毕业院校及专业"
        case .inServiceLevel: "在职学历"
        case .inServiceDegree: "在职学位"
        case .inServiceSchool: "在职毕业院校及专业"
        case .unit: "单位"
        case .currentPost: "现任职务"
        case .rank: "职级"
        case .rankSince: "任现职级时间"
        case .postSince: "任现职时间"
        case .establishment: "编制类型"
        case .assessments: "年度考核结果"
        case .resume: "简历"
        case .notes: "备注"
        }
    }
    public var en: String {
        switch self {
        case .name: "Name"
        case .sex: "Sex"
        case .birth: "Birth month"
        case .residentID: "Identity number"
        case .ethnicity: "Ethnicity"
        case .nativePlace: "Native place"
        case .birthplace: "Birthplace"
        case .party: "Party membership"
        case .workStart: "Work start"
        case .health: "Health"
        case .title: "Professional title"
        case .fullTimeLevel: "Full-time education"
        case .fullTimeDegree: "Full-time degree"
        case .fullTimeSchool: "Full-time school and major"
        case .inServiceLevel: "In-service education"
        case .inServiceDegree: "In-service degree"
        case .inServiceSchool: "In-service school and major"
        case .unit: "Unit"
        case .currentPost: "Current post"
        case .rank: "Rank"
        case .rankSince: "Rank since"
        case .postSince: "Post since"
        case .establishment: "Establishment"
        case .assessments: "Annual assessments"
        case .resume: "Résumé"
        case .notes: "Notes"
        }
    }
    public func title(in l: Language) -> String { l == .en ? en : zh }
    /// The form field name used in error messages (`FieldNames`).
    public var field: String {
        switch self {
        case .name: "personName"
        case .party: "partyDate"
        default: rawValue
        }
    }

    /// Other header spellings clerks use.
    static let aliases: [String: CadreColumn] = [
        "身份证号码": .residentID, "公民身份号码": .residentID, "身份证": .residentID, "出生日期": .birth, "工作单位": .unit,
        "职务": .currentPost, "编制": .establishment, "编制性质": .establishment, "职级（职务层次）": .rank, "职务层次": .rank, "学历": .fullTimeLevel, "全日制教育学历": .fullTimeLevel,
        "在职教育学历": .inServiceLevel, "年度考核": .assessments, "考核结果": .assessments,
    ]

    /// Guesses a column from a header cell (zh-Hans or English, any case, spaces ignored).
    public static func guess(_ header: String) -> CadreColumn? {
        let h = header.filter { $0 != " " && $0 != "\u{3000}" }.lowercased()
        if let c = allCases.first(where: { $0.zh == h || $0.en.filter({ $0 != " " }).lowercased() == h || $0.rawValue.lowercased() == h }) { return c }
        return aliases[h]
    }
}

public enum CadreTable {
    /// Splits delimited text into rows (RFC 4180 quoting; the delimiter is a tab when the first line has one).
    public static func rows(_ text: String) -> [[String]] {
        var t = Substring(text)
        if t.first == "\u{FEFF}" { t = t.dropFirst() }
        let firstLine = t.prefix { $0 != "\n" && $0 != "\r\n" }
        let sep: Character = firstLine.contains("\t") ? "\t" : (firstLine.contains(",") || !firstLine.contains("，") ? "," : "，")
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var it = t.makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return it.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == sep {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    public struct RowProblem: Sendable, Equatable {
        /// 1-based line of the spreadsheet (the header is line 1).
        public var line: Int
        public var field: String
        public var zh: String
        public var en: String
        public func text(in l: Language) -> String { l == .en ? "line \(line), \(field): \(en)" : "第\(line)行 \(field)：\(zh)" }
    }

    public struct Parsed: Sendable {
        public var line: Int
        public var file: CadreFile
        public var unit: String
    }

    /// Reads the data rows with the given mapping (column index → field). Every bad row is listed.
    public static func read(_ rows: [[String]], mapping: [Int: CadreColumn], ladder: RankLadder) -> (good: [Parsed], problems: [RowProblem]) {
        var good: [Parsed] = []
        var problems: [RowProblem] = []
        for (r, cells) in rows.enumerated().dropFirst() {
            let line = r + 1
            var f = CadreFile()
            f.version = LRMX.version
            var unit = ""
            var rowProblems: [RowProblem] = []
            func bad(_ c: CadreColumn, _ zh: String, _ en: String) { rowProblems.append(.init(line: line, field: c.zh, zh: zh, en: en)) }
            for (i, column) in mapping {
                let v = i < cells.count ? cells[i].trimmingCharacters(" \t\u{3000}") : ""
                switch column {
                case .name: f.name = v
                case .sex: f.sex = v
                case .birth: f.birth = v
                case .residentID: f.residentID = v.uppercased()
                case .ethnicity: f.ethnicity = v
                case .nativePlace: f.nativePlace = v
                case .birthplace: f.birthplace = v
                case .party: f.party = v
                case .workStart: f.workStart = v
                case .health: f.health = v
                case .title: f.title = v
                case .fullTimeLevel: f.fullTime.level = v
                case .fullTimeDegree: f.fullTime.degree = v
                case .fullTimeSchool: f.fullTime.levelSchool = v
                case .inServiceLevel: f.inService.level = v
                case .inServiceDegree: f.inService.degree = v
                case .inServiceSchool: f.inService.levelSchool = v
                case .unit: unit = v
                case .currentPost: f.currentPost = v
                case .rank: f.rank = v
                case .rankSince: f.rankSince = v
                case .postSince: f.postSince = v
                case .establishment: f.establishment = v
                case .assessments: f.assessmentText = v; f.assessments = CadreFile.assessments(in: v)
                case .resume: f.resume = LRMX.normalizeLines(v)
                case .notes: f.notes = v
                }
            }
            for p in f.problems(ladder: ladder) { bad(p.column, p.zh, p.en) }
            if rowProblems.isEmpty { good.append(Parsed(line: line, file: f, unit: unit)) } else { problems += rowProblems }
        }
        return (good, problems)
    }

    public static let exportColumns: [CadreColumn] = CadreColumn.allCases.filter { $0 != .resume }

    /// CSV with a UTF-8 BOM (Excel, WPS); identity numbers are written as given (masked or not by the caller).
    public static func csv(_ rows: [(file: CadreFile, unit: String)], columns: [CadreColumn] = exportColumns, language: Language = .zhHans) -> String {
        var out = "\u{FEFF}" + columns.map { quote($0.title(in: language)) }.joined(separator: ",") + "\r\n"
        for (f, unit) in rows {
            out += columns.map { quote(value(of: $0, in: f, unit: unit)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    public static func value(of c: CadreColumn, in f: CadreFile, unit: String) -> String {
        switch c {
        case .name: f.name
        case .sex: f.sex
        case .birth: f.birthMonth?.dotted ?? f.birth
        case .residentID: f.residentID
        case .ethnicity: f.ethnicity
        case .nativePlace: f.nativePlace
        case .birthplace: f.birthplace
        case .party: f.party
        case .workStart: f.workStartMonth?.dotted ?? f.workStart
        case .health: f.health
        case .title: f.title
        case .fullTimeLevel: f.fullTime.level
        case .fullTimeDegree: f.fullTime.degree
        case .fullTimeSchool: f.fullTime.levelSchool
        case .inServiceLevel: f.inService.level
        case .inServiceDegree: f.inService.degree
        case .inServiceSchool: f.inService.levelSchool
        case .unit: unit
        case .currentPost: f.currentPost
        case .rank: f.rank
        case .rankSince: f.rankSince
        case .postSince: f.postSince
        case .establishment: f.establishment
        case .assessments: f.assessmentText.isEmpty ? CadreFile.assessmentText(f.assessments) : f.assessmentText
        case .resume: f.resume
        case .notes: f.notes
        }
    }

    /// Quotes a cell; a leading =, +, -, @ is prefixed with ' so a spreadsheet does not run it as a formula.
    static func quote(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        if v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.contains("\r\n") || v != s {
            return "\"" + v.replacing("\"", with: "\"\"") + "\""
        }
        return v
    }
}
