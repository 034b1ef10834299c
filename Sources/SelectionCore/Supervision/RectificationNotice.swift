import Foundation

// CHK-4: findings go into a rectification notice (整改通知书) to the checked unit, each problem with its requirement
// (原汁原味、详尽具体地列出存在的主要问题，逐条逐项地提出整改要求 [002 篇2]); the unit reports what it did, item by item;
// the checking side accepts each item (or sends it back) and the check closes when every item is accepted.
// CHK-6: a finding of a departure check may carry an accountability proposal (责任追究) — a proposal for those who
// decide, never a sanction the software applies (as ASM-5).

/// CHK-4: one progress report on an item, by the checked unit (or the team).
public struct FollowUp: Sendable, Equatable, Codable {
    public var day: CivilDay
    public var text: String
    public var by: String
    /// The unit reports the item rectified with this report.
    public var done: Bool
    public init(day: CivilDay, text: String, by: String, done: Bool) { self.day = day; self.text = text; self.by = by; self.done = done }
}

/// CHK-4: the checking side's word on a rectification reported done.
public struct Verification: Sendable, Equatable, Codable {
    public var day: CivilDay
    public var by: String
    public var accepted: Bool
    public var note: String
    /// How many follow-ups the item had when this was given: it rules on the last of them.
    public var reports: Int
    public init(day: CivilDay, by: String, accepted: Bool, note: String, reports: Int) {
        self.day = day; self.by = by; self.accepted = accepted; self.note = note; self.reports = reports
    }
}

/// CHK-2…4, CHK-6: one problem the check found, with what the unit must do about it, and its follow-up to closure.
public struct Finding: Sendable, Equatable, Codable, Identifiable {
    /// `F1`, `F2` … in the order found.
    public var id: String
    /// The rule the problem breaks (`CHK-2`, `REG-4`, `CHK-3` …).
    public var rule: String
    public var problem: String
    public var requirement: String
    /// The check file the problem concerns, if one.
    public var file: String?
    /// Its cadre's name, as found (the notice names them).
    public var fileName: String?
    /// The CHK-3 question the problem answers, if one.
    public var question: LeaderQuestion?
    /// CHK-6: who is accountable and what is proposed (empty: none).
    public var accountability: String
    public var by: String
    public var on: CivilDay
    public var followUps: [FollowUp] = []
    public var verifications: [Verification] = []

    public init(id: String, rule: String, problem: String, requirement: String, file: String? = nil, fileName: String? = nil,
                question: LeaderQuestion? = nil, accountability: String = "", by: String, on: CivilDay) {
        self.id = id; self.rule = rule; self.problem = problem; self.requirement = requirement; self.file = file; self.fileName = fileName
        self.question = question; self.accountability = accountability; self.by = by; self.on = on
    }

    /// Where the item stands.
    public enum Progress: String, Sendable, Codable {
        /// Nothing reported yet.
        case open
        /// Reports received, not yet reported done.
        case inProgress = "progress"
        /// Reported done, waiting for the checking side.
        case reported
        /// Accepted: rectified.
        case rectified

        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.open, .zhHans): "待整改"
            case (.open, .en): "open"
            case (.inProgress, .zhHans): "整改中"
            case (.inProgress, .en): "in progress"
            case (.reported, .zhHans): "已报整改完成，待验收"
            case (.reported, .en): "reported done, awaiting acceptance"
            case (.rectified, .zhHans): "已验收，整改到位"
            case (.rectified, .en): "accepted: rectified"
            }
        }
    }

    /// The latest word counts: a report done waits for the checking side; its acceptance rectifies the item, its refusal
    /// sends it back until the unit reports again.
    public var progress: Progress {
        guard let last = followUps.last else { return .open }
        guard last.done else { return .inProgress }
        if let v = verifications.last, v.reports == followUps.count { return v.accepted ? .rectified : .inProgress }
        return .reported
    }
}

/// CHK-4: the rectification notice (整改通知书) of a check, to the checked unit, listing every finding.
public struct RectificationNotice: Sendable, Equatable, Codable {
    /// 文号 (e.g. 青组检〔2026〕3号).
    public var reference: String
    /// To whom: the checked unit.
    public var unitName: String
    /// From whom: the issuing body (发文机关, e.g. 中共青岚县委组织部), as signed under the notice.
    public var issuer: String
    public var issued: CivilDay
    /// The unit reports its rectification by this day.
    public var deadline: CivilDay
    public var by: String
    public init(reference: String, unitName: String, issuer: String, issued: CivilDay, deadline: CivilDay, by: String) {
        self.reference = reference; self.unitName = unitName; self.issuer = issuer; self.issued = issued; self.deadline = deadline; self.by = by
    }
}
