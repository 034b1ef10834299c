import Foundation

// Supervision checks of the selection work (CHK-1…4, CHK-6) as a value with pure transitions. A check covers one
// unit and a period; it draws its sample of files (CHK-2), reviews them and answers the questions on the main leaders
// (CHK-3), lists its findings, issues one rectification notice to the unit and follows every item to closure (CHK-4).
// The states, in order: planned → sample drawn → reviewing → findings → notice issued → rectifying → closed; a check
// with no finding closes from its findings. Every refusal names its rule, and a refused transition changes nothing.

/// CHK-1, CHK-6: what kind of check.
public enum CheckKind: String, Sendable, CaseIterable, Codable {
    /// CHK-1: the unit's yearly self-check of its own selection work (年度自查).
    case selfCheck = "self"
    /// CHK-1: a check by the higher level (上级抽查).
    case fromAbove = "above"
    /// CHK-6: the departure check of a county or city party secretary's selection work over the tenure (离任检查).
    case departure

    public var rule: String { self == .departure ? "CHK-6" : "CHK-1" }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.selfCheck, .zhHans): "年度自查"
        case (.selfCheck, .en): "yearly self-check"
        case (.fromAbove, .zhHans): "上级检查"
        case (.fromAbove, .en): "check from above"
        case (.departure, .zhHans): "党委书记离任检查"
        case (.departure, .en): "party secretary's departure check"
        }
    }
}

/// Where a check stands. Stored strings.
public enum CheckState: String, Sendable, CaseIterable, Codable, Comparable {
    case planned
    /// The sample of files is drawn (CHK-2).
    case drawn
    /// Files reviewed, questions answered, findings listed.
    case reviewing
    /// The review is concluded: the findings are final.
    case findings
    /// The rectification notice is issued (CHK-4).
    case noticeIssued = "notice"
    /// The unit reports its rectification item by item.
    case rectifying
    case closed

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.planned, .zhHans): "已立项"
        case (.planned, .en): "planned"
        case (.drawn, .zhHans): "已抽取档案"
        case (.drawn, .en): "sample drawn"
        case (.reviewing, .zhHans): "检查中"
        case (.reviewing, .en): "reviewing"
        case (.findings, .zhHans): "已形成检查意见"
        case (.findings, .en): "findings"
        case (.noticeIssued, .zhHans): "已下发整改通知"
        case (.noticeIssued, .en): "notice issued"
        case (.rectifying, .zhHans): "整改中"
        case (.rectifying, .en): "rectifying"
        case (.closed, .zhHans): "已办结"
        case (.closed, .en): "closed"
        }
    }
}

/// The days a check covers (both included): a year for a self-check, a tenure for a departure check.
public struct CheckPeriod: Sendable, Equatable, Codable {
    public var from: CivilDay
    public var to: CivilDay
    /// The longest period: two terms and a year (a departure check covers a tenure of up to two five-year terms).
    public static let maximumDays = 11 * 366

    public init(from: CivilDay, to: CivilDay) throws(CheckError) {
        if to < from { throw .badPeriod(from: from, to: to) }
        if from.days(until: to) > Self.maximumDays { throw .periodTooLong(from: from, to: to) }
        self.from = from; self.to = to
    }

    /// The calendar year `year` (a yearly self-check).
    public static func year(_ year: Int) -> CheckPeriod? {
        guard let a = CivilDay(year: year, month: 1, day: 1), let b = CivilDay(year: year, month: 12, day: 31) else { return nil }
        return try? CheckPeriod(from: a, to: b)
    }

    public func contains(_ day: CivilDay) -> Bool { from <= day && day <= to }

    public func text(in l: Language) -> String { "\(from.text(in: l)) — \(to.text(in: l))" }
}

/// CHK-2: the draw as recorded: the seed (reproduces the lots from the list of files) and the counts.
public struct CheckDraw: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var day: CivilDay
    public var by: String
    public var files: Int
    public var drawn: Int
    public var mandatory: Int
    public var sampled: Int
    public init(seed: UInt64, day: CivilDay, by: String, files: Int, drawn: Int, mandatory: Int, sampled: Int) {
        self.seed = seed; self.day = day; self.by = by; self.files = files; self.drawn = drawn; self.mandatory = mandatory; self.sampled = sampled
    }
    public init(_ s: FileSampling.Sample, day: CivilDay, by: String) {
        self.init(seed: s.seed, day: day, by: by, files: s.files, drawn: s.drawn, mandatory: s.mandatory, sampled: s.picked.count)
    }

    enum CodingKeys: String, CodingKey { case seed, day, by, files, drawn, mandatory, sampled }
    // the seed as a decimal string: JSON readers elsewhere may hold numbers as doubles, which lose bits above 2^53
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode(String.self, forKey: .seed)
        guard let seed = UInt64(s) else { throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "not a seed: \(s)") }
        self.seed = seed
        day = try c.decode(CivilDay.self, forKey: .day); by = try c.decode(String.self, forKey: .by)
        files = try c.decode(Int.self, forKey: .files); drawn = try c.decode(Int.self, forKey: .drawn)
        mandatory = try c.decode(Int.self, forKey: .mandatory); sampled = try c.decode(Int.self, forKey: .sampled)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(seed), forKey: .seed); try c.encode(day, forKey: .day); try c.encode(by, forKey: .by)
        try c.encode(files, forKey: .files); try c.encode(drawn, forKey: .drawn); try c.encode(mandatory, forKey: .mandatory); try c.encode(sampled, forKey: .sampled)
    }
}

/// CHK-4: how a check was closed.
public struct CheckClosure: Sendable, Equatable, Codable {
    public var day: CivilDay
    public var by: String
    public var summary: String
}

/// CHK-1…4, CHK-6: one supervision check of a unit's selection work over a period.
public struct Check: Sendable, Equatable, Codable {
    public private(set) var kind: CheckKind
    public private(set) var title: String
    public private(set) var unitName: String
    public private(set) var period: CheckPeriod
    /// CHK-6: the departing party secretary whose tenure (the period) is checked.
    public private(set) var secretary: String?
    public private(set) var settings: MandatorySettings
    public private(set) var state: CheckState = .planned
    public private(set) var draw: CheckDraw?
    public private(set) var answers: [LeaderAnswer] = []
    public private(set) var findings: [Finding] = []
    public private(set) var concluded: CivilDay?
    public private(set) var notice: RectificationNotice?
    public private(set) var closure: CheckClosure?

    /// CHK-1, CHK-6: a check planned for `unitName` over `period`. A departure check names the departing secretary.
    public static func plan(kind: CheckKind, title rawTitle: String, unitName: String, period: CheckPeriod, secretary rawSecretary: String? = nil,
                            settings: MandatorySettings = MandatorySettings()) throws(CheckError) -> Check {
        let title = clean(rawTitle), secretary = clean(rawSecretary ?? "")
        if title.isEmpty { throw .required(field: "title", rule: kind.rule) }
        if title.count > 200 { throw .tooLong(field: "title", max: 200) }
        if kind == .departure && secretary.isEmpty { throw .required(field: "secretary", rule: "CHK-6") }
        if secretary.count > 40 { throw .tooLong(field: "secretary", max: 40) }
        do { try settings.check() } catch { throw .settings(error) }
        return Check(kind: kind, title: title, unitName: clean(unitName), period: period, secretary: kind == .departure ? secretary : nil, settings: settings)
    }

    private init(kind: CheckKind, title: String, unitName: String, period: CheckPeriod, secretary: String?, settings: MandatorySettings) {
        self.kind = kind; self.title = title; self.unitName = unitName; self.period = period; self.secretary = secretary; self.settings = settings
    }

    // MARK: CHK-2 the sample

    /// CHK-2: the sample drawn (once: a second draw could be made until a convenient one came out).
    public mutating func recordDraw(_ d: CheckDraw) throws(CheckError) {
        guard state == .planned else { throw draw == nil ? .wrongState(state, expected: [.planned]) : .alreadyDrawn(draw!.seed) }
        if d.sampled < FileSampling.randomCount(of: d.files) { throw .sampleTooSmall(files: d.files, sampled: d.sampled) }
        draw = d
        state = .drawn
    }

    /// The review starts with the first file reviewed, question answered or finding listed.
    mutating func reviewing() throws(CheckError) {
        switch state {
        case .drawn: state = .reviewing
        case .reviewing: break
        default: throw .wrongState(state, expected: [.drawn, .reviewing])
        }
    }

    /// CHK-2: a file of the sample reviewed (the review itself is kept with the file): starts or continues the review.
    public mutating func fileReviewed() throws(CheckError) { try reviewing() }

    // MARK: CHK-3 the main leaders

    /// CHK-3: the team's answer to a question on the main leaders; a problem found needs its note. Answered again, the
    /// later answer replaces the earlier one (both stay in the ledger).
    public mutating func answer(_ q: LeaderQuestion, found: Bool, note rawNote: String, by: String, on day: CivilDay) throws(CheckError) {
        let note = Self.clean(rawNote)
        if found && note.isEmpty { throw .required(field: "note", rule: "CHK-3") }
        if note.count > 2000 { throw .tooLong(field: "note", max: 2000) }
        try reviewing()
        answers.removeAll { $0.question == q }
        answers.append(LeaderAnswer(question: q, found: found, note: note, by: by, on: day))
        answers.sort { LeaderQuestion.allCases.firstIndex(of: $0.question)! < LeaderQuestion.allCases.firstIndex(of: $1.question)! }
    }

    public func answer(to q: LeaderQuestion) -> LeaderAnswer? { answers.first { $0.question == q } }

    // MARK: CHK-4 findings

    /// CHK-4: a problem found, with what the unit must do: listed while reviewing. Returns its id (`F1` …).
    @discardableResult
    public mutating func addFinding(rule rawRule: String, problem rawProblem: String, requirement rawRequirement: String, file: String? = nil, fileName: String? = nil,
                                    question: LeaderQuestion? = nil, accountability rawAccountability: String = "", by: String, on day: CivilDay) throws(CheckError) -> String {
        let rule = Self.clean(rawRule), problem = Self.clean(rawProblem), requirement = Self.clean(rawRequirement), accountability = Self.clean(rawAccountability)
        if problem.isEmpty { throw .required(field: "problem", rule: "CHK-4") }
        if requirement.isEmpty { throw .required(field: "requirement", rule: "CHK-4") }
        if problem.count > 4000 { throw .tooLong(field: "problem", max: 4000) }
        if requirement.count > 4000 { throw .tooLong(field: "requirement", max: 4000) }
        if accountability.count > 2000 { throw .tooLong(field: "accountability", max: 2000) }
        if rule.count > 20 { throw .tooLong(field: "rule", max: 20) }
        try reviewing()
        let id = "F\(findings.count + 1)"
        findings.append(Finding(id: id, rule: rule.isEmpty ? "CHK-2" : rule, problem: problem, requirement: requirement, file: file, fileName: fileName,
                                question: question, accountability: accountability, by: by, on: day))
        return id
    }

    /// CHK-2…4: the review is concluded; the findings are final. Refused while a sampled file is unreviewed (`unreviewed`:
    /// their names), a CHK-3 question is unanswered, or a problem found is not among the findings: a file reviewed with a
    /// problem (`problemFiles`: file id → name) or a question answered yes needs a finding naming it.
    public mutating func concludeReview(unreviewed: [String], problemFiles: [String: String], on day: CivilDay) throws(CheckError) {
        guard state == .drawn || state == .reviewing else { throw .wrongState(state, expected: [.drawn, .reviewing]) }
        if !unreviewed.isEmpty { throw .unreviewed(unreviewed) }
        let unanswered = LeaderQuestion.allCases.filter { answer(to: $0) == nil }
        if !unanswered.isEmpty { throw .unanswered(unanswered) }
        var uncovered: [String] = []
        for (id, name) in problemFiles.sorted(by: { $0.key < $1.key }) where !findings.contains(where: { $0.file == id }) { uncovered.append(name) }
        for a in answers where a.found && !findings.contains(where: { $0.question == a.question }) { uncovered.append(a.question.title(in: .zhHans)) }
        if !uncovered.isEmpty { throw .uncovered(uncovered) }
        concluded = day
        state = .findings
    }

    /// CHK-4: the rectification notice to the unit, listing every finding, signed by the issuing body, with the day by
    /// which the unit reports.
    public mutating func issueNotice(reference rawReference: String, issuer rawIssuer: String, on day: CivilDay, deadline: CivilDay, by: String) throws(CheckError) {
        guard state == .findings else { throw .wrongState(state, expected: [.findings]) }
        if findings.isEmpty { throw .noFindings }
        let reference = Self.clean(rawReference)
        if reference.isEmpty { throw .required(field: "reference", rule: "CHK-4") }
        if reference.count > 100 { throw .tooLong(field: "reference", max: 100) }
        let issuer = Self.clean(rawIssuer)
        if issuer.isEmpty { throw .required(field: "issuer", rule: "CHK-4") }
        if issuer.count > 100 { throw .tooLong(field: "issuer", max: 100) }
        if deadline <= day { throw .badDeadline(issued: day, deadline: deadline) }
        if let c = concluded, day < c { throw .beforeConclusion(c) }
        notice = RectificationNotice(reference: reference, unitName: unitName, issuer: issuer, issued: day, deadline: deadline, by: by)
        state = .noticeIssued
    }

    /// CHK-4: the unit reports on an item (progress, or done).
    public mutating func followUp(_ finding: String, text rawText: String, done: Bool, by: String, on day: CivilDay) throws(CheckError) {
        guard state == .noticeIssued || state == .rectifying else { throw .wrongState(state, expected: [.noticeIssued, .rectifying]) }
        let text = Self.clean(rawText)
        if text.isEmpty { throw .required(field: "progress", rule: "CHK-4") }
        if text.count > 4000 { throw .tooLong(field: "progress", max: 4000) }
        guard let i = findings.firstIndex(where: { $0.id == finding }) else { throw .unknownFinding(finding) }
        if findings[i].progress == .rectified { throw .alreadyRectified(finding) }
        if let n = notice, day < n.issued { throw .beforeNotice(n.issued) }
        findings[i].followUps.append(FollowUp(day: day, text: text, by: by, done: done))
        state = .rectifying
    }

    /// CHK-4: the checking side accepts an item reported done, or sends it back with the reason.
    public mutating func verify(_ finding: String, accepted: Bool, note rawNote: String, by: String, on day: CivilDay) throws(CheckError) {
        guard state == .rectifying else { throw .wrongState(state, expected: [.rectifying]) }
        guard let i = findings.firstIndex(where: { $0.id == finding }) else { throw .unknownFinding(finding) }
        guard findings[i].progress == .reported else { throw .notReported(finding) }
        let note = Self.clean(rawNote)
        if !accepted && note.isEmpty { throw .required(field: "note", rule: "CHK-4") }
        if note.count > 2000 { throw .tooLong(field: "note", max: 2000) }
        findings[i].verifications.append(Verification(day: day, by: by, accepted: accepted, note: note, reports: findings[i].followUps.count))
    }

    /// CHK-4: closed — once every item of the notice is accepted as rectified, or, from the findings, when the check
    /// found nothing to rectify.
    public mutating func close(summary rawSummary: String, by: String, on day: CivilDay) throws(CheckError) {
        let summary = Self.clean(rawSummary)
        if summary.count > 4000 { throw .tooLong(field: "summary", max: 4000) }
        switch state {
        case .findings:
            if !findings.isEmpty { throw .noticeNeeded(findings.count) }
        case .rectifying:
            let open = findings.filter { $0.progress != .rectified }.map(\.id)
            if !open.isEmpty { throw .notRectified(open) }
        default:
            throw .wrongState(state, expected: [.findings, .rectifying])
        }
        closure = CheckClosure(day: day, by: by, summary: summary)
        state = .closed
    }

    /// Findings not yet rectified.
    public var openFindings: [Finding] { findings.filter { $0.progress != .rectified } }

    static func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Refusals of a check, in words, each with its rule.
public enum CheckError: UserFacingError, Equatable {
    case required(field: String, rule: String)
    case tooLong(field: String, max: Int)
    case badPeriod(from: CivilDay, to: CivilDay)
    case periodTooLong(from: CivilDay, to: CivilDay)
    case settings(InvalidInput)
    case wrongState(CheckState, expected: [CheckState])
    case alreadyDrawn(UInt64)
    case sampleTooSmall(files: Int, sampled: Int)
    case unreviewed([String])
    case unanswered([LeaderQuestion])
    case uncovered([String])
    case noFindings
    case noticeNeeded(Int)
    case badDeadline(issued: CivilDay, deadline: CivilDay)
    case beforeConclusion(CivilDay)
    case beforeNotice(CivilDay)
    case unknownFinding(String)
    case alreadyRectified(String)
    case notReported(String)
    case notRectified([String])
    case notInSample(String)

    public var rule: String {
        switch self {
        case .required(_, let r): r
        case .badPeriod, .periodTooLong, .tooLong: "CHK-1"
        case .settings, .alreadyDrawn, .sampleTooSmall, .unreviewed, .notInSample: "CHK-2"
        case .unanswered: "CHK-3"
        default: "CHK-4"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .required, .tooLong, .badPeriod, .periodTooLong, .settings, .badDeadline, .unknownFinding, .notInSample: .badInput
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        let sep = zh ? "、" : ", "
        let text: String
        switch self {
        case .required(let field, _):
            text = zh ? "\(CheckFieldNames.name(of: field, in: l))：必须填写" : "\(CheckFieldNames.name(of: field, in: l)): required"
        case .tooLong(let field, let max):
            text = zh ? "\(CheckFieldNames.name(of: field, in: l))：最多\(max)个字符" : "\(CheckFieldNames.name(of: field, in: l)): at most \(max) characters"
        case .badPeriod(let a, let b):
            text = zh ? "检查期间的结束日期（\(b)）早于开始日期（\(a)）" : "the period ends (\(b)) before it starts (\(a))"
        case .periodTooLong(let a, let b):
            text = zh ? "检查期间\(a)至\(b)过长（最长十一年）" : "the period \(a) to \(b) is too long (eleven years at most)"
        case .settings(let e):
            text = e.message(in: l)
        case .wrongState(let s, let expected):
            text = zh ? "检查目前“\(s.title(in: l))”，此操作须在“\(expected.map { $0.title(in: l) }.joined(separator: "”或“"))”时进行"
                      : "the check is “\(s.title(in: l))”; this needs it to be “\(expected.map { $0.title(in: l) }.joined(separator: "” or “"))”"
        case .alreadyDrawn(let seed):
            text = zh ? "档案已经抽取（种子\(seed)），不能重新抽取" : "the sample was drawn already (seed \(seed)); it cannot be drawn again"
        case .sampleTooSmall(let n, let k):
            text = zh ? "\(n)份档案至少应抽查\(FileSampling.randomCount(of: n))份，只有\(k)份" : "\(n) files need at least \(FileSampling.randomCount(of: n)) in the sample, not \(k)"
        case .unreviewed(let names):
            text = zh ? "还有\(names.count)份抽查档案未完成检查：\(names.prefix(10).joined(separator: sep))" + (names.count > 10 ? "等" : "")
                      : "\(names.count) sampled file(s) not yet reviewed: \(names.prefix(10).joined(separator: sep))" + (names.count > 10 ? " …" : "")
        case .unanswered(let qs):
            text = zh ? "主要领导有关问题尚未作答：" + qs.map { $0.title(in: l) }.joined(separator: "；") : "questions on the main leaders not answered: " + qs.map { $0.title(in: l) }.joined(separator: " ")
        case .uncovered(let what):
            text = zh ? "以下发现的问题尚未列入检查意见：\(what.joined(separator: sep))" : "problems found but not listed among the findings: \(what.joined(separator: sep))"
        case .noFindings:
            text = zh ? "没有检查发现的问题，无需下发整改通知，可直接办结" : "there is no finding to rectify: close the check instead"
        case .noticeNeeded(let n):
            text = zh ? "有\(n)个问题，须下发整改通知并整改到位后方可办结" : "\(n) finding(s): issue the rectification notice and see them rectified before closing"
        case .badDeadline(let a, let b):
            text = zh ? "整改期限（\(b)）应晚于通知下发日期（\(a)）" : "the deadline (\(b)) must come after the notice is issued (\(a))"
        case .beforeConclusion(let d):
            text = zh ? "检查意见形成于\(d)，通知不能早于该日" : "the findings were concluded on \(d); the notice cannot be dated earlier"
        case .beforeNotice(let d):
            text = zh ? "整改通知于\(d)下发，整改情况不能早于该日" : "the notice was issued on \(d); a report cannot be dated earlier"
        case .unknownFinding(let id):
            text = zh ? "没有问题“\(id)”" : "no finding “\(id)”"
        case .alreadyRectified(let id):
            text = zh ? "问题\(id)已验收整改到位" : "finding \(id) has been accepted as rectified"
        case .notReported(let id):
            text = zh ? "问题\(id)尚未报告整改完成，不能验收" : "finding \(id) has not been reported done; there is nothing to accept"
        case .notRectified(let ids):
            text = zh ? "以下问题尚未整改到位：\(ids.joined(separator: sep))，不能办结" : "not yet rectified: \(ids.joined(separator: sep)); the check cannot close"
        case .notInSample(let name):
            text = zh ? "“\(name)”的档案不在抽查范围内" : "“\(name)”'s file is not in the sample"
        }
        return zh ? "\(text)（\(rule)）" : "\(text) (\(rule))"
    }
}

/// Names of a check's form fields in refusals.
public enum CheckFieldNames {
    public static func name(of field: String, in l: Language) -> String {
        let zh = l == .zhHans
        switch field {
        case "title": return zh ? "检查名称" : "title"
        case "secretary": return zh ? "离任党委书记" : "departing party secretary"
        case "note": return zh ? "情况说明" : "note"
        case "problem": return zh ? "存在的问题" : "problem"
        case "requirement": return zh ? "整改要求" : "requirement"
        case "accountability": return zh ? "责任追究建议" : "accountability proposal"
        case "rule": return zh ? "规则" : "rule"
        case "reference": return zh ? "通知文号" : "notice reference"
        case "issuer": return zh ? "发文机关" : "issuing body"
        case "progress": return zh ? "整改情况" : "progress report"
        case "summary": return zh ? "办结说明" : "summary"
        default: return field
        }
    }
}
