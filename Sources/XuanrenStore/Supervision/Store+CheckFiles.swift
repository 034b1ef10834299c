import FluentKit
import Foundation
import SelectionCore

/// CHK-2, CHK-3, CHK-5: what a check reads when it draws — the newly promoted cadres of the unit's tree appointed in
/// the period, each with the facts of the mandatory reasons, the CHK-3 hints and the CHK-5 list.
///
/// Where the facts come from (the one-person-one-table record of the person's matter, LED-1):
/// - the appointment: the person's publicity record (`Publicity.appointment`, PUB-3), its post and rank;
/// - the rank before: the probation's former level (`FormerLevel`, kept when the appointment started the probation);
///   levels from the registry's rank ladder — a lateral move (the same level or lower) is no promotion and is left out;
/// - dissatisfied votes: the matter's inspection evaluation (基本称职 + 不称职 of the valid ballots, BAL-3);
/// - reports: reports received during publicity (PUB-2) and `reportedPeople(unit:period:)` (report cases linked to the person, CAS-3);
/// - recommendation: the rank in the meeting recommendation (BAL-1) and its votes of those cast (BAL-5);
/// - 破格/越级: the plan's mark of the position (CHK-5); 越级 also from the ladder;
/// - education: the registry file (full-time or in service, the higher);
/// - beyond the post count: not recorded anywhere (no unit's approved post counts are kept) — always unknown.
extension Store {
    struct GatheredFile: Sendable {
        var matterID: UUID
        var personID: UUID
        var cadreID: UUID?
        var name: String
        var post: String
        var appointed: CivilDay
        var facts: CheckFileFacts
        var mandatory: [MandatoryReason]
    }

    /// Reads on `db` (the store must be `using` the transaction's connection).
    func gatherPromotions(unit: UUID, check: Check, tree: UnitTree) async throws -> (files: [GatheredFile], context: CheckContext) {
        let scope = tree.below([unit])
        let unitNames = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let ladder = try await registrySettings().ladder
        let reported = try await reportedPeople(unit: unit, period: check.period)

        // the appointments made in the period, by matter
        var appointed: [UUID: [(record: PublicityRecord, publicity: Publicity, day: CivilDay)]] = [:]
        for r in try await PublicityRecord.query(on: db).all() {
            let p = try Self.decode(Publicity.self, r.state)
            guard let a = p.appointment, check.period.contains(a.day) else { continue }
            appointed[r.matterID, default: []].append((r, p, a.day))
        }

        var files: [GatheredFile] = []
        var promoted: [LeaderRelations.Promoted] = []
        var priorMatters: [PriorReports.Matter] = []
        for mrec in try await MatterRecord.query(on: db).sort(\.$createdAt).all() {
            let matter = try Self.decode(Matter.self, mrec.state)
            func inScope(_ p: MatterPosition?) -> Bool { scope.contains(mrec.unitID) || p.map { scope.contains($0.unitID) } == true }
            guard inScope(nil) || matter.plan.positions.contains(where: { scope.contains($0.unitID) }) else { continue }
            let appointments = appointed[mrec.id!] ?? []
            // CHK-5 looks at the matters of the period: begun in it, or with an appointment in it
            guard !appointments.isEmpty || (matter.phase != .drafting && check.period.contains(CivilDay(epochSeconds: mrec.createdAt))) else { continue }
            let people = try await matterPeople(mrec, matter, db)
            let positions = Dictionary(matter.plan.positions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let appointedIDs = Set(appointments.map(\.record.personID))

            var prior: [PriorReports.Person] = []
            for p in people where (p.isTarget || appointedIDs.contains(p.id)) && inScope(positions[p.positionID]) {
                prior.append(.init(name: p.name, positionID: p.positionID, reference: p.gates.priorReport,
                                   overriddenBy: p.gates.overrides[GateKind.priorReport.rawValue]?.decision, appointed: appointedIDs.contains(p.id)))
            }
            priorMatters.append(PriorReports.Matter(id: mrec.id!.uuidString, title: mrec.title, positions: matter.plan.positions,
                                                    batchPosts: matter.plan.settings.batchReportPosts, people: prior))
            if appointments.isEmpty { continue }

            let sessions = try Self.decode(MatterSessions.self, mrec.sessions)
            let lines = try await doubleMajorityLines(mrec)
            for (pubRec, pub, day) in appointments {
                guard let person = people.first(where: { $0.id == pubRec.personID }), let position = positions[person.positionID], inScope(position) else { continue }
                let details = try Self.decode(PublicityDetails.self, pubRec.details)
                let former = try await ProbationRecord.query(on: db).filter(\.$personID == pubRec.personID).first().map { try Self.decode(FormerLevel.self, $0.former) }
                var file: CadreFile?
                if let c = person.cadreID, let cr = try await CadreRecord.find(c, on: db) { file = try await Self.storedFile(cr, on: db) }

                var facts = PromotionFacts()
                if let c = person.consent { facts.evaluation = .init(dissatisfied: c.total - c.yes, valid: c.total) }
                // named without words of one language: the rule, the report's number and day
                var reports = pub.reports.map { "PUB-2 \($0.id) \($0.received)" }
                if let c = person.cadreID, reported.contains(c) { reports.append("CAS-1") }
                facts.reports = reports
                if sessions.meeting != nil {
                    let line = lines.first { $0.name == person.name }
                    facts.recommendation = .init(rank: person.recommendationRank, posts: position.posts, votes: line?.first?.votes, cast: line?.first?.cast)
                }
                facts.exceptional = position.exceptional
                if let f = former, !f.rank.isEmpty { facts.formerRank = f.rank; facts.formerLevel = ladder.level(of: f.rank) }
                let newRank = details.rank.trimmingCharacters(in: .whitespaces)
                facts.newRank = newRank.isEmpty ? ladder.ranks.first { $0.track == .leadership && $0.level == position.grade }?.name : newRank
                facts.newLevel = (newRank.isEmpty ? nil : ladder.level(of: newRank)) ?? position.grade
                facts.education = file.flatMap { f in [f.fullTimeLevel, f.inServiceLevel].compactMap { $0 }.max() }
                // 新提拔: the same level or lower is a transfer, not a promotion; an unknown former level stays in the list
                if facts.isPromotion == false { continue }

                let reasons = MandatoryReasons.evaluate(facts, settings: check.settings)
                let post = details.post.isEmpty ? position.unitName + position.post : details.post
                files.append(GatheredFile(
                    matterID: mrec.id!, personID: person.id, cadreID: person.cadreID, name: person.name, post: post, appointed: day,
                    facts: CheckFileFacts(matterTitle: mrec.title, positionID: position.id, unitName: unitNames[position.unitID] ?? position.unitName,
                                          formerPost: former?.post ?? "", facts: facts, reasons: reasons, document: pub.appointment?.document ?? ""),
                    mandatory: reasons.filter { $0.status == .applies }.map(\.reason)))
                promoted.append(LeaderRelations.Promoted(file: person.id.uuidString, name: person.name, family: file?.family ?? [],
                                                         formerPost: former?.post ?? "", nominatedOutsideChannels: person.flagged))
            }
        }
        files.sort { ($0.appointed, $0.name, $0.personID.uuidString) < ($1.appointed, $1.name, $1.personID.uuidString) }

        // CHK-3: the main leaders — the members of the unit's committee roster whose title names one, and the departing
        // secretary of a departure check — with their own files' relatives when they have a file in the unit's tree
        var leaders: [(name: String, title: String)] = []
        if let s = check.secretary { leaders.append((s, "离任党委书记")) }
        for m in try await Self.roster(unit, db) where LeaderRelations.isMainLeader(title: m.title) && !leaders.contains(where: { $0.name == m.name }) {
            leaders.append((m.name, m.title))
        }
        var values: [LeaderRelations.Leader] = []
        for l in leaders {
            var family: [CadreFile.Relative] = []
            for cr in try await CadreRecord.query(on: db).filter(\.$name == l.name).all() where scope.contains(cr.unitID) {
                family += try await Self.storedFile(cr, on: db).family
            }
            values.append(.init(name: l.name, title: l.title, family: family))
        }
        let order = Dictionary(files.enumerated().map { ($1.personID.uuidString, $0) }, uniquingKeysWith: { a, _ in a })
        promoted.sort { (order[$0.file] ?? 0) < (order[$1.file] ?? 0) }
        let context = CheckContext(leaders: leaders.map { "\($0.title) \($0.name)" }, hints: LeaderRelations.hints(leaders: values, promoted: promoted),
                                   priorReports: PriorReports.lines(priorMatters))
        return (files, context)
    }
}
