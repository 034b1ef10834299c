import FluentKit
import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Pledge campaigns in the store (DIS-3), on SQLite and PostgreSQL.
enum PledgeChecks {
    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do { try await body(); return nil } catch { return error }
    }

    /// The county with its organization department, discipline commission, two bureaus and a township; cadres in
    /// the finance bureau, the education bureau and the township.
    static func county(_ store: Store) async throws -> (county: UUID, fin: UUID, edu: UUID, cadres: [String: UUID]) {
        try await InspectionChecks.units(store)
        try await store.createUnit(code: "town", name: "青岚县城关镇", kind: "township", parentCode: "county", actor: "t")
        let units = try await store.units()
        let org = AccountInfo.wholeTree("organizer", units: units)
        func unit(_ code: String) throws -> UUID { try #require(units.first { $0.code == code }?.id) }
        var cadres: [String: UUID] = [:]
        for (name, code, id17) in [("王强", "fin", "35010219860412301"), ("李敏", "fin", "35010219880101302"), ("陈华", "edu", "35010219850505303"), ("林涛", "town", "35010219900909304")] {
            cadres[name] = try await store.saveCadre(InspectionFixture.cadreFile(name, id17: id17, birth: String(id17.dropFirst(6).prefix(6))), unitID: try unit(code), by: org)
        }
        return (try unit("county"), try unit("fin"), try unit("edu"), cadres)
    }

    /// DIS-3: an organizer of the county creates and opens a campaign: every registry cadre of the county and below
    /// is to sign; clerks of each cadre's unit record the paper pledges once; the organizer closes it. Each change is
    /// in the ledger; nothing is recorded before it opens or after it closes.
    static func lifecycle(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let c = try await county(store)
            let organizer = try await RegistryScopeChecks.account(store, "zhou", "organizer", on: "org")
            let finClerk = try await RegistryScopeChecks.account(store, "finclerk", "clerk", on: "fin")
            let id = try await store.createPledgeCampaign(PledgeCampaignInput(unit: c.county, name: "青岚县2026年换届", deadline: store.today.adding(days: 10)), by: organizer)
            let draft = try await store.pledgeCampaign(id, by: organizer)
            #expect(draft.row.value.state == .draft && draft.cadres.count == 4 && draft.cadres.allSatisfy { $0.status == nil && !$0.mayRecord })
            #expect(draft.row.value.rules == PledgeCampaign.defaultRules)
            let early = await error { try await store.recordPledge(id, cadre: c.cadres["王强"]!, signed: store.today, by: finClerk) }
            #expect(early as? PledgeError == .notOpen)
            // nothing is shown to participants before it opens
            #expect(try await store.activeDisciplineRules(unit: c.fin) == nil)

            try await store.openPledgeCampaign(id, by: organizer)
            #expect(await error { try await store.openPledgeCampaign(id, by: organizer) } as? PledgeError == .alreadyOpen)
            let open = try await store.pledgeCampaign(id, by: organizer)
            #expect(Set(open.row.value.eligible) == Set(c.cadres.values))
            #expect(open.row.summary == PledgeSummary(eligible: 4, signed: 0, late: 0, outstanding: 4, overdue: 0))

            try await store.recordPledge(id, cadre: c.cadres["王强"]!, signed: store.today, by: finClerk)
            let twice = await error { try await store.recordPledge(id, cadre: c.cadres["王强"]!, signed: store.today, by: finClerk) }
            #expect(twice as? PledgeError == .alreadySigned(store.today))
            try await store.recordPledge(id, cadre: c.cadres["林涛"]!, signed: store.today, by: organizer)
            let after = try await store.pledgeCampaign(id, by: organizer)
            #expect(after.row.summary.signed == 2 && after.row.summary.outstanding == 2)
            let wang = try #require(after.cadres.first { $0.id == c.cadres["王强"]! })
            #expect(wang.status == .signed && wang.pledge?.recordedBy == "finclerk" && !wang.mayRecord)
            // the finance clerk reads the campaign for the finance bureau's cadres only, and may record the other one
            let seen = try await store.pledgeCampaign(id, by: finClerk)
            #expect(seen.row.partial && Set(seen.cadres.map(\.name)) == ["王强", "李敏"] && seen.row.summary.eligible == 2)
            #expect(seen.cadres.first { $0.name == "李敏" }?.mayRecord == true && !seen.row.manages)
            #expect(try await store.pledgeCampaigns(by: finClerk).map(\.id) == [id])

            try await store.closePledgeCampaign(id, by: organizer)
            let closed = await error { try await store.recordPledge(id, cadre: c.cadres["李敏"]!, signed: store.today, by: finClerk) }
            #expect(closed as? PledgeError == .closed)
            #expect(try await store.activeDisciplineRules(unit: c.fin) == nil)

            let entries = Array(try await store.ledgerEntries(subjectType: "pledge-campaign", subjectID: id.uuidString, limit: 100).reversed())
            #expect(entries.map(\.action) == ["pledge.campaign.create", "pledge.campaign.open", "pledge.record", "pledge.record", "pledge.campaign.close"])
            #expect(entries.allSatisfy { $0.actor == "zhou" || $0.actor == "finclerk" })
            #expect(entries[1].payload.contains("\"eligible\":4"))
            #expect(entries[2].payload.contains(c.cadres["王强"]!.uuidString) && entries[2].actor == "finclerk")
        }
    }

    /// DIS-3 grants: only an organizer of the unit creates, opens and closes; a neighbouring unit's clerk records
    /// nothing and reads nothing; a supervisor reads but does not record; a clerk does not open.
    static func grants(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let c = try await county(store)
            let organizer = try await RegistryScopeChecks.account(store, "zhou", "organizer", on: "org")
            let eduClerk = try await RegistryScopeChecks.account(store, "educlerk", "clerk", on: "edu")
            let finClerk = try await RegistryScopeChecks.account(store, "finclerk", "clerk", on: "fin")
            let finOrganizer = try await RegistryScopeChecks.account(store, "finorg", "organizer", on: "fin")
            let supervisor = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let input = PledgeCampaignInput(unit: c.county, name: "青岚县2026年换届", deadline: store.today.adding(days: 10))
            for outsider in [finClerk, finOrganizer, supervisor] {
                #expect(await error { try await store.createPledgeCampaign(input, by: outsider) } is NotPermitted)
            }
            // an organizer of the finance bureau runs a campaign of the bureau, not of the county
            let finCampaign = try await store.createPledgeCampaign(PledgeCampaignInput(unit: c.fin, name: "财政局换届", deadline: store.today), by: finOrganizer)
            let id = try await store.createPledgeCampaign(input, by: organizer)
            #expect(await error { try await store.openPledgeCampaign(id, by: finOrganizer) } is NotPermitted)
            #expect(await error { try await store.openPledgeCampaign(id, by: finClerk) } is NotPermitted)
            try await store.openPledgeCampaign(id, by: organizer)

            // the neighbouring unit's clerk: refused for the finance bureau's cadre, and does not read the bureau's campaign
            #expect(await error { try await store.recordPledge(id, cadre: c.cadres["王强"]!, signed: store.today, by: eduClerk) } is NotPermitted)
            #expect(await error { _ = try await store.pledgeCampaign(finCampaign, by: eduClerk) } is NotPermitted)
            #expect(try await store.pledgeCampaigns(by: eduClerk).map(\.id) == [id])
            #expect(try await store.pledgeCampaign(id, by: eduClerk).cadres.map(\.name) == ["陈华"])
            try await store.recordPledge(id, cadre: c.cadres["陈华"]!, signed: store.today, by: eduClerk)
            // a supervisor reads every campaign of the county, records nothing
            #expect(Set(try await store.pledgeCampaigns(by: supervisor).map(\.id)) == [id, finCampaign])
            #expect(await error { try await store.recordPledge(id, cadre: c.cadres["王强"]!, signed: store.today, by: supervisor) } is NotPermitted)
            #expect(await error { try await store.closePledgeCampaign(id, by: supervisor) } is NotPermitted)
            // a cadre outside the campaign, a date in the future
            let future = await error { try await store.recordPledge(id, cadre: c.cadres["李敏"]!, signed: store.today.adding(days: 1), by: finClerk) }
            #expect(future as? PledgeError == .signedInFuture)
            try await store.openPledgeCampaign(finCampaign, by: finOrganizer)
            let outside = await error { try await store.recordPledge(finCampaign, cadre: c.cadres["陈华"]!, signed: store.today, by: organizer) }
            #expect(outside as? PledgeError == .notEligible)
            // nobody without a role reads campaigns
            #expect(await error { _ = try await store.pledgeCampaigns(by: .anonymous) } is NotPermitted)
            let unknown = await error { _ = try await store.pledgeCampaign(UUID(), by: organizer) }
            #expect((unknown as? InvalidInput)?.issues.first?.field == "campaign")
        }
    }

    /// DIS-3: the participants of a matter, and the voters of a session, are shown the plan's discipline and the open
    /// campaign's rules of the matter's unit or a unit above it; the nearest campaign wins.
    static func shownToParticipants(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let c = try await county(store)
            let system = ActingUser.system("organizer")
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("赵刚", id17: "35010219870303305", birth: "198703"))
            let matter = try await store.matter(f.matter, by: system).matter
            #expect(try await store.participantDiscipline(matter: matter) == ParticipantDiscipline(plan: "严守换届纪律"))
            let county = try await store.createPledgeCampaign(PledgeCampaignInput(unit: c.county, name: "县换届", deadline: store.today, rules: "县级纪律：严禁拉票贿选"), by: system)
            try await store.openPledgeCampaign(county, by: system)
            let shown = try await store.participantDiscipline(matter: matter)
            #expect(shown.plan == "严守换届纪律" && shown.campaignName == "县换届" && shown.rules == "县级纪律：严禁拉票贿选")
            let bureau = try await store.createPledgeCampaign(PledgeCampaignInput(unit: c.fin, name: "局换届", deadline: store.today, rules: "局纪律"), by: system)
            try await store.openPledgeCampaign(bureau, by: system)
            #expect(try await store.participantDiscipline(matter: matter).rules == "局纪律")
            #expect(try await store.activeDisciplineRules(unit: c.edu)?.rules == "县级纪律：严禁拉票贿选")
            // a ballot session of no matter: its unit's campaign
            let session = try await store.createBallotSession(unitCode: "edu", box: BallotChecks.recommendationBox(), actor: "organizer")
            #expect(try await store.participantDiscipline(session: session) == ParticipantDiscipline(campaignName: "县换届", rules: "县级纪律：严禁拉票贿选"))
            #expect(try await store.participantDiscipline(session: UUID()).isEmpty)
        }
    }
}

@Suite("Pledge campaigns on SQLite")
struct PledgeStoreTests {
    @Test("DIS-3 a campaign is created, opened with every registry cadre of the unit and below, signed once per cadre, closed; each change in the ledger")
    func lifecycle() async throws { try await PledgeChecks.lifecycle(.sqlite) }
    @Test("DIS-3 organizers of the unit create, open and close; clerks of the cadre's unit record; a neighbouring unit's clerk is refused; supervisors read")
    func grants() async throws { try await PledgeChecks.grants(.sqlite) }
    @Test("DIS-3 the plan's discipline and the open campaign's rules (nearest unit above) are shown to a matter's participants and a session's voters")
    func shown() async throws { try await PledgeChecks.shownToParticipants(.sqlite) }
}

@Suite("Pledge campaigns on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct PledgePostgresTests {
    @Test("DIS-3 lifecycle (PostgreSQL)") func lifecycle() async throws { try await PledgeChecks.lifecycle(.postgres) }
    @Test("DIS-3 grants (PostgreSQL)") func grants() async throws { try await PledgeChecks.grants(.postgres) }
    @Test("DIS-3 shown to participants (PostgreSQL)") func shown() async throws { try await PledgeChecks.shownToParticipants(.postgres) }
}
