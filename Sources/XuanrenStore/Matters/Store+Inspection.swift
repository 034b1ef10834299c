import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// Democratic recommendation sessions made from the matter, the inspection (INS-1…7) and the gates' records.
extension Store {
    // MARK: Recommendation (BAL-1, BAL-5) and evaluation (BAL-6)

    /// Creates the meeting vote and the talk recommendation from the matter — qualified nominees as candidates, voter
    /// categories and weights from the plan (BAL-1) — paired for the double majority (BAL-5), in one transaction
    /// with the matter's link to them.
    public func createRecommendationVotes(matter id: UUID, leaders: Int, staff: Int, representatives: Int, talkVoters: Int,
                                          custodians: CustodianPlan, by user: ActingUser) async throws {
        for (field, n) in [("leaders", leaders), ("staff", staff), ("representatives", representatives), ("talkVoters", talkVoters)] where n < 0 || n > 5000 {
            throw InvalidInput(field: field, .described(zh: "人数应在0至5000之间", en: "must be between 0 and 5000"))
        }
        if talkVoters < 1 { throw InvalidInput(field: "talkVoters", .described(zh: "谈话推荐人数至少1人", en: "at least one person in the talk recommendation")) }
        let (rec, matter, _) = try await Self.loadMatter(id, user, db) { $0.manages }
        try matter.require(.democraticRecommendation)
        if try Self.decode(MatterSessions.self, rec.sessions).meeting != nil { throw InvalidInput(field: "sessions", .duplicate(matter.title)) }
        let people = try await MatterPersonRecord.query(on: db).filter(\.$matterID == id).filter(\.$qualified == true).sort(\.$createdAt).all().filter { $0.withdrawn == nil }
        if people.isEmpty { throw InvalidInput(field: "nominees", .described(zh: "没有符合条件的被提名人", en: "no qualified nominee")) }
        let s = matter.plan.settings
        let candidates = people.enumerated().map { Candidate(id: "n\($0.offset + 1)", name: $0.element.name) }
        var categories: [VoterCategory] = []
        for (cid, w, n) in [("leaders", s.weightLeaders, leaders), ("staff", s.weightStaff, staff), ("representatives", s.weightRepresentatives, representatives)] where w > 0 {
            // BAL-1: a weighted category needs voters; a plan without one sets its weight to 0 (SEL-9: by a recorded decision)
            if n == 0 {
                throw InvalidInput(field: cid, .described(zh: "方案中此类推荐人权重为\(w)%，人数不能为0；如本次没有此类推荐人，应先调整方案权重",
                                                          en: "the plan weighs this category at \(w)%, so it needs voters; without them, amend the plan's weights first"))
            }
            categories.append(VoterCategory(id: cid, weight: Double(w) / 100, entitled: n))
        }
        if categories.isEmpty { throw InvalidInput(field: "leaders", .described(zh: "至少一类推荐人的人数大于0", en: "at least one voter category needs people")) }
        func settings(_ cats: [VoterCategory]) -> BallotSettings {
            var r = BallotSettings.Recommendation(categories: cats)
            r.rankPoints = [s.pointsFirst, s.pointsSecond, s.pointsThird].prefix(s.maxNamed).map { Double($0) / 100 }
            r.unrankedPoints = Double(s.pointsUnnamed) / 100
            r.maxChoices = s.maxNamed
            return .weightedRecommendation(r)
        }
        guard let unit = try await UnitRecord.find(rec.unitID, on: db) else { throw InvalidInput(field: "unit", .notFound(rec.unitID.uuidString)) }
        let meetingBox = BallotBox(title: "\(matter.title)·会议推荐", settings: settings(categories), candidates: candidates, ballots: [])
        let talkBox = BallotBox(title: "\(matter.title)·谈话推荐", settings: settings([VoterCategory(id: "talk", weight: 1, entitled: talkVoters)]), candidates: candidates, ballots: [])
        let disclosure = matter.plan.disclosure
        let meeting = try await createBallotSession(unitCode: unit.code, box: meetingBox, disclosure: disclosure, custodians: custodians, by: user)
        let now = nowSeconds
        _ = try await createBallotSession(unitCode: unit.code, box: talkBox, disclosure: disclosure, pairedWith: meeting, custodians: custodians, by: user) { tx, talk in
            guard let r = try await MatterRecord.find(id, on: tx.db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
            var sessions = try Self.decode(MatterSessions.self, r.sessions)
            if sessions.meeting != nil { throw InvalidInput(field: "sessions", .duplicate(matter.title)) }
            sessions.meeting = meeting; sessions.talk = talk
            r.sessions = try Self.json(sessions)
            r.updatedAt = now
            try await r.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .sessions, id, ["meeting": .string(meeting.uuidString), "talk": .string(talk.uuidString)]))
        }
    }

    /// INS-3: the democratic evaluation of the inspection targets (an `evaluation` session, 德能勤绩廉); its consent
    /// rates feed the popular-veto gate (BAL-6).
    public func createInspectionEvaluation(matter id: UUID, entitled: Int, custodians: CustodianPlan, by user: ActingUser) async throws {
        if entitled < 1 || entitled > 5000 { throw InvalidInput(field: "entitled", .described(zh: "参加测评人数应在1至5000之间", en: "between 1 and 5000 voters")) }
        let (rec, matter, _) = try await Self.loadMatter(id, user, db) { $0.manages }
        try matter.require(.inspection, .democraticEvaluation)
        if try Self.decode(MatterSessions.self, rec.sessions).evaluation != nil { throw InvalidInput(field: "sessions", .duplicate(matter.title)) }
        // INS-1: the evaluation is inspection work, held only once the notice is out
        if matter.current == .inspection,
           try await Self.inspectionNotice(id, db) == nil {
            throw MatterError.guardFailed(.inspection, [Refusal("INS-1", zh: "考察预告发布后才能开展考察工作（含民主测评）", en: "inspection work, the evaluation included, starts only after the notice is published")])
        }
        let targets = try await MatterPersonRecord.query(on: db).filter(\.$matterID == id).sort(\.$createdAt).all().filter { $0.withdrawn == nil && ($0.targetReason != nil || matter.current == .democraticEvaluation) }
        if targets.isEmpty { throw InvalidInput(field: "candidates", .described(zh: "没有考察对象", en: "nobody to evaluate")) }
        var e = BallotSettings.Evaluation(entitled: entitled, items: VirtueItem.allCases.map { EvaluationItem(id: $0.rawValue, name: $0.title(in: .zhHans), weight: 0.2) },
                                          tiers: [("excellent", 100), ("good", 80), ("fair", 60), ("poor", 40)])
        e.consentThreshold = Fraction(Int64(matter.plan.settings.vetoPercent), 100)
        e.minTurnout = Fraction(Int64(matter.plan.settings.evaluationTurnoutPercent), 100)
        let box = BallotBox(title: "\(matter.title)·考察民主测评", settings: .evaluation(e),
                            candidates: targets.enumerated().map { Candidate(id: "k\($0.offset + 1)", name: $0.element.name) }, ballots: [])
        guard let unit = try await UnitRecord.find(rec.unitID, on: db) else { throw InvalidInput(field: "unit", .notFound(rec.unitID.uuidString)) }
        let now = nowSeconds
        _ = try await createBallotSession(unitCode: unit.code, box: box, disclosure: .supervision, custodians: custodians, by: user) { tx, sid in
            guard let r = try await MatterRecord.find(id, on: tx.db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
            var sessions = try Self.decode(MatterSessions.self, r.sessions)
            if sessions.evaluation != nil { throw InvalidInput(field: "sessions", .duplicate(matter.title)) }
            sessions.evaluation = sid
            r.sessions = try Self.json(sessions)
            r.updatedAt = now
            try await r.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .sessions, id, ["evaluation": .string(sid.uuidString)]))
        }
    }

    // MARK: Team and notice (INS-1, INS-2)

    /// The matter's published inspection notice, if any (INS-1: inspection work waits for it).
    static func inspectionNotice(_ id: UUID, _ db: any Database) async throws -> MatterItemRecord? {
        try await MatterItemRecord.query(on: db).filter(\.$matterID == id).filter(\.$kind == MatterItemKind.inspectionNotice.rawValue).first()
    }

    /// A date typed into a form: `YYYY-MM-DD`, not after today (records and answers are of what happened).
    func pastDay(_ raw: String, field: String) throws -> CivilDay {
        guard let day = CivilDay(raw) else { throw InvalidInput(field: field, .described(zh: "日期格式应为2026-05-08", en: "write the date as 2026-05-08")) }
        return try pastDay(day, field: field)
    }

    func pastDay(_ day: CivilDay, field: String) throws -> CivilDay {
        if day > today { throw InvalidInput(field: field, .described(zh: "日期不能晚于今天", en: "the date cannot be in the future")) }
        return day
    }

    /// INS-2: sets the inspection team; members with accounts hold the inspector role on this matter.
    public func setInspectionTeam(matter id: UUID, members: [TeamMember], by user: ActingUser) async throws {
        let members = members.map { m -> TeamMember in
            var m = m
            m.name = m.name.trimmingCharacters(in: .whitespaces)
            m.account = m.account.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            return m
        }.filter { !$0.name.isEmpty }
        if members.isEmpty { throw InvalidInput(field: "team", .required) }
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            guard matter.phase == .running, matter.current == .inspection || matter.next == .inspection else { throw MatterError.notInStage(.inspection) }
            if try await Self.inspectionNotice(id, tx.db) != nil {
                throw InvalidInput(field: "team", .described(zh: "考察预告已发布，考察组不能再调整", en: "the notice is published; the team can no longer change"))
            }
            for a in members.compactMap(\.account) {
                guard let account = try await AccountRecord.query(on: tx.db).filter(\.$username == a).first() else { throw InvalidInput(field: "account", .notFound(a)) }
                // the pages a team member uses are open to these roles (the store then narrows to the matter)
                let roles = Set(try await GrantRecord.query(on: tx.db).filter(\.$accountID == account.id!).all().compactMap { Role(rawValue: $0.role) })
                if roles.isDisjoint(with: [.organizer, .supervisor, .inspector, .committee]) {
                    throw InvalidInput(field: "account", .described(zh: "账号“\(a)”没有可进入选任事项页面的角色（组织部门、纪检监察、考察组成员或党委成员），请先由管理员授权",
                                                                    en: "account “\(a)” holds no role that reaches the matter pages (organizer, supervisor, inspector or committee member); ask an administrator to grant one"))
                }
            }
            try await MatterTeamRecord.query(on: tx.db).filter(\.$matterID == id).delete()
            for m in members {
                let r = MatterTeamRecord()
                r.matterID = id; r.name = m.name; r.account = m.account; r.background = m.background.rawValue; r.leader = m.leader; r.standing = m.standingCommittee
                try await r.create(on: tx.db)
            }
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .team, id, ["members": .int(Int64(members.count)),
                                                                     "accounts": .array(members.compactMap(\.account).map { .string($0) })]))
        }
    }

    /// INS-1: publishes the inspection notice (persons, purpose and method, team, how to reach the team) for the
    /// plan's days; inspection work starts after it. Needs a team that meets INS-2 and the persons chosen.
    public func publishInspectionNotice(matter id: UUID, method: String, contact: String, by user: ActingUser) async throws {
        let method = method.trimmingCharacters(in: .whitespacesAndNewlines), contact = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [InvalidInput.Issue] = []
        if method.isEmpty { issues.append(.init(field: "method", problem: .required)) }
        if contact.isEmpty { issues.append(.init(field: "contact", problem: .required)) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            try matter.require(.inspection)
            if try await Self.inspectionNotice(id, tx.db) != nil {
                throw InvalidInput(field: "notice", .duplicate(MatterItemKind.inspectionNotice.title(in: .zhHans)))
            }
            let team = try await MatterTeamRecord.query(on: tx.db).filter(\.$matterID == id).all().map(Self.member)
            let problems = TeamMember.problems(team, minSize: matter.plan.settings.minTeamSize)
            if !problems.isEmpty { throw MatterError.guardFailed(.inspection, problems) }
            let targets = try await MatterPersonRecord.query(on: tx.db).filter(\.$matterID == id).sort(\.$createdAt).all().filter { $0.targetReason != nil && $0.withdrawn == nil }
            if targets.isEmpty { throw InvalidInput(field: "candidates", .described(zh: "尚未确定考察对象", en: "nobody has been chosen for inspection")) }
            var lines: [MatterNote.Field] = []
            for t in targets {
                let pos = matter.plan.positions.first { $0.id == t.positionID }
                lines.append(.init("person", "\(t.name)，拟任\(pos.map { "\($0.unitName)\($0.post)" } ?? "")"))
            }
            lines.append(.init("method", method))
            lines.append(.init("team", team.map { "\($0.name)（\($0.leader ? "组长，" : "")\($0.background.title(in: .zhHans))）" }.joined(separator: "、")))
            lines.append(.init("contact", contact))
            let ends = day.adding(days: matter.plan.settings.noticeDays)
            lines.append(.init("period", "\(day) 至 \(ends)"))
            try await self.addItem(.inspectionNotice, to: rec, matter, lines: lines, ends: ends, at: now, tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .notice, id, ["ends": .string(ends.description), "persons": .int(Int64(targets.count))]))
        }
    }

    // MARK: Records (SEL-6 talks, INS-3…6, consultation)

    /// Adds a record to the matter. Recommendation talks during the recommendation stage; inspection work only during
    /// inspection after the notice is published (INS-1), by the team or the organizers; consultation notes by organizers.
    @discardableResult
    public func addMatterNote(matter id: UUID, kind: MatterNoteKind, person personID: UUID?, day rawDay: String, fields: [MatterNote.Field],
                              opinion: BodyOpinion? = nil, by user: ActingUser) async throws -> UUID {
        let day = try pastDay(rawDay, field: "day")
        let fields = fields.map { MatterNote.Field($0.key, $0.value.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if fields.allSatisfy({ $0.value.isEmpty }) && opinion == nil { throw InvalidInput(field: "summary", .required) }
        for f in fields where f.value.count > 10_000 { throw InvalidInput(field: f.key, .tooLong(max: 10_000)) }
        let now = nowSeconds
        return try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { access in
                switch kind {
                case .recommendationTalk, .consultation, .bodyOpinion, .comparison: access.manages || access.inspects
                default: access.inspects
                }
            }
            switch kind {
            case .recommendationTalk: try matter.require(.democraticRecommendation)
            case .consultation: try matter.require(.consultation, .democraticRecommendation)
            case .bodyOpinion: try matter.require(.inspection)
            default:
                try matter.require(.inspection)
                // INS-1: inspection work only once the notice is out
                guard try await Self.inspectionNotice(id, tx.db) != nil else {
                    throw MatterError.guardFailed(.inspection, [Refusal("INS-1", zh: "考察预告发布后才能开展考察工作", en: "inspection work starts only after the notice is published")])
                }
            }
            if let personID {
                guard let p = try await MatterPersonRecord.find(personID, on: tx.db), p.matterID == id else { throw InvalidInput(field: "person", .notFound(personID.uuidString)) }
                if kind.isInspectionWork || kind == .bodyOpinion, p.targetReason == nil { throw InvalidInput(field: "person", .described(zh: "\(p.name)不是考察对象", en: "\(p.name) is not being inspected")) }
            } else if kind.isInspectionWork && kind != .comparison {
                throw InvalidInput(field: "person", .required)
            }
            if kind == .comparison, !matter.plan.positions.map(\.id).contains(fields.first { $0.key == "position" }?.value ?? "") {
                throw InvalidInput(field: "position", .required)
            }
            let r = MatterNoteRecord()
            r.id = UUID(); r.matterID = id; r.personID = personID; r.kind = kind.rawValue; r.day = day.description; r.by = user.name; r.createdAt = now
            r.body = try Self.json(NoteBody(fields: fields, opinion: opinion))
            try await r.create(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            // the content stays out of the ledger (talks are confidential); its hash is there
            try await tx.record(self.matterEvent(user, kind == .bodyOpinion ? .opinion : (kind == .recommendationTalk ? .talk : .record), id,
                                                 ["kind": .string(kind.rawValue), "note": .string(r.id!.uuidString), "person": personID.map { .string($0.uuidString) } ?? .null,
                                                  "hmac": .string(self.textDigest(r.body))]))
            return r.id!
        }
    }

    /// INS-5: the answer to an opinion asked of another body.
    public func answerOpinion(matter id: UUID, note noteID: UUID, answered rawDay: String, answer: String, negative: Bool, attachment: String = "", by user: ActingUser) async throws {
        let day = try pastDay(rawDay, field: "answered")
        let answer = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if answer.count > 2000 { throw InvalidInput(field: "answer", .tooLong(max: 2000)) }
        if attachment.count > 200 { throw InvalidInput(field: "attachment", .tooLong(max: 200)) }
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages || $0.inspects }
            guard matter.phase == .running else { throw MatterError.wrongPhase(matter.phase) }
            guard let r = try await MatterNoteRecord.find(noteID, on: tx.db), r.matterID == id, r.kind == MatterNoteKind.bodyOpinion.rawValue else {
                throw InvalidInput(field: "note", .notFound(noteID.uuidString))
            }
            var body = try Self.decode(NoteBody.self, r.body)
            guard var o = body.opinion else { throw InvalidInput(field: "note", .notFound(noteID.uuidString)) }
            // INS-5: an answer is recorded once; a negative one is set aside only by a recorded override
            if o.answered != nil {
                throw InvalidInput(field: "answer", .described(zh: "此意见已回复，不能改写；如确有错误，须以决定方式处理（关口的“以决定不受此限”）",
                                                               en: "this opinion has been answered and cannot be rewritten; a mistake is set aside by a recorded decision (the gate's override)"))
            }
            if day < o.requested { throw InvalidInput(field: "answered", .described(zh: "回复日期不能早于征求日期", en: "the answer cannot predate the request")) }
            o.answered = day; o.answer = answer; o.negative = negative
            if !attachment.isEmpty { o.attachment = attachment }
            body.opinion = o
            r.body = try Self.json(body)
            try await r.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .opinion, id, ["note": .string(noteID.uuidString), "negative": .bool(negative), "hmac": .string(self.textDigest(r.body))]))
        }
    }

    // MARK: Gates

    /// A change to a person's gate records, by the roles `allowed` admits, during inspection or the committee stage.
    func changeGates(_ id: UUID, _ personID: UUID, by user: ActingUser, action: MatterLedgerAction, payload: [String: LedgerValue],
                     allowed: @escaping @Sendable (MatterAccess) -> Bool, _ change: @escaping @Sendable (inout PersonGates, CivilDay, MatterAccess) throws -> Void) async throws {
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, access) = try await Self.loadMatter(id, user, tx.db, allowed)
            guard matter.phase == .running else { throw MatterError.wrongPhase(matter.phase) }
            guard let p = try await MatterPersonRecord.find(personID, on: tx.db), p.matterID == id else { throw InvalidInput(field: "person", .notFound(personID.uuidString)) }
            var gates = try Self.decode(PersonGates.self, p.gates)
            try change(&gates, day, access)
            p.gates = try Self.json(gates)
            try await p.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            var payload = payload
            payload["person"] = .string(personID.uuidString)
            try await tx.record(self.matterEvent(user, action, id, payload))
        }
    }

    /// REG-3: the check of the personal-matters report made for this promotion.
    public func recordPersonalMattersCheck(matter id: UUID, person: UUID, check: PersonalMattersCheck, by user: ActingUser) async throws {
        if check.note.count > 1000 { throw InvalidInput(field: "note", .tooLong(max: 1000)) }
        _ = try pastDay(check.date, field: "day")
        // the result stays out of the ledger (only that a check was recorded); a check is recorded once — a
        // correction is an organizer's (the team cannot turn an inconsistent result into a consistent one)
        try await changeGates(id, person, by: user, action: .gate, payload: ["gate": "personal"],
                              allowed: { $0.manages || $0.inspects }) { g, _, access in
            if g.personalMatters != nil && !access.manages {
                throw InvalidInput(field: "consistent", .described(zh: "核查结果已记录，只有组织部门可以更正", en: "the check is recorded; only an organizer may correct it"))
            }
            g.personalMatters = check
        }
    }

    /// INS-7: the integrity exam's date and score.
    public func recordIntegrityExam(matter id: UUID, person: UUID, exam: IntegrityExam, by user: ActingUser) async throws {
        guard (0 ... 100).contains(exam.score) else { throw InvalidInput(field: "score", .described(zh: "分数应在0至100之间", en: "the score must be 0–100")) }
        try await changeGates(id, person, by: user, action: .gate, payload: ["gate": "exam"], allowed: { $0.manages }) { g, _, _ in g.integrityExam = exam }
    }

    /// CHK-5: the reference of the prior report of an exceptional or batch promotion.
    public func recordPriorReport(matter id: UUID, person: UUID, reference: String, by user: ActingUser) async throws {
        let ref = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if ref.isEmpty { throw InvalidInput(field: "reference", .required) }
        if ref.count > 200 { throw InvalidInput(field: "reference", .tooLong(max: 200)) }
        try await changeGates(id, person, by: user, action: .gate, payload: ["gate": "report", "reference_hmac": .string(self.textDigest(ref))], allowed: { $0.manages }) { g, _, _ in g.priorReport = ref }
    }

    /// INS-4: scores per item of 德能勤绩廉 (0–100).
    public func recordVirtueScores(matter id: UUID, person: UUID, scores: [VirtueItem: Int], by user: ActingUser) async throws {
        for (k, v) in scores where !(0 ... 100).contains(v) { throw InvalidInput(field: k.rawValue, .described(zh: "分数应在0至100之间", en: "scores are 0–100")) }
        try await changeGates(id, person, by: user, action: .record, payload: ["scores": .int(Int64(scores.count))], allowed: { $0.inspects }) { g, _, _ in
            g.scores = Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) })
        }
    }

    /// CAS-3 (until report cases exist): an organizer or supervisor holds a person back from the committee, with a reason.
    public func placeHold(matter id: UUID, person: UUID, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        try await changeGates(id, person, by: user, action: .hold, payload: ["reason_hmac": .string(self.textDigest(reason))], allowed: { $0.manages || $0.supervises }) { g, day, _ in
            g.holds.append(Hold(reason: reason, by: user.name, on: day))
        }
    }

    /// Lifts an open hold (the `index`-th), with a reason.
    public func liftHold(matter id: UUID, person: UUID, index: Int, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        try await changeGates(id, person, by: user, action: .holdLift, payload: ["hold": .int(Int64(index)), "reason_hmac": .string(self.textDigest(reason))],
                              allowed: { $0.manages || $0.supervises }) { g, day, _ in
            guard g.holds.indices.contains(index), g.holds[index].isOpen else { throw InvalidInput(field: "hold", .notFound("\(index + 1)")) }
            // CAS-3: a report case's hold is lifted when the case concludes, not by hand
            if g.holds[index].by.hasPrefix("case:") {
                throw InvalidInput(field: "hold", .described(zh: "该暂停事项因信访举报案件设立，案件办结后自动解除", en: "this hold belongs to a report case and is lifted when the case concludes"))
            }
            g.holds[index].liftedReason = reason; g.holds[index].liftedBy = user.name; g.holds[index].liftedOn = day
        }
    }

    /// Sets a gate aside by a recorded decision (reason and decision reference); shown wherever the gate shows.
    public func overrideGate(matter id: UUID, person: UUID, gate: GateKind, reason: String, decision: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines), decision = decision.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [InvalidInput.Issue] = []
        if reason.isEmpty { issues.append(.init(field: "reason", problem: .required)) }
        if decision.isEmpty { issues.append(.init(field: "decision", problem: .required)) }
        if reason.count > 2000 { issues.append(.init(field: "reason", problem: .tooLong(max: 2000))) }
        if decision.count > 200 { issues.append(.init(field: "decision", problem: .tooLong(max: 200))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        guard gate.canBeOverridden else {
            throw InvalidInput(field: "gate", .described(zh: "暂停事项只能在查清后解除，不能以决定代替", en: "a hold is lifted once cleared, never overridden"))
        }
        try await changeGates(id, person, by: user, action: .override, payload: ["gate": .string(gate.rawValue), "decision_hmac": .string(self.textDigest(decision)), "reason_hmac": .string(self.textDigest(reason))],
                              allowed: { $0.manages }) { g, day, _ in
            g.overrides[gate.rawValue] = GateOverride(reason: reason, decision: decision, by: user.name, on: day)
        }
    }
}
