import Foundation

/// NOM-1: the four channels a nomination comes through, plus the one that is not a channel (NOM-3).
public enum NominationChannel: String, Sendable, CaseIterable, Codable {
    /// 年度考核提名: proposed by the inspection team from the annual assessment.
    case assessment
    /// 领导干部个别推荐: a named leader's directed recommendation (the recommender seen by organizers and supervisors only).
    case leaderRecommendation = "leader"
    /// 个人自荐 (filed, kept as reference).
    case selfRecommendation = "self"
    /// 党委成员民主沟通.
    case democraticCommunication = "communication"
    /// Entered on one leader's word outside the channels: a supervision finding (NOM-3).
    case singleLeader = "single"

    public func title(in l: Language) -> String {
        let zh = l == .zhHans
        switch self {
        case .assessment: return zh ? "年度考核提名" : "Proposed from the annual assessment"
        case .leaderRecommendation: return zh ? "领导干部定向推荐" : "Directed recommendation by a leader"
        case .selfRecommendation: return zh ? "个人自荐" : "Self-recommendation"
        case .democraticCommunication: return zh ? "党委成员民主沟通" : "Committee members' democratic communication"
        case .singleLeader: return zh ? "个别领导提名（渠道外）" : "One leader's word (outside the channels)"
        }
    }

    /// NOM-3: a nomination outside the four channels is flagged for supervision.
    public var flagged: Bool { self == .singleLeader }
    /// Channels that name who recommended (seen by organizers and supervisors only).
    public var needsRecommender: Bool { self == .leaderRecommendation || self == .singleLeader }

    /// Checks a nomination's channel fields.
    public static func check(_ channel: NominationChannel, recommender: String) throws(InvalidInput) {
        if channel.needsRecommender, recommender.trimmingCharacters(in: .whitespaces).isEmpty {
            throw InvalidInput(field: "recommender", .described(zh: "请填写推荐的领导干部姓名", en: "name the leader who recommended"))
        }
    }
}

/// INS-2: one member of an inspection team.
public struct TeamMember: Sendable, Equatable, Codable {
    public enum Background: String, Sendable, CaseIterable, Codable {
        case organization, personnel, discipline, legal, other
        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.organization, .zhHans): "组织部门"
            case (.organization, .en): "organization department"
            case (.personnel, .zhHans): "人事部门"
            case (.personnel, .en): "personnel"
            case (.discipline, .zhHans): "纪检监察"
            case (.discipline, .en): "discipline inspection"
            case (.legal, .zhHans): "法律事务"
            case (.legal, .en): "legal"
            case (.other, .zhHans): "其他"
            case (.other, .en): "other"
            }
        }
    }
    public var name: String
    /// The member's account, when they use the system (inspection records are theirs to enter).
    public var account: String?
    public var background: Background
    public var leader: Bool
    /// A member of the standing committee (who may lead the team).
    public var standingCommittee: Bool
    public init(name: String, account: String? = nil, background: Background, leader: Bool = false, standingCommittee: Bool = false) {
        self.name = name; self.account = account; self.background = background; self.leader = leader; self.standingCommittee = standingCommittee
    }

    /// INS-2 in words: what is wrong with a team (empty when it is right).
    public static func problems(_ team: [TeamMember], minSize: Int) -> [Refusal] {
        var out: [Refusal] = []
        if team.count < minSize {
            out.append(Refusal("INS-2", zh: "考察组至少\(minSize)人（现有\(team.count)人）", en: "the inspection team needs at least \(minSize) members (has \(team.count))"))
        }
        let leaders = team.filter(\.leader)
        if leaders.count != 1 {
            out.append(Refusal("INS-2", zh: "考察组应有且只有一名组长", en: "the inspection team needs exactly one leader"))
        } else if !leaders[0].standingCommittee {
            out.append(Refusal("INS-2", zh: "考察组组长应由常委（党组成员）担任", en: "the team leader must be a standing-committee member"))
        }
        let others = team.filter { $0.background == .other && !$0.leader }
        if !others.isEmpty {
            out.append(Refusal("INS-2", zh: "考察组成员应来自组织、人事、纪检监察或法律部门：" + others.map(\.name).joined(separator: "、"),
                               en: "team members must come from organization, personnel, discipline or legal staff: " + others.map(\.name).joined(separator: ", ")))
        }
        if !team.isEmpty, !team.contains(where: { $0.background == .organization }) {
            out.append(Refusal("INS-2", zh: "考察组应有组织部门人员", en: "the team needs a member from the organization department"))
        }
        return out
    }
}
