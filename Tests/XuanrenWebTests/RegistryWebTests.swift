import Foundation
import NIOCore
import SelectionCore
import Synchronization
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Registry over HTTP")
struct RegistryWebTests {
    static let lrmx = """
    <?xml version="1.0" encoding="utf-8"?>
    <Person><XingMing>试导入</XingMing><XingBie>女</XingBie><ChuShengNianYue>198803</ChuShengNianYue><MinZu>汉族</MinZu>
    <CanJiaGongZuoShiJian>201007</CanJiaGongZuoShiJian><QuanRiZhiJiaoYu_XueLi>大学本科</QuanRiZhiJiaoYu_XueLi>
    <JianLi>2006.09--2010.07  集美大学会计学专业学习
    2010.07--2016.03  青岚县财政局科员（科员）
    2016.03--         青岚县财政局副局长（副科级）</JianLi>
    <NianDuKaoHeJieGuo>2021年度考核称职；2022年度考核称职；2023年度考核优秀；2024年度考核称职；2025年度考核称职</NianDuKaoHeJieGuo>
    <JiaTingChengYuan><Item><ChengWei>丈夫</ChengWei><XingMing>试家属</XingMing></Item></JiaTingChengYuan>
    <ShenFenZheng>350102198803152220</ShenFenZheng><ZhaoPian></ZhaoPian><Version>3.2.1.6</Version><DaoLingNianYue>204803</DaoLingNianYue></Person>
    """

    static func fixedLRMX() -> String {
        let body = "35010219880315222"
        return lrmx.replacingOccurrences(of: "350102198803152220", with: body + ResidentID.checkCharacter(for: body))
    }

    func firstCadre(_ app: Application) async throws -> CadreRow {
        try await app.xuanrenStore.cadres(CadreFilter(), offset: 0, limit: 1, by: .system()).rows[0]
    }

    @Test("REG-1 identity numbers and family data: full for organizers and supervisors of the unit, masked for others; LRMX export only for them")
    func masking() async throws {
        try await withXuanren { app in
            let c = try await firstCadre(app)
            let file = try #require(try await app.xuanrenStore.dossier(c.id, by: .system())).file
            let full = file.residentID, masked = ResidentID.maskedText(full)
            for (user, sees) in [("organizer", true), ("supervisor", true), ("clerk", false), ("admin", false)] {
                let b = Browser(app)
                try await b.signIn(user)
                let page = try await b.get("/registry/cadres/\(c.id)").body.string
                #expect(page.contains(full) == sees, "\(user)")
                #expect(page.contains(masked) == !sees, "\(user)")
                #expect(page.contains(file.family[0].name) == sees, "\(user) family")
                let export = try await b.get("/registry/cadres/\(c.id)/lrmx")
                #expect((export.status == .ok) == sees, "\(user) export")
                let csv = try await b.get("/registry/cadres/export.csv").body.string
                #expect(csv.contains(full) == sees, "\(user) csv")
            }
            // judges and anonymous visitors do not reach the registry at all
            let judge = Browser(app)
            try await judge.signIn("judge")
            #expect(try await judge.get("/registry/cadres").status == .forbidden)
            #expect(try await Browser(app).get("/registry/cadres/\(c.id)").status == .seeOther)
        }
    }

    @Test("REG-1 LRMX import over HTTP: preview first, nothing written until confirmed; export gives the same file back")
    func lrmxImport() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let before = try await store.cadreCount()
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let b = Browser(app)
            try await b.signIn("organizer")
            let up = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString],
                                        file: ("file", "试导入.lrmx", Array(Self.fixedLRMX().utf8)))
            #expect(up.status == .seeOther)
            let preview = try #require(up.headers.first(name: .location))
            let page = try await b.get(preview).body.string
            #expect(page.contains("试导入") && page.contains("350102********2222"))
            #expect(try await store.cadreCount() == before)
            let done = try await b.submit(from: preview, to: preview, ["do": "import", "unit": fin.id.uuidString])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/registry/cadres")
            #expect(try await store.cadreCount() == before + 1)
            let row = try #require(try await store.cadres({ var f = CadreFilter(); f.text = "试导入"; return f }(), by: .system()).rows.first)
            #expect(row.rank == "副科级" && row.unitID == fin.id)
            let exported = try await b.get("/registry/cadres/\(row.id)/lrmx").body.string
            let original = try LRMX.read(Array(Self.fixedLRMX().utf8))
            #expect(try LRMX.read(Array(exported.utf8)) == original)
            // the same file again: refused without merge, listed as a duplicate in the preview
            let again = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString],
                                           file: ("file", "again.lrmx", Array(Self.fixedLRMX().utf8)))
            let p2 = try #require(again.headers.first(name: .location))
            #expect(try await b.get(p2).body.string.contains("/registry/cadres/\(row.id)"))
            let refused = try await b.submit(from: p2, to: p2, ["do": "import", "unit": fin.id.uuidString])
            #expect(refused.status == .badRequest)
            #expect(try await store.cadreCount() == before + 1)
            // hostile input: a DOCTYPE is refused with a clear message
            let xxe = "<?xml version=\"1.0\"?><!DOCTYPE Person [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Person><XingMing>&x;</XingMing></Person>"
            let bad = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString], file: ("file", "x.lrmx", Array(xxe.utf8)))
            let p3 = try #require(bad.headers.first(name: .location))
            let text = try await b.get(p3).body.string
            #expect(text.contains("DOCTYPE") && !text.contains("root:"))
            // an unknown file type is refused at upload, naming it
            let exe = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString], file: ("file", "run.exe", [77, 90]))
            #expect(exe.status == .badRequest && exe.body.string.contains("run.exe"))
        }
    }

    @Test("REG-1 CSV import: bad rows listed with line numbers; all or nothing unless only good rows are chosen")
    func csvImport() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let before = try await store.cadreCount()
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let b = Browser(app)
            try await b.signIn("clerk")
            let csv = "姓名\t性别\t出生年月\t职级\t备注\n表格甲\t男\t1985.04\t科员\t\n表格乙\t男\t1985.13\t处长\t\n"
            let up = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString], file: ("file", "名册.tsv", Array(csv.utf8)))
            let preview = try #require(up.headers.first(name: .location))
            let page = try await b.get(preview).body.string
            #expect(page.contains("第3行 出生年月") && page.contains("第3行 职级"))
            let mapping = ["col0": "name", "col1": "sex", "col2": "birth", "col3": "rank", "col4": "notes", "unit": fin.id.uuidString]
            var form = mapping; form["do"] = "import"
            let refused = try await b.submit(from: preview, to: preview, form)
            #expect(refused.status == .badRequest)
            #expect(try await store.cadreCount() == before)
            // the mapping was re-staged: find the current preview page from the refusal
            let current = try #require(refused.body.string.firstMatch(of: /action="(\/registry\/import\/[0-9A-F-]+)"/)?.1)
            form["goodOnly"] = "1"
            let done = try await b.submit(from: String(current), to: String(current), form)
            #expect(done.status == .seeOther)
            #expect(try await store.cadreCount() == before + 1)
            let list = try await b.get("/registry/cadres").body.string
            #expect(list.contains("新建1人，合并0人，未导入1行/个"))
        }
    }

    /// Every field of the new-cadre form, empty, with `values` set.
    static func cadreForm(_ values: [String: String]) -> [String: String] {
        let keys = ["name", "sex", "birth", "residentID", "ethnicity", "nativePlace", "birthplace", "party", "workStart", "health", "title", "expertise",
                    "ftLevel", "ftDegree", "ftSchool", "ftDegreeSchool", "isLevel", "isDegree", "isSchool", "isDegreeSchool", "unit", "currentPost",
                    "proposedPost", "proposedRemoval", "rank", "rankSince", "postSince", "resume", "rewards", "assessmentText", "reason", "family",
                    "training", "reports", "notes", "establishment"]
        var form = Dictionary(uniqueKeysWithValues: keys.map { ($0, "") })
        for (k, v) in values { form[k] = v }
        return form
    }

    @Test("REG-1 a 财政局 clerk's sheet with a 教育局 cadre's identity number: the preview names nobody, a merge is refused, the file is untouched; the new-cadre form does not tell whose number it is")
    func crossUnitImport() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let units = try await store.units()
            let edu = try #require(units.first { $0.code == "edu" }), fin = try #require(units.first { $0.code == "fin" })
            try await store.createAccount(username: "finclerk", displayName: "财政录入员", password: "Fin-clerk-2026", mustChangePassword: false,
                                          actor: "test", hasher: app.passwordHasher)
            try await store.grant(username: "finclerk", role: "clerk", unitCode: "fin", actor: "test")
            let victim = try #require(try await store.cadres({ var f = CadreFilter(); f.unit = edu.id; return f }(), by: .system()).rows.first)
            let before = try #require(try await store.dossier(victim.id, by: .system()))
            #expect(!before.file.residentID.isEmpty && !before.file.resume.isEmpty && !before.file.family.isEmpty)

            let b = Browser(app)
            try await b.signIn("finclerk", password: "Fin-clerk-2026")
            let csv = "姓名,身份证号,出生年月\n冒名者,\(before.file.residentID),\(before.file.birth)\n"
            let up = try await b.upload(from: "/registry/import", to: "/registry/import", fields: ["unit": fin.id.uuidString], file: ("file", "名册.csv", Array(csv.utf8)))
            let preview = try #require(up.headers.first(name: .location))
            let page = try await b.get(preview).body.string
            #expect(!page.contains(victim.name), "the preview names the other unit's cadre")
            #expect(!page.contains("/registry/cadres/\(victim.id)"))
            #expect(page.contains("此身份证号不能由您导入"))
            var form = ["col0": "name", "col1": "residentID", "col2": "birth", "unit": fin.id.uuidString, "do": "import", "merge": "1"]
            let refused = try await b.submit(from: preview, to: preview, form)
            #expect(refused.status == .badRequest)
            #expect(!refused.body.string.contains(victim.name))
            // leaving the bad rows out leaves nothing to import
            let current = try #require(refused.body.string.firstMatch(of: /action="(\/registry\/import\/[0-9A-F-]+)"/)?.1)
            form["goodOnly"] = "1"
            #expect(try await b.submit(from: String(current), to: String(current), form).status == .badRequest)
            let after = try #require(try await store.dossier(victim.id, by: .system()))
            #expect(after.file == before.file && after.unitID == edu.id)

            // the new-cadre form: refused without naming the cadre or the unit
            let created = try await b.submit(from: "/registry/cadres/new", to: "/registry/cadres", Self.cadreForm([
                "name": "冒名者", "sex": "男", "birth": before.file.birth, "residentID": before.file.residentID, "unit": fin.id.uuidString]))
            #expect(created.status == .badRequest)
            #expect(!created.body.string.contains(victim.name) && !created.body.string.contains(edu.name))
            #expect(created.body.string.contains("不能由您录入"))
            #expect(try await store.dossier(victim.id, by: .system())?.file == before.file)
        }
    }

    @Test("REG-1 uploads are read on their own thread: imports stuck on it do not hold up the pool that checks passwords")
    func importsOffTheBcryptPool() async throws {
        try await withXuanren(seed: false) { app in
            let release = DispatchSemaphore(value: 0)
            let stuck = System.coreCount + 1
            let imports = (0 ..< stuck).map { _ in Task { try await ImportWorkers.run { release.wait() } } }
            // bcrypt on its pool, watched for up to 10 s (not awaited: if it were stuck too, awaiting would never end)
            final class Flag: Sendable { let value = Mutex(false) }
            let hashed = Flag()
            let hashing = Task { _ = try await app.passwordHasher.hash("Some-pass-2026"); hashed.value.withLock { $0 = true } }
            for _ in 0 ..< 100 where !hashed.value.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
            let done = hashed.value.withLock { $0 }
            for _ in 0 ..< stuck { release.signal() }
            for t in imports { try await t.value }
            try await hashing.value
            #expect(done, "bcrypt waited behind the stuck imports")
        }
    }

    @Test("ELG-6 who qualifies over HTTP: counts, qualified and near-misses with the failed condition in words")
    func qualify() async throws {
        try await withXuanren { app in
            let b = Browser(app)
            try await b.signIn("organizer")
            let target = "正科级".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let res = try await b.get("/registry/qualify?reference=2026.06&target=\(target)&maxAge=45&minEducation=3&minGrade=2&assessmentYears=3&crossGrade=1&oneUp=1&skipOne=4&basicBlocks=1")
            #expect(res.status == .ok)
            let html = res.body.string
            let scanned = try #require(html.firstMatch(of: /筛查 (\d+) · 符合条件 (\d+) · 差一项条件 (\d+)/))
            #expect(Int(scanned.1) == 20)
            let store = app.xuanrenStore
            var p = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 4)
            p.maxAge = 45; p.minEducation = .juniorCollege; p.minYearsInGrade = 2; p.assessmentYears = 3
            let s = try await store.whoQualifies(p, by: .system())
            #expect(Int(scanned.2) == s.qualifiedCount && Int(scanned.3) == s.nearMissCount)
            if let miss = s.nearMisses.first { #expect(html.contains(miss.failed[0].reason(in: .zhHans))) }
            // a bad reference date names the field
            let bad = try await b.get("/registry/qualify?reference=soon&target=\(target)")
            #expect(bad.status == .badRequest && bad.body.string.contains("计算时间"))
            // clerks may not run it
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            #expect(try await clerk.get("/registry/qualify").status == .forbidden)
        }
    }
}
