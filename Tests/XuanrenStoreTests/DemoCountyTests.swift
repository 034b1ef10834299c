import FluentKit
import Foundation
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// The demo county an organization department sees first (issue 17, item 12): posts that fit their units, résumés
/// that fit the birth year and the programmes studied, rotation alerts for a realistic few leaders, and still the
/// people the demo matters need.
@Suite("Demo county")
struct DemoCountyTests {
    static let units = DemoCounty.units.filter { $0.kind == .bureau || $0.kind == .township }.map { DemoCounty.CadreUnit(code: $0.code, name: $0.name, kind: $0.kind) }

    /// Whether `post` (what follows the unit's name) fits a unit of that kind, and the ranks it may carry.
    static func fits(_ post: String, _ kind: UnitKind, rank: String) -> Bool {
        let staff = ["科员", "办事员", "主任科员"].contains { post.hasSuffix($0) }
        let nonLeading = ["科员", "办事员", "一级科员", "二级科员", "四级主任科员", "三级主任科员"].contains(rank)
        if staff || post.hasSuffix("股长") || post.hasSuffix("办公室主任") { return nonLeading && (kind == .bureau ? !post.contains("办公室") || post.hasPrefix("办公室") : !post.contains("股")) }
        switch kind {
        case .bureau:
            return post == "党组书记、局长" ? rank == "正科级" : (post == "党组成员、副局长" || post == "副局长") && rank == "副科级"
        case .township:
            if post.contains("局") { return false }
            if ["党委书记", "党委副书记、镇长", "党委副书记、乡长"].contains(post) { return rank == "正科级" }
            return ["党委副书记", "党委委员、纪委书记", "党委委员、组织委员", "党委委员、宣传委员", "党委委员、人民武装部部长", "党委委员、副镇长", "党委委员、副乡长", "副镇长", "副乡长"]
                .contains(post) && rank == "副科级"
        default: return false
        }
    }

    /// Every check on one file that does not need the store; the problems in words.
    static func problems(_ f: CadreFile, unit: DemoCounty.CadreUnit, today: YearMonth) -> [String] {
        var out: [String] = []
        let nameOf = Dictionary(units.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
        // the current post and every post of the résumé fit their unit
        if !f.currentPost.hasPrefix(unit.name) || !fits(String(f.currentPost.dropFirst(unit.name.count)), unit.kind, rank: f.rank) {
            out.append("current post \(f.currentPost) (\(f.rank)) in \(unit.name)")
        }
        let entries = f.parsedResume.entries
        for e in entries where !e.isStudy {
            guard let (name, kind) = nameOf.first(where: { e.text.hasPrefix($0.key) }).map({ ($0.key, $0.value) }) else { out.append("line \(e.line) names no unit: \(e.text)"); continue }
            var post = String(e.text.dropFirst(name.count)), rank = ""
            if let open = post.firstIndex(of: "（") { rank = String(post[post.index(after: open)...].dropLast()); post = String(post[..<open]) }
            else { rank = ["四级主任科员", "三级主任科员", "科员", "办事员"].first { post.hasSuffix($0) } ?? "" }
            if !fits(post, kind, rank: rank) { out.append("line \(e.line): \(e.text)") }
        }
        // study from 17–20 for as long as the programme lasts; work within six months of graduating, at 20 or older
        guard let birth = f.birthMonth, let work = f.workStartMonth else { return out + ["no birth or work start"] }
        let study = entries.filter(\.isStudy)
        if let first = study.first, !(17 ... 20).contains(birth.wholeYears(until: first.start)) { out.append("starts university at \(birth.wholeYears(until: first.start))") }
        for s in study {
            let months = s.months ?? -1
            let allowed = s.text.contains("博士") ? [34, 46] : s.text.contains("硕士") ? [22, 34] : s.text.contains("专科") ? [34] : [46]
            if !allowed.contains(months) { out.append("study of \(months) months: \(s.text)") }
        }
        for (a, b) in zip(study, study.dropFirst()) where b.start.index - (a.end?.index ?? 0) != 2 { out.append("study lines \(a.line) and \(b.line) not consecutive") }
        if let last = study.last?.end, !(0 ... 6).contains(work.index - last.index) { out.append("work \(work) after graduating \(last)") }
        if birth.wholeYears(until: work) < 20 { out.append("works at \(birth.wholeYears(until: work))") }
        if study.isEmpty { out.append("no study line") }
        let level = f.fullTimeLevel
        let needs = level == .doctor ? "博士" : level == .master ? "硕士" : level == .juniorCollege ? "专科" : ""
        if !needs.isEmpty, !study.contains(where: { $0.text.contains(needs) }) { out.append("full-time \(f.fullTime.level) without its study line") }
        // under the retirement age
        if birth.wholeYears(until: today) >= (f.sex == "女" ? 55 : 60) { out.append("aged \(birth.wholeYears(until: today))") }
        return out
    }

    @Test("Demo county: every post fits its unit (局长 and 股长 in a 局, 镇长 and 党委委员 in a 镇), résumés fit the birth year and the programme lengths, for many seeds")
    func generatedFiles() {
        let today = YearMonth(year: 2026, month: 11)
        var audited = 0, withFindings = 0
        for seed in 1 ... 12 as ClosedRange<UInt64> {
            var rng = SeededGenerator(seed: seed)
            for slot in DemoCounty.slots(Self.units, count: 320) {
                let f = DemoCounty.cadreFile(&rng, slot: slot, units: Self.units, today: today)
                let found = FileAudit.audit(f, today: today)
                audited += 1
                if !found.isEmpty { withFindings += 1 }
                // only the deliberate inconsistencies (birth month, work start, a dropped line) show in the audit
                let kinds = Set(found.map(\.kind)).subtracting([.birthMismatch, .workAfterFirstJob, .gap])
                #expect(kinds.isEmpty, "\(kinds) in \(f.resume)")
                if slot.key { #expect(found.isEmpty, "a key file has findings: \(found.map(\.zh))") }
                if found.isEmpty {
                    let p = Self.problems(f, unit: Self.units[slot.unit], today: today)
                    #expect(p.isEmpty, "\(p)\n\(f.currentPost) \(f.rank) \(f.birth)\n\(f.resume)")
                }
            }
        }
        #expect(withFindings > 0 && withFindings * 8 < audited, "\(withFindings) of \(audited) files with findings")
        // the checks catch what the review found in the old demo: a 镇 post in a 局, a 副县长 in a 局, a seven-year master's
        var old = CadreFile()
        old.name = "梁静娟"; old.sex = "男"; old.birth = "196806"; old.workStart = "199307"; old.rank = "副处级"
        old.fullTime = .init(level: "硕士研究生", degree: "硕士学位", levelSchool: "福建师范大学汉语言文学专业", degreeSchool: "福建师范大学汉语言文学专业")
        old.currentPost = "青岚县交通运输局副县长"
        old.resume = """
        1986.07--1993.07  福建师范大学汉语言文学专业硕士研究生学习
        1993.07--2001.01  青岚县交通运输局办事员（科员）
        2001.01--2008.02  青岚县交通运输局组织委员（副科级）
        2008.02--2015.04  青岚县交通运输局乡长（正科级）
        2015.04--         青岚县交通运输局副县长（副处级）
        """
        let trans = Self.units.first { $0.code == "trans" }!
        let found = Self.problems(old, unit: trans, today: today)
        #expect(found.count == 5, "\(found)")
        #expect(found.contains("study of 84 months: 福建师范大学汉语言文学专业硕士研究生学习") && found.contains("line 3: 青岚县交通运输局组织委员（副科级）"))
    }

    @Test("Demo county: the same seed gives the same files; posts are filled leaders first, every unit in turn, so that a small county has every unit's head")
    func deterministicAndSmall() {
        let today = YearMonth(year: 2026, month: 11)
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        for slot in DemoCounty.slots(Self.units, count: 60) {
            #expect(DemoCounty.cadreFile(&a, slot: slot, units: Self.units, today: today) == DemoCounty.cadreFile(&b, slot: slot, units: Self.units, today: today))
        }
        // the web tests' county: every unit's head, three of 财政局 (the tests nominate two), 教育局's first 副局长
        let small = DemoCounty.slots(Self.units, count: 20)
        let fin = Self.units.firstIndex { $0.code == "fin" }!, edu = Self.units.firstIndex { $0.code == "edu" }!
        #expect(small.count == 20 && small.prefix(9).map(\.unit) == Array(Self.units.indices) && small.prefix(9).allSatisfy { $0.tier == .head })
        #expect(small.filter { $0.unit == fin }.count == 3 && small.filter(\.key).map(\.unit) == [edu])
        let full = DemoCounty.slots(Self.units, count: 320)
        #expect(full.count == 320)
        #expect(full.filter(\.key).map(\.post) == ["党组成员、副局长", "预算股股长", "国库股股长", "综合股股长"])
        // one 局长 per 局, one 党委书记 and one 镇长 (乡长) per 镇 (乡), three 副局长 per 局
        for (i, u) in Self.units.enumerated() {
            let heads = full.filter { $0.unit == i && $0.tier == .head }.map(\.post)
            #expect(heads == (u.kind == .bureau ? ["党组书记、局长"] : ["党委书记", "党委副书记、\(u.name.hasSuffix("乡") ? "乡长" : "镇长")"]), "\(u.name): \(heads)")
            if u.kind == .bureau { #expect(full.filter { $0.unit == i && $0.tier == .deputy }.count == 3) }
        }
    }

    @Test("Demo county seeded: posts fit units; ROT-1 必须交流 for a few leaders only, never a 科员; ages under the retirement age; the demo matters seeded from 320 cadres, 教育局's from 20")
    func seeded() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            #expect(try await DemoCounty.seed(store, hasher: PlainHasher(), cadres: 320))
            let units = try await UnitRecord.query(on: store.db).all()
            let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
            let today = YearMonth.today
            var leaders = 0, blocking = 0
            let ladder = try await store.registrySettings().ladder
            for rec in try await CadreRecord.query(on: store.db).all() {
                let d = try #require(try await store.dossier(rec.id!))
                let u = try #require(byID[rec.unitID])
                if ladder.isLeadership(d.file.rank) { leaders += 1 }
                if d.blocking { blocking += 1; continue }
                let p = Self.problems(d.file, unit: DemoCounty.CadreUnit(code: u.code, name: u.name, kind: UnitKind(rawValue: u.kind)!), today: today)
                #expect(p.isEmpty, "\(p)\n\(d.file.resume)")
            }
            #expect(leaders >= 40 && leaders <= 80, "\(leaders) leaders")
            #expect(blocking >= 1 && blocking <= 25, "\(blocking) files with blocking findings")
            let (counts, hits) = try await store.alerts(units: nil, today: today, limit: 500)
            let rotating = (counts[.mustRotate] ?? 0) + (counts[.rotationDue] ?? 0)
            #expect((1 ... leaders / 8).contains(counts[.mustRotate] ?? 0), "\(counts)")
            #expect(rotating <= leaders / 4, "\(counts)")
            #expect((counts[.ageLimit] ?? 0) <= 16 && (counts[.admonish] ?? 0) <= 12, "\(counts)")
            for h in hits where h.alerts.contains(where: { [.mustRotate, .rotationDue, .termLimit, .promotionTransfer].contains($0.kind) }) {
                #expect(ladder.isLeadership(h.row.rank), "\(h.row.name) \(h.row.rank) \(h.alerts.map(\.zh))")
            }
            let matters = try await store.matters(visibleTo: .system())
            #expect(matters.total == 4)
            // the competitive selection in registration, with registry applicants, some of them near misses
            let comp = try #require(matters.rows.first { $0.title == "青岚县交通运输局股长竞争上岗" })
            let applicants = try await store.applicants(comp.id, by: .system())
            #expect(applicants.count == 10 && Set(applicants.map(\.positionID)) == ["p1", "p2"])
            #expect(try await store.competition(comp.id, by: .system()).registrationOpen(at: Int64(Date().timeIntervalSince1970)))
            // the open selection with outside applicants (no registry file)
            let open = try #require(matters.rows.first { $0.title == "青岚县城关镇副镇长公开选拔" })
            let outside = try await store.applicants(open.id, by: .system())
            #expect(outside.count == 5 && outside.allSatisfy { !$0.internalFile && $0.form != nil })
        }
        // the web tests' county
        try await TestDatabase.sqlite.withStore { store, _ in
            let seeded = try await DemoCounty.seed(store, hasher: PlainHasher(), cadres: 20)
            #expect(seeded)
            #expect(try await store.cadreCount() == 20)
            // 教育局's matter (its first 副局长 is among the twenty); 财政局's needs three of its 股长 or 科员, who are not
            let titles = try await store.matters(visibleTo: .system()).rows.map(\.title)
            #expect(titles == ["青岚县教育局办公室主任选拔"])
        }
    }
}
