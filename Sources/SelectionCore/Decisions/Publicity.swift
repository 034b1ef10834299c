import Foundation

// Pre-appointment publicity and the appointment (PUB-1…4, CAS-3) as a value with pure transitions. The period is
// counted on the holiday calendar (`HolidayCalendar`: counting starts the day after publication); a period that
// reaches a year without calendar data is refused, never guessed. Every refusal names its rule, and a refused
// transition changes nothing.

/// PUB-2: a report (举报) received about the person while the publicity runs, and what became of it.
public struct PublicityReport: Sendable, Equatable, Codable, Identifiable {
    public enum Resolution: Sendable, Equatable, Codable {
        /// Not borne out, or not affecting the appointment: the hold is lifted, with the reason.
        case cleared(reason: String, by: String, on: CivilDay)
        /// Verified and affecting the appointment: the qualification is cancelled, with the reason.
        case affecting(reason: String, by: String, on: CivilDay)
    }
    public var id: String
    public var received: CivilDay
    public var summary: String
    /// The clerk who entered it (later: the public channel).
    public var enteredBy: String
    public var resolution: Resolution?

    /// Still being looked into: the appointment is on hold (PUB-2, CAS-3).
    public var isOpen: Bool { resolution == nil }
    public var isAffecting: Bool { if case .affecting = resolution { true } else { false } }
}

/// PUB-4: a pre-appointment talk (任前谈话).
public struct PreAppointmentTalk: Sendable, Equatable, Codable {
    public enum Form: String, Sendable, CaseIterable, Codable {
        case collective, individual
        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.collective, .zhHans): "集体谈话"
            case (.collective, .en): "collective"
            case (.individual, .zhHans): "个别谈话"
            case (.individual, .en): "individual"
            }
        }
    }
    public var day: CivilDay
    /// Who held it, with their office (e.g. "副书记 王某", "纪委书记 李某", "组织部长 张某").
    public var officials: [String]
    public var form: Form
    public init(day: CivilDay, officials: [String], form: Form) { self.day = day; self.officials = officials; self.form = form }
}

/// PUB-3: the appointment made (任职), with its document (任职通知).
public struct Appointment: Sendable, Equatable, Codable {
    public var day: CivilDay
    public var document: String
    public var by: String
    public init(day: CivilDay, document: String, by: String) { self.day = day; self.document = document; self.by = by }
}

/// PUB-1…4: one person's pre-appointment publicity, the reports it draws, the talk and the appointment.
public struct Publicity: Sendable, Equatable, Codable {
    public private(set) var person: String
    public private(set) var post: String
    public private(set) var published: CivilDay
    /// PUB-1: the length, in working days or calendar days (the plan's `publicityDays`, `publicityInWorkingDays`).
    public private(set) var length: Int
    public private(set) var inWorkingDays: Bool
    /// Every day counted, the last of them the end day.
    public private(set) var counted: [CivilDay]
    public private(set) var reports: [PublicityReport] = []
    public private(set) var talks: [PreAppointmentTalk] = []
    public private(set) var appointment: Appointment?

    /// The last day of the period (shown to the public); the appointment may be made from the day after.
    public var ends: CivilDay { counted.last ?? published }
    public var period: CountedPeriod {
        CountedPeriod(published: published, unit: inWorkingDays ? .workingDays : .calendarDays, length: length, days: counted)
    }

    /// PUB-1: publicity published on `published` for the plan's length (default 5 working days), its end day
    /// counted on `calendar`. Refuses a period reaching a year without calendar data (`HolidayCalendarError.noData`).
    public static func start(person: String, post: String, published: CivilDay, settings: MatterSettings = MatterSettings(),
                             calendar: HolidayCalendar) throws(PublicityError) -> Publicity {
        try Publicity(person: person, post: post, published: published, length: settings.publicityDays,
                      inWorkingDays: settings.publicityInWorkingDays, calendar: calendar)
    }

    public init(person rawPerson: String, post rawPost: String, published: CivilDay, length: Int, inWorkingDays: Bool, calendar: HolidayCalendar) throws(PublicityError) {
        let person = Self.clean(rawPerson), post = Self.clean(rawPost)
        if person.isEmpty { throw .required(field: "person", rule: "PUB-1") }
        if post.isEmpty { throw .required(field: "post", rule: "PUB-1") }
        let period: CountedPeriod
        do {
            period = inWorkingDays ? try calendar.end(published: published, workingDays: length) : try calendar.end(published: published, calendarDays: length)
        } catch {
            throw .calendar(error)
        }
        self.person = person; self.post = post; self.published = published
        self.length = length; self.inWorkingDays = inWorkingDays; self.counted = period.days
    }

    // MARK: PUB-2 reports

    /// Whether the period is still running on `day` (the end day included).
    public func isRunning(on day: CivilDay) -> Bool { published <= day && day <= ends }

    /// The reports still being looked into: each holds the appointment.
    public var openReports: [PublicityReport] { reports.filter(\.isOpen) }
    public var isOnHold: Bool { !openReports.isEmpty }
    /// The reason the qualification was cancelled (a verified, affecting report), if it was.
    public var cancellation: String? {
        for r in reports { if case .affecting(let reason, _, _) = r.resolution { return reason } }
        return nil
    }
    public var isCancelled: Bool { cancellation != nil }

    /// CAS-3: each report as a hold, for the gates (`GateFacts.holds`): open until cleared; an affecting report's
    /// hold is never lifted.
    public var holds: [Hold] {
        reports.map { r in
            var h = Hold(reason: "任前公示期间收到举报：\(r.summary)", by: r.enteredBy, on: r.received)
            if case .cleared(let reason, let by, let on) = r.resolution { h.liftedReason = reason; h.liftedBy = by; h.liftedOn = on }
            return h
        }
    }

    /// PUB-2: a report received on `on`. Accepted from publication until the appointment (a report that arrives
    /// after the end day but before the appointment holds it as well); it holds the appointment until resolved.
    public mutating func receiveReport(id rawID: String, on day: CivilDay, summary rawSummary: String, enteredBy rawBy: String) throws(PublicityError) {
        try requireUndecided()
        let id = Self.clean(rawID), summary = Self.clean(rawSummary), by = Self.clean(rawBy)
        if id.isEmpty { throw .required(field: "report", rule: "PUB-2") }
        if summary.isEmpty { throw .required(field: "summary", rule: "PUB-2") }
        if by.isEmpty { throw .required(field: "enteredBy", rule: "PUB-2") }
        if day < published { throw .beforePublication(published) }
        if reports.contains(where: { $0.id == id }) { throw .duplicateReport(id) }
        reports.append(PublicityReport(id: id, received: day, summary: summary, enteredBy: by))
    }

    /// PUB-2: the report is not borne out or does not affect the appointment: its hold is lifted, with the reason.
    public mutating func clearReport(_ id: String, reason: String, by: String, on day: CivilDay) throws(PublicityError) {
        let (i, reason, by) = try resolvable(id, reason, by, day)
        reports[i].resolution = .cleared(reason: reason, by: by, on: day)
    }

    /// PUB-2: the report is verified and affects the appointment: the qualification is cancelled, with the reason.
    public mutating func confirmReport(_ id: String, reason: String, by: String, on day: CivilDay) throws(PublicityError) {
        let (i, reason, by) = try resolvable(id, reason, by, day)
        reports[i].resolution = .affecting(reason: reason, by: by, on: day)
    }

    func resolvable(_ id: String, _ rawReason: String, _ rawBy: String, _ day: CivilDay) throws(PublicityError) -> (Int, String, String) {
        try requireUndecided()
        guard let i = reports.firstIndex(where: { $0.id == id }) else { throw .unknownReport(id) }
        guard reports[i].isOpen else { throw .reportResolved(id) }
        let reason = Self.clean(rawReason), by = Self.clean(rawBy)
        if reason.isEmpty { throw .required(field: "reason", rule: "PUB-2") }
        if by.isEmpty { throw .required(field: "enteredBy", rule: "PUB-2") }
        if day < reports[i].received { throw .beforeReceived(reports[i].received) }
        return (i, reason, by)
    }

    /// The same record with the reports' contents and findings' reasons replaced by `withheld`: what a reader who
    /// does not look into reports (a clerk, the inspection team) sees — that a report came, when, and its state.
    public func redacted(_ withheld: String) -> Publicity {
        var copy = self
        copy.reports = reports.map { r in
            var r = r
            r.summary = withheld
            switch r.resolution {
            case .cleared(_, let by, let on): r.resolution = .cleared(reason: withheld, by: by, on: on)
            case .affecting(_, let by, let on): r.resolution = .affecting(reason: withheld, by: by, on: on)
            case nil: break
            }
            return r
        }
        return copy
    }

    // MARK: PUB-4 talk

    /// PUB-4: a pre-appointment talk held (collective or individual, with the named officials).
    public mutating func recordTalk(_ talk: PreAppointmentTalk) throws(PublicityError) {
        try requireUndecided()
        let officials = talk.officials.map(Self.clean).filter { !$0.isEmpty }
        if officials.isEmpty { throw .required(field: "officials", rule: "PUB-4") }
        talks.append(PreAppointmentTalk(day: talk.day, officials: officials, form: talk.form))
    }

    // MARK: PUB-3 appointment

    /// What the appointment waits for on `day`, in words (empty: it may be made): PUB-3 the end day has passed,
    /// PUB-2 no report open, PUB-4 a talk held on or before `day`.
    public func waitingFor(on day: CivilDay) -> [Refusal] {
        var out: [Refusal] = []
        if day <= ends {
            out.append(Refusal("PUB-3", zh: "任前公示至\(ends)期满，\(ends.adding(days: 1))起方可任职", en: "the publicity runs until \(ends); the appointment can be made from \(ends.adding(days: 1))"))
        }
        let open = openReports
        if !open.isEmpty {
            // the count and numbers only: a report's content is for those who look into it (CAS-2), not for every reader
            let ids = open.map(\.id).joined(separator: "、")
            out.append(Refusal("PUB-2", zh: "公示期间收到的\(open.count)件举报（\(ids)）尚未查清，暂缓任职",
                               en: "\(open.count) report\(open.count == 1 ? "" : "s") received during publicity (\(ids)) still being looked into; the appointment is on hold"))
        }
        if !talks.contains(where: { $0.day <= day }) {
            out.append(Refusal("PUB-4", zh: "尚未进行任前谈话", en: "the pre-appointment talk has not been held"))
        }
        return out
    }

    /// PUB-3: the appointment, with its document, once the period is over, nothing is open and the talk was held.
    public mutating func appoint(on day: CivilDay, document rawDocument: String, by rawBy: String) throws(PublicityError) {
        try requireUndecided()
        let document = Self.clean(rawDocument), by = Self.clean(rawBy)
        let waiting = waitingFor(on: day)
        if !waiting.isEmpty { throw .notYet(waiting) }
        if document.isEmpty { throw .required(field: "document", rule: "PUB-3") }
        if by.isEmpty { throw .required(field: "enteredBy", rule: "PUB-3") }
        appointment = Appointment(day: day, document: document, by: by)
    }

    func requireUndecided() throws(PublicityError) {
        if let reason = cancellation { throw .cancelled(reason) }
        if appointment != nil { throw .alreadyAppointed }
    }

    static func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Refusals of publicity and appointment, in words, each with its rule.
public enum PublicityError: UserFacingError, Equatable {
    /// PUB-1: the period cannot be counted (a year without calendar data, a length out of range): the calendar's
    /// own refusal, passed through.
    case calendar(HolidayCalendarError)
    case required(field: String, rule: String)
    case beforePublication(CivilDay)
    case beforeReceived(CivilDay)
    case duplicateReport(String)
    case unknownReport(String)
    case reportResolved(String)
    /// PUB-2: the qualification was cancelled for a verified, affecting report.
    case cancelled(String)
    case alreadyAppointed
    /// PUB-2…4: what the appointment still waits for.
    case notYet([Refusal])

    public var rule: String {
        switch self {
        case .calendar: "PUB-1"
        case .required(_, let r): r
        case .beforePublication, .beforeReceived, .duplicateReport, .unknownReport, .reportResolved, .cancelled: "PUB-2"
        case .alreadyAppointed: "PUB-3"
        case .notYet(let r): r.first?.rule ?? "PUB-3"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .calendar(let e): e.kind
        case .required, .beforePublication, .beforeReceived, .duplicateReport: .badInput
        case .unknownReport: .notFound
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        let text: String
        switch self {
        case .calendar(let e):
            return e.message(in: l) + (zh ? "（PUB-1）" : " (PUB-1)")
        case .notYet(let refusals):
            return (zh ? "现在还不能任职：" : "The appointment cannot be made yet: ")
                + refusals.map { zh ? "\($0.zh)（\($0.rule)）" : "\($0.en) (\($0.rule))" }.joined(separator: zh ? "；" : "; ")
        case .required(let field, _):
            text = zh ? "\(DecisionFieldNames.name(of: field, in: l))：必须填写" : "\(DecisionFieldNames.name(of: field, in: l)): required"
        case .beforePublication(let d):
            text = zh ? "举报日期早于公示发布日\(d)" : "the report's date is before the publicity was published (\(d))"
        case .beforeReceived(let d):
            text = zh ? "处理日期早于收到举报的日期\(d)" : "the date is before the report was received (\(d))"
        case .duplicateReport(let id):
            text = zh ? "举报“\(id)”已登记" : "the report “\(id)” is already recorded"
        case .unknownReport(let id):
            text = zh ? "没有举报“\(id)”" : "there is no report “\(id)”"
        case .reportResolved(let id):
            text = zh ? "举报“\(id)”已有处理结论" : "the report “\(id)” has already been resolved"
        case .cancelled(let reason):
            text = zh ? "举报经查属实并影响任用，已取消任职资格：\(reason)" : "a verified report affecting the appointment cancelled the qualification: \(reason)"
        case .alreadyAppointed:
            text = zh ? "已经任职，公示记录不能再更改" : "the appointment has been made; the publicity record cannot change"
        }
        return zh ? "\(text)（\(rule)）" : "\(text) (\(rule))"
    }
}
