import FluentKit
import Foundation
import SelectionCore

/// A demo county with invented names, for `serve --demo`. Seeding runs once; a second run finds
/// the county and does nothing.
public enum DemoCounty {
    public struct Account: Sendable { public var username: String; public var password: String; public var role: Role; public var unit: String }

    public static let password = "Demo-2026-xr"

    static let units: [(code: String, name: String, kind: UnitKind, parent: String?)] = [
        ("county", "中共青岚县委员会", .partyCommittee, nil),
        ("org", "中共青岚县委组织部", .organization, "county"),
        ("jw", "青岚县纪委监委", .discipline, "county"),
        ("edu", "青岚县教育局", .bureau, "county"),
        ("fin", "青岚县财政局", .bureau, "county"),
        ("trans", "青岚县交通运输局", .bureau, "county"),
        ("health", "青岚县卫生健康局", .bureau, "county"),
        ("agri", "青岚县农业农村局", .bureau, "county"),
        ("chengguan", "青岚县城关镇", .township, "county"),
        ("hedong", "青岚县河东镇", .township, "county"),
        ("qingshan", "青岚县青山乡", .township, "county"),
        ("shiqiao", "青岚县石桥乡", .township, "county"),
    ]

    public static let accounts: [Account] = [
        Account(username: "admin", password: password, role: .admin, unit: "county"),
        Account(username: "organizer", password: password, role: .organizer, unit: "org"),
        Account(username: "committee", password: password, role: .committee, unit: "county"),
        Account(username: "grader", password: password, role: .grader, unit: "org"),
        Account(username: "judge", password: password, role: .judge, unit: "org"),
        Account(username: "inspector", password: password, role: .inspector, unit: "org"),
        Account(username: "supervisor", password: password, role: .supervisor, unit: "jw"),
        Account(username: "clerk", password: password, role: .clerk, unit: "org"),
    ]

    static let displayNames = ["admin": "系统管理员", "organizer": "周明远", "committee": "陈国栋", "grader": "林晓雯",
                               "judge": "郑建华", "inspector": "孙立群", "supervisor": "何正清", "clerk": "吴小梅"]

    public static func isSeeded(_ store: Store) async throws -> Bool {
        try await UnitRecord.query(on: store.db).filter(\.$code == "county").first() != nil
    }

    /// Seeds units, accounts and `cadres` demo cadres, and signs a checkpoint. Returns false if the county was already there.
    @discardableResult
    public static func seed(_ store: Store, hasher: any PasswordHashing, cadres: Int = 320) async throws -> Bool {
        if try await isSeeded(store) { return false }
        for (i, u) in units.enumerated() {
            try await store.createUnit(code: u.code, name: u.name, kind: u.kind.rawValue, parentCode: u.parent, sort: i, actor: "demo")
        }
        let hash = try await hasher.hash(password)
        // BAL-9: every demo account can be named a custodian of a ballot box at once
        var custodianKeys: [String: (publicKey: String, wrapped: String)] = [:]
        for a in accounts { custodianKeys[a.username] = try await store.makeCustodianKey(password: a.password) }
        let keys = custodianKeys
        try await store.write { tx in
            for a in accounts {
                let rec = AccountRecord(username: a.username, displayName: displayNames[a.username] ?? a.username,
                                        passwordHash: hash, mustChangePassword: true, createdAt: Store.now())
                try await rec.create(on: tx.db)
                try await store.saveCustodianKey(accountID: rec.id!, keys[a.username]!, on: tx.db)
                try await tx.record(LedgerEvent(actor: "demo", action: AccountLedgerAction.create, subjectType: "account", subjectID: a.username,
                                                payload: ["mustChangePassword": true]))
            }
        }
        for a in accounts { try await store.grant(username: a.username, role: a.role.rawValue, unitCode: a.unit, actor: "demo") }
        try await seedCadres(store, count: cadres)
        if cadres > 0 {
            try await DemoMatter.seed(store, hasher: hasher)
            try await DemoDecision.seed(store, hasher: hasher)
        }
        // the seeded county is signed at once (LED-2), not left to the next checkpoint
        try await store.checkpointNow(actor: "demo", reason: .seed)
        return true
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤")
    static let given = Array("建国明华伟芳秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰志文红玉春海燕鹏飞宇晨浩然思远欣怡雨婷子涵嘉俊博文逸凡雪梅立新振华卫东晓光")
    static let ethnicities = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "壮族", "满族", "苗族"]
    static let schools = ["福建师范大学汉语言文学专业", "厦门大学财政学专业", "福州大学土木工程专业", "华侨大学法学专业", "集美大学会计学专业", "福建农林大学农学专业"]
    static let titles = ["", "", "经济师", "会计师", "工程师", "讲师", "农艺师"]
    /// Posts by rank level (科员, 副科级, 正科级, 副处级).
    static let postsByLevel: [Int: [String]] = [2: ["科员", "办事员"], 3: ["副局长", "副镇长", "副乡长", "党委副书记", "纪委书记", "组织委员"],
                                                4: ["局长", "镇长", "乡长", "党委书记", "党组书记"], 5: ["副县长"]]
    static let rankNames: [Int: String] = [2: "科员", 3: "副科级", 4: "正科级", 5: "副处级"]

    /// An invented but consistent cadre file (identity number with a valid check character, a résumé
    /// matching the dates, grades for recent years); about one in twenty has a deliberate inconsistency
    /// so that the audit (REG-4) has something to show.
    public static func cadreFile(_ rng: inout SeededGenerator, unitName: String, today: YearMonth) -> CadreFile {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var f = CadreFile()
        f.version = LRMX.version
        f.name = String(pick(surnames)) + String(pick(given)) + (rng.next() % 3 == 0 ? "" : String(pick(given)))
        f.sex = rng.next() % 3 == 0 ? "女" : "男"
        let birthYear = 1966 + Int(rng.next() % 32), birthMonth = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
        let birth = YearMonth(year: birthYear, month: birthMonth)
        f.birth = birth.compact
        f.ethnicity = pick(ethnicities)
        f.nativePlace = pick(["福建莆田", "福建福州", "福建泉州", "福建南平", "江西上饶"])
        f.birthplace = f.nativePlace
        let seq = String(format: "%03d", Int(rng.next() % 999))
        let body = "350102" + String(format: "%04d%02d%02d", birthYear, birthMonth, day) + seq
        let sex = Int(String(seq.last!))!
        let fixed = String(body.dropLast()) + String((f.sex == "女") == (sex % 2 == 0) ? sex : (sex + 1) % 10)
        f.residentID = fixed + ResidentID.checkCharacter(for: fixed)
        let graduate = birth.adding(months: (22 * 12) + (7 - birthMonth))  // July of the year turning 22
        let fullTime = pick([EducationLevel.bachelor, .bachelor, .bachelor, .master, .juniorCollege])
        let studyMonths = fullTime == .master ? 84 : fullTime == .juniorCollege ? 36 : 48
        let school = pick(schools)
        var lines: [String] = []
        let studyStart = (fullTime == .master ? graduate.adding(months: 36) : graduate).adding(months: -studyMonths)
        let workStart = studyStart.adding(months: studyMonths)
        lines.append("\(studyStart.dotted)--\(workStart.dotted)  \(school)\(fullTime == .master ? "硕士研究生" : fullTime == .juniorCollege ? "专科" : "")学习")
        f.fullTime = .init(level: fullTime.title(in: .zhHans), degree: fullTime == .master ? "硕士学位" : fullTime == .bachelor ? "学士学位" : "",
                           levelSchool: school, degreeSchool: fullTime == .juniorCollege ? "" : school)
        if rng.next() % 4 == 0 { f.inService = .init(level: "研究生", degree: "", levelSchool: "中共福建省委党校经济管理专业", degreeSchool: "") }
        f.workStart = workStart.compact
        if rng.next() % 5 != 0 { f.party = workStart.adding(months: 6 + Int(rng.next() % 60)).compact }
        f.health = "健康"
        f.title = pick(titles)
        f.establishment = pick(["行政编制", "行政编制", "行政编制", "参照公务员法管理事业编制", "事业编制"])
        // Career: 科员 first, then up to three promotions.
        let topLevel = 2 + Int(rng.next() % 4)
        var at = workStart
        var level = 2
        while true {
            let stay = level == topLevel ? 0 : 36 + Int(rng.next() % 72)
            let post = "\(unitName)\(pick(postsByLevel[level]!))"
            let end = at.adding(months: stay)
            if level == topLevel || end >= today {
                let since = at
                lines.append("\(since.dotted)--         \(post)（\(rankNames[level]!)）")
                f.currentPost = post
                f.rank = rankNames[level]!
                break
            }
            lines.append("\(at.dotted)--\(end.dotted)  \(post)（\(rankNames[level]!)）")
            at = end
            level += 1
        }
        for y in max(workStart.year + 1, today.year - 5) ..< today.year {
            let r = rng.next() % 20
            f.assessments[y] = r == 0 ? .basic : r < 5 ? .excellent : .competent
        }
        f.assessmentText = CadreFile.assessmentText(f.assessments)
        f.family = [.init(relation: f.sex == "女" ? "丈夫" : "妻子", name: String(pick(surnames)) + String(pick(given)) + String(pick(given)),
                          birth: birth.adding(months: Int(rng.next() % 48) - 24).compact, politicalStatus: pick(["中共党员", "群众"]), workplace: "青岚县第一中学教师")]
        f.reportingUnit = "中共青岚县委组织部"
        f.resume = lines.joined(separator: "\n")
        // About one file in twenty gets a deliberate inconsistency.
        switch rng.next() % 40 {
        case 0: f.birth = birth.adding(months: 1).compact
        case 1: f.workStart = workStart.adding(months: 8).compact
        case 2 where lines.count >= 4: f.resume = lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n")
        default: break
        }
        return f
    }

    static func seedCadres(_ store: Store, count: Int) async throws {
        let unitRecs = try await UnitRecord.query(on: store.db).all().filter { $0.code != "county" && $0.code != "org" && $0.code != "jw" }
        var rng = SeededGenerator(seed: 20261123)
        let today = YearMonth.today
        var items: [CadreImportItem] = []
        for i in 0 ..< count {
            let unit = unitRecs[Int(rng.next() % UInt64(unitRecs.count))]
            items.append(CadreImportItem(file: cadreFile(&rng, unitName: unit.name, today: today), unitID: unit.id!, source: "demo \(i + 1)"))
        }
        _ = try await store.importCadres(items, merge: false, scope: nil, actor: "demo")
    }
}
