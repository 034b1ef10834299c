import Foundation

// Probation (PRB-1, PRB-2) as a value with pure transitions.
//
// Convention for the end day: a probation of N months that starts on day D of a month ends on day D of the month
// N months later — the anniversary, on which the probation is complete and its outcome falls due. When that month
// is shorter, the end is clamped to its last day (31 January + 1 month = 28 February, or 29 in a leap year). An
// extension is counted from the start (start + N + 6 months), so that clamping happens once, not twice.

extension CivilDay {
    /// The same day of the month `n` months later (or earlier), clamped to the last day of a shorter month.
    public func adding(months n: Int) -> CivilDay {
        let c = components
        // walk month by month from the first of this month (exact, no range limit), then step to the clamped day
        var first = adding(days: 1 - c.day)
        var (y, m) = (c.year, c.month)
        for _ in 0 ..< abs(n) {
            if n > 0 {
                first = first.adding(days: YearMonth.days(in: m, of: y))
                (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
            } else {
                (y, m) = m == 1 ? (y - 1, 12) : (y, m - 1)
                first = first.adding(days: -YearMonth.days(in: m, of: y))
            }
        }
        return first.adding(days: min(c.day, YearMonth.days(in: m, of: y)) - 1)
    }
}

/// PRB-1: what the staff-meeting assessment at the end of probation found.
public enum ProbationOutcome: String, Sendable, CaseIterable, Codable {
    /// 合格 → formal appointment.
    case pass
    /// 基本合格 → probation extended six months (once).
    case basicPass
    /// 不合格 → probation cancelled, returned to the former level.
    case fail

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.pass, .zhHans): "合格，正式任职"
        case (.pass, .en): "passed: formal appointment"
        case (.basicPass, .zhHans): "基本合格，延长试用期六个月"
        case (.basicPass, .en): "basic pass: probation extended six months"
        case (.fail, .zhHans): "不合格，取消试用，回到原职级"
        case (.fail, .en): "failed: probation cancelled, back to the former level"
        }
    }
}

/// PRB-1: one assessment at the end of a probation period, with the staff-meeting report it rests on.
public struct ProbationAssessment: Sendable, Equatable, Codable {
    public var outcome: ProbationOutcome
    /// The staff-meeting report (述职报告/考核材料) reference.
    public var report: String
    public var on: CivilDay
}

/// PRB-2: where a probation stands on a given day.
public enum ProbationStatus: Sendable, Equatable {
    /// Running, `daysLeft` days to the end day.
    case running(daysLeft: Int)
    /// Within the reminder window: the end day is `daysLeft` days away (0: today).
    case dueSoon(daysLeft: Int)
    /// The end day has passed `overdue` days ago with no assessment recorded.
    case overdue(days: Int)
    /// Passed: formally appointed on the day.
    case confirmed(CivilDay)
    /// Failed: cancelled on the day, back to the former level.
    case cancelled(CivilDay)

    public var needsReminder: Bool {
        switch self {
        case .dueSoon, .overdue: true
        default: false
        }
    }
}

/// PRB-1, PRB-2: one probationer's probation (试用期).
public struct Probation: Sendable, Equatable, Codable {
    /// PRB-1: an extension is six months.
    public static let extensionMonths = 6
    /// PRB-2: reminders start this many days before the end day (the default of the reminder window).
    public static let defaultReminderDays = 30

    public private(set) var person: String
    public private(set) var post: String
    /// The level (post and rank) the person returns to when the probation fails.
    public private(set) var former: String
    public private(set) var start: CivilDay
    public private(set) var months: Int
    public private(set) var assessments: [ProbationAssessment] = []

    /// PRB-1: a probation of the plan's `probationMonths` (default 12) from `start`.
    public static func start(person: String, post: String, former: String, on start: CivilDay, settings: MatterSettings = MatterSettings()) throws(ProbationError) -> Probation {
        try Probation(person: person, post: post, former: former, start: start, months: settings.probationMonths)
    }

    public init(person rawPerson: String, post rawPost: String, former rawFormer: String, start: CivilDay, months: Int) throws(ProbationError) {
        let person = Self.clean(rawPerson), post = Self.clean(rawPost), former = Self.clean(rawFormer)
        if person.isEmpty { throw .required(field: "person", rule: "PRB-1") }
        if post.isEmpty { throw .required(field: "post", rule: "PRB-1") }
        if former.isEmpty { throw .required(field: "former", rule: "PRB-1") }
        guard (1 ... 36).contains(months) else { throw .badMonths(months) }
        self.person = person; self.post = post; self.former = former; self.start = start; self.months = months
    }

    /// Whether the one extension (basic pass) has been used.
    public var isExtended: Bool { assessments.contains { $0.outcome == .basicPass } }
    /// The end day without extension.
    public var originalEnd: CivilDay { start.adding(months: months) }
    /// The end day, after the extension when there was one.
    public var ends: CivilDay { start.adding(months: months + (isExtended ? Self.extensionMonths : 0)) }
    /// The final outcome (pass or fail), once recorded.
    public var final: ProbationAssessment? { assessments.last.flatMap { $0.outcome == .basicPass ? nil : $0 } }

    /// PRB-2: days from `today` to the end day (0 on the end day, negative after it).
    public func daysLeft(on today: CivilDay) -> Int { today.days(until: ends) }

    /// PRB-2: where the probation stands on `today`, with reminders from `reminderDays` before the end day.
    public func status(on today: CivilDay, reminderDays: Int = Probation.defaultReminderDays) -> ProbationStatus {
        if let f = final { return f.outcome == .pass ? .confirmed(f.on) : .cancelled(f.on) }
        let left = daysLeft(on: today)
        if left < 0 { return .overdue(days: -left) }
        if left <= reminderDays { return .dueSoon(daysLeft: left) }
        return .running(daysLeft: left)
    }

    /// PRB-2: the probationers to remind on `today` (due within `reminderDays`, or overdue), soonest end first.
    public static func reminders(_ list: [Probation], on today: CivilDay, reminderDays: Int = defaultReminderDays) -> [Probation] {
        list.filter { $0.status(on: today, reminderDays: reminderDays).needsReminder }.sorted { $0.ends < $1.ends }
    }

    /// PRB-1: the outcome of the assessment at the end of the period, with the staff-meeting report. Recorded on or
    /// after the end day. A basic pass extends the probation six months, once; a second basic pass is refused — after
    /// the extension the outcome is pass or fail.
    public mutating func conclude(_ outcome: ProbationOutcome, report rawReport: String, on day: CivilDay) throws(ProbationError) {
        if let f = final { throw .concluded(f.outcome) }
        let report = Self.clean(rawReport)
        if report.isEmpty { throw .required(field: "staffReport", rule: "PRB-1") }
        if day < ends { throw .notEnded(ends) }
        if outcome == .basicPass, let first = assessments.first(where: { $0.outcome == .basicPass }) { throw .secondExtension(first.on) }
        assessments.append(ProbationAssessment(outcome: outcome, report: report, on: day))
    }

    static func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Refusals of the probation record, in words, each with its rule.
public enum ProbationError: UserFacingError, Equatable {
    case required(field: String, rule: String)
    case badMonths(Int)
    /// The outcome is assessed at the end of the period, on or after this day.
    case notEnded(CivilDay)
    /// The one extension was granted on that day.
    case secondExtension(CivilDay)
    case concluded(ProbationOutcome)

    public var rule: String {
        switch self {
        case .required(_, let r): r
        default: "PRB-1"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .required, .badMonths: .badInput
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        let text: String
        switch self {
        case .required(let field, _):
            text = zh ? "\(DecisionFieldNames.name(of: field, in: l))：必须填写" : "\(DecisionFieldNames.name(of: field, in: l)): required"
        case .badMonths(let n):
            text = zh ? "试用期应为1至36个月，现为\(n)" : "probation must be 1 to 36 months, not \(n)"
        case .notEnded(let d):
            text = zh ? "试用期至\(d)期满，期满后方可考核确定结果" : "the probation ends on \(d); its outcome is assessed when it has ended"
        case .secondExtension(let d):
            text = zh ? "试用期已于\(d)因基本合格延长过一次（六个月），不能再次延长；延长期满应确定合格（正式任职）或不合格（回到原职级）"
                      : "the probation was already extended once, for a basic pass on \(d); it cannot be extended again — after the extension the outcome is pass (formal appointment) or fail (back to the former level)"
        case .concluded(let o):
            text = zh ? "试用期已有结论：\(o.title(in: l))" : "the probation has been concluded: \(o.title(in: l))"
        }
        return zh ? "\(text)（\(rule)）" : "\(text) (\(rule))"
    }
}
