import Foundation

/// CAS-1: how a report came in (the three-in-one channel of 12380: web, phone, letters and visits).
public enum ReportChannel: String, Sendable, CaseIterable, Codable {
    case web, phone, letter, visit

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.web, .zhHans): "网络举报"
        case (.web, .en): "web"
        case (.phone, .zhHans): "电话举报"
        case (.phone, .en): "phone"
        case (.letter, .zhHans): "来信"
        case (.letter, .en): "letter"
        case (.visit, .zhHans): "来访"
        case (.visit, .en): "visit"
        }
    }
}

/// What a report is about. CAS-4: the first four are priority kinds, always investigated.
public enum ReportKind: String, Sendable, CaseIterable, Codable {
    case voteBuying = "vote-buying"             // 拉票贿选
    case postBuying = "post-buying"             // 买官卖官
    case taintedPromotion = "tainted"           // 带病提拔/上岗
    case rushPromotion = "rush"                 // 突击提拔调整
    case procedure                              // 违反程序
    case qualification                          // 违反任职资格条件
    case other

    /// CAS-4: always investigated (never filed without an investigation).
    public var isPriority: Bool {
        switch self {
        case .voteBuying, .postBuying, .taintedPromotion, .rushPromotion: true
        default: false
        }
    }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.voteBuying, .zhHans): "拉票贿选"
        case (.voteBuying, .en): "vote-buying and canvassing"
        case (.postBuying, .zhHans): "买官卖官"
        case (.postBuying, .en): "buying and selling posts"
        case (.taintedPromotion, .zhHans): "带病提拔（上岗）"
        case (.taintedPromotion, .en): "promotion under a cloud"
        case (.rushPromotion, .zhHans): "突击提拔调整干部"
        case (.rushPromotion, .en): "rush promotions"
        case (.procedure, .zhHans): "违反选拔任用程序"
        case (.procedure, .en): "breach of the selection procedure"
        case (.qualification, .zhHans): "违反任职资格条件"
        case (.qualification, .en): "breach of qualification rules"
        case (.other, .zhHans): "其他"
        case (.other, .en): "other"
        }
    }
}

/// How a case ended. `filed` (了结存查) closes a report that gives nothing to investigate; CAS-4 kinds never end so.
public enum CaseFinding: String, Sendable, CaseIterable, Codable {
    case substantiated          // 属实
    case partly                 // 部分属实
    case unsubstantiated        // 不属实
    case filed                  // 了结存查（未立项调查）

    public var substantiates: Bool { self == .substantiated || self == .partly }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.substantiated, .zhHans): "属实"
        case (.substantiated, .en): "substantiated"
        case (.partly, .zhHans): "部分属实"
        case (.partly, .en): "partly substantiated"
        case (.unsubstantiated, .zhHans): "不属实"
        case (.unsubstantiated, .en): "not substantiated"
        case (.filed, .zhHans): "了结存查"
        case (.filed, .en): "filed without investigation"
        }
    }
}

/// CAS-3: what a report does to the selection while it is open.
public enum CaseEffect: Sendable, Equatable {
    /// A report that a unit's selection broke procedure or qualification rules: that selection is halted.
    case haltMatter(UUID)
    /// A report against a person of a matter (an inspection target, or a person in publicity): the person does not
    /// go to the committee, and is not appointed, until the case is concluded.
    case holdPerson(matter: UUID, person: UUID)

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.haltMatter, .zhHans): "暂停该事项的选拔任用"
        case (.haltMatter, .en): "the selection is halted"
        case (.holdPerson, .zhHans): "暂缓该人选上会、任职"
        case (.holdPerson, .en): "the person is held back from the committee and the appointment"
        }
    }
}

/// The deadlines of a case, in calendar days (信访工作条例: 15 days to accept, 60 to conclude, one extension of 30).
public struct CaseDeadlines: Sendable, Equatable, Codable {
    public var acceptDays = 15
    public var concludeDays = 60
    public var extensionDays = 30
    public init() {}
}

public enum CaseState: String, Sendable, CaseIterable, Codable {
    case registered             // 已登记
    case assigned               // 已交办
    case investigating          // 调查核实中
    case awaitingReview         // 转办件待复核 (CAS-5)
    case concluded              // 已办结

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.registered, .zhHans): "已登记"
        case (.registered, .en): "registered"
        case (.assigned, .zhHans): "已交办"
        case (.assigned, .en): "assigned"
        case (.investigating, .zhHans): "调查核实中"
        case (.investigating, .en): "investigating"
        case (.awaitingReview, .zhHans): "转办件待复核"
        case (.awaitingReview, .en): "forwarded case awaiting review"
        case (.concluded, .zhHans): "已办结"
        case (.concluded, .en): "concluded"
        }
    }
}

/// One step of a case, for its history (who acted is in the ledger entry beside it).
public struct CaseStep: Sendable, Equatable, Codable {
    public var on: CivilDay
    public var state: CaseState
    public var by: String
    public var note: String
    public init(on: CivilDay, state: CaseState, by: String, note: String = "") { self.on = on; self.state = state; self.by = by; self.note = note }
}

/// CAS-1…5: a report case, from registration to its conclusion. A pure value: the store loads it, applies one
/// transition and saves it with its ledger entry in one transaction.
///
/// The reporter's identity and the report's text are not in this value: they are sealed apart (CAS-2), so that a
/// case can be listed, counted and shown to the matter's readers (by its number) without them.
public struct ReportCase: Sendable, Equatable, Codable {
    public var number: String
    public var kind: ReportKind
    public var channel: ReportChannel
    public var received: CivilDay
    /// The unit the report is about.
    public var unit: UUID
    /// The unit whose supervisors handle the case: the unit itself, the level above for a report about the
    /// committee's or the organization department's main leaders (CAS-4), or the unit it was forwarded to (CAS-5).
    public var handlingUnit: UUID
    /// CAS-4: about the committee's or organization department's main leaders (handled by the level above).
    public var aboutLeaders: Bool
    public var anonymous: Bool
    public private(set) var state: CaseState = .registered
    /// The supervisors (account names) handling it: only they read a real-name reporter's identity (CAS-2).
    public private(set) var assignees: [String] = []
    /// CAS-5: the unit that forwarded the case down and reviews its conclusion.
    public private(set) var forwardedFrom: UUID? = nil
    public private(set) var investigated = false
    public private(set) var finding: CaseFinding? = nil
    /// The conclusion in words, for the record; `feedback` is what the reporter reads with the receipt.
    public private(set) var conclusion: String = ""
    public private(set) var feedback: String = ""
    public private(set) var concluded: CivilDay? = nil
    public private(set) var extended = false
    /// CAS-3 targets: the matter (and the person in it) the report is about, when known.
    public private(set) var matter: UUID? = nil
    public private(set) var person: UUID? = nil
    public private(set) var steps: [CaseStep] = []
    public var deadlines: CaseDeadlines

    public init(number: String, kind: ReportKind, channel: ReportChannel, received: CivilDay, unit: UUID, handlingUnit: UUID,
                aboutLeaders: Bool, anonymous: Bool, deadlines: CaseDeadlines = CaseDeadlines(), by: String) {
        self.number = number; self.kind = kind; self.channel = channel; self.received = received; self.unit = unit
        self.handlingUnit = handlingUnit; self.aboutLeaders = aboutLeaders; self.anonymous = anonymous; self.deadlines = deadlines
        steps = [CaseStep(on: received, state: .registered, by: by)]
    }

    public var isOpen: Bool { state != .concluded }

    /// CAS-3: what the case does to the selection while open (nothing once concluded).
    public var effect: CaseEffect? {
        guard isOpen, let matter else { return nil }
        if let person { return .holdPerson(matter: matter, person: person) }
        return .haltMatter(matter)
    }

    /// The day by which the current step is due: accepting (assignment) or concluding.
    public var due: CivilDay {
        if state == .registered { return received.adding(days: deadlines.acceptDays) }
        return received.adding(days: deadlines.concludeDays + (extended ? deadlines.extensionDays : 0))
    }

    public func overdue(on day: CivilDay) -> Bool { isOpen && day > due }

    // MARK: transitions

    /// Assigns the case to supervisors (CAS-5 交办). Also re-assigns an assigned or investigating case.
    public mutating func assign(_ names: [String], on day: CivilDay, by: String) throws(CaseError) {
        let clean = Array(Set(names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        if clean.isEmpty { throw .required("assignees") }
        guard state == .registered || state == .assigned || state == .investigating else { throw .wrongState(state) }
        try requireNotBefore(day)
        assignees = clean
        if state == .registered { state = .assigned }
        steps.append(CaseStep(on: day, state: state, by: by, note: clean.joined(separator: "、")))
    }

    /// Starts the investigation (调查核实).
    public mutating func investigate(on day: CivilDay, by: String) throws(CaseError) {
        guard state == .assigned else { throw .wrongState(state) }
        try requireNotBefore(day)
        state = .investigating
        investigated = true
        steps.append(CaseStep(on: day, state: state, by: by))
    }

    /// CAS-3: links the case to the matter (and person) it is about; the effect follows from the link.
    public mutating func target(matter: UUID?, person: UUID?, on day: CivilDay, by: String) throws(CaseError) {
        guard isOpen else { throw .wrongState(state) }
        if person != nil && matter == nil { throw .required("matter") }
        self.matter = matter; self.person = person
        steps.append(CaseStep(on: day, state: state, by: by, note: "target"))
    }

    /// CAS-5: forwards the case to a lower unit's supervisors; the forwarding unit reviews the conclusion.
    /// A report about leaders is not forwarded down (CAS-4).
    public mutating func forward(to unit: UUID, on day: CivilDay, by: String) throws(CaseError) {
        guard state == .registered || state == .assigned else { throw .wrongState(state) }
        if aboutLeaders { throw .leadersNotForwarded }
        if unit == handlingUnit { throw .sameUnit }
        try requireNotBefore(day)
        forwardedFrom = handlingUnit
        handlingUnit = unit
        assignees = []
        state = .registered
        steps.append(CaseStep(on: day, state: state, by: by, note: "forwarded"))
    }

    /// Concludes the case with its finding, the conclusion for the record and the feedback for the reporter.
    /// CAS-4: a priority kind is investigated first and is never just filed. A forwarded case waits for review.
    public mutating func conclude(_ finding: CaseFinding, conclusion rawConclusion: String, feedback rawFeedback: String, on day: CivilDay, by: String) throws(CaseError) {
        let conclusion = rawConclusion.trimmingCharacters(in: .whitespacesAndNewlines)
        let feedback = rawFeedback.trimmingCharacters(in: .whitespacesAndNewlines)
        if conclusion.isEmpty { throw .required("conclusion") }
        if feedback.isEmpty { throw .required("feedback") }
        if conclusion.count > 5000 { throw .tooLong("conclusion", 5000) }
        if feedback.count > 2000 { throw .tooLong("feedback", 2000) }
        if kind.isPriority {
            if finding == .filed { throw .priorityNotFiled(kind) }
            guard state == .investigating else { throw .priorityInvestigated(kind) }
        } else {
            guard state == .assigned || state == .investigating else { throw .wrongState(state) }
            if finding != .filed && state != .investigating { throw .investigateFirst }
        }
        try requireNotBefore(day)
        self.finding = finding; self.conclusion = conclusion; self.feedback = feedback
        if forwardedFrom != nil {
            state = .awaitingReview
        } else {
            state = .concluded
            concluded = day
        }
        steps.append(CaseStep(on: day, state: state, by: by, note: finding.rawValue))
    }

    /// CAS-5 转办件复核: the forwarding unit accepts the conclusion, or returns the case for more investigation.
    public mutating func review(accept: Bool, note rawNote: String, on day: CivilDay, by: String) throws(CaseError) {
        guard state == .awaitingReview else { throw .wrongState(state) }
        let note = rawNote.trimmingCharacters(in: .whitespacesAndNewlines)
        if !accept && note.isEmpty { throw .required("note") }
        try requireNotBefore(day)
        if accept {
            state = .concluded
            concluded = day
        } else {
            state = .investigating
            finding = nil; conclusion = ""; feedback = ""
        }
        steps.append(CaseStep(on: day, state: state, by: by, note: note))
    }

    /// One extension of the conclusion deadline, with a reason.
    public mutating func extend(reason rawReason: String, on day: CivilDay, by: String) throws(CaseError) {
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw .required("reason") }
        guard isOpen, state != .registered else { throw .wrongState(state) }
        if extended { throw .alreadyExtended }
        extended = true
        steps.append(CaseStep(on: day, state: state, by: by, note: "extended: " + reason))
    }

    private func requireNotBefore(_ day: CivilDay) throws(CaseError) {
        if day < received { throw .beforeReceived(received) }
    }

    // MARK: numbers and receipts

    /// A case number: the year and eight random digits (not a running count, which would order reports by arrival).
    public static func number(year: Int, random: UInt64) -> String {
        "JB\(year)-" + String(format: "%08llu", random % 100_000_000)
    }
}

/// Refusals of the case workflow, in words, each with its rule.
public enum CaseError: UserFacingError, Equatable {
    case required(String)
    case tooLong(String, Int)
    case wrongState(CaseState)
    case priorityNotFiled(ReportKind)
    case priorityInvestigated(ReportKind)
    case investigateFirst
    case leadersNotForwarded
    case sameUnit
    case alreadyExtended
    case beforeReceived(CivilDay)

    public var kind: ErrorKind {
        switch self {
        case .required, .tooLong, .beforeReceived: .badInput
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .required(let f): return InvalidInput(field: f, .required).message(in: l)
        case .tooLong(let f, let n): return InvalidInput(field: f, .tooLong(max: n)).message(in: l)
        case .wrongState(let s): return zh ? "案件当前状态为“\(s.title(in: l))”，不能进行此操作" : "the case is \(s.title(in: l)); this step does not apply"
        case .priorityNotFiled(let k): return zh ? "CAS-4：“\(k.title(in: l))”属重点查核问题，必须调查核实，不能了结存查" : "CAS-4: “\(k.title(in: l))” is a priority kind: it is always investigated, never filed"
        case .priorityInvestigated(let k): return zh ? "CAS-4：“\(k.title(in: l))”属重点查核问题，须先开展调查核实再办结" : "CAS-4: “\(k.title(in: l))” is a priority kind: investigate before concluding"
        case .investigateFirst: return zh ? "须先开展调查核实，才能作出属实与否的结论（未调查的只能了结存查）" : "investigate before finding it substantiated or not (an uninvestigated report can only be filed)"
        case .leadersNotForwarded: return zh ? "CAS-4：反映党委或组织部门主要领导的举报由上级直接查核，不能转办下级" : "CAS-4: a report about the main leaders is handled by the level above and is not forwarded down"
        case .sameUnit: return zh ? "已由该单位办理" : "the case is already with that unit"
        case .alreadyExtended: return zh ? "办理期限只能延长一次" : "the deadline can be extended once only"
        case .beforeReceived(let d): return zh ? "日期不能早于收到举报的日期（\(d)）" : "the date cannot be before the report was received (\(d))"
        }
    }
}
