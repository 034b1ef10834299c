import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// REG-1 scope in the store: the registry's reads take the acting user and apply its grants themselves.
enum RegistryScopeChecks {
    static func account(_ store: Store, _ name: String, _ role: String, on unit: String) async throws -> ActingUser {
        try await store.createAccount(username: name, displayName: name, password: "Scope-2026-xr-\(name)", mustChangePassword: false, actor: "t", hasher: PlainHasher())
        try await store.grant(username: name, role: role, unitCode: unit, actor: "t")
        return ActingUser(try #require(try await store.account(username: name)))
    }

    static func scope(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await store.createUnit(code: "county", name: "青岚县委", kind: "party-committee", parentCode: nil, actor: "t")
            try await store.createUnit(code: "org", name: "青岚县委组织部", kind: "organization", parentCode: "county", actor: "t")
            let fin = try await store.createUnit(code: "fin", name: "青岚县财政局", kind: "bureau", parentCode: "county", actor: "t").id
            let edu = try await store.createUnit(code: "edu", name: "青岚县教育局", kind: "bureau", parentCode: "county", actor: "t").id
            let grades = "2021年度考核称职；2022年度考核称职；2023年度考核称职；2024年度考核称职；2025年度考核不称职"
            var a = RegistryChecks.person("财甲", id17: "35010219860412301", birth: "198604", since: "2018.03", grades: grades)
            a.family = [.init(relation: "妻子", name: "林某", birth: "198801", politicalStatus: "群众", workplace: "青岚县医院")]
            let finID = try await store.saveCadre(a, unitID: fin, actor: "t")
            let b = RegistryChecks.person("教乙", id17: "35010219870512302", birth: "198705", since: "2018.03", grades: grades)
            let eduID = try await store.saveCadre(b, unitID: edu, actor: "t")
            try await store.addToReserve(cadreID: finID, route: .organization, entered: YearMonth(year: 2024, month: 1), by: .system("t"))
            try await store.addToReserve(cadreID: eduID, route: .organization, entered: YearMonth(year: 2024, month: 1), by: .system("t"))

            let finOrganizer = try await account(store, "finorg", "organizer", on: "fin")
            let finClerk = try await account(store, "finclerk", "clerk", on: "fin")
            let countyOrganizer = try await account(store, "orgorg", "organizer", on: "org")

            // an organizer of 财政局 does not read 教育局's cadre
            await #expect(throws: NotPermitted.self) { try await store.dossier(eduID, by: finOrganizer) }
            await #expect(throws: NotPermitted.self) { try await store.cadreHistory(eduID, by: finOrganizer) }
            #expect(try await store.cadres(by: finOrganizer).rows.map(\.id) == [finID])
            var asked = CadreFilter(); asked.unit = edu
            #expect(try await store.cadres(asked, by: finOrganizer).total == 0)
            #expect(try await store.cadreFiles(CadreFilter(), by: finOrganizer).map(\.id) == [finID])
            #expect(try await store.reserve(by: finOrganizer).map(\.cadreID) == [finID])
            #expect(try await store.alerts(by: finOrganizer, today: YearMonth(year: 2026, month: 11)).hits.map(\.row.id) == [finID])
            var p = PositionConditions(referenceDate: YearMonth(year: 2026, month: 1), targetGrade: 4)
            p.assessmentYears = nil
            let q = try await store.whoQualifies(p, by: finOrganizer)
            #expect(q.scanned == 1)
            #expect(!(q.qualified + q.nearMisses).contains { $0.row.id == eduID })
            // its own cadre in full
            let own = try #require(try await store.dossier(finID, by: finOrganizer))
            #expect(own.sensitive && own.editable && own.file.residentID == a.residentID && own.file.family == a.family)

            // a clerk of 财政局 reads the file with the identity number masked and no family data, and may edit it
            let masked = try #require(try await store.dossier(finID, by: finClerk))
            #expect(!masked.sensitive && masked.editable)
            #expect(masked.file.residentID == ResidentID.maskedText(a.residentID) && masked.file.residentID != a.residentID)
            #expect(masked.file.family.isEmpty)
            #expect(try await store.cadreFiles(CadreFilter(), by: finClerk).map(\.file.residentID) == [ResidentID.maskedText(a.residentID)])
            await #expect(throws: NotPermitted.self) { try await store.dossier(eduID, by: finClerk) }
            // saving what it saw keeps what it could not see
            var changed = masked.file
            changed.title = "会计师"
            try await store.saveCadre(changed, unitID: fin, id: finID, by: try #require(try await store.account(username: "finclerk")))
            let stored = try #require(try await store.dossier(finID))
            #expect(stored.file.residentID == a.residentID && stored.file.family == a.family && stored.file.title == "会计师")

            // an organizer of the organization department (under the party committee) reads the whole county
            #expect(Set(try await store.cadres(by: countyOrganizer).rows.map(\.id)) == [finID, eduID])
            #expect(try await store.dossier(eduID, by: countyOrganizer)?.sensitive == true)
            #expect(Set(try await store.reserve(by: countyOrganizer).map(\.cadreID)) == [finID, eduID])
            #expect(try await store.whoQualifies(p, by: countyOrganizer).scanned == 2)
            // the command line acts as the system: everything
            #expect(try await store.cadres(by: .system()).total == 2)
        }
    }
}

@Suite("Registry scope on SQLite")
struct RegistryScopeSQLiteTests {
    @Test("REG-1 scope in the store: a bureau's organizer reads only its bureau (dossier refused; list, CSV, reserve, alerts and who qualifies exclude the other); a clerk sees masked identity numbers; the organization department reads the whole county")
    func scope() async throws { try await RegistryScopeChecks.scope(.sqlite) }
}

@Suite("Registry scope on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct RegistryScopePostgresTests {
    @Test("REG-1 scope in the store (PostgreSQL)") func scope() async throws { try await RegistryScopeChecks.scope(.postgres) }
}
