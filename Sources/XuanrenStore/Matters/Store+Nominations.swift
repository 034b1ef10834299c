import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// Nomination (NOM-1…3, ELG-6), the consolidated record (NOM-2) and the choice of whom to inspect (INS-8, BAL-5).
extension Store {
    /// NOM-1: a nomination of a registry cadre for a position, through a channel. The same person nominated again
    /// (another channel or recommender) gains a line on their record. The nominee is checked against the
    /// position's conditions at once (ELG-6), reasons in words.
    @discardableResult
    public func nominate(matter id: UUID, positionID: String, cadreID: UUID, channel: NominationChannel, recommender: String = "", note: String = "",
                         by user: ActingUser) async throws -> UUID {
        try NominationChannel.check(channel, recommender: recommender)
        if note.count > 2000 { throw InvalidInput(field: "note", .tooLong(max: 2000)) }
        let ladder = try await registrySettings().ladder
        let now = nowSeconds, day = today
        return try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            try matter.require(.initialNomination)
            if rec.consolidated != nil { throw MatterError.notInStage(.initialNomination) }
            guard let position = matter.plan.positions.first(where: { $0.id == positionID }) else { throw InvalidInput(field: "position", .notFound(positionID)) }
            guard let cadre = try await CadreRecord.find(cadreID, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(cadreID.uuidString)) }
            // the nominee's file must be one the organizer reads
            guard try await Self.unitTree(on: tx.db).permits(user, RegistryScope.readers, on: cadre.unitID) || user.isSystem else { throw NotPermitted() }
            let nomination = Nomination(channel: channel, recommender: recommender.trimmingCharacters(in: .whitespaces), note: note, by: user.name, on: day)
            let person: MatterPersonRecord
            if let existing = try await MatterPersonRecord.query(on: tx.db).filter(\.$matterID == id).filter(\.$positionID == positionID).filter(\.$cadreID == cadreID).first() {
                person = existing
                var list = try Self.decode([Nomination].self, person.nominations)
                list.append(nomination)
                person.nominations = try Self.json(list)
            } else {
                person = MatterPersonRecord()
                person.id = UUID(); person.matterID = id; person.positionID = positionID; person.cadreID = cadreID; person.name = cadre.name
                person.nominations = try Self.json([nomination]); person.gates = try Self.json(PersonGates()); person.createdAt = now
            }
            try await Self.review(person, cadre, position, ladder: ladder, tx.db)
            try await person.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            // the recommender's name stays out of the ledger (NOM-1: organizers and supervisors only), only its hash
            try await tx.record(self.matterEvent(user, .nominate, id, ["person": .string(person.id!.uuidString), "cadre": .string(cadreID.uuidString),
                                                                         "position": .string(positionID), "channel": .string(channel.rawValue),
                                                                         "recommender_hmac": .string(self.textDigest(nomination.recommender)), "flagged": .bool(channel.flagged)]))
            return person.id!
        }
    }

    /// ELG-6: checks a nominee against the position's conditions with the registry's engine, reasons in words.
    static func review(_ person: MatterPersonRecord, _ cadre: CadreRecord, _ position: MatterPosition, ladder: RankLadder, _ db: any Database) async throws {
        let file = try await storedFile(cadre, on: db)
        guard let facts = file.facts(ladder: ladder) else {
            person.review = try json([ConditionCheck(passed: false, zh: "档案缺少出生、参加工作时间或职级，无法审查", en: "the file lacks birth, work start or rank and cannot be checked")])
            person.qualified = false
            return
        }
        let results = Eligibility.evaluate(facts, for: position.conditions)
        person.review = try json(results.map { ConditionCheck(passed: $0.passed, zh: $0.zh, en: $0.en) })
        person.qualified = results.allSatisfy(\.passed)
    }

    /// Checks a nominee again (after the file was corrected).
    public func reviewNominee(matter id: UUID, person personID: UUID, by user: ActingUser) async throws {
        let ladder = try await registrySettings().ladder
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            guard let person = try await MatterPersonRecord.find(personID, on: tx.db), person.matterID == id,
                  let position = matter.plan.positions.first(where: { $0.id == person.positionID }) else { throw InvalidInput(field: "person", .notFound(personID.uuidString)) }
            guard let cadreID = person.cadreID, let cadre = try await CadreRecord.find(cadreID, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(person.name)) }
            try await Self.review(person, cadre, position, ladder: ladder, tx.db)
            try await person.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .review, id, ["person": .string(personID.uuidString), "qualified": .bool(person.qualified ?? false)]))
        }
    }

    /// NOM-2: the organizer consolidates all channels into one record; nominations close.
    public func consolidateNominations(matter id: UUID, note: String, by user: ActingUser) async throws {
        let now = nowSeconds, day = today
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            try matter.require(.initialNomination)
            if rec.consolidated != nil { throw MatterError.notInStage(.initialNomination) }
            let count = try await MatterPersonRecord.query(on: tx.db).filter(\.$matterID == id).count()
            if count == 0 { throw InvalidInput(field: "nominees", .described(zh: "尚无被提名人，不能汇总", en: "nobody has been nominated yet")) }
            rec.consolidated = try Self.json(Consolidation(on: day, by: user.name, note: note.trimmingCharacters(in: .whitespacesAndNewlines)))
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .consolidate, id, ["nominees": .int(Int64(count)), "note_hmac": .string(self.textDigest(note))]))
        }
    }

    /// INS-8: the organizer records whom to inspect and why; never chosen by votes alone, and (BAL-5, when the plan
    /// requires it) only a nominee with the double majority. Possible in the stage just before inspection.
    public func chooseForInspection(matter id: UUID, person personID: UUID, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .described(zh: "请写明确定为考察对象的理由（不简单以票取人）", en: "write why this person is to be inspected (not by votes alone)")) }
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            guard matter.phase == .running, matter.next == .inspection else { throw MatterError.notInStage(matter.current ?? .inspection) }
            guard let person = try await MatterPersonRecord.find(personID, on: tx.db), person.matterID == id, person.withdrawn == nil else {
                throw InvalidInput(field: "person", .notFound(personID.uuidString))
            }
            if person.qualified == false { throw InvalidInput(field: "person", .described(zh: "\(person.name)不符合任职条件", en: "\(person.name) does not meet the conditions")) }
            if matter.plan.settings.doubleMajority, let line = try await self.using(tx.db).doubleMajorityLines(rec).first(where: { $0.name == person.name }), !line.passes {
                throw InvalidInput(field: "person", .described(zh: "\(person.name)未达到双过半，不能列为考察对象（BAL-5）", en: "\(person.name) has no double majority and cannot be inspected (BAL-5)"))
            }
            person.targetReason = reason
            try await person.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .target, id, ["person": .string(personID.uuidString), "reason_hmac": .string(self.textDigest(reason))]))
        }
    }

    /// Takes a person out of the matter (withdrawn, disqualified), with the reason.
    public func withdrawPerson(matter id: UUID, person personID: UUID, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            guard matter.phase == .running else { throw MatterError.wrongPhase(matter.phase) }
            guard let person = try await MatterPersonRecord.find(personID, on: tx.db), person.matterID == id, person.withdrawn == nil else {
                throw InvalidInput(field: "person", .notFound(personID.uuidString))
            }
            person.withdrawn = reason
            try await person.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(self.matterEvent(user, .withdraw, id, ["person": .string(personID.uuidString), "reason_hmac": .string(self.textDigest(reason))]))
        }
    }

    // MARK: People and facts

    /// BAL-5 lines of the matter's meeting vote and talk recommendation, when both are closed.
    func doubleMajorityLines(_ rec: MatterRecord) async throws -> [DoubleMajority.Line] {
        let s = try Self.decode(MatterSessions.self, rec.sessions)
        guard let m = s.meeting, let t = s.talk, let a = try await closedBox(m), let b = try await closedBox(t) else { return [] }
        return DoubleMajority.lines(a, b)
    }

    /// A closed session's template and result (nil while open).
    func closedBox(_ id: UUID) async throws -> (box: BallotBox, result: TallyResult)? {
        guard let rec = try await BallotSessionRecord.find(id, on: db), rec.status == BallotSessionStatus.closed.rawValue,
              let result = try await ballotResult(id) else { return nil }
        return (try BallotBoxReader.header(MemoryByteSource(rec.template)), result)
    }

    func sessionStatus(_ id: UUID?, _ db: any Database) async throws -> BallotSessionStatus? {
        guard let id, let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        return BallotSessionStatus(rawValue: rec.status)
    }

    /// Everyone in the matter with their review, gates and the results of the votes.
    func matterPeople(_ rec: MatterRecord, _ matter: Matter, _ db: any Database) async throws -> [MatterPerson] {
        let s = using(db)
        let rows = try await MatterPersonRecord.query(on: db).filter(\.$matterID == rec.id!).sort(\.$createdAt).all()
        let sessions = try Self.decode(MatterSessions.self, rec.sessions)
        let lines = try await s.doubleMajorityLines(rec)
        var recommendation: [String: (Double?, Int?)] = [:]
        if let m = sessions.meeting, let (box, result) = try await s.closedBox(m), case .recommendation(let rs, _) = result.rows {
            for r in rs { if let c = box.candidates.first(where: { $0.id == r.candidate }) { recommendation[c.name] = (r.score, r.rank) } }
        }
        var consent: [String: (Int, Int)] = [:]
        if let e = sessions.evaluation, let (box, result) = try await s.closedBox(e), case .evaluation(let rs) = result.rows {
            for r in rs {
                if let c = box.candidates.first(where: { $0.id == r.candidate }) {
                    consent[c.name] = (r.excellent + r.competent, r.excellent + r.competent + r.basic + r.incompetent)
                }
            }
        }
        let registry = try await s.registrySettings()
        let notes = try await MatterNoteRecord.query(on: db).filter(\.$matterID == rec.id!).filter(\.$kind == MatterNoteKind.bodyOpinion.rawValue).all().map(Self.note)
        var out: [MatterPerson] = []
        for r in rows {
            let gates = try Self.decode(PersonGates.self, r.gates)
            var facts = GateFacts()
            facts.personalMatters = gates.personalMatters
            facts.integrityExam = gates.integrityExam
            facts.holds = gates.holds
            facts.priorReport = gates.priorReport
            facts.overrides = Dictionary(gates.overrides.compactMap { k, v in GateKind(rawValue: k).map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
            let position = matter.plan.positions.first { $0.id == r.positionID }
            facts.priorReportRequired = (position?.exceptional ?? false) || matter.plan.totalPosts >= matter.plan.settings.batchReportPosts
            // INS-5: every integrity opinion asked counts — a negative or unanswered one is not hidden by a later clean one
            let integrity = notes.filter { $0.personID == r.id && $0.opinion?.isIntegrity == true }.compactMap(\.opinion)
            facts.integrityOpinion = integrity.first { $0.negative } ?? integrity.first { $0.answered == nil } ?? integrity.last
            if let c = consent[r.name] { facts.evaluation = (c.0, c.1) }
            if let cadreID = r.cadreID { facts.blockingFindings = try await Self.blockingFindings(cadreID, settings: registry.audit, today: today.yearMonth, db) }
            let rs = recommendation[r.name]
            out.append(MatterPerson(id: r.id!, positionID: r.positionID, cadreID: r.cadreID, name: r.name,
                                    nominations: try Self.decode([Nomination].self, r.nominations),
                                    review: try r.review.map { try Self.decode([ConditionCheck].self, $0) }, qualified: r.qualified,
                                    targetReason: r.targetReason, withdrawn: r.withdrawn, gates: gates,
                                    gateResults: Gates.evaluate(facts, settings: matter.plan.settings),
                                    recommendationScore: rs?.0, recommendationRank: rs?.1, doubleMajority: lines.first { $0.name == r.name },
                                    consent: consent[r.name].map { (yes: $0.0, total: $0.1) }))
            out[out.count - 1].gateFacts = facts
        }
        return out
    }

    /// REG-4: the unresolved blocking findings of a cadre's file audit, in words.
    static func blockingFindings(_ cadreID: UUID, settings: AuditSettings, today: YearMonth, _ db: any Database) async throws -> [String] {
        guard let cadre = try await CadreRecord.find(cadreID, on: db) else { return ["档案不存在"] }
        if cadre.blocking == 0 { return [] }
        let file = try await storedFile(cadre, on: db)
        let resolved = Set(try await CadreResolutionRecord.query(on: db).filter(\.$cadreID == cadreID).all().map(\.finding))
        return FileAudit.audit(file, today: today, settings: settings).filter { $0.severity == .blocking && !resolved.contains($0.key) }.map(\.zh)
    }

    /// The facts the guards look at, read on `db` (inside the advancing transaction). `only`: the stages whose guards
    /// will run (the current and the next); facts no such guard reads are left at their defaults, which all refuse
    /// (nothing consolidated, counted, chosen or published), so leaving one out can only refuse, never let through.
    /// `people`: the matter's people when the caller has read them already.
    func stageFacts(_ rec: MatterRecord, _ matter: Matter, day: CivilDay, _ db: any Database, people known: [MatterPerson]? = nil,
                    only stages: Set<StageKind>? = nil) async throws -> StageFacts {
        func needs(_ kinds: Set<StageKind>) -> Bool { stages.map { !$0.isDisjoint(with: kinds) } ?? true }
        var f = StageFacts(today: day, posts: matter.plan.totalPosts)
        f.consolidated = rec.consolidated != nil
        f.recordedOutcomes = Set(matter.stages.filter { $0.outcome != nil }.map(\.kind))
        f.halts = try await haltingCases(rec.id!, db)
        if needs([.committeeDecision, .publicity, .appointment, .probation]) { f.decisions = try await decisionFacts(rec, matter, db) }
        if needs([.registration, .qualificationReview, .writtenExam, .interview, .compositeScore]) { f.competition = try await competitionFacts(rec, matter, db) }
        guard needs([.initialNomination, .democraticRecommendation, .democraticEvaluation, .consultation, .inspection, .committeeDecision]) else { return f }
        let people: [MatterPerson]
        if let known { people = known } else { people = try await matterPeople(rec, matter, db) }
        let active = people.filter { $0.withdrawn == nil }
        f.qualifiedNominees = active.filter { $0.qualified == true }.count
        f.unreviewedNominees = active.filter { $0.qualified == nil }.count
        let sessions = try Self.decode(MatterSessions.self, rec.sessions)
        f.meetingVoteClosed = try await sessionStatus(sessions.meeting, db).map { $0 == .closed }
        f.talkVoteClosed = try await sessionStatus(sessions.talk, db).map { $0 == .closed }
        f.evaluationClosed = try await sessionStatus(sessions.evaluation, db) == .closed
        f.recommendationHeld = f.meetingVoteClosed == true && f.talkVoteClosed == true
        f.targets = active.filter(\.isTarget).map { .init(name: $0.name, reason: $0.targetReason ?? "", doubleMajority: f.recommendationHeld ? ($0.doubleMajority?.passes ?? false) : nil) }
        guard needs([.democraticRecommendation, .consultation, .inspection, .committeeDecision]) else { return f }
        let notes = try await MatterNoteRecord.query(on: db).filter(\.$matterID == rec.id!).all()
        f.talksRecorded = notes.filter { $0.kind == MatterNoteKind.recommendationTalk.rawValue }.count
        f.consultationRecorded = notes.contains { $0.kind == MatterNoteKind.consultation.rawValue }
        f.candidates = active.filter(\.isTarget).map { p in
            StageFacts.Candidate(name: p.name, talks: notes.filter { $0.personID == p.id && $0.kind == MatterNoteKind.inspectionTalk.rawValue }.count,
                                 materials: notes.contains { $0.personID == p.id && $0.kind == MatterNoteKind.materials.rawValue }, gates: p.gateFacts)
        }
        let positionsWithCandidates = Set(active.filter(\.isTarget).map(\.positionID))
        let compared = Set(notes.filter { $0.kind == MatterNoteKind.comparison.rawValue }.compactMap { Self.note($0).value("position") })
        f.comparisonWritten = positionsWithCandidates.isSubset(of: compared)
        guard needs([.inspection]) else { return f }
        if let notice = try await Self.inspectionNotice(rec.id!, db) {
            f.noticePublished = CivilDay(epochSeconds: notice.publishedAt)
        }
        f.team = try await MatterTeamRecord.query(on: db).filter(\.$matterID == rec.id!).all().map(Self.member)
        return f
    }
}
