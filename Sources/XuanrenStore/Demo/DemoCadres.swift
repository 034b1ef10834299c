import Foundation
import SelectionCore

/// The demo county's cadres (issue 17, item 12). Every unit has an establishment that fits its kind — a 局 has a
/// 党组书记、局长, 副局长, an 办公室主任, 股长 and staff; a 镇 or 乡 a 党委书记, a 镇长 (乡长), 党委委员, 副镇长, heads of
/// its offices and staff — and the people filling it have files that hang together: university from the September
/// after turning 18 for as long as the programme lasts (大专 3 years, 本科 4, 硕士 2–3, 博士 3–4), work from the month
/// after graduating, careers that climb from 科员 through 副科 to 正科 (often through another unit), ages within the
/// retirement age, and leaders who mostly have held their post for under five years, so that the rotation alerts
/// (ROT-1) are a realistic few. Everything comes from a seeded generator and the month of seeding: the same county
/// every time.
extension DemoCounty {
    /// A unit as the generator needs it.
    public struct CadreUnit: Sendable {
        public var code: String
        public var name: String
        public var kind: UnitKind
        public init(code: String, name: String, kind: UnitKind) { self.code = code; self.name = name; self.kind = kind }
    }

    /// A post's place in its unit: a principal (正科级), a deputy (副科级), the head of a 股 or office (a post, not a
    /// leadership rank), staff.
    enum Tier: Sendable { case head, deputy, section, staff }

    /// One post of a unit's establishment; `office` is the 股 or 办 of a section head or of staff.
    struct Slot: Sendable {
        var unit: Int
        var tier: Tier
        var post: String
        var office: String
        /// Needed by the demo matters (`DemoMatter`: three of 财政局 who may be promoted to 副局长; `DemoDecision`: a
        /// 副科级 of 教育局 for a 正科 post): a clean file and good grades, within the age and work windows.
        var key = false
    }

    struct Establishment {
        /// The principals, the team's head first.
        var heads: [String]
        var deputies: [String]
        /// The 股 or offices, and the post of the head of each.
        var offices: [String]
        var sections: [String]
    }

    /// The posts of a unit by its kind.
    static func establishment(_ u: CadreUnit) -> Establishment {
        switch u.kind {
        case .township:
            let offices = ["党政综合办公室", "经济发展办公室", "社会事务办公室"]
            if u.name.hasSuffix("街道") {
                return Establishment(heads: ["党工委书记", "党工委副书记、办事处主任"],
                                     deputies: ["党工委副书记", "党工委委员、纪工委书记", "党工委委员、组织委员", "党工委委员、办事处副主任", "办事处副主任"],
                                     offices: offices, sections: offices.map { "\($0)主任" })
            }
            let chief = u.name.hasSuffix("乡") ? "乡长" : "镇长"
            return Establishment(heads: ["党委书记", "党委副书记、\(chief)"],
                                 deputies: ["党委副书记", "党委委员、纪委书记", "党委委员、组织委员", "党委委员、宣传委员", "党委委员、人民武装部部长",
                                            "党委委员、副\(chief)", "副\(chief)"],
                                 offices: offices, sections: offices.map { "\($0)主任" })
        default:
            let offices: [String] = switch u.code {
            case "edu": ["人事股", "基础教育股", "计划财务股"]
            case "fin": ["预算股", "国库股", "综合股"]
            case "trans": ["综合规划股", "建设管理股", "运输管理股"]
            case "health": ["医政医管股", "疾病预防控制股", "基层卫生股"]
            case "agri": ["农村经济股", "种植业管理股", "畜牧水产股"]
            default: ["综合股", "业务股"]
            }
            return Establishment(heads: ["党组书记、局长"], deputies: ["党组成员、副局长", "党组成员、副局长", "副局长"],
                                 offices: ["办公室"] + offices, sections: ["办公室主任"] + offices.map { "\($0)股长" })
        }
    }

    /// Staff of a unit, relative to the others (an ordinary 局 or 乡 is 3).
    static func staffWeight(_ u: CadreUnit) -> Int {
        ["edu": 5, "fin": 4, "health": 4, "chengguan": 5, "hedong": 4][u.code] ?? 3
    }

    /// The posts `count` cadres fill, in this order: the leaders of every unit in turn (principals first), the heads of
    /// 股 and offices, then staff spread by `staffWeight`. The posts the demo matters need are marked `key`: three 股长
    /// of 财政局 and the first 副局长 of 教育局 (who comes within the first twenty, as the web tests' county has him).
    static func slots(_ units: [CadreUnit], count: Int) -> [Slot] {
        let posts = units.map(establishment)
        let fin = units.firstIndex { $0.code == "fin" }, edu = units.firstIndex { $0.code == "edu" }
        let leaders = units.indices.map { i in
            posts[i].heads.map { Slot(unit: i, tier: .head, post: $0, office: "") }
                + posts[i].deputies.enumerated().map { Slot(unit: i, tier: .deputy, post: $1, office: "", key: i == edu && $0 == 0) }
        }
        let sections = units.indices.map { i in
            zip(posts[i].offices, posts[i].sections).enumerated().map { Slot(unit: i, tier: .section, post: $1.1, office: $1.0, key: i == fin && (1 ... 3).contains($0)) }
        }
        var out: [Slot] = []
        for var queues in [leaders, sections] {
            while queues.contains(where: { !$0.isEmpty }) {
                for i in queues.indices where !queues[i].isEmpty { out.append(queues[i].removeFirst()) }
            }
        }
        if out.count >= count { return Array(out.prefix(count)) }
        // staff: each to the unit furthest below its share
        var staff = Array(repeating: 0, count: units.count)
        let weights = units.map(staffWeight)
        while out.count < count {
            let i = units.indices.min { a, b in (staff[a] * weights[b], a) < (staff[b] * weights[a], b) }!
            out.append(Slot(unit: i, tier: .staff, post: "", office: posts[i].offices[staff[i] % posts[i].offices.count]))
            staff[i] += 1
        }
        return out
    }

    typealias School = (name: String, majors: [String])
    static let universities: [School] = [
        ("厦门大学", ["财政学", "会计学", "经济学", "汉语言文学", "法学"]), ("福州大学", ["土木工程", "交通工程", "行政管理", "经济学"]),
        ("福建师范大学", ["汉语言文学", "思想政治教育", "教育学", "数学与应用数学", "行政管理"]), ("华侨大学", ["法学", "会计学", "国际经济与贸易"]),
        ("集美大学", ["会计学", "财务管理", "交通运输"]), ("福建农林大学", ["农学", "农林经济管理", "动物科学", "园艺"]),
        ("闽江学院", ["汉语言文学", "法学", "财务管理"]), ("莆田学院", ["护理学", "汉语言文学", "会计学"]),
        ("福建医科大学", ["卫生事业管理", "护理学", "公共事业管理"]), ("龙岩学院", ["思想政治教育", "农学", "汉语言文学"]),
    ]
    static let colleges: [School] = [
        ("福建农业职业技术学院", ["农业经济管理", "畜牧兽医"]), ("福建信息职业技术学院", ["文秘", "计算机应用技术"]),
        ("闽西职业技术学院", ["会计", "文秘"]), ("福建船政交通职业学院", ["道路桥梁工程技术", "财务管理"]),
    ]
    static let graduateSchools: [School] = [
        ("厦门大学", ["财政学", "会计学", "公共管理"]), ("福建师范大学", ["教育学原理", "中国语言文学", "马克思主义理论"]),
        ("福州大学", ["土木工程", "管理科学与工程"]), ("福建农林大学", ["农业经济管理", "作物学"]),
    ]
    /// Degrees studied while working: (school and major, the programme's words in the résumé, 学历, 学位).
    static let inServiceBachelor: [(school: String, programme: String)] = [
        ("福建师范大学汉语言文学专业", "函授本科"), ("中共福建省委党校经济管理专业", "本科"), ("福建农林大学农学专业", "函授本科"),
    ]
    static let inServiceGraduate: [(school: String, programme: String, degree: String)] = [
        ("中共福建省委党校经济管理专业", "在职研究生", ""), ("福建师范大学公共管理专业", "在职研究生", "公共管理硕士"),
    ]

    /// Majors that suit a unit, preferred when the school teaches one.
    static func suitedMajors(_ u: CadreUnit) -> [String] {
        switch u.code {
        case "fin": ["财政学", "会计学", "财务管理", "经济学", "会计"]
        case "edu": ["教育学", "汉语言文学", "数学与应用数学", "思想政治教育", "教育学原理"]
        case "trans": ["土木工程", "交通工程", "交通运输", "道路桥梁工程技术"]
        case "health": ["卫生事业管理", "护理学", "公共事业管理"]
        case "agri": ["农学", "农林经济管理", "动物科学", "园艺", "农业经济管理", "畜牧兽医"]
        default: ["行政管理", "法学", "汉语言文学", "农学", "思想政治教育", "经济学", "文秘"]
        }
    }
    static let titlesByUnit = ["fin": ["会计师", "经济师"], "edu": ["中学一级教师", "中学高级教师"], "trans": ["工程师"], "health": ["主管护师"], "agri": ["农艺师", "畜牧师"]]
    static let familyWork = ["青岚县第一中学教师", "青岚县实验小学教师", "青岚县医院医生", "青岚县农村信用合作联社职员", "青岚县人民法院干部", "个体经营", "青岚县自然资源局干部"]

    /// Months a leader has held the current post: mostly under five years, a few five, a few six to nine, very few ten or more.
    static func leaderTenure(_ rng: inout SeededGenerator) -> Int {
        let r = Int(rng.next() % 100), x = Int(rng.next() % 1000)
        return r < 86 ? 3 + x % 57 : r < 93 ? 60 + x % 12 : r < 98 ? 72 + x % 48 : 120 + x % 21
    }

    /// A file for a random post of a unit of that kind (the benchmark seeder, `xuanren cadre seed`).
    public static func cadreFile(_ rng: inout SeededGenerator, unit: CadreUnit, today: YearMonth) -> CadreFile {
        let posts = establishment(unit)
        let r = Int(rng.next() % 100), i = Int(rng.next() % 1000)
        let slot: Slot = switch r {
        case ..<4: Slot(unit: 0, tier: .head, post: posts.heads[i % posts.heads.count], office: "")
        case ..<16: Slot(unit: 0, tier: .deputy, post: posts.deputies[i % posts.deputies.count], office: "")
        case ..<26: Slot(unit: 0, tier: .section, post: posts.sections[i % posts.sections.count], office: posts.offices[i % posts.offices.count])
        default: Slot(unit: 0, tier: .staff, post: "", office: posts.offices[i % posts.offices.count])
        }
        let others = units.filter { ($0.kind == .bureau || $0.kind == .township) && $0.name != unit.name }.map { CadreUnit(code: $0.code, name: $0.name, kind: $0.kind) }
        return cadreFile(&rng, slot: slot, units: [unit] + others, today: today)
    }

    /// One invented but consistent file for `slot` (of `units`): an identity number with a valid check character, a
    /// résumé matching the dates, grades for recent years. About one non-key file in twenty gets a deliberate
    /// inconsistency so that the audit (REG-4) has something to show.
    static func cadreFile(_ rng: inout SeededGenerator, slot: Slot, units: [CadreUnit], today: YearMonth) -> CadreFile {
        func r(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
        func range(_ lo: Int, _ hi: Int) -> Int { hi <= lo ? lo : lo + r(hi - lo + 1) }
        func chance(_ percent: Int) -> Bool { r(100) < percent }
        func pick<T>(_ xs: [T]) -> T { xs[r(xs.count)] }
        let unit = units[slot.unit]
        let now = today.index
        let leader = slot.tier == .head || slot.tier == .deputy
        var f = CadreFile()
        f.version = LRMX.version
        f.name = String(pick(surnames)) + String(pick(given)) + (r(3) == 0 ? "" : String(pick(given)))
        let female = chance(leader ? 20 : 40)
        f.sex = female ? "女" : "男"

        // 1. age in whole years, under the retirement age (60, 55 for women; the odd one in the year before it)
        let cap = female ? 54 : 59
        var age: Int = switch slot.tier {
        case .head: range(40, min(56, cap))
        case .deputy: chance(15) ? range(30, 35) : chance(70) ? range(36, 48) : range(49, min(56, cap))
        case .section: range(28, cap - 4)
        case .staff: chance(45) ? range(22, 30) : chance(55) ? range(31, 42) : range(43, cap)
        }
        if slot.key { age = slot.tier == .deputy ? range(36, 44) : range(32, 40) }
        let monthsPastBirthday = r(12)

        // 2. full-time education by cohort: older cadres more often 大专, and a degree studied while working
        let born = today.year - age
        let e = r(100)
        var level: EducationLevel = born < 1976 ? (e < 35 ? .juniorCollege : e < 95 ? .bachelor : .master)
            : born < 1986 ? (e < 12 ? .juniorCollege : e < 82 ? .bachelor : e < 99 ? .master : .doctor)
            : (e < 5 ? .juniorCollege : e < 68 ? .bachelor : e < 99 ? .master : .doctor)
        if slot.key, level == .juniorCollege || level == .doctor { level = .bachelor }
        let suited = suitedMajors(unit)
        func school(_ list: [School]) -> String {
            let fitting = list.filter { $0.majors.contains(where: suited.contains) }
            let s = !fitting.isEmpty && chance(60) ? pick(fitting) : pick(list)
            let majors = s.majors.filter(suited.contains)
            return s.name + (majors.isEmpty || chance(25) ? pick(s.majors) : pick(majors)) + "专业"
        }
        // (school, programme words, years) of each full-time stage
        var stages: [(school: String, words: String, years: Int)] = [level == .juniorCollege ? (school(colleges), "专科", 3) : (school(universities), "", 4)]
        if level >= .master { stages.append((school(graduateSchools), "硕士研究生", chance(35) ? 2 : 3)) }
        if level == .doctor { stages.append((school(graduateSchools), "博士研究生", chance(60) ? 3 : 4)) }
        let lateStart = chance(12) ? 1 : 0
        let gapMonths = 1 + r(2)

        // 3. birth, study and work start; an older age when a career needs more room than the years allow
        var tenure = slot.tier == .section ? range(12, 96) : leader ? leaderTenure(&rng) : 0
        if slot.key { tenure = slot.tier == .deputy ? range(26, 44) : range(14, 40) }
        let before = slot.tier == .head ? 72 : leader ? 36 : slot.tier == .section ? 24 : 1
        var birth = YearMonth(year: 2000, month: 1), work = birth
        var study: [(start: YearMonth, end: YearMonth, text: String)] = []
        while true {
            birth = today.adding(months: -(age * 12 + monthsPastBirthday))
            var start = YearMonth(year: birth.year + 18 + (birth.month >= 9 ? 1 : 0) + lateStart, month: 9)
            study = []
            for s in stages {
                let end = YearMonth(year: start.year + s.years, month: 7)
                study.append((start, end, s.school + s.words + "学习"))
                start = YearMonth(year: end.year, month: 9)
            }
            work = study.last!.end.adding(months: gapMonths)
            if now - work.index >= tenure + before { break }
            if age < cap { age += 1 } else { tenure = max(3, now - work.index - before); break }
        }
        let months = now - work.index

        // 4. the career as stints from work start to today: staff years (`staff`: the post is an office, named with the
        // rank), perhaps a 股 or office, deputy posts, principal posts
        struct Stint { var start: Int; var unit: Int; var post: String; var rank: String; var staff: Bool }
        var stints: [Stint] = []
        let others = units.indices.filter { $0 != slot.unit }
        func other() -> Int { others.isEmpty ? slot.unit : pick(others) }
        let current = now - tenure
        switch slot.tier {
        case .staff:
            if months >= 72, chance(35) {
                let u = other()
                stints.append(Stint(start: work.index, unit: u, post: pick(establishment(units[u]).offices), rank: "科员", staff: true))
                stints.append(Stint(start: work.index + range(24, months - 24), unit: slot.unit, post: slot.office, rank: "科员", staff: true))
            } else {
                stints.append(Stint(start: work.index, unit: slot.unit, post: slot.office, rank: "科员", staff: true))
            }
        case .section:
            let room = current - work.index
            if !slot.key, room >= 60, chance(30) {
                let u = other()
                stints.append(Stint(start: work.index, unit: u, post: pick(establishment(units[u]).offices), rank: "科员", staff: true))
                stints.append(Stint(start: work.index + range(24, room - 24), unit: slot.unit, post: slot.office, rank: "科员", staff: true))
            } else {
                stints.append(Stint(start: work.index, unit: slot.unit, post: slot.office, rank: "科员", staff: true))
            }
            stints.append(Stint(start: current, unit: slot.unit, post: slot.post, rank: "科员", staff: false))
        case .deputy, .head:
            // from the current post back
            var back = [Stint(start: current, unit: slot.unit, post: slot.post, rank: slot.tier == .head ? "正科级" : "副科级", staff: false)]
            var room = current - work.index
            if slot.tier == .head, room >= 108, chance(35) {
                let u = other(), d = range(36, min(72, room - 72))
                back.append(Stint(start: current - d, unit: u, post: establishment(units[u]).heads.last!, rank: "正科级", staff: false))
                room -= d
            }
            // deputy years: a principal always had some; a deputy sometimes held another deputy post first
            let span = slot.tier == .head ? min(max(36, room * range(35, 55) / 100), room - 36, 132)
                : !slot.key && room >= 60 && chance(45) ? min(max(24, room * range(20, 45) / 100), room - 36, 96) : 0
            if span > 0 {
                let split = span >= 72 && chance(50) ? span * range(40, 60) / 100 : 0
                let lengths: [Int] = split > 0 ? [split, span - split] : [span]
                for (i, d) in lengths.enumerated() {
                    let u = slot.tier == .head && i == 0 && chance(40) ? slot.unit : other()
                    back.append(Stint(start: back.last!.start - d, unit: u, post: pick(establishment(units[u]).deputies), rank: "副科级", staff: false))
                }
                room -= span
            }
            // 科员 years, the last of them perhaps at the head of a 股 or office
            let u = chance(50) ? slot.unit : other()
            let est = establishment(units[u])
            let i = r(est.offices.count)
            if room >= 84, chance(65) {
                back.append(Stint(start: back.last!.start - range(24, min(60, room - 36)), unit: u, post: est.sections[i], rank: "科员", staff: false))
            }
            back.append(Stint(start: work.index, unit: u, post: est.offices[i], rank: "科员", staff: true))
            stints = back.reversed()
        }

        // 5. non-leading ranks over time: 办事员 first (two years for 大专, or while still in the probation year), and
        // for long-serving staff and heads of 股 the 职级 四级主任科员 (after 15 years) and 三级主任科员 (after 22)
        var events: [(start: Int, rank: String)] = []
        if level == .juniorCollege { events += [(work.index, "办事员"), (work.index + 24, "科员")] }
        else if months < 12 { events.append((work.index, "办事员")) }
        if !leader, !slot.key, months >= 180, chance(60) {
            let first = max(YearMonth(year: 2019, month: 6).index, work.index + 180) + r(24)
            if first <= now - 2 {
                events.append((first, "四级主任科员"))
                let second = max(first + 36, work.index + 264) + r(12)
                if chance(50), second <= now - 2 { events.append((second, "三级主任科员")) }
            }
        }

        // 6. résumé lines: the study, then the stints cut where a non-leading rank changes
        struct Segment { var start: Int; var unit: Int; var post: String; var rank: String }
        var segments: [Segment] = []
        for (i, st) in stints.enumerated() {
            let end = i + 1 < stints.count ? stints[i + 1].start : now + 1
            for c in Set([st.start] + events.map(\.start).filter { $0 > st.start && $0 < end }).sorted() {
                let rank = st.rank == "科员" ? events.last { $0.start <= c }?.rank ?? "科员" : st.rank
                segments.append(Segment(start: c, unit: st.unit, post: st.staff ? st.post + rank : st.post, rank: rank))
            }
        }
        var lines = study.map { "\($0.start.dotted)--\($0.end.dotted)  \($0.text)" }
        for (i, s) in segments.enumerated() {
            let text = units[s.unit].name + s.post + (s.post.hasSuffix(s.rank) ? "" : "（\(s.rank)）")
            let from = YearMonth(index: s.start).dotted
            lines.append(i + 1 < segments.count ? "\(from)--\(YearMonth(index: segments[i + 1].start).dotted)  \(text)" : "\(from)--         \(text)")
        }

        // 7. study while working: a 本科 for most 大专 graduates, a graduate course for some leaders with a 本科
        let highest = stages.last!
        f.fullTime = .init(level: level.title(in: .zhHans), degree: [.bachelor: "学士学位", .master: "硕士学位", .doctor: "博士学位"][level] ?? "",
                           levelSchool: highest.school, degreeSchool: level == .juniorCollege ? "" : highest.school)
        func interim(from start: Int, _ words: String) -> Bool {
            let end = start + 34
            guard end <= now - 1, let k = segments.lastIndex(where: { $0.start <= start }) else { return false }
            lines[study.count + k] += "（其间：\(YearMonth(index: start).dotted)--\(YearMonth(index: end).dotted)在\(words)学习）"
            return true
        }
        if level == .juniorCollege, months >= 72, chance(75) {
            let p = pick(inServiceBachelor)
            if interim(from: YearMonth(year: work.year + range(2, 5), month: 9).index, p.school + p.programme) {
                f.inService = .init(level: "大学本科", degree: "", levelSchool: p.school, degreeSchool: "")
            }
        } else if leader, level == .bachelor, months >= 108, chance(30) {
            let p = pick(inServiceGraduate)
            if interim(from: YearMonth(year: work.year + range(5, months / 12 - 4), month: 9).index, p.school + p.programme) {
                f.inService = .init(level: "研究生", degree: p.degree, levelSchool: p.school, degreeSchool: p.degree.isEmpty ? "" : p.school)
            }
        }

        // 8. the rest of the file
        f.birth = birth.compact
        f.ethnicity = pick(ethnicities)
        f.nativePlace = pick(["福建莆田", "福建福州", "福建泉州", "福建南平", "福建三明", "江西上饶"])
        f.birthplace = f.nativePlace
        let day = 1 + r(28)
        let seq = String(format: "%03d", r(999))
        let body = "350102" + String(format: "%04d%02d%02d", birth.year, birth.month, day) + seq
        let digit = Int(String(seq.last!))!
        let fixed = String(body.dropLast()) + String(female == (digit % 2 == 0) ? digit : (digit + 1) % 10)
        f.residentID = fixed + ResidentID.checkCharacter(for: fixed)
        f.workStart = work.compact
        if leader || slot.key || chance(slot.tier == .section ? 85 : 65) {
            let atUniversity = study[0].start.adding(months: 12 + r(24))
            let party = chance(35) && birth.wholeYears(until: atUniversity) >= 19 && atUniversity < work ? atUniversity : work.adding(months: 12 + r(60))
            if party.index < now { f.party = party.compact }
        }
        f.health = "健康"
        f.title = chance(70) ? "" : pick(titlesByUnit[unit.code] ?? ["经济师", "助理经济师"])
        f.establishment = leader || unit.kind == .township ? "行政编制" : pick(["行政编制", "行政编制", "行政编制", "行政编制", "参照公务员法管理事业编制"])
        let last = segments.last!
        f.currentPost = units[last.unit].name + last.post
        f.rank = last.rank
        f.rankSince = YearMonth(index: segments.lastIndex { $0.rank != last.rank }.map { segments[$0 + 1].start } ?? segments[0].start).compact
        f.postSince = YearMonth(index: segments.lastIndex { $0.unit != last.unit || $0.post != last.post }.map { segments[$0 + 1].start } ?? segments[0].start).compact
        // annual grades: 优秀 for about one in six (a leader one in five), 基本称职 rare, 不称职 rarer and never for a leader
        for y in stride(from: max(work.year + 1, today.year - 5), to: today.year, by: 1) {
            let g = r(1000)
            f.assessments[y] = slot.key ? (g < 200 ? .excellent : .competent)
                : leader ? (g < 5 ? .basic : g < 200 ? .excellent : .competent)
                : g < 2 ? .incompetent : g < 12 ? .basic : g < 170 ? .excellent : .competent
        }
        f.assessmentText = CadreFile.assessmentText(f.assessments)
        if age >= 26, chance(85) {
            f.family = [.init(relation: female ? "丈夫" : "妻子", name: String(pick(surnames)) + String(pick(given)) + String(pick(given)),
                              birth: birth.adding(months: r(60) - 30).compact, politicalStatus: pick(["中共党员", "群众"]), workplace: pick(familyWork))]
        }
        f.reportingUnit = "中共青岚县委组织部"
        f.resume = lines.joined(separator: "\n")
        // About one non-key file in twenty gets a deliberate inconsistency.
        if !slot.key {
            switch r(40) {
            case 0: f.birth = birth.adding(months: 1).compact
            case 1 where work.adding(months: 8) < today: f.workStart = work.adding(months: 8).compact
            case 2 where lines.count >= 4: f.resume = lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n")
            default: break
            }
        }
        return f
    }
}
