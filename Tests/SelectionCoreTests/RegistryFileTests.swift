import Testing
@testable import SelectionCore

/// An invented cadre (the identity number has a valid GB 11643 check character).
func sampleFile() -> CadreFile {
    var f = CadreFile()
    f.name = "林晓岚"; f.sex = "女"; f.birth = "198306"; f.ethnicity = "汉族"; f.nativePlace = "福建莆田"; f.birthplace = "福建福州"
    f.residentID = "350102198306154120"
    f.party = "200505"; f.workStart = "200507"; f.health = "健康"; f.title = "经济师"; f.expertise = "财政管理"
    f.fullTime = .init(level: "大学本科", degree: "经济学学士", levelSchool: "厦门大学财政学专业", degreeSchool: "厦门大学财政学专业")
    f.inService = .init(level: "研究生", degree: "管理学硕士", levelSchool: "福建师范大学公共管理专业", degreeSchool: "福建师范大学")
    f.currentPost = "示范县财政局副局长"; f.proposedPost = "示范县财政局局长"; f.proposedRemoval = "示范县财政局副局长"
    f.resume = """
    2001.09--2005.07  厦门大学财政学专业学习
    2005.07--2012.03  示范县财政局科员
    2012.03--2018.09  示范县财政局预算股股长
                     （其间：2013.09--2016.07在福建师范大学公共管理专业在职研究生学习，获管理学硕士学位）
    2018.09--         示范县财政局副局长（副科级）
    """
    f.rewards = "2020年记三等功一次"; f.assessmentText = "2021年度考核称职；2022年度考核优秀；2023年度考核称职；2024年度考核称职；2025年度考核优秀"
    f.reason = "工作需要"
    f.family = [.init(relation: "丈夫", name: "陈一鸣", birth: "198201", politicalStatus: "中共党员", workplace: "示范县第一中学教师"),
                .init(relation: "女儿", name: "陈语桐", birth: "201109", politicalStatus: "群众", workplace: "示范县实验小学学生")]
    f.reportingUnit = "中共示范县委组织部"; f.ageDate = "20261123"; f.fillDate = "20261123"; f.filledBy = "张三"
    f.photo = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ=="; f.version = "3.2.1.6"
    f.extras = [.init(name: "DaoLingNianYue", text: "204306")]
    f.assessments = CadreFile.assessments(in: f.assessmentText)
    f.rank = "副科级"
    return f
}

@Suite("Cadre files: LRMX, résumé, audit, alerts (REG, ELG-10, ROT, ASM-1, RES-1)")
struct RegistryFileTests {
    @Test("REG-1 LRMX round trip: import → export → import gives back the same data")
    func lrmxRoundTrip() throws {
        let f = sampleFile()
        let xml = LRMX.write(f)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
        #expect(xml.contains("<JianLi>2001.09--2005.07  厦门大学财政学专业学习\r\n2005.07--2012.03"))
        let back = try LRMX.read(Array(xml.utf8))
        #expect(back == f)
        // And a second pass is byte-identical.
        #expect(LRMX.write(back) == xml)
        // Element order as the format writes it.
        let order = ["XingMing", "XingBie", "ChuShengNianYue", "MinZu", "JianLi", "JiaTingChengYuan", "ChengBaoDanWei", "ShenFenZheng", "ZhaoPian", "DaoLingNianYue", "Version"]
        let positions = order.map { xml.firstRange(of: "<\($0)")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("REG-1 LRMX reading tolerates a BOM, any element order, other date forms; keeps unknown elements and special characters")
    func lrmxTolerant() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- made by hand -->\n<Person><ChuShengNianYue>1975.01</ChuShengNianYue><XingMing>王 &amp; 李&#x4E00;</XingMing>"
            + "<RuDangShiJian>199806；民盟</RuDangShiJian><NianDuKaoHeJieGuo>2024年度基本称职，2025年度考核称职</NianDuKaoHeJieGuo>"
            + "<GaiGeQianRenZhiNianLingJieXian>55</GaiGeQianRenZhiNianLingJieXian><JiaTingChengYuan><Item><ChengWei>父亲</ChengWei></Item></JiaTingChengYuan><JianLi><![CDATA[1995.07-1999.07  县一中<教师>]]></JianLi></Person>"
        let f = try LRMX.read(Array(xml.utf8))
        #expect(f.name == "王 & 李一")
        #expect(f.birthMonth == YearMonth(year: 1975, month: 1))
        #expect(f.partyMonth == YearMonth(year: 1998, month: 6))
        #expect(f.isPartyMember == false)
        #expect(f.assessments == [2024: .basic, 2025: .competent])
        #expect(f.extras == [.init(name: "GaiGeQianRenZhiNianLingJieXian", text: "55")])
        #expect(f.family.first?.relation == "父亲")
        #expect(f.parsedResume.entries.first?.text == "县一中<教师>")
        #expect(try LRMX.read(Array(LRMX.write(f).utf8)) == f)
    }

    @Test("REG-1 hostile XML: DOCTYPE, external entities and entity bombs are refused; depth, size and entity limits")
    func hostileXML() {
        func problem(_ s: String) -> XMLProblem.Kind? {
            do { _ = try XMLReader.parse(Array(s.utf8)); return nil } catch { return error.kind }
        }
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE Person [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Person><XingMing>&x;</XingMing></Person>"
        #expect(problem(xxe) == .doctypeRefused)
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><Person>&lol2;</Person>"
        #expect(problem(bomb) == .doctypeRefused)
        #expect(problem("<Person><XingMing>&x;</XingMing></Person>") == .unknownEntity("x"))
        #expect(problem(String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)) == .tooDeep)
        #expect(problem("<Person><XingMing>a</Person>") != nil)
        #expect(problem("") == .empty)
        #expect(problem("<Person/><Other/>") != nil)
        #expect(problem("<Person>" + String(repeating: "x", count: XMLReader.maxBytes) + "</Person>") == .tooLarge(XMLReader.maxBytes))
        #expect(problem("<Person>\u{1}ok &#0;</Person>") == .malformed("bad character reference &#0;"))
        var bad = Array("<Person>".utf8); bad += [0xFF, 0xFE]; bad += Array("</Person>".utf8)
        #expect((try? XMLReader.parse(bad)) == nil)
        #expect(throws: LRMX.Problem.notPerson("Root")) { try LRMX.read(Array("<Root/>".utf8)) }
        #expect(XMLProblem(kind: .doctypeRefused, line: 1).message(in: .zhHans).contains("DOCTYPE"))
    }

    @Test("REG-1 résumé lines: ranges with any dash, open end, 其间 notes, continuation lines; unreadable lines kept")
    func resume() {
        let r = Resume(text: """
        1993.09--1997.07  XX大学XX专业学习
        1997.07—2001.03  XX乡政府干部
        2001.03～2005.12  XX乡副乡长（其间：2002.09--2004.07在XX党校在职大专学习）
        2005.12－         XX镇党委副书记、
        镇长（正科级）
        1999.13--2000.01  写错的一行
        """)
        #expect(r.entries.count == 4)
        #expect(r.entries[0].start == YearMonth(year: 1993, month: 9) && r.entries[0].end == YearMonth(year: 1997, month: 7))
        #expect(r.entries[0].isStudy)
        #expect(r.entries[2].interim == ["（其间：2002.09--2004.07在XX党校在职大专学习）"])
        #expect(r.entries[2].text == "XX乡副乡长")
        #expect(r.entries[3].end == nil && r.entries[3].text == "XX镇党委副书记、镇长（正科级）")
        #expect(r.unparsed == [.init(line: 6, text: "1999.13--2000.01  写错的一行")])
        #expect(Resume.rankMentioned(in: r.entries[3].text, ladder: .standard) == "正科级")
    }

    @Test("ELG-10 三龄一历 from the file: age, party age, working age, highest education, rank since from the résumé")
    func threeAges() throws {
        let f = sampleFile()
        let facts = try #require(f.facts(ladder: .standard))
        let at = YearMonth(year: 2026, month: 11)
        #expect(facts.birth.wholeYears(until: at) == 43)
        #expect(try #require(f.partyMonth).wholeYears(until: at) == 21)
        #expect(facts.workStart.wholeYears(until: at) == 21)
        #expect(facts.fullTimeEducation == .bachelor && facts.inServiceEducation == .master && facts.highestEducation == .master)
        #expect(facts.grade == 3 && facts.gradeSince == YearMonth(year: 2018, month: 9))
        #expect(facts.partyMember)
    }

    @Test("REG-4 a consistent file has no discrepancy")
    func cleanAudit() {
        #expect(FileAudit.audit(sampleFile(), today: YearMonth(year: 2026, month: 11)) == [])
    }

    @Test("REG-4 every discrepancy is found with its evidence and severity")
    func auditFindings() {
        let today = YearMonth(year: 2026, month: 11)
        func kinds(_ change: (inout CadreFile) -> Void) -> [Discrepancy.Kind: Discrepancy.Severity] {
            var f = sampleFile(); change(&f)
            return Dictionary(FileAudit.audit(f, today: today).map { ($0.kind, $0.severity) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(kinds({ $0.birth = "198307" })[.birthMismatch] == .blocking)
        #expect(kinds({ $0.residentID = "350102198306154129" })[.identityInvalid] == .blocking)
        #expect(kinds({ $0.birth = "" })[.birthMissing] == .blocking)
        #expect(kinds({ $0.workStart = "199801" })[.workTooYoung] == .blocking)
        #expect(kinds({ $0.workStart = "200601" })[.workAfterFirstJob] == .blocking)
        #expect(kinds({ $0.party = "200005" })[.partyTooYoung] == .blocking)
        #expect(kinds({ $0.party = "202801" })[.futureDate] == .blocking)
        #expect(kinds({ $0.resume = "2005.07--2004.03  示范县财政局科员\n2004.03--  示范县财政局副局长" })[.endBeforeStart] == .blocking)
        #expect(kinds({ $0.resume = "2005.07--2013.03  示范县财政局科员\n2012.03--  示范县财政局副局长" })[.overlap] == .warning)
        #expect(kinds({ $0.resume = "2005.07--2010.03  示范县财政局科员\n2012.03--  示范县财政局副局长" })[.gap] == .warning)
        #expect(kinds({ $0.resume = "2001.09--2003.07  厦门大学财政学专业本科学习\n2003.07--  示范县财政局科员" })[.studyLength] == .warning)
        #expect(kinds({ $0.resume = "2005.07--2012.03  示范县财政局科员\n写在前面也不会丢\n2o12.03--  错" })[.unparsedLine] == .warning)
        #expect(kinds({ $0.resume = "2005.07--2012.03  示范县财政局科员" })[.noCurrentPost] == .warning)
        #expect(kinds({ $0.assessments[2023] = nil })[.assessmentMissing] == .warning)
        var f = sampleFile(); f.resume = "2005.07--2010.03  科员\n2012.03--  副局长"
        let gap = FileAudit.audit(f, today: today).first { $0.kind == .gap }!
        #expect(gap.zh == "简历第1行与第2行之间空缺24个月（超过6个月）" && gap.key == "gap:1-2")
        var s = AuditSettings(); s.maxGapMonths = 24
        #expect(!FileAudit.audit(f, today: today, settings: s).contains { $0.kind == .gap })
        var bad = sampleFile(); bad.birth = "198307"
        let found = FileAudit.audit(bad, today: today)
        #expect(FileAudit.hasBlocking(found, resolved: []))
        #expect(!FileAudit.hasBlocking(found, resolved: Set(found.map(\.key))))
    }

    @Test("ROT-1 rotation: 5 years in post (3 under 35) due, 6 must; ROT-2 terms and 副科 ten years; age limit within 12 months")
    func rotation() {
        let today = YearMonth(year: 2026, month: 11)
        func kinds(birth: String = "1980-01", female: Bool = false, post: String?, level: Int = 4, rankSince: String? = nil, grades: [Int: AssessmentGrade] = [:]) -> Set<CadreAlert.Kind> {
            Set(Alerts.alerts(for: TenureFacts(birth: YearMonth(birth)!, female: female, postSince: post.flatMap { YearMonth($0) }, rankLevel: level,
                                               rankSince: rankSince.flatMap { YearMonth($0) }, assessments: AnnualGrades(grades)), today: today).map(\.kind))
        }
        #expect(kinds(post: "2021-12") == [])
        #expect(kinds(post: "2021-11") == [.rotationDue])
        #expect(kinds(birth: "1995-01", post: "2023-12") == [])
        #expect(kinds(birth: "1995-01", post: "2023-11") == [.rotationDue])
        #expect(kinds(post: "2020-11") == [.mustRotate])
        #expect(kinds(post: "2016-11") == [.mustRotate, .termLimit])
        #expect(kinds(post: "2016-11", level: 3) == [.mustRotate])
        #expect(kinds(post: nil, level: 3, rankSince: "2016-11") == [.promotionTransfer])
        #expect(kinds(birth: "1967-10", post: nil) == [.ageLimit])
        #expect(kinds(birth: "1968-01", post: nil) == [])
        #expect(kinds(birth: "1966-10", post: nil) == [.ageLimit])
        #expect(kinds(birth: "1971-12", female: true, post: nil) == [.ageLimit])
    }

    @Test("REG-4 a file whose work started this year, or is dated in the future, is audited (no annual grade expected) instead of stopping the program")
    func REG4_workStartedThisYear() {
        let today = YearMonth(year: 2026, month: 11)
        var f = sampleFile()
        f.workStart = "202608"; f.assessments = [:]; f.assessmentText = ""
        f.resume = "2022.09--2026.07  福建师范大学汉语言文学专业学习\n2026.08--  青岚县财政局预算股科员（办事员）"
        #expect(!FileAudit.audit(f, today: today).contains { $0.kind == .assessmentMissing })
        f.workStart = "202702"
        #expect(FileAudit.audit(f, today: today).contains { $0.kind == .futureDate })
    }

    @Test("ROT-1 rotation and ROT-2 terms concern leadership ranks only: a 科员, 办事员 or 职级 years in one post gets no rotation, term or promotion-transfer alert")
    func ROT1_leadershipRanksOnly() {
        let today = YearMonth(year: 2026, month: 11)
        let ladder = RankLadder.standard
        func kinds(_ rank: String, birth: YearMonth = YearMonth(year: 1980, month: 1), post: String = "2014-01") -> Set<CadreAlert.Kind> {
            Set(Alerts.alerts(for: TenureFacts(birth: birth, female: false, postSince: YearMonth(post), rankLevel: ladder.level(of: rank) ?? 0,
                                               rankSince: YearMonth(post), assessments: [2025: .basic], leadership: ladder.isLeadership(rank)),
                              today: today).map(\.kind))
        }
        #expect(kinds("正科级") == [.mustRotate, .termLimit, .admonish])
        #expect(kinds("副科级") == [.mustRotate, .promotionTransfer, .admonish])
        #expect(kinds("副科级", post: "2021-11") == [.rotationDue, .admonish])
        for rank in ["科员", "办事员", "一级科员", "二级科员", "四级主任科员", "二级主任科员", "二级调研员"] {
            #expect(kinds(rank) == [.admonish], "\(rank)")
            #expect(kinds(rank, post: "2021-11") == [.admonish], "\(rank)")
        }
        // the age limit and the annual grade concern everyone
        #expect(kinds("科员", birth: YearMonth(year: 1967, month: 6)) == [.ageLimit, .admonish])
        // a rank the ladder does not know keeps the rotation alerts: nothing is lost for a file with an unusual rank
        #expect(kinds("处长") == [.mustRotate, .admonish])
        // the default of TenureFacts is a leading cadre, as before
        #expect(Alerts.alerts(for: TenureFacts(birth: YearMonth(year: 1980, month: 1), female: false, postSince: YearMonth(year: 2014, month: 1), rankLevel: 2,
                                               rankSince: nil, assessments: [:]), today: today).map(\.kind) == [.mustRotate])
    }

    @Test("REG-1 the standard ladder: 办事员 and 科员 are non-leadership ranks (职级), not 领导职务; their levels stay for ELG-3")
    func REG1_standardLadderTracks() throws {
        let l = RankLadder.standard
        #expect(l.track(of: "办事员") == .level && l.track(of: "科员") == .level && l.track(of: "未知") == nil)
        #expect(l.ranks.filter { $0.track == .leadership }.map(\.name) == ["副科级", "正科级", "副处级", "正处级", "副厅级", "正厅级", "副部级", "正部级"])
        #expect(["办事员", "科员", "副科级", "正科级", "一级科员", "四级主任科员"].map { l.level(of: $0) } == [1, 2, 3, 4, 2, 3])
        #expect(!l.isLeadership("科员") && !l.isLeadership("四级主任科员") && l.isLeadership("副科级") && l.isLeadership("未知"))
        // the pages name a grade by its leadership rank, else by the first rank of that level: grade 2 is still 科员
        #expect(l.ranks.first { $0.level == 2 && $0.track == .leadership } == nil && l.ranks.first { $0.level == 2 }?.name == "科员")
        #expect(l.text.split(separator: "\n").prefix(3) == ["办事员, 1, 职级", "科员, 2, 职级", "副科级, 3, 领导职务"])
        #expect(try RankLadder(text: "科员, 2, 非领导职务").ranks[0].track == .level)
        // ELG-3: a 科员 (level 2) to a 副科级 post is one grade up, to 正科级 skips one, as before
        let facts = CadreFacts(birth: YearMonth(year: 1988, month: 3), partyMember: true, workStart: YearMonth(year: 2010, month: 8), fullTimeEducation: .bachelor,
                               inServiceEducation: nil, grade: l.level(of: "科员")!, gradeSince: YearMonth(year: 2012, month: 8), assessments: [:])
        let up = Eligibility.evaluate(facts, for: PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 3)).first { $0.rule == .crossGrade }
        #expect(up?.passed == true && up?.zh.contains("晋升一个层级") == true)
        let skip = Eligibility.evaluate(facts, for: PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 4)).first { $0.rule == .crossGrade }
        #expect(skip?.passed == true && skip?.zh.contains("越一级") == true)
    }

    @Test("ASM-1 基本称职 → admonishment talk, no promotion for a year; 不称职 → removal proposal")
    func assessmentConsequences() {
        let today = YearMonth(year: 2026, month: 11)
        func alerts(_ g: AssessmentGrade) -> [CadreAlert] {
            Alerts.alerts(for: TenureFacts(birth: YearMonth(year: 1985, month: 1), female: false, postSince: nil, rankLevel: 3, rankSince: nil, assessments: [2025: g]), today: today)
        }
        #expect(alerts(.basic).map(\.kind) == [.admonish])
        #expect(alerts(.basic)[0].zh.contains("诫勉谈话"))
        #expect(alerts(.incompetent).map(\.kind) == [.removal])
        #expect(alerts(.competent).isEmpty)
    }

    @Test("RES-1 reserve pool review every two years by default")
    func reserveReview() {
        let m = ReserveMembership(entered: YearMonth(year: 2024, month: 12), lastReview: nil)
        #expect(!m.reviewDue(today: YearMonth(year: 2026, month: 11)))
        #expect(m.reviewDue(today: YearMonth(year: 2026, month: 12)))
        let reviewed = ReserveMembership(entered: YearMonth(year: 2020, month: 1), lastReview: YearMonth(year: 2025, month: 6), cycleMonths: 12)
        #expect(reviewed.nextReview == YearMonth(year: 2026, month: 6))
    }

    @Test("REG-1 ranks are data: the ladder is read from text, with errors naming the line")
    func ladder() throws {
        let l = try RankLadder(text: "科员, 2\n副科级，3，领导职务\n四级主任科员\t3\t职级\n")
        #expect(l.level(of: "四级主任科员") == 3 && l.ranks[2].track == .level)
        #expect(try RankLadder(text: RankLadder.standard.text) == .standard)
        #expect(throws: InvalidInput(field: "ladder", .unknownValue("2: 副科级 three"))) { try RankLadder(text: "科员,2\n副科级 three") }
        #expect(throws: InvalidInput(field: "ladder", .duplicate("科员"))) { try RankLadder(text: "科员,2\n科员,3") }
    }

    @Test("REG-1 spreadsheets: header guessing, quoting, TSV, BOM; bad rows listed with line and reason")
    func spreadsheets() {
        let text = "\u{FEFF}姓名,性别,出生年月,身份证号码,职级,简历\r\n林晓岚,女,1983.06,350102198306154120,副科级,\"2005.07--  科员\n(续)\"\r\n,男,1990-13,123,处长,\r\n\"王, 五\",男,198001,,,\r\n"
        let rows = CadreTable.rows(text)
        #expect(rows.count == 4)
        #expect(rows[0].map { CadreColumn.guess($0) } == [.name, .sex, .birth, .residentID, .rank, .resume])
        var mapping: [Int: CadreColumn] = [:]
        for (i, h) in rows[0].enumerated() { mapping[i] = CadreColumn.guess(h) }
        let (good, problems) = CadreTable.read(rows, mapping: mapping, ladder: .standard)
        #expect(good.map(\.file.name) == ["林晓岚", "王, 五"])
        #expect(good[0].file.resume == "2005.07--  科员\n(续)")
        #expect(Set(problems.map(\.line)) == [3])
        #expect(Set(problems.map(\.field)) == ["姓名", "出生年月", "身份证号", "职级"])
        #expect(problems.first { $0.field == "职级" }!.text(in: .zhHans) == "第3行 职级：“处长”不在职级序列中")
        #expect(CadreTable.rows("a\tb\n1\t2\n") == [["a", "b"], ["1", "2"]])
        let csv = CadreTable.csv([(good[1].file, "示范县财政局"), (sampleFile(), "=HYPERLINK(\"x\")")])
        #expect(csv.hasPrefix("\u{FEFF}姓名,"))
        #expect(csv.contains("\"王, 五\""))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        let again = CadreTable.rows(csv)
        #expect(again[1][0] == "王, 五" && again.count == 3)
    }

    @Test("ELG-2 annual grades read like a dictionary and keep the latest 21 years")
    func annualGrades() {
        var g: AnnualGrades = [2024: .basic, 2025: .excellent]
        #expect(g[2024] == .basic && g[2025] == .excellent && g[2023] == nil)
        g.set(2023, .incompetent)
        #expect(g[2023] == .incompetent)
        let long = AnnualGrades(Dictionary(uniqueKeysWithValues: (1990 ... 2025).map { ($0, AssessmentGrade.competent) }))
        #expect(long[2025] == .competent && long[2005] == .competent && long[2004] == nil)
        #expect(AnnualGrades()[2025] == nil)
    }
}
