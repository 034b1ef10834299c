import Foundation

// The committee's decision (DEC-1…5, SEL-10) as a value with pure transitions: a roster, attendance taken member
// by member, items per position with their nominees presented, every present member's opinion, deferral (缓议),
// the secret vote's counts and what they decide, vacancy, and closing. Each transition checks everything first
// and changes nothing when it refuses; the refusal names its rule. The minutes (DEC-6) are in CommitteeMinutes.swift.
// The store loads a meeting, applies one transition and saves it with its ledger entry in one transaction.

/// A share of *all* committee members as an exact fraction (DEC-1 quorum, DEC-4 approval). Every comparison is
/// done in integers: `count/members ≥ num/den ⇔ count·den ≥ members·num`.
public struct MemberFraction: Sendable, Hashable, Codable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int
    public init(_ numerator: Int, _ denominator: Int) { self.numerator = numerator; self.denominator = denominator }

    public var description: String { "\(numerator)/\(denominator)" }

    /// DEC-1: `count` reaches this share of `members` (count·den ≥ members·num).
    public func isReached(by count: Int, of members: Int) -> Bool { count * denominator >= members * numerator }
    /// DEC-4: `count` is more than this share of `members` (count·den > members·num).
    public func isExceeded(by count: Int, of members: Int) -> Bool { count * denominator > members * numerator }
    /// The fewest that reach the share: ⌈members·num / den⌉.
    public func fewestReaching(_ members: Int) -> Int { (members * numerator + denominator - 1) / denominator }
    /// The fewest that exceed the share: ⌊members·num / den⌋ + 1.
    public func fewestExceeding(_ members: Int) -> Int { members * numerator / denominator + 1 }

    /// 1 ≤ num ≤ den ≤ 100 (the figures stay small, so no product overflows).
    var isProper: Bool { (1 ... 100).contains(denominator) && (1 ... denominator).contains(numerator) }
}

/// One member of the committee (常委会/党组 成员), e.g. an account's user name and the person's name.
public struct CommitteeMember: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// DEC-1: a member's attendance, taken one by one.
public enum Attendance: Sendable, Equatable, Codable {
    case present
    /// Absent, with the reason given (may be empty).
    case absent(reason: String)
}

/// DEC-2: a member's opinion on an item (its position and its nominees). An objection or another opinion carries
/// the member's words.
public enum MemberOpinion: Sendable, Equatable, Codable {
    case agree
    case object(String)
    case other(String)

    public var isObjection: Bool { if case .object = self { true } else { false } }
    var words: String? {
        switch self {
        case .agree: nil
        case .object(let w), .other(let w): w
        }
    }
}

/// DEC-2: a person presented for an item's post, with the reasons and who presented them.
public struct CommitteeNominee: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var reasons: String
    /// The organizer who presented the nominee (组织部门汇报人).
    public var presenter: String
    public init(id: String, name: String, reasons: String, presenter: String) {
        self.id = id; self.name = name; self.reasons = reasons; self.presenter = presenter
    }
}

/// DEC-4: one nominee's counts in the secret vote (from an `approval` ballot: yes / no / abstain).
public struct NomineeCount: Sendable, Equatable, Codable {
    public var nominee: String
    public var yes: Int
    public var no: Int
    public var abstain: Int
    public init(nominee: String, yes: Int, no: Int, abstain: Int) { self.nominee = nominee; self.yes = yes; self.no = no; self.abstain = abstain }
    /// The counts of an approval ballot's row, for the nominee `nominee` (the ballot numbers its candidates itself).
    public init(nominee: String, row: TallyResult.ApprovalRow) { self.init(nominee: nominee, yes: row.yes, no: row.no, abstain: row.abstain) }
    public var total: Int { yes + no + abstain }
}

/// DEC-4, DEC-5: one round of the secret vote on an item, with what it decided.
public struct VoteRound: Sendable, Equatable, Codable {
    public var number: Int
    /// All members and those present when the vote was taken (DEC-1 held: present·den ≥ members·num).
    public var members: Int
    public var present: Int
    public var quorum: MemberFraction
    public var approval: MemberFraction
    /// The seats this round fills (a re-vote fills the seats its tie was for).
    public var seats: Int
    /// Each nominee on the ballot, in ballot order.
    public var counts: [NomineeCount]
    /// The approval ballot the counts come from (its session reference), when there is one.
    public var ballot: String?
    /// The result, from `CommitteeVote.decide`.
    public var outcome: CommitteeVote.Outcome
}

/// DEC-4, DEC-5: what a round's counts decide — a pure function of the counts, the seats, the number of all members
/// and the approval share.
public enum CommitteeVote {
    public struct Outcome: Sendable, Equatable, Codable {
        /// Nominees with yes·den > members·num (more than the share of *all* members), in ballot order.
        public var passing: [String]
        /// Nominees decided, by yes votes (most first), ballot order among equals.
        public var chosen: [String]
        /// Passing nominees tied at the cut when there are more of them than seats left: not resolved here; they
        /// need a re-vote for `tiedSeats` seats.
        public var tied: [String]
        public var tiedSeats: Int
        public var isTie: Bool { !tied.isEmpty }
    }

    /// DEC-4: pass only with yes·den > members·num. DEC-5: 等额 (as many nominees as seats) — every passing nominee
    /// is chosen; 差额 (more nominees than seats) — the `seats` passing nominees with the most yes votes; when the
    /// last seat falls among nominees with equal yes votes, those above the tie are chosen and the tied ones are
    /// reported for a re-vote (the software never breaks a tie).
    public static func decide(_ counts: [NomineeCount], seats: Int, members: Int, approval: MemberFraction) -> Outcome {
        let passing = counts.filter { approval.isExceeded(by: $0.yes, of: members) }
        let ranked = passing.enumerated().sorted { $0.element.yes != $1.element.yes ? $0.element.yes > $1.element.yes : $0.offset < $1.offset }.map(\.element)
        guard ranked.count > seats else {
            return Outcome(passing: passing.map(\.nominee), chosen: ranked.map(\.nominee), tied: [], tiedSeats: 0)
        }
        let cut = ranked[seats - 1].yes
        if ranked[seats].yes < cut {
            return Outcome(passing: passing.map(\.nominee), chosen: ranked.prefix(seats).map(\.nominee), tied: [], tiedSeats: 0)
        }
        let above = ranked.filter { $0.yes > cut }
        let tied = ranked.filter { $0.yes == cut }
        return Outcome(passing: passing.map(\.nominee), chosen: above.map(\.nominee), tied: tied.map(\.nominee), tiedSeats: seats - above.count)
    }
}

/// DEC-2…5, SEL-10: one item of the agenda — a position's post, the seats to fill and the nominees presented.
public struct CommitteeItem: Sendable, Equatable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable {
        /// Nominees presented, opinions being stated; not voted.
        case open
        /// DEC-3 缓议: to a later meeting, with the reason.
        case deferred
        /// DEC-5: a tie at the cut; the tied nominees need a re-vote.
        case awaitingRevote
        /// Voted: the chosen nominees are decided (seats nobody won stay unfilled).
        case decided
        /// SEL-10: the seats not filled are left vacant, with the reason.
        case vacant

        public func title(in l: Language) -> String {
            switch (self, l) {
            case (.open, .zhHans): "待表决"
            case (.open, .en): "not yet voted"
            case (.deferred, .zhHans): "缓议"
            case (.deferred, .en): "deferred"
            case (.awaitingRevote, .zhHans): "票数相同，待再次表决"
            case (.awaitingRevote, .en): "tied, awaiting a re-vote"
            case (.decided, .zhHans): "已表决"
            case (.decided, .en): "decided"
            case (.vacant, .zhHans): "职位空缺"
            case (.vacant, .en): "left vacant"
            }
        }
    }

    /// SEL-10: the seats left vacant and why.
    public struct Vacancy: Sendable, Equatable, Codable {
        public var seats: Int
        public var reason: String
    }

    /// The item's key (e.g. the matter position's id).
    public var id: String
    public var post: String
    public var seats: Int
    /// The earlier meeting whose deferred item this takes up (DEC-3), in words or by reference.
    public var carriedFrom: String?
    public internal(set) var nominees: [CommitteeNominee] = []
    /// DEC-2: each member's opinion, by member id (the latest stated; an objection cannot be replaced).
    public internal(set) var opinions: [String: MemberOpinion] = [:]
    public internal(set) var rounds: [VoteRound] = []
    /// DEC-3: the reason the item was deferred.
    public internal(set) var deferral: String?
    public internal(set) var vacancy: Vacancy?

    /// DEC-5: 差额 when more nominees than seats.
    public var isCompetitive: Bool { nominees.count > seats }

    public var status: Status {
        if deferral != nil { return .deferred }
        if vacancy != nil { return .vacant }
        if let last = rounds.last { return last.outcome.isTie ? .awaitingRevote : .decided }
        return .open
    }

    /// Every nominee decided, in the order of the rounds.
    public var chosen: [String] { rounds.flatMap(\.outcome.chosen) }
    /// Seats not (yet) filled.
    public var seatsOpen: Int { seats - chosen.count }

    func nominee(_ id: String) -> CommitteeNominee? { nominees.first { $0.id == id } }
    func name(of id: String) -> String { nominee(id)?.name ?? id }
}

/// A committee meeting (党委常委会/党组会议) that decides personnel items.
public struct CommitteeMeeting: Sendable, Equatable, Codable {
    public private(set) var title: String
    public private(set) var day: CivilDay
    /// All members of the committee: the base of the quorum (DEC-1) and of approval (DEC-4).
    public private(set) var members: [CommitteeMember]
    public private(set) var quorum: MemberFraction
    public private(set) var approval: MemberFraction
    /// DEC-1: attendance by member id; a member not in it has not been called yet.
    public private(set) var attendance: [String: Attendance] = [:]
    public private(set) var items: [CommitteeItem] = []
    public private(set) var isClosed = false

    /// A meeting with the plan's figures: quorum `quorumNumerator/Denominator` (DEC-1, default 4/5) and approval
    /// `approvalNumerator/Denominator` (DEC-4, default more than 2/3).
    public init(title: String, day: CivilDay, members: [CommitteeMember], settings: MatterSettings = MatterSettings()) throws(CommitteeError) {
        try self.init(title: title, day: day, members: members,
                      quorum: MemberFraction(settings.quorumNumerator, settings.quorumDenominator),
                      approval: MemberFraction(settings.approvalNumerator, settings.approvalDenominator))
    }

    public init(title raw: String, day: CivilDay, members: [CommitteeMember], quorum: MemberFraction, approval: MemberFraction) throws(CommitteeError) {
        let title = Self.clean(raw)
        if title.isEmpty { throw .required(field: "title", rule: "DEC-6") }
        if members.isEmpty { throw .emptyRoster }
        var seen = Set<String>()
        var cleaned: [CommitteeMember] = []
        for m in members {
            let id = Self.clean(m.id), name = Self.clean(m.name)
            if id.isEmpty || name.isEmpty { throw .required(field: "members", rule: "DEC-1") }
            guard seen.insert(id).inserted else { throw .duplicate(field: "members", id) }
            cleaned.append(CommitteeMember(id: id, name: name))
        }
        // DEC-1 quorum: between one half and everyone; DEC-4 approval: at least one half and below everyone
        guard quorum.isProper, quorum.numerator * 2 >= quorum.denominator else { throw .badFraction(field: "quorum", rule: "DEC-1", quorum) }
        guard approval.isProper, approval.numerator * 2 >= approval.denominator, approval.numerator < approval.denominator else {
            throw .badFraction(field: "threshold", rule: "DEC-4", approval)
        }
        self.title = title; self.day = day; self.members = cleaned; self.quorum = quorum; self.approval = approval
    }

    // MARK: DEC-1 attendance and quorum

    public var presentMembers: [CommitteeMember] { members.filter { attendance[$0.id] == .present } }
    public var presentCount: Int { presentMembers.count }
    /// Members whose attendance has not been taken yet.
    public var uncalled: [CommitteeMember] { members.filter { attendance[$0.id] == nil } }

    /// DEC-1: present·den ≥ members·num.
    public var hasQuorum: Bool { quorum.isReached(by: presentCount, of: members.count) }
    /// The fewest members present for a quorum.
    public var quorumNeeded: Int { quorum.fewestReaching(members.count) }
    /// How many more members must be present before a personnel item can be voted (0 with a quorum).
    public var quorumShortfall: Int { max(0, quorumNeeded - presentCount) }
    /// The fewest yes votes that pass a nominee (DEC-4: more than the share of all members).
    public var yesNeeded: Int { approval.fewestExceeding(members.count) }

    /// Refuses, with how many more members are needed, unless the meeting has a quorum.
    public func requireQuorum() throws(CommitteeError) {
        if !hasQuorum { throw .noQuorum(members: members.count, present: presentCount, needed: quorumNeeded, quorum: quorum) }
    }

    public mutating func markPresent(_ memberID: String) throws(CommitteeError) {
        try requireOpen()
        try requireMember(memberID)
        try requireAttendanceOpen()
        attendance[memberID] = .present
    }

    public mutating func markAbsent(_ memberID: String, reason: String = "") throws(CommitteeError) {
        try requireOpen()
        try requireMember(memberID)
        try requireAttendanceOpen()
        attendance[memberID] = .absent(reason: Self.clean(reason))
    }

    // MARK: DEC-2 items and nominees

    /// Puts a position on the agenda (`carriedFrom`: the earlier meeting whose deferred item this takes up).
    public mutating func addItem(id rawID: String, post rawPost: String, seats: Int, carriedFrom: String? = nil) throws(CommitteeError) {
        try requireOpen()
        let id = Self.clean(rawID), post = Self.clean(rawPost)
        if id.isEmpty { throw .required(field: "position", rule: "DEC-2") }
        if post.isEmpty { throw .required(field: "post", rule: "DEC-2") }
        guard (1 ... 50).contains(seats) else { throw .badSeats(seats) }
        if items.contains(where: { $0.id == id }) { throw .duplicate(field: "position", id) }
        let from = carriedFrom.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
        items.append(CommitteeItem(id: id, post: post, seats: seats, carriedFrom: from))
    }

    /// DEC-2: the organizer presents a nominee with the reasons. Nominees are presented before members state
    /// their opinions, so that every opinion is on the whole list.
    public mutating func present(_ nominee: CommitteeNominee, on itemID: String) throws(CommitteeError) {
        try requireOpen()
        let i = try index(of: itemID)
        guard items[i].status == .open, items[i].rounds.isEmpty else { throw .itemNotOpen(post: items[i].post, items[i].status) }
        if !items[i].opinions.isEmpty { throw .opinionsAlreadyStated(post: items[i].post) }
        let n = CommitteeNominee(id: Self.clean(nominee.id), name: Self.clean(nominee.name), reasons: Self.clean(nominee.reasons), presenter: Self.clean(nominee.presenter))
        if n.id.isEmpty || n.name.isEmpty { throw .required(field: "nominees", rule: "DEC-2") }
        if n.reasons.isEmpty { throw .required(field: "reason", rule: "DEC-2") }
        if n.presenter.isEmpty { throw .required(field: "presenter", rule: "DEC-2") }
        if items[i].nominees.contains(where: { $0.id == n.id }) { throw .duplicate(field: "nominees", n.name) }
        items[i].nominees.append(n)
    }

    /// DEC-2: a present member's opinion on an item, before the vote. An objection needs words, stands once stated
    /// (DEC-3: the item can then only be deferred) and cannot be replaced; another opinion may be restated.
    public mutating func recordOpinion(_ opinion: MemberOpinion, of memberID: String, on itemID: String) throws(CommitteeError) {
        try requireOpen()
        let member = try requireMember(memberID)
        let i = try index(of: itemID)
        guard items[i].status == .open else { throw .itemNotOpen(post: items[i].post, items[i].status) }
        if items[i].nominees.isEmpty { throw .noNominees(post: items[i].post) }
        guard attendance[memberID] == .present else { throw .notPresent(name: member.name) }
        var stated = opinion
        switch opinion {
        case .agree: break
        case .object(let w):
            let words = Self.clean(w)
            if words.isEmpty { throw .required(field: "opinion", rule: "DEC-3") }
            stated = .object(words)
        case .other(let w):
            let words = Self.clean(w)
            if words.isEmpty { throw .required(field: "opinion", rule: "DEC-2") }
            stated = .other(words)
        }
        if let before = items[i].opinions[memberID], before.isObjection, before != stated {
            throw .objectionStands(name: member.name, post: items[i].post)
        }
        items[i].opinions[memberID] = stated
    }

    // MARK: DEC-3 deferral

    /// DEC-3 缓议: the item goes to a later meeting, with the reason (an objection, or a disagreement that could not
    /// be resolved). Possible before the vote and while a tie awaits its re-vote.
    public mutating func deferItem(_ itemID: String, reason raw: String) throws(CommitteeError) {
        try requireOpen()
        let i = try index(of: itemID)
        guard items[i].status == .open || items[i].status == .awaitingRevote else { throw .itemNotOpen(post: items[i].post, items[i].status) }
        let reason = Self.clean(raw)
        if reason.isEmpty { throw .required(field: "reason", rule: "DEC-3") }
        items[i].deferral = reason
    }

    /// The items deferred in this meeting (to be taken up again by a later one, with `carriedFrom`).
    public var deferredItems: [CommitteeItem] { items.filter { $0.status == .deferred } }

    // MARK: DEC-4, DEC-5 the vote

    /// The nominees the next round's ballot must hold: every nominee for the first round, the tied ones for a re-vote.
    public func ballot(for itemID: String) throws(CommitteeError) -> [CommitteeNominee] {
        let item = items[try index(of: itemID)]
        guard let last = item.rounds.last else { return item.nominees }
        return last.outcome.tied.compactMap(item.nominee)
    }

    /// DEC-4: records the secret vote's counts for an item and decides it (DEC-5). Refused without a quorum
    /// (DEC-1), with fewer nominees than seats (DEC-5), before every present member has stated an opinion (DEC-2),
    /// with an objection on record (DEC-3: defer the item instead), when the counts do not cover exactly the
    /// ballot's nominees or count more ballots than members present.
    @discardableResult
    public mutating func recordVote(on itemID: String, counts: [NomineeCount], ballot: String? = nil) throws(CommitteeError) -> VoteRound {
        try requireOpen()
        let i = try index(of: itemID)
        let item = items[i]
        guard item.status == .open || item.status == .awaitingRevote else { throw .itemNotOpen(post: item.post, item.status) }
        try requireQuorum()
        let seats: Int
        if let last = item.rounds.last {
            seats = last.outcome.tiedSeats
        } else {
            if item.nominees.count < item.seats { throw .tooFewNominees(post: item.post, seats: item.seats, nominees: item.nominees.count) }
            let silent = presentMembers.filter { item.opinions[$0.id] == nil }
            if !silent.isEmpty { throw .opinionsMissing(post: item.post, names: silent.map(\.name)) }
            let objectors = members.filter { item.opinions[$0.id]?.isObjection == true }
            if !objectors.isEmpty { throw .objection(post: item.post, names: objectors.map(\.name)) }
            seats = item.seats
        }
        let expected = try self.ballot(for: itemID)
        guard counts.count == expected.count, Set(counts.map(\.nominee)) == Set(expected.map(\.id)) else {
            throw .ballotMismatch(post: item.post, names: expected.map(\.name))
        }
        let present = presentCount
        for c in counts {
            if c.yes < 0 || c.no < 0 || c.abstain < 0 { throw .negativeCount(name: item.name(of: c.nominee)) }
            if c.total > present { throw .countsExceedPresent(name: item.name(of: c.nominee), counted: c.total, present: present) }
        }
        let ref = ballot.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
        let round = VoteRound(number: item.rounds.count + 1, members: members.count, present: present, quorum: quorum, approval: approval,
                              seats: seats, counts: counts, ballot: ref,
                              outcome: CommitteeVote.decide(counts, seats: seats, members: members.count, approval: approval))
        items[i].rounds.append(round)
        return round
    }

    // MARK: SEL-10 vacancy

    /// SEL-10: the committee leaves the item's unfilled seats vacant, with the reason: before the vote, instead of
    /// a re-vote, or after a vote that filled fewer seats than the post has.
    public mutating func leaveVacant(_ itemID: String, reason raw: String) throws(CommitteeError) {
        try requireOpen()
        let i = try index(of: itemID)
        let item = items[i]
        guard [.open, .awaitingRevote, .decided].contains(item.status) else { throw .itemNotOpen(post: item.post, item.status) }
        if item.seatsOpen == 0 { throw .allSeatsFilled(post: item.post) }
        let reason = Self.clean(raw)
        if reason.isEmpty { throw .required(field: "reason", rule: "SEL-10") }
        items[i].vacancy = CommitteeItem.Vacancy(seats: item.seatsOpen, reason: reason)
    }

    // MARK: closing

    /// Closes the meeting: every member's attendance taken and every item decided, deferred or left vacant (so
    /// that the minutes, DEC-6, say what became of each). Nothing changes afterwards.
    public mutating func close() throws(CommitteeError) {
        try requireOpen()
        if !uncalled.isEmpty { throw .attendanceIncomplete(names: uncalled.map(\.name)) }
        let pending = items.filter { $0.status == .open || $0.status == .awaitingRevote }
        if !pending.isEmpty { throw .itemsPending(posts: pending.map(\.post)) }
        isClosed = true
    }

    // MARK: helpers

    func requireOpen() throws(CommitteeError) { if isClosed { throw .closed } }

    /// DEC-1: once a vote is recorded the attendance it was counted on stands (the minutes and each round's "present"
    /// must agree); a member who leaves afterwards is a matter for the next meeting.
    func requireAttendanceOpen() throws(CommitteeError) {
        if items.contains(where: { !$0.rounds.isEmpty }) { throw .attendanceFrozen }
    }

    @discardableResult
    func requireMember(_ id: String) throws(CommitteeError) -> CommitteeMember {
        guard let m = members.first(where: { $0.id == id }) else { throw .unknownMember(id) }
        return m
    }

    func index(of itemID: String) throws(CommitteeError) -> Int {
        guard let i = items.firstIndex(where: { $0.id == itemID }) else { throw .unknownItem(itemID) }
        return i
    }

    public func item(_ id: String) -> CommitteeItem? { items.first { $0.id == id } }
    func memberName(_ id: String) -> String { members.first { $0.id == id }?.name ?? id }

    static func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Refusals of the committee meeting, in words, each with its rule.
public enum CommitteeError: UserFacingError, Equatable {
    /// DEC-1: below quorum; `needed` members must be present.
    case noQuorum(members: Int, present: Int, needed: Int, quorum: MemberFraction)
    case emptyRoster
    case badFraction(field: String, rule: String, MemberFraction)
    case badSeats(Int)
    case required(field: String, rule: String)
    case duplicate(field: String, String)
    case unknownMember(String)
    case unknownItem(String)
    case closed
    case itemNotOpen(post: String, CommitteeItem.Status)
    case noNominees(post: String)
    case opinionsAlreadyStated(post: String)
    case notPresent(name: String)
    case objectionStands(name: String, post: String)
    case tooFewNominees(post: String, seats: Int, nominees: Int)
    case opinionsMissing(post: String, names: [String])
    case objection(post: String, names: [String])
    case ballotMismatch(post: String, names: [String])
    case negativeCount(name: String)
    case countsExceedPresent(name: String, counted: Int, present: Int)
    case allSeatsFilled(post: String)
    case attendanceIncomplete(names: [String])
    case itemsPending(posts: [String])
    /// DEC-1: attendance cannot change after a vote.
    case attendanceFrozen

    public var rule: String {
        switch self {
        case .noQuorum, .emptyRoster, .unknownMember, .attendanceIncomplete, .attendanceFrozen: "DEC-1"
        case .badFraction(_, let r, _), .required(_, let r): r
        case .badSeats, .tooFewNominees, .ballotMismatch: "DEC-5"
        case .duplicate, .unknownItem, .noNominees, .opinionsAlreadyStated, .notPresent, .opinionsMissing: "DEC-2"
        case .objectionStands, .objection: "DEC-3"
        case .negativeCount, .countsExceedPresent: "DEC-4"
        case .allSeatsFilled: "SEL-10"
        case .closed, .itemNotOpen, .itemsPending: "DEC-6"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .emptyRoster, .badFraction, .badSeats, .required, .duplicate, .ballotMismatch, .negativeCount, .countsExceedPresent: .badInput
        case .unknownMember, .unknownItem: .notFound
        default: .conflict
        }
    }

    public func message(in l: Language) -> String {
        let zh = l == .zhHans
        let list = { (names: [String]) in names.joined(separator: zh ? "、" : ", ") }
        let text: String
        switch self {
        case .noQuorum(let members, let present, let needed, let q):
            let more = max(0, needed - present)
            text = zh
                ? "不足法定人数：全体成员\(members)人，到会\(present)人；讨论决定干部任免事项须有全体成员的\(q)以上到会，即至少\(needed)人，还需\(more)人到会"
                : "no quorum: \(present) of \(members) members present; a personnel decision needs \(q) of all members, at least \(needed), so \(more) more member\(more == 1 ? " is" : "s are") needed"
        case .emptyRoster:
            text = zh ? "会议没有成员名单" : "the meeting has no members"
        case .badFraction(let field, _, let f):
            let name = DecisionFieldNames.name(of: field, in: l)
            text = field == "quorum"
                ? (zh ? "\(name)\(f)无效，应在二分之一至全体之间" : "\(name) \(f) is not valid; it must be between one half and all members")
                : (zh ? "\(name)\(f)无效，应不低于二分之一且低于全体" : "\(name) \(f) is not valid; it must be at least one half and below all members")
        case .badSeats(let n):
            text = zh ? "职数应在1至50之间，现为\(n)" : "the number of posts must be between 1 and 50, not \(n)"
        case .required(let field, _):
            text = zh ? "\(DecisionFieldNames.name(of: field, in: l))：必须填写" : "\(DecisionFieldNames.name(of: field, in: l)): required"
        case .duplicate(let field, let v):
            text = zh ? "\(DecisionFieldNames.name(of: field, in: l))：“\(v)”已存在" : "\(DecisionFieldNames.name(of: field, in: l)): “\(v)” already exists"
        case .unknownMember(let id):
            text = zh ? "“\(id)”不是本委员会成员" : "“\(id)” is not a member of this committee"
        case .unknownItem(let id):
            text = zh ? "会议没有议题“\(id)”" : "the meeting has no item “\(id)”"
        case .closed:
            text = zh ? "会议已结束，记录不能再更改" : "the meeting is closed; its record cannot change"
        case .itemNotOpen(let post, let s):
            text = zh ? "“\(post)”议题当前为“\(s.title(in: l))”，不能进行此操作" : "the item “\(post)” is \(s.title(in: l)); this is not possible now"
        case .noNominees(let post):
            text = zh ? "“\(post)”尚未介绍人选，成员无从发表意见" : "no nominee has been presented for “\(post)”; there is nothing to give an opinion on"
        case .opinionsAlreadyStated(let post):
            text = zh ? "“\(post)”已有成员发表意见，不能再增加人选；请缓议后在下次会议重新介绍" : "members have already given opinions on “\(post)”; no nominee can be added now — defer the item and present it again"
        case .notPresent(let name):
            text = zh ? "\(name)未登记到会，不能记录其意见" : "\(name) is not recorded as present; their opinion cannot be recorded"
        case .objectionStands(let name, let post):
            text = zh ? "\(name)对“\(post)”已提出反对意见，不能改为其他意见；有反对意见的议题应缓议" : "\(name) objected to “\(post)”; an objection cannot be changed, and the item is to be deferred"
        case .tooFewNominees(let post, let seats, let n):
            text = zh ? "“\(post)”职数\(seats)，只介绍了\(n)名人选；等额表决每个职数须有一名人选，差额表决须多于职数" : "“\(post)” has \(seats) post\(seats == 1 ? "" : "s") but \(n) nominee\(n == 1 ? "" : "s"); a vote needs one nominee per post, or more when competitive"
        case .opinionsMissing(let post, let names):
            text = zh ? "“\(post)”尚有到会成员未发表意见：\(list(names))" : "members present have not yet given their opinion on “\(post)”: \(list(names))"
        case .objection(let post, let names):
            text = zh ? "“\(post)”有成员提出反对意见（\(list(names))），不能表决，应暂缓讨论（缓议）并写明理由" : "members objected to “\(post)” (\(list(names))): it cannot be voted and is to be deferred, with the reason"
        case .ballotMismatch(let post, let names):
            text = zh ? "“\(post)”的计票结果应恰好包含本轮表决的人选：\(list(names))" : "the counts for “\(post)” must cover exactly the nominees on this round's ballot: \(list(names))"
        case .negativeCount(let name):
            text = zh ? "\(name)的票数不能为负数" : "the counts for \(name) cannot be negative"
        case .countsExceedPresent(let name, let counted, let present):
            text = zh ? "\(name)的同意、不同意、弃权票合计\(counted)张，多于到会成员\(present)人" : "the yes, no and abstain votes for \(name) add up to \(counted), more than the \(present) members present"
        case .allSeatsFilled(let post):
            text = zh ? "“\(post)”的职数已全部确定人选，没有空缺" : "every post of “\(post)” has been filled; nothing is vacant"
        case .attendanceIncomplete(let names):
            text = zh ? "尚未登记以下成员是否到会：\(list(names))" : "the attendance of these members has not been taken: \(list(names))"
        case .attendanceFrozen:
            text = zh ? "本次会议已进行表决，到会情况不能再更改" : "a vote has been taken in this meeting; its attendance can no longer change"
        case .itemsPending(let posts):
            text = zh ? "以下议题尚未表决、缓议或决定空缺：\(list(posts))" : "these items are neither decided, deferred nor left vacant: \(list(posts))"
        }
        return zh ? "\(text)（\(rule)）" : "\(text) (\(rule))"
    }
}

/// The form fields of the decision records, named for messages (the rest as `FieldNames` names them).
enum DecisionFieldNames {
    static let names: [String: (String, String)] = [
        "title": ("会议名称", "Meeting title"),
        "members": ("委员会成员", "Committee members"),
        "quorum": ("法定到会比例", "Quorum"),
        "threshold": ("表决通过比例", "Approval threshold"),
        "position": ("议题（职位）", "Item (position)"),
        "post": ("职位名称", "Post"),
        "nominees": ("人选", "Nominee"),
        "reason": ("理由", "Reason"),
        "presenter": ("介绍人", "Presented by"),
        "opinion": ("意见", "Opinion"),
        "person": ("姓名", "Name"),
        "report": ("举报", "Report"),
        "summary": ("举报内容", "What the report says"),
        "enteredBy": ("登记人", "Entered by"),
        "officials": ("谈话人", "Officials"),
        "document": ("任职文件", "Appointment document"),
        "staffReport": ("述职报告", "Staff-meeting report"),
        "former": ("原职级", "Former level"),
        "months": ("试用期（月）", "Probation (months)"),
    ]
    static func name(of field: String, in l: Language) -> String {
        guard let pair = names[field] else { return FieldNames.name(of: field, in: l) }
        return l == .zhHans ? pair.0 : pair.1
    }
}
