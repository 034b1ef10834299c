/// REG-4 / ELG-10: the audit of 三龄一历 (age, party age, working age, education history). Every
/// discrepancy comes with its evidence; a "blocking" one, until resolved, stops an appointment.
public struct Discrepancy: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case identityInvalid, birthMismatch, birthMissing, workStartMissing, workTooYoung, workAfterFirstJob,
             partyTooYoung, partyBeforeBirth, endBeforeStart, futureDate, overlap, gap, unparsedLine, studyLength,
             assessmentMissing, noCurrentPost
    }
    public enum Severity: String, Sendable { case blocking, warning }
    public var kind: Kind
    public var severity: Severity
    public var zh: String
    public var en: String
    /// What shows it (line numbers, the two dates): also what makes the key stable.
    public var evidence: String
    /// Identifies the discrepancy for its resolution: the same finding keeps the same key.
    public var key: String { kind.rawValue + ":" + evidence }
    public func text(in language: Language) -> String { language == .en ? en : zh }
}

public struct AuditSettings: Sendable, Equatable, Codable {
    /// A gap between résumé lines longer than this many months is reported.
    public var maxGapMonths = 6
    /// Overlaps up to this many months (a handover month) are tolerated.
    public var toleratedOverlapMonths = 1
    public var minWorkAge = 16
    public var minPartyAge = 18
    /// Annual assessments are expected for this many past years (only years after work start).
    public var assessmentYears = 5
    public init() {}
}

public enum FileAudit {
    public static func audit(_ file: CadreFile, today: YearMonth, settings s: AuditSettings = .init()) -> [Discrepancy] {
        var out: [Discrepancy] = []
        func add(_ k: Discrepancy.Kind, _ sev: Discrepancy.Severity, _ zh: String, _ en: String, _ ev: String) {
            out.append(Discrepancy(kind: k, severity: sev, zh: zh, en: en, evidence: ev))
        }
        let birth = file.birthMonth
        if birth == nil { add(.birthMissing, .blocking, "出生年月缺失或无法识别（“\(file.birth)”）", "birth month missing or unreadable (“\(file.birth)”)", file.birth) }
        if !file.residentID.isEmpty {
            do {
                let id = try ResidentID(file.residentID)
                if let birth, id.birthMonth != birth {
                    add(.birthMismatch, .blocking, "身份证出生年月（\(id.birthMonth.dotted)）与档案出生年月（\(birth.dotted)）不一致",
                        "birth month in the identity number (\(id.birthMonth.dotted)) differs from the file (\(birth.dotted))", "\(id.birthMonth)|\(birth)")
                }
            } catch {
                add(.identityInvalid, .blocking, "身份证号码无效：\(error.message(in: .zhHans))", "identity number invalid: \(error.message(in: .en))", ResidentID.maskedText(file.residentID))
            }
        }
        let work = file.workStartMonth
        if work == nil { add(.workStartMissing, .warning, "参加工作时间缺失或无法识别", "work start missing or unreadable", file.workStart) }
        if let birth, let work, birth.wholeYears(until: work) < s.minWorkAge {
            add(.workTooYoung, .blocking, "参加工作时间（\(work.dotted)）早于\(s.minWorkAge)周岁", "work start (\(work.dotted)) before age \(s.minWorkAge)", "\(work)")
        }
        if let party = file.partyMonth {
            if let birth, party < birth {
                add(.partyBeforeBirth, .blocking, "入党时间（\(party.dotted)）早于出生", "party membership (\(party.dotted)) before birth", "\(party)")
            } else if let birth, birth.wholeYears(until: party) < s.minPartyAge {
                add(.partyTooYoung, .blocking, "入党时间（\(party.dotted)）时未满\(s.minPartyAge)周岁", "joined the party (\(party.dotted)) before age \(s.minPartyAge)", "\(party)")
            }
            if party > today { add(.futureDate, .blocking, "入党时间（\(party.dotted)）晚于今天", "party membership date (\(party.dotted)) is in the future", "party:\(party)") }
        }
        if let work, work > today { add(.futureDate, .blocking, "参加工作时间（\(work.dotted)）晚于今天", "work start (\(work.dotted)) is in the future", "work:\(work)") }

        let resume = file.parsedResume
        for u in resume.unparsed {
            add(.unparsedLine, .warning, "简历第\(u.line)行无法识别：“\(u.text)”", "résumé line \(u.line) could not be read: “\(u.text)”", "\(u.line)")
        }
        let entries = resume.entries
        for e in entries {
            if let end = e.end, end < e.start {
                add(.endBeforeStart, .blocking, "简历第\(e.line)行结束时间早于开始时间（\(e.start.dotted)—\(end.dotted)）",
                    "résumé line \(e.line) ends before it starts (\(e.start.dotted)–\(end.dotted))", "\(e.line)")
            }
            if e.start > today || (e.end.map { $0 > today } ?? false) {
                add(.futureDate, .blocking, "简历第\(e.line)行的时间晚于今天", "résumé line \(e.line) has a date in the future", "line:\(e.line)")
            }
            if let months = e.months, months >= 0, let (lo, hi, zh, en) = studyBounds(e.text), !(lo ... hi).contains(months) {
                add(.studyLength, .warning, "简历第\(e.line)行\(zh)学习\(months)个月，与学制不符（应为\(lo)—\(hi)个月）",
                    "résumé line \(e.line): \(en) study of \(months) months does not fit the programme (\(lo)–\(hi) months)", "\(e.line)")
            }
        }
        let sorted = entries.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let aEnd = a.end ?? today
            let overlap = aEnd.index - b.start.index
            if overlap > s.toleratedOverlapMonths {
                add(.overlap, .warning, "简历第\(a.line)行与第\(b.line)行时间重叠\(overlap)个月", "résumé lines \(a.line) and \(b.line) overlap by \(overlap) months", "\(a.line)-\(b.line)")
            } else if -overlap > s.maxGapMonths {
                add(.gap, .warning, "简历第\(a.line)行与第\(b.line)行之间空缺\(-overlap)个月（超过\(s.maxGapMonths)个月）",
                    "gap of \(-overlap) months between résumé lines \(a.line) and \(b.line) (over \(s.maxGapMonths))", "\(a.line)-\(b.line)")
            }
        }
        if let work, let firstJob = sorted.first(where: { !$0.isStudy }), work > firstJob.start {
            add(.workAfterFirstJob, .blocking, "参加工作时间（\(work.dotted)）晚于简历第一段工作经历（第\(firstJob.line)行，\(firstJob.start.dotted)）",
                "work start (\(work.dotted)) is after the first job in the résumé (line \(firstJob.line), \(firstJob.start.dotted))", "\(work)|\(firstJob.line)")
        }
        if !entries.isEmpty, !entries.contains(where: { $0.end == nil }) {
            add(.noCurrentPost, .warning, "简历没有现任职务一行（结束时间空白）", "the résumé has no current-post line (blank end date)", "")
        }
        if let work {
            // (empty, not a trap, when work started this year or later)
            let years = stride(from: max(today.year - s.assessmentYears, work.year + 1), to: today.year, by: 1)
            let missing = years.filter { file.assessments[$0] == nil }
            if !missing.isEmpty {
                let list = missing.map(String.init)
                add(.assessmentMissing, .warning, "缺少\(list.joined(separator: "、"))年度考核结果", "annual assessment missing for \(list.joined(separator: ", "))", list.joined(separator: ","))
            }
        }
        return out
    }

    /// Study programmes and their plausible lengths in months.
    static func studyBounds(_ text: String) -> (Int, Int, String, String)? {
        guard text.contains("学习") || text.contains("就读") else { return nil }
        if text.contains("博士") { return (30, 72, "博士研究生", "doctoral") }
        if text.contains("硕士") || text.contains("研究生") { return (18, 48, "硕士研究生", "master's") }
        if text.contains("专科") || text.contains("大专") { return (18, 42, "大专", "junior college") }
        if text.contains("本科") || text.contains("大学") { return (34, 62, "大学本科", "bachelor's") }
        return nil
    }

    public static func hasBlocking(_ ds: [Discrepancy], resolved: Set<String>) -> Bool {
        ds.contains { $0.severity == .blocking && !resolved.contains($0.key) }
    }
}

extension ResidentID {
    /// Masks whatever was written (valid or not) so an invalid number does not leak either.
    public static func maskedText(_ raw: String) -> String {
        let c = Array(raw)
        guard c.count > 10 else { return String(repeating: "*", count: c.count) }
        return String(c.prefix(6)) + String(repeating: "*", count: c.count - 10) + String(c.suffix(4))
    }
}
