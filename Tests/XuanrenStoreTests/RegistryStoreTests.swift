import FluentKit
import Foundation
import SelectionCore
import SQLKit
import Testing
@testable import XuanrenStore
import XuanrenTestSupport
import ZIPFoundation

/// Shorthands: the store as the operator of the whole unit tree (what the command line does), named `actor`.
extension Store {
    @discardableResult
    func saveCadre(_ file: CadreFile, unitID: UUID, id: UUID? = nil, actor: String) async throws -> UUID {
        try await saveCadre(file, unitID: unitID, id: id, by: AccountInfo.wholeTree(actor, units: try await units()))
    }
    func importCadres(_ items: [CadreImportItem], merge: Bool, actor: String) async throws -> ImportOutcome {
        try await importCadres(items, merge: merge, by: AccountInfo.wholeTree(actor, units: try await units()))
    }
    func duplicates(in items: [CadreImportItem]) async throws -> DuplicateReport {
        try await duplicates(in: items, by: AccountInfo.wholeTree("t", units: try await units()))
    }
}

enum RegistryChecks {
    static func unit(_ store: Store) async throws -> UUID {
        try await store.createUnit(code: "county", name: "青岚县委", kind: "party-committee", parentCode: nil, actor: "t")
        return try await store.createUnit(code: "fin", name: "青岚县财政局", kind: "bureau", parentCode: "county", actor: "t").id
    }

    static func person(_ name: String, id17: String, birth: String, rank: String = "副科级", since: String = "2020.03", grades: String = "2021年度考核称职；2022年度考核称职；2023年度考核称职；2024年度考核称职；2025年度考核优秀") -> CadreFile {
        var f = CadreFile()
        f.name = name; f.sex = "男"; f.birth = birth; f.ethnicity = "汉族"; f.workStart = "200807"; f.party = "201001"
        f.residentID = id17 + ResidentID.checkCharacter(for: id17)
        f.fullTime = .init(level: "大学本科", degree: "学士", levelSchool: "厦门大学会计学专业")
        f.resume = "2004.09--2008.07  厦门大学会计学专业学习\n2008.07--\(since)  青岚县财政局科员（科员）\n\(since)--  青岚县财政局副局长（\(rank)）"
        f.rank = rank; f.currentPost = "青岚县财政局副局长"
        f.assessmentText = grades; f.assessments = CadreFile.assessments(in: grades)
        return f
    }

    /// REG-1/REG-2: every change goes to the ledger (without personal data); the file's history lists it.
    static func fileAndLedger(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            var f = person("王立新", id17: "35010219860412301", birth: "198604")
            let id = try await store.saveCadre(f, unitID: unit, actor: "organizer")
            f.title = "会计师"
            try await store.saveCadre(f, unitID: unit, id: id, actor: "clerk")
            // saving the same file again records nothing new
            try await store.saveCadre(f, unitID: unit, id: id, actor: "clerk")
            let history = try await store.cadreHistory(id)
            #expect(history.map(\.action) == ["cadre.create", "cadre.update"])
            #expect(history[1].payload.contains("\"title\""))
            #expect(!history.contains { $0.payload.contains(f.residentID) || $0.payload.contains("会计师") })
            let d = try #require(try await store.dossier(id))
            #expect(d.file == f)
            #expect(d.findings.isEmpty)
            // derived columns follow the file
            let (rows, total) = try await store.cadres()
            #expect(total == 1 && rows[0].rank == "副科级" && rows[0].education == "大学本科")
            #expect(try await LedgerVerifier().verify(store.db).intact)
        }
    }

    /// REG-1: the same identity number twice is never a silent overwrite.
    static func duplicates(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            let a = person("王立新", id17: "35010219860412301", birth: "198604")
            let id = try await store.saveCadre(a, unitID: unit, actor: "t")
            var b = a; b.name = "王立心"; b.title = "经济师"
            await #expect(throws: InvalidInput.self) { try await store.saveCadre(b, unitID: unit, actor: "t") }
            let item = CadreImportItem(file: b, unitID: unit, source: "b.lrmx")
            let other = CadreImportItem(file: person("李华", id17: "35010219900101401", birth: "199001"), unitID: unit, source: "c.lrmx")
            let preview = try await store.duplicates(in: [item, other])
            #expect(preview.registry.count == 1 && preview.registry[0].existingID == id)
            #expect(Set(preview.registry[0].changed) == ["name", "title"])
            // without merge: nothing at all is written (all or nothing)
            await #expect(throws: InvalidInput.self) { try await store.importCadres([other, item], merge: false, actor: "t") }
            #expect(try await store.cadreCount() == 1)
            // with merge: the existing file takes the new data and keeps its id and history
            let outcome = try await store.importCadres([other, item], merge: true, actor: "t")
            #expect(outcome == ImportOutcome(created: 1, merged: 1, skipped: 0))
            #expect(try await store.dossier(id)?.file.name == "王立心")
            #expect(try await store.cadreHistory(id).map(\.action) == ["cadre.create", "cadre.update"])
            // the same number twice inside one batch is refused
            await #expect(throws: InvalidInput.self) { try await store.importCadres([other, other], merge: true, actor: "t") }
        }
    }

    /// REG-4: a blocking discrepancy counts until it is resolved, with who and why, in the ledger.
    static func auditResolution(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            var f = person("赵明", id17: "35010219860412301", birth: "198605")
            f.resume += "\n写错的1行"
            let id = try await store.saveCadre(f, unitID: unit, actor: "t")
            var d = try #require(try await store.dossier(id))
            let mismatch = try #require(d.findings.first { $0.kind == .birthMismatch })
            #expect(d.blocking)
            #expect(try await store.cadres({ var x = CadreFilter(); x.onlyBlocking = true; return x }()).total == 1)
            await #expect(throws: InvalidInput.self) { try await store.resolveFinding(cadreID: id, key: mismatch.key, reason: " ", by: .system("organizer")) }
            try await store.resolveFinding(cadreID: id, key: mismatch.key, reason: "以户籍证明为准，档案已更正申请", by: .system("organizer"))
            d = try #require(try await store.dossier(id))
            #expect(!d.blocking && d.resolutions[mismatch.key]?.by == "organizer")
            #expect(try await store.cadres({ var x = CadreFilter(); x.onlyBlocking = true; return x }()).total == 0)
            #expect(try await store.cadreHistory(id).last?.action == "cadre.finding.resolve")
        }
    }

    /// ELG-2…6 over the registry: qualified, near-misses with the failed reason, and the rank ladder as data.
    static func whoQualifies(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            try await store.saveCadre(person("甲", id17: "35010219860412301", birth: "198604", since: "2020.03"), unitID: unit, actor: "t")
            try await store.saveCadre(person("乙", id17: "35010219800412301", birth: "198004", since: "2020.03"), unitID: unit, actor: "t")  // a year too old: near
            try await store.saveCadre(person("己", id17: "35010219710412301", birth: "197104", since: "2020.03"), unitID: unit, actor: "t")  // ten years too old: not near
            try await store.saveCadre(person("丙", id17: "35010219880412301", birth: "198804", since: "2024.09"), unitID: unit, actor: "t")  // too new in grade
            try await store.saveCadre(person("丁", id17: "35010219890412301", birth: "198904", since: "2025.09", grades: "2024年度考核基本称职"), unitID: unit, actor: "t")
            var p = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 4)
            p.maxAge = 45; p.minEducation = .juniorCollege; p.minYearsInGrade = 2; p.assessmentYears = 3
            let s = try await store.whoQualifies(p, units: nil)
            #expect(s.scanned == 5)
            #expect(s.qualified.map(\.row.name) == ["甲"])
            #expect(Set(s.nearMisses.map(\.row.name)) == ["乙", "丙"])
            let old = try #require(s.nearMisses.first { $0.row.name == "乙" })
            #expect(old.failed.map { $0.reason(in: .zhHans) } == ["年龄超过45周岁（截至2026年6月为46周岁）"])
            // the scan is kept between searches only while nothing changed: an edited file is seen at once
            let youngerID = try await store.saveCadre(person("戊", id17: "35010219910412301", birth: "199104", since: "2020.03"), unitID: unit, actor: "t")
            let withNew = try await store.whoQualifies(p, units: nil)
            #expect(withNew.scanned == 6 && Set(withNew.qualified.map(\.row.name)) == ["甲", "戊"])
            try await store.saveCadre(person("戊", id17: "35010219910412301", birth: "197104", since: "2020.03"), unitID: unit, id: youngerID, actor: "t")
            #expect(try await store.whoQualifies(p, units: nil).qualified.map(\.row.name) == ["甲"])
            // scope: a unit with nobody in it finds nobody; the position's unit scope includes the units below
            #expect(try await store.whoQualifies(p, units: [UUID()]).scanned == 0)
            var scoped = p; scoped.unitCodes = ["county"]
            #expect(try await store.whoQualifies(scoped, units: nil).scanned == 6)
            try await store.createUnit(code: "edu", name: "教育局", kind: "bureau", parentCode: "county", actor: "t")
            scoped.unitCodes = ["edu"]
            #expect(try await store.whoQualifies(scoped, units: nil).scanned == 0)
            scoped.unitCodes = ["nowhere"]
            await #expect(throws: InvalidInput.self) { try await store.whoQualifies(scoped, units: nil) }
            // establishment type is read from the file
            var est = p; est.establishments = ["行政编制"]
            #expect(try await store.whoQualifies(est, units: nil).qualified.isEmpty)
            // a saved position comes back the same
            try await store.savePosition(code: "fin-head", title: "财政局局长", unitID: nil, conditions: p, actor: "t")
            #expect(try await store.position(code: "fin-head")?.conditions == p)
            // the ladder is data: renaming ranks regrades every file in the same transaction
            var settings = try await store.registrySettings()
            settings.ladder = try RankLadder(text: "科员, 2\n副科级, 5\n正科级, 6")
            try await store.saveRegistrySettings(settings, actor: "admin")
            p.targetGrade = 6
            let again = try await store.whoQualifies(p, units: nil)
            #expect(again.qualified.map(\.row.name) == ["甲"])
        }
    }

    /// REG-1 across units: an importer sees duplicates only in its own units; a number registered elsewhere is
    /// refused without naming anyone; a merge never moves a file or empties what the import did not carry.
    static func crossUnit(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await store.createUnit(code: "county", name: "青岚县委", kind: "party-committee", parentCode: nil, actor: "t")
            try await store.createUnit(code: "org", name: "青岚县委组织部", kind: "organization", parentCode: "county", actor: "t")
            let edu = try await store.createUnit(code: "edu", name: "青岚县教育局", kind: "bureau", parentCode: "county", actor: "t").id
            let fin = try await store.createUnit(code: "fin", name: "青岚县财政局", kind: "bureau", parentCode: "county", actor: "t").id
            for (user, role, unit) in [("finclerk", "clerk", "fin"), ("zhou", "organizer", "org")] {
                try await store.createAccount(username: user, displayName: user, password: "Right-pass-2026", actor: "t", hasher: PlainHasher())
                try await store.grant(username: user, role: role, unitCode: unit, actor: "t")
            }
            let finclerk = try #require(try await store.account(username: "finclerk"))
            let organizer = try #require(try await store.account(username: "zhou"))
            var original = person("林教育", id17: "35010219860412301", birth: "198604")
            original.family = [.init(relation: "妻子", name: "陈家属", birth: "198702", politicalStatus: "群众", workplace: "青岚县第一中学")]
            let id = try await store.saveCadre(original, unitID: edu, by: organizer)

            // what a sheet of the finance bureau's clerk carries: a name, the identity number, the birth month
            var sheet = CadreFile()
            sheet.name = "冒名者"; sheet.residentID = original.residentID; sheet.birth = "198604"
            let item = CadreImportItem(file: sheet, unitID: fin, source: "第2行")
            let report = try await store.duplicates(in: [item], by: finclerk)
            #expect(report.registry.isEmpty && report.outside == [0])
            for merge in [false, true] {
                do {
                    _ = try await store.importCadres([item], merge: merge, by: finclerk)
                    Issue.record("a clerk of 财政局 imported over a 教育局 file")
                } catch let e as InvalidInput {
                    for lang in Language.allCases {
                        let text = e.message(in: lang)
                        #expect(!text.contains("林教育") && !text.contains("教育局"), "\(text)")
                    }
                    #expect(e.message(in: .zhHans).contains("不能由您导入"))
                }
            }
            // the new-cadre form: refused, without saying whose number it is or where it is registered
            do {
                try await store.saveCadre(sheet, unitID: fin, by: finclerk)
                Issue.record("a duplicate identity number was saved")
            } catch let e as InvalidInput {
                #expect(!e.message(in: .zhHans).contains("林教育") && !e.message(in: .en).contains("林教育"))
                #expect(e.message(in: .zhHans).contains("不能由您录入"))
            }
            // a clerk of 财政局 writes nothing into 教育局
            let stranger = person("外单位", id17: "35010219900101401", birth: "199001")
            await #expect(throws: InvalidInput.self) { try await store.saveCadre(stranger, unitID: edu, by: finclerk) }
            await #expect(throws: InvalidInput.self) { try await store.saveCadre(original, unitID: fin, id: id, by: finclerk) }
            await #expect(throws: InvalidInput.self) {
                try await store.importCadres([CadreImportItem(file: stranger, unitID: edu, source: "x.lrmx")], merge: false, by: finclerk)
            }
            let untouched = try #require(try await store.dossier(id))
            #expect(untouched.file == original && untouched.unitID == edu)

            // the organization department covers the county: it sees the duplicate and may merge, but the merge
            // keeps the file in its unit and keeps the résumé, family and grades the sheet did not carry
            let seen = try await store.duplicates(in: [item], by: organizer)
            #expect(seen.outside.isEmpty && seen.registry.map(\.existingID) == [id])
            #expect(seen.registry[0].changed == ["name"])
            let outcome = try await store.importCadres([item], merge: true, by: organizer)
            #expect(outcome == ImportOutcome(created: 0, merged: 1))
            let merged = try #require(try await store.dossier(id))
            #expect(merged.unitID == edu)
            #expect(merged.file.name == "冒名者")
            #expect(merged.file.resume == original.resume && merged.file.family == original.family && merged.file.assessments == original.assessments)
            #expect(merged.file.fullTime == original.fullTime && merged.file.currentPost == original.currentPost)
        }
    }

    /// RES-1 and ROT/ASM alerts through the store.
    static func reserveAndAlerts(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            let id = try await store.saveCadre(person("甲", id17: "35010219860412301", birth: "198604", since: "2018.03", grades: "2025年度考核不称职"), unitID: unit, actor: "t")
            try await store.addToReserve(cadreID: id, route: .recommendationExam, entered: YearMonth(year: 2024, month: 1), by: .system("organizer"))
            await #expect(throws: InvalidInput.self) { try await store.addToReserve(cadreID: id, route: .organization, entered: YearMonth(year: 2024, month: 2), by: .system("organizer")) }
            var rows = try await store.reserve(units: [unit])
            #expect(rows.count == 1 && rows[0].membership.nextReview == YearMonth(year: 2026, month: 1))
            // RES-1 scope: an organizer of another unit can neither review nor end the entry (refused in the store)
            try await store.createUnit(code: "nbr", name: "邻局", kind: "bureau", parentCode: nil, actor: "t")
            try await store.createAccount(username: "nbrorg", displayName: "邻局组织", password: "Neighbour-2026-x", mustChangePassword: false, actor: "t", hasher: PlainHasher())
            try await store.grant(username: "nbrorg", role: "organizer", unitCode: "nbr", actor: "t")
            let neighbour = ActingUser(try #require(try await store.account(username: "nbrorg")))
            await #expect(throws: NotPermitted.self) { try await store.reviewReserve(entryID: rows[0].id, on: YearMonth(year: 2026, month: 1), by: neighbour) }
            await #expect(throws: NotPermitted.self) { try await store.exitReserve(entryID: rows[0].id, on: YearMonth(year: 2026, month: 1), reason: "越权", by: neighbour) }
            try await store.reviewReserve(entryID: rows[0].id, on: YearMonth(year: 2026, month: 1), by: .system("organizer"))
            rows = try await store.reserve(units: [unit])
            #expect(rows[0].membership.nextReview == YearMonth(year: 2028, month: 1))
            try await store.exitReserve(entryID: rows[0].id, on: YearMonth(year: 2026, month: 2), reason: "已提拔", by: .system("organizer"))
            #expect(try await store.reserve(units: [unit]).isEmpty)
            #expect(try await store.cadreHistory(id).map(\.action).suffix(3) == ["reserve.enter", "reserve.review", "reserve.exit"])
            let (counts, hits) = try await store.alerts(units: nil, today: YearMonth(year: 2026, month: 11))
            #expect(counts[.mustRotate] == 1 && counts[.removal] == 1)
            #expect(hits.first?.row.id == id)
        }
    }

    /// ROT-1/ROT-2 over the registry scan: a 科员 and a 四级主任科员 long in one post are not told to rotate, a 副科级 is;
    /// the ladder decides, so calling 科员 a leadership rank brings its alert back.
    static func leadershipAlerts(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            let unit = try await unit(store)
            let deputy = try await store.saveCadre(person("甲", id17: "35010219860412301", birth: "198604", since: "2018.03"), unitID: unit, actor: "t")
            for (name, id17, rank) in [("乙", "35010219850612302", "科员"), ("丙", "35010219800915303", "四级主任科员")] {
                var f = person(name, id17: id17, birth: String(id17.dropFirst(6).prefix(6)), rank: rank)
                f.currentPost = "青岚县财政局预算股科员"
                f.resume = "2004.09--2008.07  厦门大学会计学专业学习\n2008.07--  青岚县财政局预算股科员（\(rank)）"
                _ = try await store.saveCadre(f, unitID: unit, actor: "t")
            }
            let today = YearMonth(year: 2026, month: 11)
            var (counts, hits) = try await store.alerts(units: nil, today: today)
            #expect(counts[.mustRotate] == 1 && counts[.rotationDue] == nil && counts[.termLimit] == nil)
            #expect(hits.map(\.row.id) == [deputy])
            var settings = try await store.registrySettings()
            settings.ladder.ranks = settings.ladder.ranks.map { r in var r = r; if r.name == "科员" { r.track = .leadership }; return r }
            try await store.saveRegistrySettings(settings, actor: "t")
            (counts, hits) = try await store.alerts(units: nil, today: today)
            #expect(counts[.mustRotate] == 2 && hits.count == 2)
        }
    }
}

@Suite("Registry on SQLite")
struct RegistrySQLiteTests {
    @Test("REG-2 every change of a file goes to the ledger, without personal data; the file shows its history") func ledger() async throws { try await RegistryChecks.fileAndLedger(.sqlite) }
    @Test("REG-1 the same identity number twice: a merge preview, never a silent overwrite; imports are all or nothing") func duplicates() async throws { try await RegistryChecks.duplicates(.sqlite) }
    @Test("REG-4 a blocking discrepancy stands until resolved, with who and why") func audit() async throws { try await RegistryChecks.auditResolution(.sqlite) }
    @Test("ELG-6 who qualifies over the registry: qualified and near-misses with reasons; ranks are data") func qualify() async throws { try await RegistryChecks.whoQualifies(.sqlite) }
    @Test("RES-1 reserve pool entry, review and exit; ROT-1 and ASM-1 alerts") func reserve() async throws { try await RegistryChecks.reserveAndAlerts(.sqlite) }
    @Test("ROT-1 the registry's alerts leave out non-leadership ranks: a 科员 or 四级主任科员 years in one post is not told to rotate; the ladder decides")
    func leadershipAlerts() async throws { try await RegistryChecks.leadershipAlerts(.sqlite) }
    @Test("REG-1 imports across units: duplicates only within the importer's units, refused outside without naming the person; a merge never moves a file nor empties parts the import did not carry")
    func crossUnit() async throws { try await RegistryChecks.crossUnit(.sqlite) }
}

@Suite("Registry on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct RegistryPostgresTests {
    @Test("REG-2 ledger of file changes (PostgreSQL)") func ledger() async throws { try await RegistryChecks.fileAndLedger(.postgres) }
    @Test("REG-1 duplicates and all-or-nothing imports (PostgreSQL)") func duplicates() async throws { try await RegistryChecks.duplicates(.postgres) }
    @Test("REG-4 audit resolution (PostgreSQL)") func audit() async throws { try await RegistryChecks.auditResolution(.postgres) }
    @Test("ELG-6 who qualifies (PostgreSQL)") func qualify() async throws { try await RegistryChecks.whoQualifies(.postgres) }
    @Test("RES-1 reserve pool and alerts (PostgreSQL)") func reserve() async throws { try await RegistryChecks.reserveAndAlerts(.postgres) }
    @Test("ROT-1 alerts for leadership ranks only (PostgreSQL)") func leadershipAlerts() async throws { try await RegistryChecks.leadershipAlerts(.postgres) }
    @Test("REG-1 imports across units (PostgreSQL)") func crossUnit() async throws { try await RegistryChecks.crossUnit(.postgres) }
}

@Suite("Hostile imports")
struct HostileImportTests {
    func zip(_ members: [(String, [UInt8])]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { pos, size in
                Data(bytes[Int(pos) ..< Int(pos) + size])
            }
        }
        return archive.data!
    }

    @Test("REG-1 zip imports refuse path traversal and absolute paths")
    func traversal() throws {
        #expect(throws: RegistryImport.Problem.unsafePath("../evil.lrmx")) { try RegistryImport.lrmxMembers(ofZip: try zip([("../evil.lrmx", Array("<Person/>".utf8))])) }
        #expect(throws: RegistryImport.Problem.unsafePath("/etc/x.lrmx")) { try RegistryImport.lrmxMembers(ofZip: try zip([("/etc/x.lrmx", Array("<Person/>".utf8))])) }
        #expect(throws: RegistryImport.Problem.unsafePath("a/../../b.lrmx")) { try RegistryImport.lrmxMembers(ofZip: try zip([("a/../../b.lrmx", [1])])) }
    }

    @Test("REG-1 zip imports refuse oversize members (a zip bomb) before and while expanding")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0, count: RegistryImport.maxMemberBytes + 1)
        let data = try zip([("bomb.lrmx", zeros)])
        #expect(data.count < 100_000)  // compresses to almost nothing
        #expect(throws: RegistryImport.Problem.memberTooLarge("bomb.lrmx")) { try RegistryImport.lrmxMembers(ofZip: data) }
        #expect(throws: RegistryImport.Problem.notZip) { try RegistryImport.lrmxMembers(ofZip: Data("not a zip".utf8)) }
    }

    @Test("REG-1 a zip expanding to more than 256 MB in total is refused while expanding, before the members past the limit are held")
    func totalExpandedSize() throws {
        // 17 members just under the 16 MiB member limit: 272 MB expanded from a zip of well under 1 MB
        let member = [UInt8](repeating: 0, count: RegistryImport.maxMemberBytes - 1)
        let data = try zip((0 ..< 17).map { ("m\($0).lrmx", member) })
        #expect(data.count < 1_000_000)
        var delivered = 0
        #expect(throws: RegistryImport.Problem.totalTooLarge) {
            try RegistryImport.eachLRMXMember(ofZip: data, deadline: .now + .seconds(600)) { delivered += $0.bytes.count }
        }
        #expect(delivered <= RegistryImport.maxTotalBytes)
        #expect(RegistryImport.maxTotalBytes <= 256 << 20)
    }

    @Test("REG-1 reading an upload stops at its time limit")
    func timeLimit() throws {
        let xml = Array(LRMX.write({ var f = CadreFile(); f.name = "甲"; f.birth = "198001"; return f }()).utf8)
        let data = try zip([("a.lrmx", xml), ("b.lrmx", xml)])
        #expect(throws: RegistryImport.Problem.tooSlow) { try RegistryImport.lrmxMembers(ofZip: data, deadline: .now - .seconds(1)) }
        #expect(try RegistryImport.lrmxMembers(ofZip: data).count == 2)
    }

    @Test("REG-1 zip members are read; other files and macOS metadata are skipped")
    func members() throws {
        let xml = Array(LRMX.write({ var f = CadreFile(); f.name = "甲"; f.birth = "198001"; return f }()).utf8)
        let m = try RegistryImport.lrmxMembers(ofZip: try zip([("a/甲.lrmx", xml), ("readme.txt", [65]), ("__MACOSX/._甲.lrmx", [0])]))
        #expect(m.map(\.name) == ["a/甲.lrmx"])
        #expect(try LRMX.read(m[0].bytes).name == "甲")
    }

    @Test("REG-1 spreadsheets in GB18030/GBK are read; undecodable bytes are refused")
    func encodings() throws {
        // "姓名,出生年月\n王五,198001\n" in GBK
        let gbk: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB3, 0xF6, 0xC9, 0xFA, 0xC4, 0xEA, 0xD4, 0xC2, 0x0A, 0xCD, 0xF5, 0xCE, 0xE5, 0x2C, 0x31, 0x39, 0x38, 0x30, 0x30, 0x31, 0x0A]
        #expect(try RegistryImport.text(gbk) == "姓名,出生年月\n王五,198001\n")
        #expect(try RegistryImport.text(Array("\u{FEFF}姓名".utf8)) == "\u{FEFF}姓名")
        #expect(throws: RegistryImport.Problem.undecodable) { try RegistryImport.text([0x81, 0x20, 0xFF]) }
        #expect(throws: RegistryImport.Problem.empty) { try RegistryImport.text([]) }
    }
}
