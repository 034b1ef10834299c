/// A cadre's file (REG-1): what the 干部任免审批表 holds plus the structured parts Xuanren needs.
/// Texts are kept as written (so an LRMX file comes back unchanged); the structured facts
/// (ages, grades, education levels, assessments, position history) are derived from them.
public struct CadreFile: Sendable, Codable, Equatable {
    public struct Education: Sendable, Codable, Equatable {
        /// 学历, 学位, and the school/department/major of each as written.
        public var level = "", degree = "", levelSchool = "", degreeSchool = ""
        public init(level: String = "", degree: String = "", levelSchool: String = "", degreeSchool: String = "") {
            self.level = level; self.degree = degree; self.levelSchool = levelSchool; self.degreeSchool = degreeSchool
        }
        public var isEmpty: Bool { level.isEmpty && degree.isEmpty && levelSchool.isEmpty && degreeSchool.isEmpty }
    }

    /// 家庭成员及重要社会关系 (used for recusal checks).
    public struct Relative: Sendable, Codable, Equatable {
        public var relation = "", name = "", birth = "", politicalStatus = "", workplace = ""
        public init(relation: String = "", name: String = "", birth: String = "", politicalStatus: String = "", workplace: String = "") {
            self.relation = relation; self.name = name; self.birth = birth; self.politicalStatus = politicalStatus; self.workplace = workplace
        }
    }

    /// An element of an imported file that Xuanren does not know, kept for the round trip.
    public struct Extra: Sendable, Codable, Equatable {
        public var name: String
        public var text: String
        public init(name: String, text: String) { self.name = name; self.text = text }
    }

    public struct Training: Sendable, Codable, Equatable {
        public var year: Int
        public var hours: Int
        public var course: String
        public init(year: Int, hours: Int, course: String) { self.year = year; self.hours = hours; self.course = course }
    }

    // Identity
    public var name = ""
    public var sex = ""
    /// 出生年月 as written (`197501`, `1975.01`).
    public var birth = ""
    public var ethnicity = ""
    public var nativePlace = ""
    public var birthplace = ""
    public var residentID = ""
    /// JPEG bytes in base64, no `data:` prefix.
    public var photo = ""
    // Party, work, health, titles
    /// 入党时间: a date, or a date and another party (`199806；民盟`), or a party name only.
    public var party = ""
    public var workStart = ""
    public var health = ""
    public var title = ""
    public var expertise = ""
    public var fullTime = Education()
    public var inService = Education()
    // Posts
    public var currentPost = ""
    public var proposedPost = ""
    public var proposedRemoval = ""
    /// 简历, one entry per line (see `Resume`).
    public var resume = ""
    public var rewards = ""
    /// 年度考核结果 as written; the structured grades are in `assessments`.
    public var assessmentText = ""
    public var reason = ""
    public var family: [Relative] = []
    // Form metadata
    public var reportingUnit = ""
    public var ageDate = ""
    public var fillDate = ""
    public var filledBy = ""
    public var version = ""
    public var extras: [Extra] = []
    // Xuanren's structured parts (not in the LRMX form)
    /// Rank name on the ladder (e.g. 副科级, 四级主任科员) and since when it is held (`yyyy-MM`).
    public var rank = ""
    public var rankSince = ""
    /// Since when the current post is held (`yyyy-MM`); empty = the start of the open résumé line.
    public var postSince = ""
    public var assessments: [Int: AssessmentGrade] = [:]
    /// 编制类型 (行政编制, 参照公务员法管理事业编制, 事业编制 …).
    public var establishment = ""
    public var training: [Training] = []
    /// Years for which the personal-matters report (个人有关事项报告, REG-3) was filed.
    public var personalReports: [Int] = []
    public var notes = ""

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, sex, birth, ethnicity, nativePlace, birthplace, residentID, photo, party, workStart, health, title, expertise, fullTime, inService, currentPost, proposedPost, proposedRemoval, resume, rewards, assessmentText, reason, family, reportingUnit, ageDate, fillDate, filledBy, version, extras, rank, rankSince, postSince, assessments, establishment, training, personalReports, notes
    }

    /// Every part may be missing (files stored before a part existed read with its default): a file
    /// is never dropped for lack of a newer field.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(type(of: name), forKey: .name) ?? name
        sex = try c.decodeIfPresent(type(of: sex), forKey: .sex) ?? sex
        birth = try c.decodeIfPresent(type(of: birth), forKey: .birth) ?? birth
        ethnicity = try c.decodeIfPresent(type(of: ethnicity), forKey: .ethnicity) ?? ethnicity
        nativePlace = try c.decodeIfPresent(type(of: nativePlace), forKey: .nativePlace) ?? nativePlace
        birthplace = try c.decodeIfPresent(type(of: birthplace), forKey: .birthplace) ?? birthplace
        residentID = try c.decodeIfPresent(type(of: residentID), forKey: .residentID) ?? residentID
        photo = try c.decodeIfPresent(type(of: photo), forKey: .photo) ?? photo
        party = try c.decodeIfPresent(type(of: party), forKey: .party) ?? party
        workStart = try c.decodeIfPresent(type(of: workStart), forKey: .workStart) ?? workStart
        health = try c.decodeIfPresent(type(of: health), forKey: .health) ?? health
        title = try c.decodeIfPresent(type(of: title), forKey: .title) ?? title
        expertise = try c.decodeIfPresent(type(of: expertise), forKey: .expertise) ?? expertise
        fullTime = try c.decodeIfPresent(type(of: fullTime), forKey: .fullTime) ?? fullTime
        inService = try c.decodeIfPresent(type(of: inService), forKey: .inService) ?? inService
        currentPost = try c.decodeIfPresent(type(of: currentPost), forKey: .currentPost) ?? currentPost
        proposedPost = try c.decodeIfPresent(type(of: proposedPost), forKey: .proposedPost) ?? proposedPost
        proposedRemoval = try c.decodeIfPresent(type(of: proposedRemoval), forKey: .proposedRemoval) ?? proposedRemoval
        resume = try c.decodeIfPresent(type(of: resume), forKey: .resume) ?? resume
        rewards = try c.decodeIfPresent(type(of: rewards), forKey: .rewards) ?? rewards
        assessmentText = try c.decodeIfPresent(type(of: assessmentText), forKey: .assessmentText) ?? assessmentText
        reason = try c.decodeIfPresent(type(of: reason), forKey: .reason) ?? reason
        family = try c.decodeIfPresent(type(of: family), forKey: .family) ?? family
        reportingUnit = try c.decodeIfPresent(type(of: reportingUnit), forKey: .reportingUnit) ?? reportingUnit
        ageDate = try c.decodeIfPresent(type(of: ageDate), forKey: .ageDate) ?? ageDate
        fillDate = try c.decodeIfPresent(type(of: fillDate), forKey: .fillDate) ?? fillDate
        filledBy = try c.decodeIfPresent(type(of: filledBy), forKey: .filledBy) ?? filledBy
        version = try c.decodeIfPresent(type(of: version), forKey: .version) ?? version
        extras = try c.decodeIfPresent(type(of: extras), forKey: .extras) ?? extras
        rank = try c.decodeIfPresent(type(of: rank), forKey: .rank) ?? rank
        rankSince = try c.decodeIfPresent(type(of: rankSince), forKey: .rankSince) ?? rankSince
        postSince = try c.decodeIfPresent(type(of: postSince), forKey: .postSince) ?? postSince
        assessments = try c.decodeIfPresent(type(of: assessments), forKey: .assessments) ?? assessments
        establishment = try c.decodeIfPresent(type(of: establishment), forKey: .establishment) ?? establishment
        training = try c.decodeIfPresent(type(of: training), forKey: .training) ?? training
        personalReports = try c.decodeIfPresent(type(of: personalReports), forKey: .personalReports) ?? personalReports
        notes = try c.decodeIfPresent(type(of: notes), forKey: .notes) ?? notes
    }
}

// MARK: - Checks

extension CadreFile {
    /// What must hold before a file is saved (the audit, REG-4, reports the rest without refusing).
    public func problems(ladder: RankLadder) -> [(column: CadreColumn, zh: String, en: String)] {
        var out: [(column: CadreColumn, zh: String, en: String)] = []
        if name.isEmpty { out.append((.name, "必须填写", "required")) }
        if name.count > 40 { out.append((.name, "最多40个字符", "at most 40 characters")) }
        if !sex.isEmpty && sex != "男" && sex != "女" { out.append((.sex, "应为“男”或“女”（现为“\(sex)”）", "must be 男 or 女 (is “\(sex)”)")) }
        if birthMonth == nil { out.append((.birth, "无法识别“\(birth)”，应如 1980.06 或 198006", "cannot read “\(birth)”; write e.g. 1980.06 or 198006")) }
        if !residentID.isEmpty {
            do { _ = try ResidentID(residentID) } catch { out.append((.residentID, error.message(in: .zhHans), error.message(in: .en))) }
        }
        if !workStart.isEmpty && workStartMonth == nil { out.append((.workStart, "无法识别“\(workStart)”", "cannot read “\(workStart)”")) }
        if !party.isEmpty, let f = party.first, f.isASCII && f.isNumber, partyMonth == nil { out.append((.party, "无法识别“\(party)”", "cannot read “\(party)”")) }
        if !rank.isEmpty && ladder.level(of: rank) == nil { out.append((.rank, "“\(rank)”不在职级序列中", "“\(rank)” is not on the rank ladder")) }
        for (c, v) in [(CadreColumn.rankSince, rankSince), (.postSince, postSince)] where !v.isEmpty && YearMonth(fileDate: v) == nil {
            out.append((c, "无法识别“\(v)”", "cannot read “\(v)”"))
        }
        return out
    }

    /// The same checks as a typed error naming each field.
    public func validate(ladder: RankLadder) throws(InvalidInput) {
        let p = problems(ladder: ladder)
        if !p.isEmpty { throw InvalidInput(p.map { .init(field: $0.column.field, problem: .described(zh: $0.zh, en: $0.en)) }) }
    }
}

// MARK: - Derived facts

extension CadreFile {
    public var birthMonth: YearMonth? { YearMonth(fileDate: birth) }
    public var workStartMonth: YearMonth? { YearMonth(fileDate: workStart) }
    /// The date part of 入党时间, if any.
    public var partyMonth: YearMonth? {
        let digits = party.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        return digits.isEmpty ? nil : YearMonth(fileDate: String(digits))
    }
    /// A CPC member when 入党时间 holds a date and no other party name.
    public var isPartyMember: Bool {
        guard partyMonth != nil else { return false }
        let rest = party.drop { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
            .trimmingCharacters(" ；;，,")
        return rest.isEmpty || rest.contains("中共") || rest.contains("中国共产党")
    }
    public var fullTimeLevel: EducationLevel? { EducationLevel(text: fullTime.level + fullTime.degree) }
    public var inServiceLevel: EducationLevel? { EducationLevel(text: inService.level + inService.degree) }
    public var parsedResume: Resume { Resume(text: resume) }

    /// The rank since: as recorded, or from the résumé (the earliest consecutive line at that rank).
    public func rankStart(resume r: Resume) -> YearMonth? {
        if let m = YearMonth(fileDate: rankSince) { return m }
        guard !rank.isEmpty else { return nil }
        var since: YearMonth? = nil
        for e in r.entries.reversed() {
            if e.text.contains(rank) { since = e.start } else if since != nil { break }
        }
        return since
    }

    public func postStart(resume r: Resume) -> YearMonth? {
        YearMonth(fileDate: postSince) ?? r.entries.last(where: { $0.end == nil })?.start
    }

    /// What eligibility needs (ELG-2…5, ELG-10). Nil when the birth month is unknown.
    public func facts(ladder: RankLadder) -> CadreFacts? {
        guard let birth = birthMonth else { return nil }
        let r = parsedResume
        let grade = ladder.level(of: rank) ?? 0
        let since = rankStart(resume: r) ?? workStartMonth ?? birth
        return CadreFacts(birth: birth, partyMember: isPartyMember, workStart: workStartMonth ?? birth,
                          fullTimeEducation: fullTimeLevel, inServiceEducation: inServiceLevel,
                          grade: grade, gradeSince: since, assessments: assessments, title: title,
                          studies: [fullTime.levelSchool, fullTime.degreeSchool, inService.levelSchool, inService.degreeSchool].joined(separator: " "),
                          establishment: establishment)
    }

    /// Annual grades written in 年度考核结果 (e.g. "2023年度考核称职；2024年度考核优秀").
    public static func assessments(in text: String) -> [Int: AssessmentGrade] {
        var out: [Int: AssessmentGrade] = [:]
        let chars = Array(text)
        var i = 0
        while i + 4 <= chars.count {
            let four = chars[i ..< i + 4]
            if four.allSatisfy({ $0.isASCII && $0.isNumber }), i == 0 || !(chars[i - 1].isASCII && chars[i - 1].isNumber),
               let year = Int(String(four)), (1950 ... 2100).contains(year) {
                // The grade named before the next year, if any.
                var j = i + 4
                while j < chars.count, !(j + 4 <= chars.count && chars[j ..< j + 4].allSatisfy({ $0.isASCII && $0.isNumber })) { j += 1 }
                let segment = String(chars[i + 4 ..< j])
                for g in [AssessmentGrade.basic, .incompetent, .excellent, .competent] where segment.contains(g.title(in: .zhHans)) {
                    out[year] = g
                    break
                }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// 年度考核结果 written from structured grades.
    public static func assessmentText(_ grades: [Int: AssessmentGrade]) -> String {
        grades.keys.sorted().map { "\($0)年度考核\(grades[$0]!.title(in: .zhHans))" }.joined(separator: "；")
    }
}

extension EducationLevel {
    /// Reads 学历/学位 as written: 博士 > 硕士/研究生 > 大学/本科 > 大专/专科 > 中专/高中 > 初中.
    public init?(text: String) {
        if text.contains("博士") { self = .doctor }
        else if text.contains("硕士") || text.contains("研究生") { self = .master }
        else if text.contains("本科") || text.contains("大学") || text.contains("学士") { self = .bachelor }
        else if text.contains("大专") || text.contains("专科") { self = .juniorCollege }
        else if text.contains("中专") || text.contains("高中") || text.contains("中技") || text.contains("职高") { self = .seniorMiddle }
        else if text.contains("初中") { self = .juniorMiddle }
        else { return nil }
    }
}

extension YearMonth {
    /// The dates of a cadre file: `197501`, `1975.01`, `1975-01`, `19750115`, `1975` (January).
    public init?(fileDate raw: String) {
        let text = raw.trimmingCharacters(" \t\r\n")
        if text.isEmpty { return nil }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = Array(text)
            guard digits.count == 4 || digits.count == 6 || digits.count == 8, let y = Int(String(digits[0 ..< 4])) else { return nil }
            let m = digits.count == 4 ? 1 : Int(String(digits[4 ..< 6]))!
            guard (1900 ... 2100).contains(y), (1 ... 12).contains(m) else { return nil }
            self.init(year: y, month: m)
        } else {
            self.init(text)
        }
    }

    /// From `index` (`year * 12 + month - 1`).
    public init(index: Int) { self.init(year: index / 12, month: index % 12 + 1) }

    /// `yyyyMM`, the LRMX form.
    public var compact: String { "\(year)" + (month < 10 ? "0" : "") + "\(month)" }
    /// `yyyy.MM`, the résumé form.
    public var dotted: String { "\(year)." + (month < 10 ? "0" : "") + "\(month)" }
    public func adding(months n: Int) -> YearMonth { let i = index + n; return YearMonth(year: i / 12, month: i % 12 + 1) }
}

extension StringProtocol {
    func trimmingCharacters(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
