import Foundation

/// The competitive stages of a matter (公开选拔, 竞争上岗 …, SEL-1, SEL-2): registration (ELG-8, ELG-9), the
/// qualification review with the opening ratio (ELG-6, ELG-7) and the sealed written exam (EXM-1, EXM-2). One value
/// per matter; the store loads it, applies one transition and saves it with its ledger entry.
public struct Competition: Sendable, Equatable, Codable {
    /// ELG-8: when registration opens and closes, Unix seconds (a closing time given in Asia/Shanghai).
    public var opens: Int64?
    public var closes: Int64?
    /// ELG-7: what became of positions below the opening ratio, by position id.
    public var fates: [String: PositionFate] = [:]
    /// EXM-1: the grading rules, fixed when the papers are sealed.
    public var exam: ExamRules?
    /// When the papers were sealed (codes drawn), and when the code key was opened, by whom.
    public var sealedAt: Int64?
    public var keyOpened: KeyOpening?
    /// EXM-2, EXM-9: the written exam's progression, published per position.
    public var progression: [String: Progression] = [:]
    /// SCR-1…3, EXM-2, EXM-5: how scores combine, fixed once the papers are sealed (nil: the defaults).
    public var scoring: ScoringRules?
    /// EXM-4: each position's interview panel, drawn by lot.
    public var panels: [String: DrawnPanel] = [:]
    /// Interview absences (缺考), by applicant id.
    public var interviewAbsent: [String] = []
    /// EXM-7: each position's question set and times (nil: none recorded yet).
    public var questionSets: [String: QuestionSet]?
    /// EXM-4: judges who declared a conflict, by position (kept out of any later draw for it).
    public var declared: [String: [String]]?
    /// SCR-3: candidates drawn from the scores into the matter, by stage and position (`drawKey`), with when: at the
    /// interview for a recommendation that follows it, at the composite for the inspection.
    public var drawn: [String: Int64] = [:]

    public static func drawKey(_ stage: StageKind, _ position: String) -> String { stage.rawValue + ":" + position }
    public func isDrawn(_ position: String, at stage: StageKind) -> Bool { drawn[Self.drawKey(stage, position)] != nil }
    /// Whether any stage drew this position's candidates (its scores are then published).
    public func anyDrawn(_ position: String) -> Bool { drawn.keys.contains { $0.hasSuffix(":" + position) } }

    public init() {}

    /// The rules in force: the organizer's, or the defaults.
    public var rules: ScoringRules { scoring ?? ScoringRules() }

    /// SCR-1…3: the organizer sets how scores combine, before the papers are sealed (SEL-9: not during the exam).
    public mutating func setScoring(_ r: ScoringRules) throws(InvalidInput) {
        if sealedAt != nil { throw InvalidInput(field: "scoring", .described(zh: "试卷已密封，计分规则不能再改", en: "the papers are sealed; the scoring rules no longer change")) }
        try r.check()
        scoring = r
    }

    /// EXM-4: a panel drawn for a position; refused once any interview score exists (the same panel scores everyone).
    public mutating func setPanel(_ position: String, _ panel: DrawnPanel, scored: Bool) throws(InvalidInput) {
        if scored { throw InvalidInput(field: "panel", .described(zh: "面试已开始评分，考官组不能再变", en: "scoring has begun; the panel no longer changes")) }
        panels[position] = panel
    }

    /// EXM-7: the position's question set and times; refused once the position's first score is entered (locked).
    public mutating func setQuestionSet(_ position: String, _ set: QuestionSet, scored: Bool) throws(InvalidInput) {
        if scored {
            throw InvalidInput(field: "questions", .described(zh: "本职位已开始面试评分，题本和时间已锁定，不能修改（EXM-7）",
                                                             en: "scoring has begun for this position: its questions and times are locked (EXM-7)"))
        }
        let p = set.problems()
        if !p.isEmpty { throw InvalidInput(p) }
        var all = questionSets ?? [:]
        all[position] = set
        questionSets = all
    }

    /// EXM-4: a judge of the position's panel declares a conflict before the position's scoring begins; the caller
    /// then draws the replacement (`JudgeDraw.replace`) and records it with `replaced`.
    public mutating func declareConflict(_ position: String, judge: String, scored: Bool) throws(InvalidInput) {
        guard let panel = panels[position], panel.judges.contains(where: { $0.id == judge }) else {
            throw InvalidInput(field: "position", .notFound(position))
        }
        if scored {
            throw InvalidInput(field: "position", .described(zh: "本职位已开始评分，不能再申报回避更换考官，请当即告知组织人员和监督人员",
                                                            en: "scoring has begun for this position: a judge can no longer be replaced; tell the organizers and supervisors at once"))
        }
        var d = declared ?? [:]
        if !(d[position] ?? []).contains(judge) { d[position, default: []].append(judge) }
        declared = d
    }

    /// The judges who declared a conflict for `position`.
    public func declaredJudges(_ position: String) -> [String] { declared?[position] ?? [] }

    public struct KeyOpening: Sendable, Equatable, Codable {
        public var by: String
        public var at: Int64
    }

    /// ELG-8: opens registration until `closes` (to the second). Refused once a registration window was set and has
    /// closed (a closed registration does not reopen: SEL-9), or for a closing time not after now.
    public mutating func openRegistration(opens: Int64, closes: Int64, now: Int64) throws(InvalidInput) {
        if let c = self.closes, c <= now {
            throw InvalidInput(field: "closes", .described(zh: "报名已于截止时间结束，不能重新开放", en: "registration has closed and cannot reopen"))
        }
        if closes <= now { throw InvalidInput(field: "closes", .described(zh: "截止时间应晚于现在", en: "the closing time must be after now")) }
        if closes <= opens { throw InvalidInput(field: "closes", .described(zh: "截止时间应晚于开始时间", en: "the closing time must be after the opening time")) }
        self.opens = opens
        self.closes = closes
    }

    /// ELG-8: whether a registration (or a switch of position) at `now` is in time. Closing is enforced to the second:
    /// at the closing second itself it is refused.
    public func acceptsRegistration(at now: Int64) throws(RegistrationClosed) {
        guard let opens, let closes else { throw RegistrationClosed(reason: .notOpen, closes: nil) }
        if now < opens { throw RegistrationClosed(reason: .notYet, closes: closes) }
        if now >= closes { throw RegistrationClosed(reason: .closed, closes: closes) }
    }

    public func registrationOpen(at now: Int64) -> Bool { (try? acceptsRegistration(at: now)) != nil }

    /// ELG-7: a position below the opening ratio is dropped or moved to another method with a recorded approval.
    public mutating func decide(position: String, _ fate: PositionFate) throws(InvalidInput) {
        if fate.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw InvalidInput(field: "reason", .required) }
        if fate.reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        if case .moved = fate.kind, fate.approval.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw InvalidInput(field: "approval", .described(zh: "改用其他方式须写明批准文件", en: "moving to another method needs the approval's reference"))
        }
        if fates[position] != nil { throw InvalidInput(field: "position", .duplicate(position)) }
        fates[position] = fate
    }

    /// EXM-1: seals the papers (their codes are drawn by the store) under these grading rules.
    public mutating func seal(_ rules: ExamRules, at now: Int64) throws(InvalidInput) {
        if sealedAt != nil { throw InvalidInput(field: "exam", .duplicate("密封")) }
        try rules.check()
        exam = rules
        sealedAt = now
    }

    /// EXM-1: the code key opens only once every paper's score is locked, on a supervisor's confirmation.
    public mutating func openKey(grading: [PaperGrading], by: String, at now: Int64) throws(ExamRefusal) {
        guard let rules = exam, sealedAt != nil else { throw ExamRefusal(Refusal("EXM-1", zh: "试卷尚未密封编号", en: "the papers have not been sealed")) }
        if keyOpened != nil { throw ExamRefusal(Refusal("EXM-1", zh: "密号已拆封", en: "the key is already open")) }
        let open = grading.filter { $0.final(rules) == nil && !$0.absent }
        if !open.isEmpty {
            throw ExamRefusal(Refusal("EXM-1", zh: "还有\(open.count)份试卷的分数未锁定，不能拆封", en: "\(open.count) papers have no locked final score; the key stays sealed"))
        }
        keyOpened = KeyOpening(by: by, at: now)
    }
}

/// ELG-8: why a registration is refused for its time.
public struct RegistrationClosed: Error, Sendable, Equatable, UserFacingError {
    public enum Reason: Sendable { case notOpen, notYet, closed }
    public var reason: Reason
    public var closes: Int64?
    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        switch reason {
        case .notOpen: return zh ? "本事项尚未开放报名" : "registration for this matter is not open"
        case .notYet: return zh ? "报名尚未开始" : "registration has not started yet"
        case .closed:
            let when = closes.map { CivilTime.shanghai($0) } ?? ""
            return zh ? "报名已于\(when)截止，不再接受报名或改报" : "registration closed at \(when) (Beijing time); no registration or switch is accepted"
        }
    }
    public var kind: ErrorKind { .conflict }
}

/// A refusal of the exam's rules, in words.
public struct ExamRefusal: Error, Sendable, Equatable, UserFacingError {
    public var refusal: Refusal
    public init(_ r: Refusal) { refusal = r }
    public func message(in l: Language) -> String { refusal.text(in: l) + "（\(refusal.rule)）" }
    public var kind: ErrorKind { .conflict }
}

/// Seconds as Beijing wall time, for messages ("2026-03-01 17:00:00").
public enum CivilTime {
    public static func shanghai(_ seconds: Int64) -> String {
        let local = seconds + 8 * 3600
        let day = CivilDay(epochSeconds: seconds)
        let s = ((local % 86400) + 86400) % 86400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    /// Parses "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM" as Beijing time; nil when malformed.
    public static func parseShanghai(_ raw: String) -> Int64? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = CivilDay(String(parts[0])) else { return nil }
        let hms = parts[1].split(separator: ":").map { Int($0) }
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ $0 != nil }) else { return nil }
        let h = hms[0]!, m = hms[1]!, s = hms.count == 3 ? hms[2]! : 0
        guard (0 ..< 24).contains(h), (0 ..< 60).contains(m), (0 ..< 60).contains(s) else { return nil }
        return Int64(day.daysSinceEpoch) * 86_400 - 8 * 3600 + Int64(h * 3600 + m * 60 + s)
    }
}

/// ELG-9: how an applicant came to register.
public enum ApplicantChannel: String, Sendable, Codable, CaseIterable {
    case selfNominated = "self"
    case organizational = "org"
    public func title(in l: Language) -> String {
        switch self {
        case .selfNominated: l == .zhHans ? "个人自荐" : "Self-nomination"
        case .organizational: l == .zhHans ? "组织推荐" : "Organizational recommendation"
        }
    }
}

/// ELG-7: a position below the opening ratio.
public struct PositionFate: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case dropped, moved }
    public var kind: Kind
    public var reason: String
    /// For `moved`: the approval's reference (批准文件).
    public var approval: String
    public var by: String
    public var at: Int64
    public init(kind: Kind, reason: String, approval: String = "", by: String, at: Int64) {
        self.kind = kind; self.reason = reason; self.approval = approval; self.by = by; self.at = at
    }
    public func title(in l: Language) -> String {
        switch kind {
        case .dropped: l == .zhHans ? "取消该职位" : "position dropped"
        case .moved: l == .zhHans ? "改用其他方式选拔" : "moved to another method"
        }
    }
}

/// ELG-7: the opening ratio of one position.
public enum OpeningRatio {
    /// Qualified applicants needed for `posts` posts at `ratio` applicants per post.
    public static func needed(posts: Int, ratio: Int) -> Int { posts * ratio }

    /// The refusal when `qualified` is below the ratio, nil when the position may open.
    public static func check(position: String, qualified: Int, posts: Int, ratio: Int) -> Refusal? {
        let need = needed(posts: posts, ratio: ratio)
        if qualified >= need { return nil }
        return Refusal("ELG-7", zh: "“\(position)”资格审查合格\(qualified)人，未达到开考比例\(ratio):1（需\(need)人）；应取消职位、经批准改用其他方式，或请报名人改报",
                       en: "“\(position)”: \(qualified) qualified, below the opening ratio \(ratio):1 (\(need) needed); drop it, move it to another method with approval, or invite its applicants to switch")
    }
}

/// EXM-1: how the written papers are graded.
public struct ExamRules: Sendable, Equatable, Codable {
    /// Full marks (100 by default), in ten-thousandths like every score.
    public var maxScore: Int64 = 100_0000
    /// Two graders per paper; a difference above `margin` goes to arbitration (third grader), whose score stands.
    public var doubleGrading = false
    public var margin: Int64 = 5_0000

    public init(maxScore: Int64 = 100_0000, doubleGrading: Bool = false, margin: Int64 = 5_0000) {
        self.maxScore = maxScore; self.doubleGrading = doubleGrading; self.margin = margin
    }

    func check() throws(InvalidInput) {
        if maxScore <= 0 || maxScore > 1000_0000 { throw InvalidInput(field: "maxScore", .described(zh: "满分应在1至1000之间", en: "full marks between 1 and 1000")) }
        if margin < 0 || margin > maxScore { throw InvalidInput(field: "margin", .described(zh: "双评分差应在0至满分之间", en: "the double-grading margin must be between 0 and full marks")) }
    }
}

/// EXM-1: one paper's locked grades: first and second grader, arbitration.
public struct PaperGrading: Sendable, Equatable {
    public var first: Int64?
    public var second: Int64?
    public var arbitration: Int64?
    /// Absent from the exam (缺考): no score, never advances.
    public var absent: Bool

    public init(first: Int64? = nil, second: Int64? = nil, arbitration: Int64? = nil, absent: Bool = false) {
        self.first = first; self.second = second; self.arbitration = arbitration; self.absent = absent
    }

    /// The grading round the next grader of this paper does (1, 2 or 3 = arbitration), nil when it is finished.
    public func nextRound(_ rules: ExamRules) -> Int? {
        if absent { return nil }
        guard let a = first else { return 1 }
        guard rules.doubleGrading else { return nil }
        guard let b = second else { return 2 }
        if abs(a - b) > rules.margin, arbitration == nil { return 3 }
        return nil
    }

    /// The paper's final score (ten-thousandths): single grading → the grade; double → the mean of the two when they
    /// differ by at most the margin (rounded half up to the ten-thousandth), else the arbitration's score.
    public func final(_ rules: ExamRules) -> Int64? {
        if absent { return nil }
        guard let a = first else { return nil }
        guard rules.doubleGrading else { return a }
        guard let b = second else { return nil }
        if abs(a - b) <= rules.margin { return (a + b + 1) / 2 }
        return arbitration
    }
}

/// EXM-2, EXM-9: a position's written-exam progression as published: who went on and the lowest score that did.
public struct Progression: Sendable, Equatable, Codable {
    public var advanced: [String]
    /// The lowest normalized score that went on ("71.50"), nil when nobody did.
    public var cutScore: String?
    public var publishedAt: Int64
    public init(advanced: [String], cutScore: String?, publishedAt: Int64) { self.advanced = advanced; self.cutScore = cutScore; self.publishedAt = publishedAt }
}

/// SCR-1…3, EXM-2, EXM-5: how a competitive matter's scores combine. Weights are whole numbers (the composite divides
/// by their sum); ratios in tenths (1.2:1 → 12).
public struct ScoringRules: Sendable, Equatable, Codable {
    public var writtenWeight = 40
    public var interviewWeight = 60
    /// EXM-2: after the written exam, keep ratio × posts (tenths), or the top N when `progressionTop` is set.
    public var progressionRatioTenths = 50
    public var progressionTop: Int? = nil
    /// EXM-2: the pass mark on the 100-point scale (合格线).
    public var passMark = 60
    /// EXM-5: highest and lowest dropped (one each by default).
    public var trim = 1
    /// EXM-6: score the eight elements (140 points) instead of one mark out of 100.
    public var elements = false
    /// SCR-3: candidates for inspection per post, in tenths (3:1 → 30).
    public var shortlistRatioTenths = 30
    /// SCR-2: stages compared, in order, when composites are equal.
    public var tieBreak: [String] = ["interview", "written"]
    /// SCR-1: the democratic recommendation's weight when its score enters the composite (竞争上岗 with a
    /// recommendation before the composite); nil: 20.
    public var recommendationWeightSetting: Int? = nil
    public var recommendationWeight: Int {
        get { recommendationWeightSetting ?? 20 }
        set { recommendationWeightSetting = newValue }
    }

    /// EXM-3: the interview forms with their weights (nil or one form: the interview scored as one).
    public var interviewForms: [InterviewFormWeight]? = nil
    /// EXM-4: whether a judge from a candidate's own unit is recused before the panel is drawn; nil: the procedure's
    /// default (on for 竞争上岗, off otherwise).
    public var ownUnitRecusesSetting: Bool? = nil

    /// EXM-4: the recusal of a candidate's own unit in force for `procedure`.
    public func ownUnitRecuses(_ procedure: ProcedureKind) -> Bool { ownUnitRecusesSetting ?? (procedure == .internalCompetition) }

    public init() {}

    public var interviewMax: Int { elements ? 140 : 100 }

    /// EXM-3: the forms scored separately, or empty when the interview is scored as one.
    public var separateForms: [InterviewFormWeight] { (interviewForms?.count ?? 0) > 1 ? interviewForms! : [] }

    func check() throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        func add(_ f: String, _ zh: String, _ en: String) { issues.append(.init(field: f, problem: .described(zh: zh, en: en))) }
        if writtenWeight < 0 || interviewWeight < 0 || writtenWeight + interviewWeight == 0 || writtenWeight > 100 || interviewWeight > 100 {
            add("writtenWeight", "权重应在0至100之间，且不全为0", "weights between 0 and 100, not both 0")
        }
        if progressionRatioTenths < 10 || progressionRatioTenths > 500 { add("progressionRatio", "入围比例应在1至50之间", "the progression ratio must be between 1 and 50") }
        if let t = progressionTop, t < 1 || t > 100 { add("progressionTop", "入围人数应在1至100之间", "between 1 and 100") }
        if passMark < 0 || passMark > 100 { add("passMark", "合格线应在0至100之间", "the pass mark must be between 0 and 100") }
        if trim < 0 || trim > 3 { add("trim", "去掉最高最低分的个数应在0至3之间", "trim between 0 and 3") }
        if recommendationWeight < 0 || recommendationWeight > 100 { add("recommendationWeight", "民主推荐权重应在0至100之间", "the recommendation weight must be between 0 and 100") }
        if shortlistRatioTenths < 10 || shortlistRatioTenths > 100 { add("shortlistRatio", "考察比例应在1至10之间", "the shortlist ratio must be between 1 and 10") }
        for t in tieBreak where !["interview", "written"].contains(t) { add("tieBreak", "同分比较的环节只能是面试或笔试", "ties are broken by the interview or the written exam") }
        if let f = interviewForms {
            issues += InterviewForms.problems(f)
            if f.count > 1 && elements { add("forms", "多种面试形式时每种形式按百分制评分，不按八个要素", "with several forms each is scored out of 100, not by the eight elements") }
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
    }

    /// The rules in words, for the public page (DIS-1).
    public func describe(in l: Language, recommendation: Bool = false) -> [String] {
        let zh = l == .zhHans
        func ratio(_ t: Int) -> String { t % 10 == 0 ? "\(t / 10)" : "\(t / 10).\(t % 10)" }
        let rec = recommendation ? (zh ? " + 民主推荐得分×\(recommendationWeight)" : " + recommendation × \(recommendationWeight)") : ""
        return [
            zh ? "综合成绩 = 笔试×\(writtenWeight) + 面试×\(interviewWeight)\(rec)，除以权重之和，均折合为百分制（SCR-1）" : "Composite = written × \(writtenWeight) + interview × \(interviewWeight)\(rec), divided by the weights' sum, all on a 100-point scale (SCR-1)",
            progressionTop.map { zh ? "笔试合格线\(passMark)分，每个职位按笔试成绩前\($0)名进入面试，与末位同分者一并进入（EXM-2）" : "Written pass mark \(passMark); the top \($0) per position go on to the interview, with everyone equal to the last (EXM-2)" }
                ?? (zh ? "笔试合格线\(passMark)分，按职数\(ratio(progressionRatioTenths)):1的比例进入面试，与末位同分者一并进入（EXM-2）" : "Written pass mark \(passMark); \(ratio(progressionRatioTenths)):1 per post go on to the interview, with everyone equal to the last (EXM-2)"),
            zh ? "面试\(elements ? "按八个要素评分（满分140分）" : "满分100分")，去掉\(trim)个最高分和\(trim)个最低分后取平均（EXM-5）" : "Interview \(elements ? "scored on eight elements (140 points)" : "out of 100"), \(trim) highest and \(trim) lowest dropped, the rest averaged (EXM-5)",
        ] + (separateForms.isEmpty ? (interviewForms?.first.map { [zh ? "面试形式：\($0.form.title(in: .zhHans))（EXM-3）" : "Interview form: \($0.form.title(in: .en)) (EXM-3)"] } ?? []) : [
            zh ? "面试形式及权重：" + separateForms.map { "\($0.form.title(in: .zhHans))\($0.weight)%" }.joined(separator: "、") + "；每种形式分别去掉最高分和最低分取平均，面试成绩为各形式成绩的加权和，四舍五入保留两位小数（EXM-3）"
               : "Interview forms and weights: " + separateForms.map { "\($0.form.title(in: .en)) \($0.weight)%" }.joined(separator: ", ") + "; each form trimmed and averaged on its own, the interview score their weighted sum rounded half up to two places (EXM-3)",
        ]) + [
            zh ? "按综合成绩从高到低，以职数\(ratio(shortlistRatioTenths)):1的比例确定考察人选；同分依次比较\(tieBreak.map { $0 == "interview" ? "面试" : "笔试" }.joined(separator: "、"))成绩（SCR-2、SCR-3）" : "Inspection shortlist \(ratio(shortlistRatioTenths)):1 per post by composite; ties compared by \(tieBreak.joined(separator: ", ")) (SCR-2, SCR-3)",
        ]
    }
}

/// EXM-4: a position's interview panel as drawn: the judges (ids are their accounts), the seed and the pool's size;
/// since recusal before the draw, also the judges kept out with the reasons, the replacements of judges who declared
/// a conflict later, and the `xuanren.judge-pool/1` file that `xuanren draw --panel` re-runs to the same panel.
public struct DrawnPanel: Sendable, Equatable, Codable {
    public var judges: [Judge]
    public var seed: UInt64
    public var poolSize: Int
    public var by: String
    public var at: Int64
    public var excluded: [JudgeRecusal.Exclusion]?
    public var replacements: [PanelReplacement]?
    /// A declared judge could not be replaced: the panel must be drawn again before scoring.
    public var short: Bool?
    /// The pool file as drawn (JSON text), with the replacements so far.
    public var poolFile: String?

    /// What a short panel lacks against the rules it was drawn under, in words (from its pool file).
    public func missing(in language: Language) -> String? {
        guard let text = poolFile, let file = try? JudgePoolFile.parse(Data(text.utf8)), let d = try? file.draw(seed: seed) else { return nil }
        return JudgeDraw.missing(judges, rules: file.rules, size: d.drawn.size, language: language)
    }

    public struct PanelReplacement: Sendable, Equatable, Codable {
        public var left: String
        /// Nil when nobody in the pool could take the seat.
        public var joined: String?
        public var seed: UInt64?
        public var at: Int64
        public init(left: String, joined: String?, seed: UInt64?, at: Int64) { self.left = left; self.joined = joined; self.seed = seed; self.at = at }
    }
    public init(judges: [Judge], seed: UInt64, poolSize: Int, by: String, at: Int64) {
        self.judges = judges; self.seed = seed; self.poolSize = poolSize; self.by = by; self.at = at
    }
}

/// Paper codes and admission numbers.
public enum ExamCodes {
    /// Unambiguous characters for paper codes (no 0/O, 1/I/L).
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// A random paper code of 8 characters (≈ 40 bits) from `next` (injected randomness).
    public static func paperCode(_ next: () -> UInt64) -> String {
        var v = next()
        var out = ""
        for _ in 0 ..< 8 { out.append(alphabet[Int(v % UInt64(alphabet.count))]); v /= UInt64(alphabet.count) }
        return out
    }

    /// Admission number: the matter's short number, the position's index and the seat's serial ("2026" + "03" + "0012").
    public static func admission(prefix: String, position: Int, serial: Int) -> String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return prefix + pad(position, 2) + pad(serial, 4)
    }
}

/// What the guards of the competitive stages look at, read by the store inside the advancing transaction.
public struct CompetitionFacts: Sendable, Equatable {
    public var now: Int64 = 0
    public var closes: Int64?
    public var applicants = 0
    public var unreviewed = 0
    /// ELG-9: internal applicants whose form the unit has not yet confirmed.
    public var unconfirmed = 0
    /// ELG-7: positions below the ratio with no recorded fate.
    public var belowRatio: [Refusal] = []
    public var sealed = false
    public var ungraded = 0
    public var keyOpened = false
    /// Positions (open, with qualified applicants) whose progression is not published yet.
    public var unpublished: [String] = []
    /// EXM-4: positions with interview candidates and no panel drawn.
    public var panelsMissing: [String] = []
    /// EXM-5: candidates (by position and number) some judge has not scored.
    public var interviewOpen: [String] = []
    /// SCR-3: whether this stage draws the candidates, and the positions not yet drawn.
    public var drawsHere = false
    public var undrawn: [String] = []
    public init() {}

    static func exit(_ stage: StageKind, _ c: CompetitionFacts?) -> [Refusal] {
        guard let c else { return [Refusal("LED-1", zh: "尚未读取本环节的记录", en: "the stage's records have not been read")] }
        var out: [Refusal] = []
        switch stage {
        case .registration:
            if let closes = c.closes {
                if c.now < closes { out.append(Refusal("ELG-8", zh: "报名至\(CivilTime.shanghai(closes))截止", en: "registration runs until \(CivilTime.shanghai(closes)) (Beijing time)")) }
            } else {
                out.append(Refusal("ELG-8", zh: "尚未开放报名", en: "registration has not been opened"))
            }
            if c.applicants == 0, c.closes != nil { out.append(Refusal("ELG-8", zh: "没有人报名", en: "nobody registered")) }
        case .qualificationReview:
            if c.unreviewed > 0 { out.append(Refusal("ELG-6", zh: "还有\(c.unreviewed)名报名人未审查", en: "\(c.unreviewed) applicants not yet reviewed")) }
            if c.unconfirmed > 0 { out.append(Refusal("ELG-9", zh: "还有\(c.unconfirmed)份报名表未经所在单位确认", en: "\(c.unconfirmed) forms not yet confirmed by the applicant's unit")) }
            out += c.belowRatio
        case .writtenExam:
            if !c.sealed { out.append(Refusal("EXM-1", zh: "试卷尚未密封编号", en: "the papers have not been sealed")) }
            if c.ungraded > 0 { out.append(Refusal("EXM-1", zh: "还有\(c.ungraded)份试卷未评定分数", en: "\(c.ungraded) papers have no final score")) }
            if c.sealed, !c.keyOpened { out.append(Refusal("EXM-1", zh: "密号尚未经监督人员确认拆封", en: "the code key has not been opened by a supervisor")) }
            for p in c.unpublished { out.append(Refusal("EXM-9", zh: "“\(p)”的入围面试名单和最低分尚未公布", en: "“\(p)”: those going on and the lowest score have not been published")) }
        case .interview:
            for p in c.panelsMissing { out.append(Refusal("EXM-4", zh: "“\(p)”尚未抽取面试考官", en: "“\(p)”: no interview panel drawn")) }
            for n in c.interviewOpen { out.append(Refusal("EXM-5", zh: "\(n)：尚有考官未评分锁定", en: "\(n): some judges have not locked a score")) }
        default: break
        }
        if c.drawsHere {
            for p in c.undrawn { out.append(Refusal("SCR-3", zh: "“\(p)”尚未按综合成绩确定人选", en: "“\(p)”: the candidates have not been drawn from the composite")) }
        }
        return out
    }
}
