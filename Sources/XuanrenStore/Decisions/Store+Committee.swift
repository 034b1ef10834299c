import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// The committee decision (DEC-1…6, SEL-10): each unit's roster, and meetings on a matter in its decision stage.
/// A meeting is the `CommitteeMeeting` value: every operation loads it, applies one transition and saves it with a
/// ledger entry in one transaction; access is decided inside that transaction. Free text (reasons, opinions) goes
/// to the ledger only as an HMAC.
extension Store {
    // MARK: Roster

    /// The unit's committee roster (organizers and supervisors of the unit), retired members last.
    public func committeeRoster(unit: UUID, by user: ActingUser) async throws -> [CommitteeRosterEntry] {
        guard try await Self.unitTree(on: db).permits(user, [.organizer, .supervisor], on: unit) else { throw NotPermitted() }
        return try await Self.roster(unit, db, includeRetired: true)
    }

    static func roster(_ unit: UUID, _ db: any Database, includeRetired: Bool = false) async throws -> [CommitteeRosterEntry] {
        var q = CommitteeMemberRecord.query(on: db).filter(\.$unitID == unit)
        if !includeRetired { q = q.filter(\.$retiredAt == nil) }
        return try await q.sort(\.$sort).sort(\.$addedAt).all().map {
            CommitteeRosterEntry(id: $0.id!, name: $0.name, title: $0.title, account: $0.account, retired: $0.retiredAt != nil)
        }.sorted { !$0.retired && $1.retired }
    }

    /// Adds a member to the unit's roster (an organizer of the unit).
    @discardableResult
    public func addCommitteeMember(unit: UUID, name: String, title: String, account: String?, by user: ActingUser) async throws -> UUID {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines), title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let account = account?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().nilIfEmpty
        var issues: [InvalidInput.Issue] = []
        if name.isEmpty { issues.append(.init(field: "name", problem: .required)) }
        if name.count > 40 { issues.append(.init(field: "name", problem: .tooLong(max: 40))) }
        if title.count > 60 { issues.append(.init(field: "title", problem: .tooLong(max: 60))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let now = nowSeconds
        return try await write { tx in
            guard try await Self.unitTree(on: tx.db).permits(user, [.organizer], on: unit) else { throw NotPermitted() }
            let current = try await Self.roster(unit, tx.db)
            if current.contains(where: { $0.name == name }) { throw InvalidInput(field: "name", .duplicate(name)) }
            if current.count >= 50 { throw InvalidInput(field: "name", .described(zh: "委员会成员不超过50人", en: "at most 50 members")) }
            if let account {
                guard try await AccountRecord.query(on: tx.db).filter(\.$username == account).first() != nil else { throw InvalidInput(field: "account", .notFound(account)) }
                if current.contains(where: { $0.account == account }) { throw InvalidInput(field: "account", .duplicate(account)) }
            }
            let r = CommitteeMemberRecord()
            r.id = UUID(); r.unitID = unit; r.name = name; r.title = title; r.account = account; r.sort = current.count; r.addedAt = now
            try await r.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.memberAdd, subjectType: "unit", subjectID: unit.uuidString,
                                            payload: ["member": .string(r.id!.uuidString), "name_hmac": .string(self.textDigest(name)), "members": .int(Int64(current.count + 1))]))
            return r.id!
        }
    }

    /// Takes a member off the roster (kept, dated): meetings opened later no longer count them.
    public func retireCommitteeMember(_ id: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let r = try await CommitteeMemberRecord.find(id, on: tx.db), r.retiredAt == nil else { throw InvalidInput(field: "member", .notFound(id.uuidString)) }
            guard try await Self.unitTree(on: tx.db).permits(user, [.organizer], on: r.unitID) else { throw NotPermitted() }
            r.retiredAt = now
            try await r.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.memberRetire, subjectType: "unit", subjectID: r.unitID.uuidString,
                                            payload: ["member": .string(id.uuidString)]))
        }
    }

    /// A committee member's work: the running matters of the units whose roster holds the member's account, in
    /// their decision stage or with a meeting open (the committee page of each opens to them).
    public func committeeWork(by user: ActingUser) async throws -> [(matter: UUID, title: String, unitName: String, meetingOpen: Bool)] {
        guard user.name != ActingUser.anonymous.name else { return [] }
        let units = Set(try await CommitteeMemberRecord.query(on: db).filter(\.$account == user.name).filter(\.$retiredAt == nil).all().map(\.unitID))
        if units.isEmpty { return [] }
        let tree = try await Self.unitTree(on: db)
        let names = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out: [(UUID, String, String, Bool)] = []
        for rec in try await MatterRecord.query(on: db).filter(\.$unitID ~~ Array(units)).filter(\.$phase == MatterPhase.running.rawValue).all() {
            let open = try await CommitteeMeetingRecord.query(on: db).filter(\.$matterID == rec.id!).filter(\.$closed == false).first() != nil
            guard rec.stage == StageKind.committeeDecision.rawValue || open else { continue }
            out.append((rec.id!, rec.title, names[rec.unitID] ?? "", open))
        }
        return out
    }

    // MARK: Meetings

    /// Opens a meeting on the matter (in its decision stage, no other meeting open): the unit's current roster, the
    /// plan's quorum and approval, and an item for every position with seats not yet decided — a position deferred
    /// at an earlier meeting is carried from it (DEC-3).
    @discardableResult
    public func openCommitteeMeeting(matter id: UUID, title rawTitle: String, day: CivilDay, by user: ActingUser) async throws -> UUID {
        let title = rawTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.count > 100 { throw InvalidInput(field: "title", .tooLong(max: 100)) }
        let day = try pastDay(day, field: "day")
        let now = nowSeconds
        return try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            try matter.require(.committeeDecision)
            if let began = matter.stages.first(where: { $0.kind == .committeeDecision })?.started, day < began {
                throw InvalidInput(field: "day", .described(zh: "会议日期不能早于进入讨论决定环节之日（\(began)）", en: "the meeting cannot be dated before the decision stage began (\(began))"))
            }
            let earlier = try await Self.meetings(id, tx.db)
            if earlier.contains(where: { !$0.closed }) {
                throw InvalidInput(field: "meeting", .described(zh: "上一次会议尚未结束", en: "the previous meeting is still open"))
            }
            let roster = try await Self.roster(rec.unitID, tx.db)
            var meeting = try CommitteeMeeting(title: title, day: day, members: roster.map { CommitteeMember(id: $0.id.uuidString, name: $0.name) }, settings: matter.plan.settings)
            let decided = try Self.decidedSeats(earlier)
            for p in matter.plan.positions {
                let open = p.posts - (decided.filled[p.id] ?? 0) - (decided.vacant[p.id] ?? 0)
                guard open > 0 else { continue }
                try meeting.addItem(id: p.id, post: p.unitName + p.post, seats: open, carriedFrom: decided.deferredAt[p.id])
            }
            if meeting.items.isEmpty {
                throw InvalidInput(field: "meeting", .described(zh: "每个职位都已表决或决定空缺，没有需要讨论的议题", en: "every position is decided or left vacant; there is nothing to decide"))
            }
            let r = CommitteeMeetingRecord()
            r.id = UUID(); r.matterID = id; r.unitID = rec.unitID; r.state = try Self.json(meeting); r.votes = "[]"; r.closed = false
            r.createdAt = now; r.updatedAt = now
            try await r.create(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.meetingOpen, subjectType: "matter", subjectID: id.uuidString,
                                            payload: ["committee_meeting": .string(r.id!.uuidString), "day": .string(day.description), "members": .int(Int64(roster.count)),
                                                      "quorum": .string(meeting.quorum.description), "approval": .string(meeting.approval.description),
                                                      "items": .array(meeting.items.map { .string($0.id) }), "title_hmac": .string(self.textDigest(title))]))
            return r.id!
        }
    }

    /// Seats decided in closed meetings per position, and where a still-undecided position was last deferred.
    static func decidedSeats(_ meetings: [CommitteeMeetingRecord]) throws -> (filled: [String: Int], vacant: [String: Int], deferredAt: [String: String]) {
        var filled: [String: Int] = [:], vacant: [String: Int] = [:], deferredAt: [String: String] = [:]
        for r in meetings where r.closed {
            let m = try decode(CommitteeMeeting.self, r.state)
            for item in m.items {
                filled[item.id, default: 0] += item.chosen.count
                if let v = item.vacancy { vacant[item.id, default: 0] += v.seats }
                if item.status == .deferred { deferredAt[item.id] = "\(m.title)（\(m.day)）" } else { deferredAt[item.id] = nil }
            }
        }
        return (filled, vacant, deferredAt)
    }

    static func meetings(_ matter: UUID, _ db: any Database) async throws -> [CommitteeMeetingRecord] {
        try await CommitteeMeetingRecord.query(on: db).filter(\.$matterID == matter).sort(\.$createdAt).all()
    }

    /// The matter's meetings, oldest first: organizers and supervisors of its unit, and members of its committee
    /// who hold accounts.
    public func committeeMeetings(matter id: UUID, by user: ActingUser) async throws -> [MeetingView] {
        guard let rec = try await MatterRowSQL.load(id, db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
        let canRecord = try await meetingAccess(rec, user, db)
        let matter = try Self.decode(Matter.self, rec.state)
        let roster = try await Self.roster(rec.unitID, db, includeRetired: true)
        let recordable = canRecord && matter.phase == .running && matter.current == .committeeDecision
        return try await Self.meetings(id, db).map { r in
            MeetingView(id: r.id!, matterID: id, meeting: try Self.decode(CommitteeMeeting.self, r.state), ballots: try Self.decode([CommitteeBallot].self, r.votes),
                        minutesSHA256: r.minutesSHA256, roster: roster, canRecord: recordable && !r.closed)
        }
    }

    /// The committee page: the matter, its unit's roster, its meetings, the people who may be presented and what
    /// the stage waits for; organizers and supervisors of the unit and committee members with accounts.
    public func committeeOverview(matter id: UUID, by user: ActingUser) async throws -> CommitteeOverview {
        guard let rec = try await MatterRowSQL.load(id, db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
        let manages = try await meetingAccess(rec, user, db)
        let matter = try Self.decode(Matter.self, rec.state)
        let meetings = try await committeeMeetings(matter: id, by: user)
        let people = manages ? try await matterPeople(rec, matter, db).filter(\.isTarget) : []
        var waiting: [Refusal] = []
        if matter.phase == .running, [.committeeDecision, .publicity, .appointment, .probation].contains(matter.current) {
            waiting = matter.waitingFor(try await stageFacts(rec, matter, day: today, db, only: Set([matter.current, matter.next].compactMap { $0 })))
        }
        let unitName = try await UnitRecord.find(rec.unitID, on: db)?.name ?? ""
        return CommitteeOverview(matter: matter, unitID: rec.unitID, unitName: unitName, roster: try await Self.roster(rec.unitID, db, includeRetired: true),
                                 meetings: meetings, candidates: people, waitingFor: waiting, manages: manages,
                                 canRecord: manages && matter.phase == .running && matter.current == .committeeDecision)
    }

    public func committeeMeeting(_ meetingID: UUID, by user: ActingUser) async throws -> MeetingView {
        guard let r = try await CommitteeMeetingRecord.find(meetingID, on: db) else { throw InvalidInput(field: "meeting", .notFound(meetingID.uuidString)) }
        guard let m = try await committeeMeetings(matter: r.matterID, by: user).first(where: { $0.id == meetingID }) else { throw InvalidInput(field: "meeting", .notFound(meetingID.uuidString)) }
        return m
    }

    /// Who reads a matter's meetings: its organizers (who also record), its supervisors, and the members of its
    /// unit's committee by their accounts. Everyone else is refused. Returns whether the reader records.
    func meetingAccess(_ rec: MatterRecord, _ user: ActingUser, _ db: any Database) async throws -> Bool {
        if let a = try await Self.matterAccess(user, unitID: rec.unitID, matterID: rec.id, db), a.manages || a.supervises { return a.manages }
        let member = try await CommitteeMemberRecord.query(on: db).filter(\.$unitID == rec.unitID).filter(\.$account == user.name).filter(\.$retiredAt == nil).first()
        guard member != nil, user.name != ActingUser.anonymous.name else { throw NotPermitted() }
        return false
    }

    /// Loads a meeting in a transaction for an organizer of its matter (decision stage, running), applies `change`
    /// and saves it with one ledger entry about the matter.
    func changeMeeting(_ meetingID: UUID, by user: ActingUser, action: DecisionLedgerAction, payload: [String: LedgerValue],
                       _ change: @escaping @Sendable (inout CommitteeMeeting, inout [CommitteeBallot], Matter, MatterRecord, Transaction) async throws -> [String: LedgerValue]) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let r = try await CommitteeMeetingRecord.find(meetingID, on: tx.db) else { throw InvalidInput(field: "meeting", .notFound(meetingID.uuidString)) }
            let (rec, matter, _) = try await Self.loadMatter(r.matterID, user, tx.db) { $0.manages }
            try matter.require(.committeeDecision)
            var meeting = try Self.decode(CommitteeMeeting.self, r.state)
            var ballots = try Self.decode([CommitteeBallot].self, r.votes)
            let extra = try await change(&meeting, &ballots, matter, rec, tx)
            r.state = try Self.json(meeting)
            r.votes = try Self.json(ballots)
            r.closed = meeting.isClosed
            if meeting.isClosed { r.minutesSHA256 = Self.minutesDigest(meeting) }
            r.updatedAt = now
            try await r.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            var p = payload.merging(extra) { _, b in b }
            p["committee_meeting"] = .string(meetingID.uuidString)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "matter", subjectID: r.matterID.uuidString, payload: p))
        }
    }

    /// DEC-6: the SHA-256 of the minutes in zh-Hans, one line per minutes line.
    public static func minutesDigest(_ m: CommitteeMeeting) -> String {
        Digest.sha256Hex(m.minutes(in: .zhHans).map(\.text).joined(separator: "\n"))
    }

    /// DEC-1: a member's attendance, taken one by one.
    public func recordAttendance(meeting id: UUID, member: UUID, present: Bool, reason: String = "", by user: ActingUser) async throws {
        if reason.count > 200 { throw InvalidInput(field: "reason", .tooLong(max: 200)) }
        try await changeMeeting(id, by: user, action: .attendance, payload: ["member": .string(member.uuidString), "present": .bool(present)]) { m, _, _, _, _ in
            if present { try m.markPresent(member.uuidString) } else { try m.markAbsent(member.uuidString, reason: reason) }
            return ["present_count": .int(Int64(m.presentCount)), "quorum_reached": .bool(m.hasQuorum)]
        }
    }

    /// DEC-2: the organizer presents a nominee (a person inspected for the item's position, passing every gate,
    /// CAS-3 included) with the reasons.
    public func presentNominee(meeting id: UUID, item: String, person: UUID, reasons: String, presenter: String, by user: ActingUser) async throws {
        if reasons.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        if presenter.count > 40 { throw InvalidInput(field: "presenter", .tooLong(max: 40)) }
        try await changeMeeting(id, by: user, action: .present, payload: ["item": .string(item), "person": .string(person.uuidString), "reason_hmac": .string(textDigest(reasons))]) { m, _, matter, rec, tx in
            let p = try await self.eligibleNominee(person, item: item, rec, matter, tx.db)
            try m.present(CommitteeNominee(id: person.uuidString, name: p.name, reasons: reasons, presenter: presenter), on: item)
            return [:]
        }
    }

    /// A person who may be put to the committee for `item`: inspected for that position, not withdrawn, every gate
    /// passing now (a hold set after the stage began keeps them from the committee, CAS-3).
    func eligibleNominee(_ person: UUID, item: String, _ rec: MatterRecord, _ matter: Matter, _ db: any Database) async throws -> MatterPerson {
        let people = try await using(db).matterPeople(rec, matter, db)
        guard let p = people.first(where: { $0.id == person }), p.isTarget, p.positionID == item else {
            throw InvalidInput(field: "nominees", .described(zh: "只能介绍本职位经考察的人选", en: "only a person inspected for this position can be presented"))
        }
        if try await Self.chosenPeople(rec.id!, db).contains(where: { $0.person == person }) {
            throw InvalidInput(field: "nominees", .described(zh: "\(p.name)已在以前的会议上表决通过", en: "\(p.name) was already chosen at an earlier meeting"))
        }
        for g in p.gateResults {
            if case .blocked(let r) = g.state {
                throw MatterError.guardFailed(.committeeDecision, [Refusal(r.rule, zh: "\(p.name)：\(g.kind.title(in: .zhHans))——\(r.zh)", en: "\(p.name): \(g.kind.title(in: .en)) — \(r.en)")])
            }
        }
        return p
    }

    public enum OpinionKind: String, Sendable, CaseIterable { case agree, object, other }

    /// DEC-2: a present member's opinion (DEC-3: an objection stands and defers the item).
    public func recordOpinion(meeting id: UUID, item: String, member: UUID, kind: OpinionKind, words: String, by user: ActingUser) async throws {
        if words.count > 2000 { throw InvalidInput(field: "opinion", .tooLong(max: 2000)) }
        let opinion: MemberOpinion = switch kind {
        case .agree: .agree
        case .object: .object(words)
        case .other: .other(words)
        }
        var payload: [String: LedgerValue] = ["item": .string(item), "member": .string(member.uuidString), "opinion": .string(kind.rawValue)]
        if kind != .agree { payload["words_hmac"] = .string(textDigest(words)) }
        try await changeMeeting(id, by: user, action: .opinion, payload: payload) { m, _, _, _, _ in
            try m.recordOpinion(opinion, of: member.uuidString, on: item)
            return [:]
        }
    }

    /// DEC-3: 缓议, with the reason.
    public func deferCommitteeItem(meeting id: UUID, item: String, reason: String, by user: ActingUser) async throws {
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        try await changeMeeting(id, by: user, action: .deferItem, payload: ["item": .string(item), "reason_hmac": .string(textDigest(reason))]) { m, _, _, _, _ in
            try m.deferItem(item, reason: reason)
            return [:]
        }
    }

    /// SEL-10: the item's unfilled seats left vacant, with the reason.
    public func leaveCommitteeItemVacant(meeting id: UUID, item: String, reason: String, by user: ActingUser) async throws {
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        try await changeMeeting(id, by: user, action: .vacancy, payload: ["item": .string(item), "reason_hmac": .string(textDigest(reason))]) { m, _, _, _, _ in
            try m.leaveVacant(item, reason: reason)
            return ["seats": .int(Int64(m.item(item)?.vacancy?.seats ?? 0))]
        }
    }

    /// DEC-4, DEC-5: the counts of a secret vote on paper ballots, counted on site (per nominee id: yes, no,
    /// abstain), with the reference of the tally sheet.
    public func recordCommitteeVote(meeting id: UUID, item: String, counts: [String: (yes: Int, no: Int, abstain: Int)], reference: String, by user: ActingUser) async throws {
        let reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if reference.count > 100 { throw InvalidInput(field: "reference", .tooLong(max: 100)) }
        let list = counts.map { NomineeCount(nominee: $0.key, yes: $0.value.yes, no: $0.value.no, abstain: $0.value.abstain) }.sorted { $0.nominee < $1.nominee }
        try await changeMeeting(id, by: user, action: .vote, payload: ["item": .string(item), "source": "paper"]) { m, ballots, matter, rec, tx in
            if ballots.contains(where: { $0.item == item && $0.round == (m.item(item)?.rounds.count ?? 0) + 1 }) {
                throw InvalidInput(field: "counts", .described(zh: "本轮已发起手机投票，请在投票结束后导入结果", en: "this round is being voted with voting codes; import its result once it is closed"))
            }
            try await self.recheckGates(m, item: item, rec, matter, tx.db)
            let round = try m.recordVote(on: item, counts: list, ballot: reference.isEmpty ? nil : reference)
            return Self.roundPayload(round)
        }
    }

    static func roundPayload(_ r: VoteRound) -> [String: LedgerValue] {
        ["round": .int(Int64(r.number)), "present": .int(Int64(r.present)), "members": .int(Int64(r.members)),
         "counts": .array(r.counts.map { .object(["nominee": .string($0.nominee), "yes": .int(Int64($0.yes)), "no": .int(Int64($0.no)), "abstain": .int(Int64($0.abstain))]) }),
         "chosen": .array(r.outcome.chosen.map { .string($0) }), "tied": .array(r.outcome.tied.map { .string($0) })]
    }

    /// CAS-3 at the vote: a hold set since a nominee was presented keeps them from being voted.
    func recheckGates(_ m: CommitteeMeeting, item: String, _ rec: MatterRecord, _ matter: Matter, _ db: any Database) async throws {
        for n in try m.ballot(for: item) {
            guard let pid = UUID(uuidString: n.id) else { continue }
            _ = try await eligibleNominee(pid, item: item, rec, matter, db)
        }
    }

    /// DEC-4: sets up the item's next round as an `approval` ballot session with one voting code per member
    /// present (members vote on their phones or on the printed slips); its result is imported once it is closed.
    @discardableResult
    public func createCommitteeBallot(meeting id: UUID, item: String, custodians: CustodianPlan, by user: ActingUser) async throws -> UUID {
        guard let r = try await CommitteeMeetingRecord.find(id, on: db) else { throw InvalidInput(field: "meeting", .notFound(id.uuidString)) }
        let (rec, matter, _) = try await Self.loadMatter(r.matterID, user, db) { $0.manages }
        try matter.require(.committeeDecision)
        let m = try Self.decode(CommitteeMeeting.self, r.state)
        guard let it = m.item(item) else { throw CommitteeError.unknownItem(item) }
        // the same checks the vote will make, before any code is issued
        let nominees = try m.ballot(for: item)
        try m.requireQuorum()
        if it.rounds.isEmpty {
            let objectors = m.members.filter { it.opinions[$0.id]?.isObjection == true }
            if !objectors.isEmpty { throw CommitteeError.objection(post: it.post, names: objectors.map(\.name)) }
            let silent = m.presentMembers.filter { it.opinions[$0.id] == nil }
            if !silent.isEmpty { throw CommitteeError.opinionsMissing(post: it.post, names: silent.map(\.name)) }
            if nominees.count < it.seats { throw CommitteeError.tooFewNominees(post: it.post, seats: it.seats, nominees: nominees.count) }
        }
        guard it.status == .open || it.status == .awaitingRevote else { throw CommitteeError.itemNotOpen(post: it.post, it.status) }
        let round = it.rounds.count + 1
        if try Self.decode([CommitteeBallot].self, r.votes).contains(where: { $0.item == item && $0.round == round }) {
            throw InvalidInput(field: "item", .duplicate("\(it.post) 第\(round)轮"))
        }
        guard let unit = try await UnitRecord.find(rec.unitID, on: db) else { throw InvalidInput(field: "unit", .notFound(rec.unitID.uuidString)) }
        var map: [String: String] = [:]
        let candidates = nominees.enumerated().map { i, n in
            map["c\(i + 1)"] = n.id
            return Candidate(id: "c\(i + 1)", name: n.name)
        }
        // the session's own result counts against all members with the meeting's figures, like the meeting (DEC-4)
        var approval = BallotSettings.Approval(members: m.members.count)
        approval.quorum = Fraction(Int64(m.quorum.numerator), Int64(m.quorum.denominator))
        approval.threshold = Fraction(Int64(m.approval.numerator), Int64(m.approval.denominator))
        approval.base = .members
        let box = BallotBox(title: "\(m.title)·\(it.post)·第\(round)轮表决", settings: .approval(approval), candidates: candidates, ballots: [])
        let link = map
        return try await createBallotSession(unitCode: unit.code, box: box, disclosure: .supervision, custodians: custodians, by: user) { tx, session in
            guard let row = try await CommitteeMeetingRecord.find(id, on: tx.db), !row.closed else { throw CommitteeError.closed }
            // what was checked above holds in this transaction too: the same reader, stage, quorum and ballot
            let (_, now, _) = try await Self.loadMatter(r.matterID, user, tx.db) { $0.manages }
            try now.require(.committeeDecision)
            let current = try Self.decode(CommitteeMeeting.self, row.state)
            try current.requireQuorum()
            guard let still = current.item(item), still.rounds.count + 1 == round, try current.ballot(for: item).map(\.id) == nominees.map(\.id),
                  !current.members.contains(where: { still.opinions[$0.id]?.isObjection == true }) else {
                throw InvalidInput(field: "item", .described(zh: "议题在此期间已有变化，请刷新页面", en: "the item changed meanwhile; reload the page"))
            }
            var ballots = try Self.decode([CommitteeBallot].self, row.votes)
            if ballots.contains(where: { $0.item == item && $0.round == round }) { throw InvalidInput(field: "item", .duplicate("\(it.post) 第\(round)轮")) }
            ballots.append(CommitteeBallot(item: item, round: round, session: session, nominees: link))
            row.votes = try Self.json(ballots)
            row.updatedAt = self.nowSeconds
            try await row.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.ballot, subjectType: "matter", subjectID: r.matterID.uuidString,
                                            payload: ["committee_meeting": .string(id.uuidString), "item": .string(item), "round": .int(Int64(round)), "session": .string(session.uuidString)]))
        }
    }

    /// DEC-4: imports the counts of the item's closed ballot session into the meeting (the session's box, checked
    /// against its ledger record and signature, is what is counted).
    public func importCommitteeBallot(meeting id: UUID, item: String, by user: ActingUser) async throws {
        guard let r = try await CommitteeMeetingRecord.find(id, on: db) else { throw InvalidInput(field: "meeting", .notFound(id.uuidString)) }
        _ = try await Self.loadMatter(r.matterID, user, db) { $0.manages }
        let m = try Self.decode(CommitteeMeeting.self, r.state)
        guard let it = m.item(item) else { throw CommitteeError.unknownItem(item) }
        guard let link = try Self.decode([CommitteeBallot].self, r.votes).last(where: { $0.item == item && $0.round == it.rounds.count + 1 }) else {
            throw InvalidInput(field: "item", .described(zh: "本轮没有发起手机投票", en: "no ballot session was set up for this round"))
        }
        guard let result = try await ballotResult(link.session) else {
            throw InvalidInput(field: "session", .described(zh: "投票尚未结束计票", en: "the vote has not been closed and counted"))
        }
        guard case .approval(let rows) = result.rows else { throw InvalidInput(field: "session", .unknownValue(link.session.uuidString)) }
        let counts = try rows.map { row -> NomineeCount in
            guard let nominee = link.nominees[row.candidate] else { throw InvalidInput(field: "session", .unknownValue(row.candidate)) }
            return NomineeCount(nominee: nominee, row: row)
        }
        try await changeMeeting(id, by: user, action: .vote, payload: ["item": .string(item), "source": "session", "session": .string(link.session.uuidString)]) { m, _, matter, rec, tx in
            try await self.recheckGates(m, item: item, rec, matter, tx.db)
            let round = try m.recordVote(on: item, counts: counts, ballot: String(link.session.uuidString.prefix(8)))
            return Self.roundPayload(round)
        }
    }

    /// DEC-6: closes the meeting; its minutes' SHA-256 goes to the ledger.
    public func closeCommitteeMeeting(_ id: UUID, by user: ActingUser) async throws {
        try await changeMeeting(id, by: user, action: .meetingClose, payload: [:]) { m, _, _, _, _ in
            try m.close()
            return ["minutes_sha256": .string(Self.minutesDigest(m)),
                    "decided": .array(m.items.flatMap(\.chosen).map { .string($0) }),
                    "deferred": .array(m.deferredItems.map { .string($0.id) })]
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
