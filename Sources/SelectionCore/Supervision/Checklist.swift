import Foundation

// CHK-2: what the team checks in each file it reviews; CHK-3: the questions on the main leaders. The answers are the
// team's; the software only offers hints from the record (relations in the registry, nominations outside the
// channels, former posts) and never answers for them.

/// CHK-2: one item of the per-file checklist (查阅干部任免材料和档案). Stored strings.
public enum FileCheckItem: String, Sendable, CaseIterable, Codable {
    /// 任免材料齐全：动议、推荐、考察、讨论决定、公示、任职文件.
    case materials
    /// 三龄一历认定准确（年龄、党龄、工龄、学历）.
    case threeAges = "ages"
    /// 符合任职资格条件（含越级规则、考核等次）.
    case qualification
    /// 民主推荐、考察程序规范.
    case procedure
    /// 集体讨论决定（法定人数、表决）.
    case decision
    /// 任前公示.
    case publicity
    /// 档案材料真实完整，无涂改.
    case fileIntegrity = "file"
    /// 个人有关事项报告已核查.
    case personalMatters = "personal"

    public var rule: String {
        switch self {
        case .materials: "LED-1"
        case .threeAges: "REG-4"
        case .qualification: "ELG-2"
        case .procedure: "INS-1"
        case .decision: "DEC-1"
        case .publicity: "PUB-1"
        case .fileIntegrity: "REG-4"
        case .personalMatters: "REG-3"
        }
    }

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .materials: return zh ? "任免材料齐全（动议、推荐、考察、讨论决定、公示、任职文件）" : "Appointment materials complete (proposal, recommendation, inspection, decision, publicity, appointment)"
        case .threeAges: return zh ? "年龄、党龄、工龄和学历（三龄一历）认定准确" : "Age, party age, working age and education (三龄一历) correctly established"
        case .qualification: return zh ? "符合任职资格条件（任职年限、越级规则、考核等次）" : "Qualifications met (years in grade, cross-grade rules, assessments)"
        case .procedure: return zh ? "民主推荐、考察程序规范" : "Recommendation and inspection followed the procedure"
        case .decision: return zh ? "集体讨论决定（到会人数、表决）" : "Collective decision (quorum, vote)"
        case .publicity: return zh ? "按规定进行任前公示" : "Pre-appointment publicity as required"
        case .fileIntegrity: return zh ? "档案材料真实完整，无涂改" : "File materials genuine and complete, not altered"
        case .personalMatters: return zh ? "个人有关事项报告已核查" : "Personal-matters report checked"
        }
    }
}

/// CHK-2: the answer to one checklist item.
public enum ItemVerdict: String, Sendable, CaseIterable, Codable {
    case ok
    case problem
    case notApplicable = "na"

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.ok, .zhHans): "符合"
        case (.ok, .en): "in order"
        case (.problem, .zhHans): "有问题"
        case (.problem, .en): "problem"
        case (.notApplicable, .zhHans): "不适用"
        case (.notApplicable, .en): "not applicable"
        }
    }
}

/// CHK-2: the team's review of one file: every item answered, a problem always with what was found.
public struct FileReview: Sendable, Equatable, Codable {
    public struct Answer: Sendable, Equatable, Codable {
        public var item: FileCheckItem
        public var verdict: ItemVerdict
        public var note: String
        public init(_ item: FileCheckItem, _ verdict: ItemVerdict, note: String = "") { self.item = item; self.verdict = verdict; self.note = note }
    }
    public private(set) var answers: [Answer]
    public private(set) var by: String
    public private(set) var on: CivilDay

    /// Refuses an item left out or answered twice, and a problem without a note.
    public init(answers raw: [Answer], by: String, on: CivilDay) throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        var seen = Set<FileCheckItem>()
        var answers: [Answer] = []
        for a in raw {
            if !seen.insert(a.item).inserted { issues.append(.init(field: a.item.rawValue, problem: .duplicate(a.item.title(in: .zhHans)))); continue }
            let note = a.note.trimmingCharacters(in: .whitespacesAndNewlines)
            if note.count > 2000 { issues.append(.init(field: a.item.rawValue, problem: .tooLong(max: 2000))) }
            if a.verdict == .problem && note.isEmpty {
                issues.append(.init(field: a.item.rawValue, problem: .described(zh: "“\(a.item.title(in: .zhHans))”有问题，须写明发现的情况（CHK-2）",
                                                                             en: "“\(a.item.title(in: .en))” has a problem: say what was found (CHK-2)")))
            }
            answers.append(Answer(a.item, a.verdict, note: note))
        }
        for item in FileCheckItem.allCases where !seen.contains(item) {
            issues.append(.init(field: item.rawValue, problem: .described(zh: "“\(item.title(in: .zhHans))”尚未作答", en: "“\(item.title(in: .en))” is not answered")))
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        self.answers = FileCheckItem.allCases.compactMap { i in answers.first { $0.item == i } }
        self.by = by; self.on = on
    }

    public var problems: [Answer] { answers.filter { $0.verdict == .problem } }
    public func answer(_ item: FileCheckItem) -> Answer? { answers.first { $0.item == item } }
}

/// CHK-3: the questions on the main leaders (主要领导). Stored strings.
public enum LeaderQuestion: String, Sendable, CaseIterable, Codable {
    /// 个人指定考察对象.
    case designatedTargets = "designate"
    /// 授意推荐人选.
    case hintedRecommendation = "hint"
    /// 个人说了算，或抢先表态压制不同意见.
    case decidedAlone = "alone"
    /// 提拔配偶、子女及其他亲属.
    case promotedRelatives = "relatives"
    /// 提拔身边工作人员（秘书）.
    case promotedSecretaries = "secretaries"

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .designatedTargets: return zh ? "是否由个人指定考察对象" : "Did one person designate the inspection targets?"
        case .hintedRecommendation: return zh ? "是否授意、暗示推荐人选" : "Did one person hint whom to recommend?"
        case .decidedAlone: return zh ? "是否个人说了算，或抢先表态压制不同意见" : "Did one person decide alone, or speak first to block other views?"
        case .promotedRelatives: return zh ? "是否提拔配偶、子女及其他亲属" : "Were a spouse, children or other relatives promoted?"
        case .promotedSecretaries: return zh ? "是否提拔秘书等身边工作人员" : "Were secretaries or other personal staff promoted?"
        }
    }
}

/// CHK-3: the team's answer to a question on the main leaders.
public struct LeaderAnswer: Sendable, Equatable, Codable {
    public var question: LeaderQuestion
    /// A problem was found (the answer to the question is yes).
    public var found: Bool
    public var note: String
    public var by: String
    public var on: CivilDay
    public init(question: LeaderQuestion, found: Bool, note: String, by: String, on: CivilDay) {
        self.question = question; self.found = found; self.note = note; self.by = by; self.on = on
    }
}

/// CHK-3: a hint from the record that the team should look at for a question — never an answer.
public struct LeaderHint: Sendable, Equatable, Codable {
    public var question: LeaderQuestion
    /// The check file it concerns.
    public var file: String?
    public var zh: String
    public var en: String
    public init(question: LeaderQuestion, file: String?, zh: String, en: String) { self.question = question; self.file = file; self.zh = zh; self.en = en }
    public func text(in l: Language) -> String { l == .zhHans ? zh : en }
}

/// CHK-3: hints from the registry and the matters: relatives by name in either file's 家庭成员及重要社会关系, former posts
/// that name a secretary, nominations outside the channels (NOM-3). Same names are not the same people: each hint asks
/// the team to verify.
public enum LeaderRelations {
    public struct Leader: Sendable, Equatable {
        public var name: String
        /// 职务 (e.g. 县委书记).
        public var title: String
        /// The leader's own file's relatives, when the leader has a file in the registry.
        public var family: [CadreFile.Relative]
        public init(name: String, title: String, family: [CadreFile.Relative] = []) { self.name = name; self.title = title; self.family = family }
    }

    public struct Promoted: Sendable, Equatable {
        public var file: String
        public var name: String
        public var family: [CadreFile.Relative]
        /// The post held before the promotion.
        public var formerPost: String
        /// NOM-3: nominated on one leader's word outside the channels.
        public var nominatedOutsideChannels: Bool
        public init(file: String, name: String, family: [CadreFile.Relative] = [], formerPost: String = "", nominatedOutsideChannels: Bool = false) {
            self.file = file; self.name = name; self.family = family; self.formerPost = formerPost; self.nominatedOutsideChannels = nominatedOutsideChannels
        }
    }

    /// Relations that name a spouse (配偶) or a child; anything else is another relative or social relation.
    static func kind(_ relation: String) -> (zh: String, en: String) {
        if ["妻", "夫", "配偶", "爱人"].contains(where: relation.contains) { return ("配偶", "spouse") }
        if ["子", "女"].contains(where: relation.contains) { return ("子女", "child") }
        return ("亲属或社会关系", "relative or social relation")
    }

    static func same(_ a: String, _ b: String) -> Bool {
        let x = a.filter { !$0.isWhitespace }, y = b.filter { !$0.isWhitespace }
        return x.count >= 2 && x == y
    }

    /// Every hint, in the order: promoted cadres as given; for each, relatives, then secretaries, then nominations.
    public static func hints(leaders: [Leader], promoted: [Promoted]) -> [LeaderHint] {
        var out: [LeaderHint] = []
        for p in promoted {
            for l in leaders {
                for r in p.family where same(r.name, l.name) {
                    let k = kind(r.relation)
                    out.append(LeaderHint(question: .promotedRelatives, file: p.file,
                                          zh: "\(p.name)的档案家庭成员中有“\(r.relation) \(r.name)”（\(k.zh)），与主要领导\(l.title)\(l.name)同名，须核实",
                                          en: "\(p.name)'s file lists “\(r.relation) \(r.name)” (\(k.en)), the same name as the main leader \(l.name) (\(l.title)): verify"))
                }
                for r in l.family where same(r.name, p.name) {
                    let k = kind(r.relation)
                    out.append(LeaderHint(question: .promotedRelatives, file: p.file,
                                          zh: "主要领导\(l.title)\(l.name)的档案家庭成员中有“\(r.relation) \(r.name)”（\(k.zh)），与新提拔的\(p.name)同名，须核实",
                                          en: "the main leader \(l.name)'s (\(l.title)) file lists “\(r.relation) \(r.name)” (\(k.en)), the same name as the newly promoted \(p.name): verify"))
                }
            }
            if p.formerPost.contains("秘书") {
                out.append(LeaderHint(question: .promotedSecretaries, file: p.file,
                                      zh: "\(p.name)提拔前任“\(p.formerPost)”，须核实是否为主要领导的秘书或身边工作人员",
                                      en: "\(p.name) was “\(p.formerPost)” before the promotion: verify whether a secretary or personal staff of a main leader"))
            }
            if p.nominatedOutsideChannels {
                out.append(LeaderHint(question: .designatedTargets, file: p.file,
                                      zh: "\(p.name)由个人在规定渠道外提名（NOM-3），须核实是否为个人指定",
                                      en: "\(p.name) was nominated by one person outside the channels (NOM-3): verify whether designated by one person"))
            }
        }
        return out
    }

    /// A committee member's title that names a main leader (主要领导): one of its parts (split at 、，,;；) is a party
    /// secretary (…书记, not 副书记 nor the discipline commission's) or the head of a government, town, bureau or office
    /// (…县长 市长 区长 镇长 乡长 局长 主任, not a deputy). 常委、委员、部长 and deputies are not.
    public static func isMainLeader(title: String) -> Bool {
        let parts = title.filter { !$0.isWhitespace }.split(whereSeparator: { "、，,;；/".contains($0) })
        return parts.contains { p in
            if p.contains("副") { return false }
            if p.hasSuffix("书记") { return !p.contains("纪委") && !p.contains("纪检") }
            return ["县长", "市长", "区长", "州长", "镇长", "乡长", "局长", "主任"].contains { p.hasSuffix($0) }
        }
    }
}
