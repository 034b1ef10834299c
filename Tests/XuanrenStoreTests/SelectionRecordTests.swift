import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// LED-1, LED-3: one person's table (一人一表) and the matter's record (一事一记), read from the ledger: each line a real
/// entry, in order and in words, scoped as the matter, with the record the store keeps checked against the entry's
/// digest; and a table's line whose entry is changed in the database is what `xuanren verify` names.
enum SelectionRecordChecks {
    static let system = ActingUser.system("organizer")

    /// The fixture's matter with a second nominee, 李明, who is not chosen for inspection; the team (with `member`'s
    /// account) and the notice out, a confidential talk about 王立新 by `member`, a personal-matters check recorded twice
    /// (the second a correction), a hold placed and lifted.
    struct World {
        var f: InspectionFixture
        var other: UUID
        var member: ActingUser
        var secret: String
    }

    static func world(_ store: Store) async throws -> World {
        try await InspectionChecks.units(store)
        let units = try await store.units()
        let fin = try #require(units.first { $0.code == "fin" })
        let cadre = try await store.saveCadre(InspectionFixture.cadreFile("王立新"), unitID: fin.id, by: AccountInfo.wholeTree("organizer", units: units))
        let second = try await store.saveCadre(InspectionFixture.cadreFile("李明", id17: "35010219860412302"), unitID: fin.id, by: AccountInfo.wholeTree("organizer", units: units))
        var settings = MatterSettings()
        settings.competitiveStages = []
        let position = MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 4, posts: 1,
                                      conditions: PositionConditions(referenceDate: YearMonth.today, targetGrade: 4))
        let plan = MatterPlan(positions: [position], procedure: try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment]),
                              settings: settings, disclosure: .unit, scope: "本单位干部", timetable: "2026年", discipline: "严守换届纪律")
        let matter = try await store.createMatter(title: "财政局副局长选任", unitID: fin.id, plan: plan, by: system)
        try await store.publishMatterPlan(matter, by: system)
        let person = try await store.nominate(matter: matter, positionID: "p1", cadreID: cadre, channel: .leaderRecommendation, recommender: "县委副书记 林某", by: system)
        let other = try await store.nominate(matter: matter, positionID: "p1", cadreID: second, channel: .selfRecommendation, by: system)
        try await store.consolidateNominations(matter: matter, note: "各渠道提名已汇总", by: system)
        try await store.chooseForInspection(matter: matter, person: person, reason: "推荐和考核情况较好，符合任职条件", by: system)
        try await store.advanceMatter(matter, by: system)
        let f = InspectionFixture(matter: matter, person: person, cadre: cadre, unit: fin.id)

        let member = try await RegistryScopeChecks.account(store, "insp", "inspector", on: "fin")
        try await InspectionFixture.teamAndNotice(store, f, accounts: ["insp"])
        let secret = "谈话中反映其酒驾一次"
        let today = store.today
        try await store.addMatterNote(matter: matter, kind: .inspectionTalk, person: person, day: today.description,
                                      fields: [.init("with", "某科长"), .init("summary", secret)], by: member)
        try await store.recordPersonalMattersCheck(matter: matter, person: person, check: PersonalMattersCheck(date: today, consistent: false, handling: .explained, note: "漏报一套房产"), by: system)
        try await store.recordPersonalMattersCheck(matter: matter, person: person, check: PersonalMattersCheck(date: today, consistent: true, handling: .none), by: system)
        try await store.placeHold(matter: matter, person: person, reason: "收到反映其问题的来信", by: system)
        try await store.liftHold(matter: matter, person: person, index: 0, reason: "经核查，反映问题不属实", by: system)
        return World(f: f, other: other, member: member, secret: secret)
    }

    static func sql(_ store: Store) -> any SQLDatabase { store.db as! any SQLDatabase }

    static func texts(_ r: SelectionRecord) -> String {
        r.lines.map { l in ([l.title, l.about ?? ""] + l.fields.flatMap { [$0.label, $0.value] } + l.record.flatMap { [$0.label, $0.value] }).joined(separator: "|") }
            .joined(separator: "\n")
    }

    /// LED-3: the person's table is their entries and the matter's, in ledger order, in words; never another person's.
    static func personTable(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let w = try await world(store)
            let table = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: system)
            let record = try await store.matterRecord(matter: w.f.matter, in: .zhHans, by: system)
            #expect(table.person?.name == "王立新" && table.person?.position == "青岚县财政局 副局长" && table.person?.status == "考察对象")
            #expect(record.person == nil && record.people.map(\.name) == ["王立新", "李明"])

            // every line is a ledger entry, with its action, in order
            let seqs = table.lines.map(\.seq)
            #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
            for line in table.lines + record.lines {
                let entry = try #require(try await store.ledgerEntry(seq: line.seq))
                #expect(entry.action == line.action && line.title == LedgerCatalog.title(of: entry.action, in: .zhHans) && line.title != entry.action)
                #expect(line.day == CivilDay(epochSeconds: Int64(ISO8601DateFormatter.withFraction.date(from: entry.at)!.timeIntervalSince1970)))
            }
            // the person's own entries and the matter's; not 李明's nomination, which the matter's record has
            let actions = table.lines.map(\.action)
            for a in ["cadre.create", "matter.create", "matter.plan.publish", "matter.nominate", "matter.nominations.consolidate", "matter.target",
                      "matter.stage.advance", "matter.team", "matter.inspection.notice", "matter.inspection.record", "matter.gate", "matter.hold", "matter.hold.lift"] {
                #expect(actions.contains(a), "\(a) missing from the table")
            }
            let othersNomination = try #require(record.lines.first { $0.action == "matter.nominate" && $0.about == "李明" })
            #expect(!seqs.contains(othersNomination.seq))
            #expect(table.lines.filter { $0.action == "matter.nominate" }.map(\.about) == ["王立新"])
            #expect(!texts(table).contains("李明"))
            // grouped by the stage the matter was in: the file before it, the plan, nomination, inspection
            #expect(table.sections.map(\.title) == ["选任前的档案记录", "制定和发布工作方案", "动议和初始提名", "考察"])
            #expect(table.sections[0].lines.map(\.action) == ["cadre.create"])
            #expect(table.sections[3].lines.first?.action == "matter.stage.advance")
            // words: the channel, the recommender (the system reads it), the reason, the gate, the hold
            let nomination = try #require(table.lines.first { $0.action == "matter.nominate" })
            #expect(nomination.fields.contains(.init("提名渠道", "领导干部定向推荐")) && nomination.fields.contains { $0.label == "推荐人（摘要）" && $0.value.hasSuffix("…") })
            #expect(nomination.record.contains(.init("推荐人", "县委副书记 林某")) && nomination.record.contains(.init("资格审查", "符合任职条件")))
            #expect(table.lines.first { $0.action == "matter.target" }?.record == [.init("确定理由", "推荐和考核情况较好，符合任职条件")])
            #expect(table.lines.first { $0.action == "matter.gate" }?.fields.contains(.init("关口", "个人有关事项报告核查")) == true)
            // the ledger keeps no free text, and the table's fields (from the ledger) have none either
            #expect(!table.lines.flatMap(\.fields).contains { $0.value.contains("林某") || $0.value.contains(w.secret) })
            // the ledger's head when read
            #expect(table.headSeq == (try await store.ledgerLength()))

            // the English table: the same lines, other words
            let en = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .en, by: system)
            #expect(en.lines.map(\.seq) == seqs)
            #expect(en.lines.first { $0.action == "matter.nominate" }?.title == "nominated")
            #expect(en.sections.map(\.title).last == "Inspection")

            // a person who is not in the matter
            await #expect(throws: InvalidInput.self) { try await store.personTable(matter: w.f.matter, person: UUID(), in: .zhHans, by: system) }
        }
    }

    /// LED-3: read as the matter: the organizers and supervisors of its unit and its team; the talk's text for the team
    /// and supervisors only; the registry file's entries for its readers only.
    static func scope(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let w = try await world(store)
            let organizer = try await RegistryScopeChecks.account(store, "orgorg", "organizer", on: "org")
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let outsider = try await RegistryScopeChecks.account(store, "eduorg", "organizer", on: "edu")
            let notMember = try await RegistryScopeChecks.account(store, "insp2", "inspector", on: "fin")
            for user in [outsider, notMember] {
                await #expect(throws: NotPermitted.self) { try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: user) }
                await #expect(throws: NotPermitted.self) { try await store.matterRecord(matter: w.f.matter, in: .zhHans, by: user) }
            }
            func talk(_ r: SelectionRecord) throws -> SelectionRecord.Line { try #require(r.lines.first { $0.action == "matter.inspection.record" }) }
            // the team member who wrote it and the supervisor read it (never printed: the line is marked confidential)
            for user in [w.member, supervisor] {
                let r = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: user)
                let line = try talk(r)
                #expect(line.confidential && !line.withheld && line.record.contains(.init("主要内容", w.secret)))
            }
            // the organizer off the team sees that it exists, and its check against the ledger, not its text
            for r in [try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: organizer),
                      try await store.matterRecord(matter: w.f.matter, in: .zhHans, by: organizer)] {
                let line = try talk(r)
                #expect(line.withheld && !line.confidential && line.check == .matches)
                #expect(!texts(r).contains(w.secret) && !texts(r).contains("某科长"))
                #expect(r.lines.contains { $0.action == "cadre.create" } == (r.person != nil))
            }
            // the recommender's name: organizers and supervisors, not the team member
            let byMember = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: w.member)
            #expect(!texts(byMember).contains("林某"))
            #expect(texts(try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: supervisor)).contains("林某"))
            // the team member reads no registry: the file's entries are left out, and the table says so
            #expect(byMember.registryWithheld && !byMember.lines.contains { $0.action.hasPrefix("cadre.") })
        }
    }

    /// LED-3: each record checked against its entry's digest: what is stored now matches; a record changed in the
    /// database without an entry does not; an earlier entry of a record changed since says which entry changed it.
    static func digests(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let w = try await world(store)
            var table = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: system)
            let gates = table.lines.filter { $0.action == "matter.gate" }
            #expect(gates.count == 2)
            #expect(gates[0].check == .superseded(by: gates[1].seq) && gates[0].record.isEmpty)
            #expect(gates[1].record.contains(.init("结果", "一致，无需处理")))
            for action in ["matter.nominate", "matter.nominations.consolidate", "matter.target", "matter.inspection.record", "matter.hold", "matter.hold.lift"] {
                #expect(table.lines.first { $0.action == action }?.check == .matches, "\(action)")
            }
            #expect(table.lines.first { $0.action == "cadre.create" }?.check == .matches)
            // the talk and the reason rewritten in the database, past the store: their lines say so
            try await sql(store).raw("UPDATE matter_records SET body = REPLACE(body, '酒驾', '无') WHERE kind = 'talk'").run()
            try await sql(store).raw("UPDATE matter_people SET target_reason = '另写的理由' WHERE id = \(bind: w.f.person)").run()
            table = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: system)
            #expect(table.lines.first { $0.action == "matter.inspection.record" }?.check == .differs)
            #expect(table.lines.first { $0.action == "matter.target" }?.check == .differs)
            #expect(table.lines.first { $0.action == "matter.hold" }?.check == .matches)
        }
    }

    /// LED-3: a line of the person's table whose ledger entry is changed in the database (its payload) is exactly the
    /// sequence number the verifier (`xuanren verify`) names; the entry read back no longer has its hash.
    static func tamper(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let w = try await world(store)
            #expect(try await store.verifyLedger().intact)
            let table = try await store.personTable(matter: w.f.matter, person: w.f.person, in: .zhHans, by: system)
            let line = try #require(table.lines.first { $0.action == "matter.target" })
            let entry = try #require(try await store.ledgerEntry(seq: line.seq))
            #expect(LedgerEntry.computeHash(prevHash: entry.prevHash, body: entry.body) == entry.hash)
            // someone with the database changes what the entry says was done
            let forged = entry.payload.replacingOccurrences(of: w.f.person.uuidString, with: w.other.uuidString)
            #expect(forged != entry.payload)
            try await sql(store).raw("UPDATE ledger_entries SET payload = \(bind: forged) WHERE seq = \(bind: line.seq)").run()
            let report = try await store.verifyLedger()
            #expect(report.failure == .init(seq: line.seq, kind: .hashMismatch))
            let changed = try #require(try await store.ledgerEntry(seq: line.seq))
            #expect(LedgerEntry.computeHash(prevHash: changed.prevHash, body: changed.body) != changed.hash)
            // and the forged entry now sits in the other person's table, under the same number that verify names
            let other = try await store.personTable(matter: w.f.matter, person: w.other, in: .zhHans, by: system)
            #expect(other.lines.contains { $0.seq == line.seq && $0.action == "matter.target" })
        }
    }
}

extension ISO8601DateFormatter {
    static var withFraction: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}

@Suite("Selection record (LED-3) on SQLite")
struct SelectionRecordTests {
    @Test("LED-3 a person's table: every entry about them and about the matter, in ledger order, in words, by stage; never another person's")
    func personTable() async throws { try await SelectionRecordChecks.personTable(.sqlite) }

    @Test("LED-3 the table and the record are read as the matter: a neighbouring unit and an inspector off the team are refused; talk text for the team and supervisors only; the file's entries for its readers")
    func scope() async throws { try await SelectionRecordChecks.scope(.sqlite) }

    @Test("LED-3 each record checked against its entry's digest: matches, differs when changed past the store, superseded by a later entry")
    func digests() async throws { try await SelectionRecordChecks.digests(.sqlite) }

    @Test("LED-3 tamper: a table line's entry changed in the database is the sequence number the verifier names")
    func tamper() async throws { try await SelectionRecordChecks.tamper(.sqlite) }
}

@Suite("Selection record (LED-3) on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable))
struct SelectionRecordPostgresTests {
    @Test("LED-3 a person's table on PostgreSQL") func personTable() async throws { try await SelectionRecordChecks.personTable(.postgres) }
    @Test("LED-3 tamper on PostgreSQL: the verifier names the table line's entry") func tamper() async throws { try await SelectionRecordChecks.tamper(.postgres) }
}
