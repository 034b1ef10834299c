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
            try await DemoCompetition.seed(store, hasher: hasher)
            try await DemoReports.seed(store)
            try await DemoCheck.seed(store)
            try await DemoPledges.seed(store)
        }
        // the seeded county is signed at once (LED-2), not left to the next checkpoint
        try await store.checkpointNow(actor: "demo", reason: .seed)
        return true
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤")
    static let given = Array("建国明华伟芳秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰志文红玉春海燕鹏飞宇晨浩然思远欣怡雨婷子涵嘉俊博文逸凡雪梅立新振华卫东晓光")
    static let ethnicities = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "壮族", "满族", "苗族"]
    /// The cadres of the bureaus and towns (`DemoCadres.swift`): the establishment of every unit filled in turn, each
    /// post with a file of its own; identity numbers are kept unique.
    static func seedCadres(_ store: Store, count: Int) async throws {
        let records = try await UnitRecord.query(on: store.db).sort(\.$sort).all()
            .filter { $0.kind == UnitKind.bureau.rawValue || $0.kind == UnitKind.township.rawValue }
        let units = records.map { CadreUnit(code: $0.code, name: $0.name, kind: UnitKind(rawValue: $0.kind) ?? .other) }
        var rng = SeededGenerator(seed: 20261123)
        let today = YearMonth.today
        var items: [CadreImportItem] = []
        var ids = Set<String>()
        for (i, slot) in slots(units, count: count).enumerated() {
            var file = cadreFile(&rng, slot: slot, units: units, today: today)
            while !ids.insert(file.residentID).inserted { file = cadreFile(&rng, slot: slot, units: units, today: today) }
            items.append(CadreImportItem(file: file, unitID: records[slot.unit].id!, source: "demo \(i + 1)"))
        }
        _ = try await store.importCadres(items, merge: false, scope: nil, actor: "demo")
    }
}
