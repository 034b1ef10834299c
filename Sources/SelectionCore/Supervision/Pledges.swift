import Foundation

/// Where a pledge campaign stands: drafted by an organizer, open while the paper pledges are collected, closed once
/// the change of leadership no longer needs them (then its rules are no longer shown to participants).
public enum PledgeCampaignState: String, Sendable, CaseIterable, Codable {
    case draft, open, closed

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.draft, .zhHans): "草拟"
        case (.draft, .en): "draft"
        case (.open, .zhHans): "征集中"
        case (.open, .en): "collecting pledges"
        case (.closed, .zhHans): "已结束"
        case (.closed, .en): "closed"
        }
    }
}

/// One cadre's pledge (承诺书): signed on paper by the cadre, and its receipt recorded by a clerk or an organizer of
/// the cadre's unit. Cadres have no accounts: the record says who received the paper and when, never that the cadre
/// clicked anything.
public struct Pledge: Sendable, Equatable, Codable {
    /// The registry id of the cadre who signed.
    public var cadre: UUID
    /// The day written on the signed paper.
    public var signed: CivilDay
    /// The day the receipt was recorded, and by whom (account name).
    public var recorded: CivilDay
    public var recordedBy: String

    public init(cadre: UUID, signed: CivilDay, recorded: CivilDay, recordedBy: String) {
        self.cadre = cadre; self.signed = signed; self.recorded = recorded; self.recordedBy = recordedBy
    }
}

/// Where one eligible cadre stands on a given day.
public enum PledgeStatus: String, Sendable, CaseIterable, Codable {
    /// Signed by the deadline.
    case signed
    /// Signed, after the deadline.
    case late
    /// Not signed; the deadline has not passed.
    case outstanding
    /// Not signed; the deadline has passed.
    case overdue

    public var isSigned: Bool { self == .signed || self == .late }

    public func title(in l: Language) -> String {
        switch (self, l) {
        case (.signed, .zhHans): "已签署"
        case (.signed, .en): "signed"
        case (.late, .zhHans): "逾期签署"
        case (.late, .en): "signed late"
        case (.outstanding, .zhHans): "未签署"
        case (.outstanding, .en): "outstanding"
        case (.overdue, .zhHans): "逾期未签"
        case (.overdue, .en): "overdue"
        }
    }
}

/// How a campaign stands on a given day.
public struct PledgeSummary: Sendable, Equatable {
    public var eligible: Int
    /// Signed, on time or late (`late` counts the late ones among them).
    public var signed: Int
    public var late: Int
    /// Not signed, the deadline not passed.
    public var outstanding: Int
    /// Not signed, the deadline passed.
    public var overdue: Int

    public init(eligible: Int, signed: Int, late: Int, outstanding: Int, overdue: Int) {
        self.eligible = eligible; self.signed = signed; self.late = late; self.outstanding = outstanding; self.overdue = overdue
    }
}

/// DIS-3 [003]: before a change of leadership (换届), every eligible cadre signs a pledge of discipline (承诺书), and the
/// discipline rules of the change are shown to everyone who takes part. A pure value: the store loads it, applies one
/// transition and saves it with its ledger entry in one transaction.
///
/// The eligible cadres are fixed when the campaign opens (the registry cadres of its unit and below, chosen by the
/// store); a pledge is recorded once per cadre, only while the campaign is open.
public struct PledgeCampaign: Sendable, Equatable, Codable {
    /// The change of leadership, e.g. “青岚县2026年乡镇领导班子换届”.
    public var name: String
    /// The unit whose cadres sign (with the units below).
    public var unit: UUID
    /// The text of the pledge each cadre signs.
    public var pledgeText: String
    /// The day by which every eligible cadre should have signed.
    public var deadline: CivilDay
    /// The discipline rules of the change, shown to every participant of a selection in the unit while the campaign
    /// is open (DIS-3); `PledgeCampaign.defaultRules` until an organizer writes the ones of the higher-level documents.
    public var rules: String
    public private(set) var state: PledgeCampaignState = .draft
    public private(set) var created: CivilDay
    public private(set) var createdBy: String
    public private(set) var opened: CivilDay? = nil
    public private(set) var closed: CivilDay? = nil
    /// The registry ids of the cadres who are to sign, fixed when the campaign opens.
    public private(set) var eligible: [UUID] = []
    /// The pledges recorded, in the order they were recorded.
    public private(set) var pledges: [Pledge] = []

    public static let maxName = 100
    public static let maxText = 5000

    public init(name rawName: String, unit: UUID, pledgeText rawText: String = PledgeCampaign.defaultPledgeText, deadline: CivilDay,
                rules rawRules: String = PledgeCampaign.defaultRules, created: CivilDay, by: String) throws(PledgeError) {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        let rules = rawRules.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw .required("name") }
        if name.count > Self.maxName { throw .tooLong("name", Self.maxName) }
        if text.isEmpty { throw .required("pledgeText") }
        if text.count > Self.maxText { throw .tooLong("pledgeText", Self.maxText) }
        if rules.isEmpty { throw .required("rules") }
        if rules.count > Self.maxText { throw .tooLong("rules", Self.maxText) }
        if deadline < created { throw .deadlineBeforeToday(created) }
        self.name = name; self.unit = unit; self.pledgeText = text; self.deadline = deadline; self.rules = rules
        self.created = created; self.createdBy = by
    }

    /// Whether participants of the unit's selections are shown the rules now.
    public var isActive: Bool { state == .open }

    public func pledge(of cadre: UUID) -> Pledge? { pledges.first { $0.cadre == cadre } }

    /// Where `cadre` stands on `day` (nil: not an eligible cadre of the campaign).
    public func status(of cadre: UUID, on day: CivilDay) -> PledgeStatus? {
        guard eligible.contains(cadre) else { return nil }
        if let p = pledge(of: cadre) { return p.signed > deadline ? .late : .signed }
        return day > deadline ? .overdue : .outstanding
    }

    /// Where every eligible cadre stands on `day` (one pass, for lists).
    public func statuses(on day: CivilDay) -> [UUID: PledgeStatus] {
        let signed = Dictionary(pledges.map { ($0.cadre, $0.signed) }, uniquingKeysWith: { a, _ in a })
        var out: [UUID: PledgeStatus] = [:]
        for c in eligible {
            if let d = signed[c] { out[c] = d > deadline ? .late : .signed } else { out[c] = day > deadline ? .overdue : .outstanding }
        }
        return out
    }

    /// The counts on `day`, over `cadres` when given (a reader who covers some of the units only), else every
    /// eligible cadre.
    public func summary(on day: CivilDay, of cadres: Set<UUID>? = nil) -> PledgeSummary {
        var s = PledgeSummary(eligible: 0, signed: 0, late: 0, outstanding: 0, overdue: 0)
        let all = statuses(on: day)
        for c in eligible where cadres?.contains(c) ?? true {
            s.eligible += 1
            switch all[c]! {
            case .signed: s.signed += 1
            case .late: s.signed += 1; s.late += 1
            case .outstanding: s.outstanding += 1
            case .overdue: s.overdue += 1
            }
        }
        return s
    }

    // MARK: transitions

    /// Opens the campaign with its eligible cadres (DIS-3: all of them sign). Refused twice, after closing, after the
    /// deadline, and with nobody to sign.
    public mutating func open(eligible cadres: [UUID], on day: CivilDay, by: String) throws(PledgeError) {
        switch state {
        case .draft: break
        case .open: throw .alreadyOpen
        case .closed: throw .closed
        }
        if day > deadline { throw .deadlinePassed(deadline) }
        var seen = Set<UUID>()
        let list = cadres.filter { seen.insert($0).inserted }
        if list.isEmpty { throw .noEligibleCadres }
        eligible = list
        state = .open
        opened = day
    }

    /// Records the receipt of `cadre`'s signed paper pledge, dated `signed`, on `day` by `by`. Refused before the
    /// campaign opens and after it closes, for a cadre who is not eligible, a second time for the same cadre, and for
    /// a date in the future or before the campaign was created. A pledge signed after the deadline is recorded, as late.
    public mutating func record(cadre: UUID, signed: CivilDay, on day: CivilDay, by: String) throws(PledgeError) {
        switch state {
        case .draft: throw .notOpen
        case .open: break
        case .closed: throw .closed
        }
        guard eligible.contains(cadre) else { throw .notEligible }
        if let p = pledge(of: cadre) { throw .alreadySigned(p.signed) }
        if signed > day { throw .signedInFuture }
        if signed < created { throw .signedBeforeCampaign(created) }
        pledges.append(Pledge(cadre: cadre, signed: signed, recorded: day, recordedBy: by))
    }

    /// Closes the campaign: no more pledges are recorded and the rules are no longer shown. The cadres who did not
    /// sign stay listed as such. Refused before opening and twice.
    public mutating func close(on day: CivilDay, by: String) throws(PledgeError) {
        switch state {
        case .draft: throw .notOpen
        case .open: break
        case .closed: throw .closed
        }
        state = .closed
        closed = day
    }

    // MARK: default texts

    /// The pledge a cadre signs unless the organizer writes another.
    public static let defaultPledgeText = """
        本人郑重承诺：在本次换届工作中，严格遵守党章和干部选拔任用工作有关规定，严守换届纪律和组织人事纪律，\
        不拉票贿选、不买官卖官、不跑官要官、不说情打招呼、不干扰换届工作；如实向组织报告个人有关事项；\
        自觉接受组织和群众监督。如有违反，愿意接受组织处理。
        """

    /// The default discipline rules of a change of leadership, for the organizer to replace with the rules of the
    /// higher-level documents. Source [003] names the “5个严禁、17个不准、5个一律” warning card but does not give its
    /// items; this list is a clearly labelled example in that shape, not that document's text.
    public static let defaultRules = """
        【默认示例，请按上级换届纪律文件修改】
        换届纪律要求（参照“5个严禁、17个不准、5个一律”的形式）
        一、严禁
        1. 严禁拉票贿选；
        2. 严禁买官卖官；
        3. 严禁跑官要官；
        4. 严禁突击提拔调整干部；
        5. 严禁干扰换届选举。
        二、不准
        1. 不准以任何形式进行拉票、助选；
        2. 不准说情打招呼，为他人谋取职位；
        3. 不准违反规定使用选人用人权；
        4. 不准泄露酝酿、讨论干部任免的情况；
        5. 不准利用职务便利为本人或他人谋取利益。
        三、一律
        1. 违反换届纪律的，一律严肃查处；
        2. 拉票贿选、买官卖官的，一律取消人选资格；
        3. 违规提拔的干部，一律予以纠正；
        4. 换届风气问题反映，一律认真核查（监督电话12380）。
        """
}

/// Refusals of the pledge campaign, in words, each with its rule.
public enum PledgeError: UserFacingError, Equatable {
    case required(String)
    case tooLong(String, Int)
    case deadlineBeforeToday(CivilDay)
    case deadlinePassed(CivilDay)
    case notOpen
    case alreadyOpen
    case closed
    case noEligibleCadres
    case notEligible
    case alreadySigned(CivilDay)
    case signedInFuture
    case signedBeforeCampaign(CivilDay)

    public var kind: ErrorKind {
        switch self {
        case .required, .tooLong, .deadlineBeforeToday, .signedInFuture, .signedBeforeCampaign, .notEligible: .badInput
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .required(let f): return InvalidInput(field: f, .required).message(in: l)
        case .tooLong(let f, let n): return InvalidInput(field: f, .tooLong(max: n)).message(in: l)
        case .deadlineBeforeToday(let d): return zh ? "截止日期不能早于今天（\(d)）" : "the deadline cannot be before today (\(d))"
        case .deadlinePassed(let d): return zh ? "截止日期（\(d)）已过，请先修改截止日期" : "the deadline (\(d)) has passed; change it first"
        case .notOpen: return zh ? "DIS-3：承诺书征集尚未开始" : "DIS-3: the campaign is not open yet"
        case .alreadyOpen: return zh ? "DIS-3：承诺书征集已经开始" : "DIS-3: the campaign is already open"
        case .closed: return zh ? "DIS-3：承诺书征集已结束，不能再登记" : "DIS-3: the campaign is closed; nothing more is recorded"
        case .noEligibleCadres: return zh ? "DIS-3：本单位及下级单位的干部档案中没有应签署承诺书的干部" : "DIS-3: the registry holds no cadre of the unit and below to sign"
        case .notEligible: return zh ? "该干部不在本次承诺书征集的范围内" : "the cadre is not among those who sign in this campaign"
        case .alreadySigned(let d): return zh ? "DIS-3：该干部的承诺书已登记（签署日期\(d)），不能重复登记" : "DIS-3: this cadre's pledge is already recorded (signed \(d))"
        case .signedInFuture: return zh ? "签署日期不能晚于今天" : "the signing day cannot be after today"
        case .signedBeforeCampaign(let d): return zh ? "签署日期不能早于承诺书征集的创建日期（\(d)）" : "the signing day cannot be before the campaign was created (\(d))"
        }
    }
}
