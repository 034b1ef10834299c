import Foundation
import SelectionCore

/// One member of a unit's committee as the roster shows them.
public struct CommitteeRosterEntry: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var title: String
    public var account: String?
    public var retired: Bool
}

/// DEC-4: a secret vote held through a ballot session: the item and round it decides and which ballot candidate is
/// which nominee (the candidates carry short ids; the nominees are matter people).
public struct CommitteeBallot: Sendable, Equatable, Codable {
    public var item: String
    public var round: Int
    public var session: UUID
    /// Ballot candidate id → nominee id.
    public var nominees: [String: String]
}

/// A meeting as one reader sees it.
public struct MeetingView: Sendable {
    public var id: UUID
    public var matterID: UUID
    public var meeting: CommitteeMeeting
    public var ballots: [CommitteeBallot]
    public var minutesSHA256: String?
    /// The roster entries of the meeting's members (titles, accounts).
    public var roster: [CommitteeRosterEntry]
    /// Whether the reader may record in it (an organizer of the unit while the matter is in its decision stage).
    public var canRecord: Bool
    public var isClosed: Bool { meeting.isClosed }
    /// The ballot session of the item's next round, if one was set up.
    public func pendingBallot(for item: CommitteeItem) -> CommitteeBallot? {
        ballots.last { $0.item == item.id && $0.round == item.rounds.count + 1 }
    }
}

/// PUB-1: what the publicity shows besides the name and post, as published.
public struct PublicityDetails: Sendable, Equatable, Codable {
    public var unit: String
    public var age: String
    public var resume: String
    /// How to report (来信来电来访、12380 网站): the plan's channel text.
    public var channel: String
    /// The rank the appointment gives (the registry file takes it), and the post as written on the document.
    public var rank: String
    public var post: String
}

/// PRB-1: the level a failed probation returns to.
public struct FormerLevel: Sendable, Equatable, Codable {
    public var post: String
    public var rank: String
    /// The unit the file was in, and since when the rank was held (restored on failure, so that years in grade go on).
    public var unit: UUID?
    public var rankSince: String?
    public var text: String { [post, rank].filter { !$0.isEmpty }.joined(separator: "，") }
}

/// One appointee's publicity, appointment and probation, as a reader sees them.
public struct AppointeeView: Sendable {
    public var person: MatterPerson
    public var positionPost: String
    public var publicity: Publicity?
    public var details: PublicityDetails?
    public var probationID: UUID?
    public var probation: Probation?
    public var former: FormerLevel?
}

/// PRB-2: one line of the probationer list.
public struct ProbationerRow: Sendable {
    public var id: UUID
    public var matterID: UUID
    public var matterTitle: String
    public var unitName: String
    public var probation: Probation
    public var status: ProbationStatus
}

/// The committee page of a matter as one reader sees it.
public struct CommitteeOverview: Sendable {
    public var matter: Matter
    public var unitID: UUID
    public var unitName: String
    public var roster: [CommitteeRosterEntry]
    public var meetings: [MeetingView]
    /// The people inspected per position (those who may be presented), for organizers; empty for other readers.
    public var candidates: [MatterPerson]
    /// What the current stage waits for, in words.
    public var waitingFor: [Refusal]
    /// The reader organizes the unit (roster, meetings).
    public var manages: Bool
    /// The reader may record in a meeting now (organizer, matter in its decision stage).
    public var canRecord: Bool
}

/// The publicity page of a matter as one reader sees it.
public struct PublicityOverview: Sendable {
    public var matter: Matter
    public var unitName: String
    public var appointees: [AppointeeView]
    /// Organizer of the unit: publishes, records the talk, appoints.
    public var manages: Bool
    /// Organizer or supervisor: resolves reports.
    public var resolves: Bool
    /// What the current stage waits for, in words (organizers and supervisors).
    public var waitingFor: [Refusal]
}
