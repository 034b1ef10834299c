import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// Registration, sealed grading, the interview and the applicant's own result over HTTP (ELG-8, EXM-1, EXM-5, EXM-9).
@Suite("Competitive selection pages")
struct CompetitionWebTests {
    @Test("ELG-8 the public page shows live counts and takes a registration through its form; at the closing second the form is refused in words")
    func registerThroughTheForm() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let f = try await CompetitionFixture.registering(store, seconds: 600)
            _ = try await CompetitionFixture.cadre(store, "网上报名者", 61, unitCode: "fin")
            let b = Browser(app, language: "zh-Hans")
            let page = CompetitionRoute.apply(f.matter).path
            let before = try await b.get(page)
            #expect(before.status == .ok && before.body.string.contains("副局长"))
            let ok = try await b.submit(from: page, to: CompetitionRoute.register(f.matter).path, ["position": "p1", "resident": CompetitionFixture.resident(61), "consent": "1"])
            #expect(ok.status == .ok && ok.body.string.contains("报名已提交"))
            #expect(try await store.registrationCounts(f.matter).counts.first?.registered == 1)
            // a bad identity number names the field; nothing is written
            let bad = try await b.submit(from: page, to: CompetitionRoute.register(f.matter).path, ["position": "p1", "resident": "123", "consent": "1"])
            #expect(bad.status == .badRequest && bad.body.string.contains("身份证"))
            await clock.advance(by: 600, settle: 0)
            let late = try await b.submit(from: page, to: CompetitionRoute.register(f.matter).path, ["position": "p1", "resident": CompetitionFixture.resident(62), "consent": "1"])
            #expect(late.status == .ok || late.status == .conflict)
            #expect(late.body.string.contains("现在不在报名时间内") || late.body.string.contains("截止"))
            #expect(try await store.registrationCounts(f.matter).counts.first?.registered == 1)
        }
    }

    @Test("EXM-1 no page, download or form a grader can reach contains an applicant's name, identity number or admission number")
    func graderSeesCodesOnly() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let names = ["欧阳明轩", "司马青云", "上官婉清"]
            let (f, _) = try await CompetitionFixture.sealed(store, clock: clock, names: names)
            let applicants = try await store.applicants(f.matter, by: .system())
            let grader = try await InspectionWebTests.account(app, "g-fin", "grader", on: "fin")
            // the grader's dashboard leads to the papers waiting for them
            #expect(try await grader.get("/dashboard").body.string.contains(CompetitionRoute.grading(f.matter).path))
            let grading = try await grader.get(CompetitionRoute.grading(f.matter).path)
            #expect(grading.status == .ok)
            let codes = try await store.gradingPapers(f.matter, by: .system()).papers.map(\.code)
            #expect(codes.count == 3 && codes.allSatisfy { grading.body.string.contains($0) })
            // every page the grader's role reaches, and the organizers' pages and downloads (refused)
            var bodies: [String] = [grading.body.string]
            for path in ["/", "/dashboard", "/ledger", "/ledger/entries", CompetitionRoute.page(f.matter).path, CompetitionRoute.tickets(f.matter).path,
                         CompetitionRoute.sheet(f.matter, position: "p1").path, CompetitionRoute.confirmations.path, CompetitionRoute.interview(f.matter).path,
                         MatterRoute.show(f.matter).path, MatterRoute.list.path, RecordRoute.matter(f.matter).path] {
                let r = try await grader.get(path)
                bodies.append(r.body.string)
            }
            // a grade through the form, then the page again
            let graded = try await grader.submit(from: CompetitionRoute.grading(f.matter).path, to: CompetitionRoute.grade(f.matter).path, ["code": codes[0], "score": "88.5"])
            #expect(graded.status == .seeOther)
            bodies.append(try await grader.get(CompetitionRoute.grading(f.matter).path).body.string)
            let all = bodies.joined()
            for a in applicants {
                #expect(!all.contains(a.name), "\(a.name)")
                #expect(!all.contains(a.admission!), "\(a.admission!)")
                #expect(!all.contains(a.residentMasked))
            }
            for n in 101 ... 103 { #expect(!all.contains(CompetitionFixture.resident(n))) }
        }
    }

    @Test("EXM-5 EXM-9 judges score on the phone page, the board shows the trimmed mean once every judge has locked, and an applicant reads their own scores")
    func interviewAndOwnResult() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("organizer")
            var rules = ScoringRules()
            rules.shortlistRatioTenths = 20
            let (f, ids) = try await CompetitionFixture.sealed(store, clock: clock, rules: rules)
            let codes = try await store.gradingPapers(f.matter, by: .system()).papers.map(\.code)
            for c in codes { try await store.grade(f.matter, code: c, score: 80_0000, by: .system()) }
            try await store.openExamKey(f.matter, by: .system())
            try await store.publishProgression(f.matter, by: system)
            try await store.advanceMatter(f.matter, by: system)
            var pool: [Judge] = []
            for k in 1 ... 7 {
                try await store.createAccount(username: "jg\(k)", displayName: "考官\(k)", password: "Judge-2026-ok-\(k)", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
                try await store.grant(username: "jg\(k)", role: "judge", unitCode: "fin", actor: "t")
                pool.append(Judge(id: "jg\(k)", name: "考官\(k)", unitId: "x", fromOutside: k <= 3, familiarWithBusiness: k == 4, group: k == 1 ? .leader : k == 2 ? .expert : k == 5 ? .personnel : .other))
            }
            let panel = try await store.drawPanel(f.matter, position: "p1", pool: pool, seed: 11, by: system)
            let candidates = try await store.interviewCandidates(f.matter, by: system).candidates
            // six judges through the store, the last one on the phone page
            for j in panel.judges.dropLast() {
                let judge = try await store.account(username: j.id).map(ActingUser.init)!
                for c in candidates { try await store.scoreInterview(f.matter, applicant: c.applicant, score: 80_0000, elements: nil, by: judge) }
            }
            let last = panel.judges.last!
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn(last.id, password: "Judge-2026-ok-\(last.id.dropFirst(2))")
            #expect(try await b.get("/dashboard").body.string.contains(CompetitionRoute.interview(f.matter).path))
            let phone = try await b.get(CompetitionRoute.interview(f.matter).path)
            #expect(phone.status == .ok && phone.body.string.contains("1号") && !phone.body.string.contains("考生1"))
            let unsigned = try await b.submit(from: CompetitionRoute.interview(f.matter).path, to: CompetitionRoute.score(f.matter).path, ["applicant": candidates[0].applicant.uuidString, "score": "90"])
            #expect(unsigned.status == .badRequest)
            for c in candidates {
                let r = try await b.submit(from: CompetitionRoute.interview(f.matter).path, to: CompetitionRoute.score(f.matter).path, ["applicant": c.applicant.uuidString, "score": "90", "sign": "1"])
                #expect(r.status == .seeOther)
            }
            let board = try await b.get(CompetitionRoute.board(f.matter).path)
            #expect(board.status == .ok && board.body.string.contains("80.00"))
            try await store.drawCandidates(f.matter, by: system)
            // EXM-9: the applicant reads their own scores by identity number and name
            let who = try #require(try await store.applicants(f.matter, by: .system()).first { $0.id == ids[2] })
            let anon = Browser(app, language: "zh-Hans")
            let own = try await anon.submit(from: CompetitionRoute.apply(f.matter).path, to: CompetitionRoute.lookup(f.matter).path, ["resident": CompetitionFixture.resident(103), "name": who.name])
            #expect(own.status == .ok && own.body.string.contains("笔试成绩：80.00") && own.body.string.contains("面试成绩：80.00") && own.body.string.contains("综合成绩"))
            let wrong = try await anon.submit(from: CompetitionRoute.apply(f.matter).path, to: CompetitionRoute.lookup(f.matter).path, ["resident": CompetitionFixture.resident(103), "name": "别人"])
            #expect(wrong.status == .notFound && !wrong.body.string.contains("80.00"))
        }
    }

    @Test("EXM-4 EXM-3 EXM-7 the panel drawn through the page recuses a related judge before the lot with the reason in words; a recused judge's score is refused; a judge declares a conflict on the phone page; forms and times on the pages")
    func recusalFormsAndTimes() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("organizer")
            var rules = ScoringRules()
            rules.interviewForms = [InterviewFormWeight(.structured, 70), InterviewFormWeight(.groupDiscussion, 30)]
            let (f, _) = try await CompetitionFixture.sealed(store, clock: clock, rules: rules, names: ["欧阳明轩", "司马青云", "上官婉清"])
            for c in try await store.gradingPapers(f.matter, by: .system()).papers.map(\.code) { try await store.grade(f.matter, code: c, score: 80_0000, by: .system()) }
            try await store.openExamKey(f.matter, by: .system())
            try await store.publishProgression(f.matter, by: system)
            try await store.advanceMatter(f.matter, by: system)
            // a judge's registry file lists 司马青云 among the family: linked on the pool's sixth cell, recused before the lot
            let units = try await store.units()
            var file = InspectionFixture.cadreFile("钱评委", id17: String(CompetitionFixture.resident(301).prefix(17)))
            file.family = [CadreFile.Relative(relation: "配偶", name: "司马青云")]
            let fileID = try await store.saveCadre(file, unitID: units.first { $0.code == "jw" }!.id, by: AccountInfo.wholeTree("organizer", units: units))
            var lines: [String] = []
            for k in 1 ... 8 {
                try await store.createAccount(username: "jr\(k)", displayName: "考官\(k)", password: "Judge-2026-ok-\(k)", mustChangePassword: false, actor: "t", hasher: app.passwordHasher)
                try await store.grant(username: "jr\(k)", role: "judge", unitCode: "fin", actor: "t")
                let group = k == 1 ? "leader" : k == 2 ? "expert" : k == 5 ? "personnel" : "other"
                lines.append("jr\(k),考官\(k),\(k <= 3 ? 1 : 0),\(k == 4 ? 1 : 0),\(group)" + (k == 8 ? ",\(fileID.uuidString)" : ""))
            }
            let organizer = try await InspectionWebTests.account(app, "org-fin", "organizer", on: "fin")
            let page = CompetitionRoute.page(f.matter).path
            let drawn = try await organizer.submit(from: page, to: CompetitionRoute.panel(f.matter).path, ["position": "p1", "pool": lines.joined(separator: "\n"), "seed": "5"])
            #expect(drawn.status == .seeOther)
            let panel = try #require(try await store.competition(f.matter, by: system).panels["p1"])
            #expect(panel.excluded?.map(\.judgeId) == ["jr8"] && !panel.judges.contains { $0.id == "jr8" })
            // EXM-7: the question set through the page; the page lists the recusal in words, never the candidate
            let q = try await organizer.submit(from: page, to: CompetitionRoute.questions(f.matter).path,
                                               ["position": "p1", "reference": "封-001", "titles": "题一\n题二", "introMinutes": "3", "answerMinutes": "7"])
            #expect(q.status == .seeOther)
            let shown = try await organizer.get(page).body.string
            #expect(shown.contains("考官8（jr8）：与本职位考生有亲属或其他重要社会关系，回避") && shown.contains("自我介绍3分钟，答题7分钟（2题）"))
            #expect(shown.contains("结构化面试70%、无领导小组讨论30%"))
            // the pool file downloads for a supervisor and re-runs to the panel
            let supervisor = try await InspectionWebTests.account(app, "sup-fin", "supervisor", on: "fin")
            let download = try await supervisor.get(CompetitionRoute.poolFile(f.matter, position: "p1").path)
            #expect(download.status == .ok)
            #expect(try JudgePoolFile.parse(Data(download.body.readableBytesView)).draw(seed: 5).judges.map(\.id) == panel.judges.map(\.id))
            #expect(!download.body.string.contains("司马青云"))
            // attacker-minded: the recused judge posts a score straight to the form's address and is refused
            let candidates = try await store.interviewCandidates(f.matter, by: system).candidates
            let recused = Browser(app, language: "zh-Hans")
            try await recused.signIn("jr8", password: "Judge-2026-ok-8")
            let attempt = try await recused.submit(from: "/dashboard", to: CompetitionRoute.score(f.matter).path,
                                                   ["applicant": candidates[1].applicant.uuidString, "f_structured": "99", "f_group-discussion": "99", "sign": "1"])
            #expect(attempt.status == .forbidden && !attempt.body.string.contains("表单已过期"))
            #expect(try await recused.get(CompetitionRoute.interview(f.matter).path).status == .forbidden)
            // a judge on the panel reads the times and the forms, and declares a conflict: a replacement is drawn
            let sitting = panel.judges.last!
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn(sitting.id, password: "Judge-2026-ok-\(sitting.id.dropFirst(2))")
            let phone = try await b.get(CompetitionRoute.interview(f.matter).path).body.string
            #expect(phone.contains("自我介绍3分钟，答题7分钟（2题）") && phone.contains("f_structured") && phone.contains("f_group-discussion") && phone.contains("申报回避"))
            let board = try await b.get(CompetitionRoute.board(f.matter).path).body.string
            #expect(board.contains("自我介绍3分钟，答题7分钟（2题）") && !board.contains("题一"))
            let declared = try await b.submit(from: CompetitionRoute.interview(f.matter).path, to: CompetitionRoute.conflict(f.matter).path, ["position": "p1", "sign": "1"])
            #expect(declared.status == .seeOther)
            let after = try #require(try await store.competition(f.matter, by: system).panels["p1"])
            #expect(!after.judges.contains { $0.id == sitting.id } && after.replacements?.count == 1)
            let late = try await b.submit(from: "/dashboard", to: CompetitionRoute.score(f.matter).path,
                                          ["applicant": candidates[0].applicant.uuidString, "f_structured": "90", "f_group-discussion": "90", "sign": "1"])
            #expect(late.status == .forbidden)
        }
    }

    @Test("SEL-3 SCR-1 缺位竞岗: the public page shows every stage's weight; the organizer enters a party-group score with its reference through the form, locked; a neighbouring unit's organizer is refused")
    func vacancyStageScores() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("organizer")
            let f = try await CompetitionFixture.registering(store, procedure: .vacancyCompetition, seconds: 100)
            var ids: [UUID] = []
            for n in 1 ... 3 {
                _ = try await CompetitionFixture.cadre(store, "竞岗者\(n)", 70 + n, unitCode: "fin")
                ids.append(try await store.register(f.matter, position: "p1", channel: .selfNominated, resident: CompetitionFixture.resident(70 + n), form: nil, by: .anonymous))
            }
            // DIS-1: the public page states the composite with the plan's weights and the evaluation's mapping
            let public_ = try await Browser(app, language: "zh-Hans").get(CompetitionRoute.apply(f.matter).path)
            #expect(public_.body.string.contains("竞岗演讲×20 + 民主测评×30 + 党组成员评分×30 + 平时考核×20"))
            #expect(public_.body.string.contains("认可率（优秀和称职票）低于80%的民意否决"))
            let english = try await Browser(app, language: "en").get(CompetitionRoute.apply(f.matter).path)
            #expect(english.body.string.contains("speech×20 + democratic evaluation×30 + party-group members&#39; scores×30 + regular assessment×20")
                || english.body.string.contains("speech×20 + democratic evaluation×30 + party-group members' scores×30 + regular assessment×20"))
            await clock.advance(by: 100, settle: 0)
            try await store.advanceMatter(f.matter, by: system)
            try await store.reviewApplicants(f.matter, by: system)
            for id in ids { try await store.confirmForm(id, by: system) }
            try await store.decidePosition(f.matter, position: "p2", fate: .dropped, reason: "无人报名", by: system)
            try await store.advanceMatter(f.matter, by: system)
            let organizer = try await InspectionWebTests.account(app, "org-fin", "organizer", on: "fin")
            let page = CompetitionRoute.page(f.matter).path
            let form = try await organizer.get(page)
            #expect(form.status == .ok && form.body.string.contains(CompetitionRoute.stageScore(f.matter).path) && form.body.string.contains("党组成员评分（SEL-3）"))
            let posted = try await organizer.submit(from: page, to: CompetitionRoute.stageScore(f.matter).path,
                                                    ["applicant": ids[0].uuidString, "stage": "party-group", "score": "86.5", "reference": "党组会议纪要〔2026〕5号"])
            #expect(posted.status == .seeOther)
            let after = try await organizer.get(page)
            #expect(after.body.string.contains("86.50") && after.body.string.contains("党组会议纪要〔2026〕5号"))
            // locked: a second entry for the same stage is refused in words
            let again = try await organizer.submit(from: page, to: CompetitionRoute.stageScore(f.matter).path,
                                                   ["applicant": ids[0].uuidString, "stage": "party-group", "score": "90", "reference": "x"])
            #expect(again.status == .badRequest && again.body.string.contains("已录入并锁定"))
            // a neighbouring unit's organizer is refused before anything is read
            let neighbour = try await InspectionWebTests.account(app, "org-edu", "organizer", on: "edu")
            let refused = try await neighbour.submit(from: "/dashboard", to: CompetitionRoute.stageScore(f.matter).path,
                                                     ["applicant": ids[1].uuidString, "stage": "assessment", "score": "90", "reference": "x"])
            #expect(refused.status == .forbidden || refused.status == .notFound)
            #expect(try await store.stageScores(f.matter, by: system).map(\.score) == [86_5000])
        }
    }
}
