import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport

/// Supervision checks through the pages (CHK-1…4): planned by the county's organizer, drawn, reviewed file by file,
/// the questions on the main leaders answered, a finding listed, the notice issued and printed, the unit's report
/// accepted and the check closed.
@Suite("Supervision check pages")
struct CheckWebTests {
    static func account(_ store: Store, _ app: Application, _ name: String, _ role: String, _ unit: String) async throws -> Browser {
        try await store.createAccount(username: name, displayName: name, password: "Check-web-2026", mustChangePassword: false, actor: "test", hasher: app.passwordHasher)
        try await store.grant(username: name, role: role, unitCode: unit, actor: "test")
        let b = Browser(app)
        try await b.signIn(name, password: "Check-web-2026")
        return b
    }

    @Test("CHK-2 a check through its pages: plan, draw, the sample with each file's reasons, a file's checklist, the CHK-3 questions, a finding, the CHK-4 notice on A4, the unit's report, acceptance and closure")
    func throughThePages() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let system = ActingUser.system("fixture")
            // an appointment in 财政局: 韩立, 副科级 → 正科级
            let d = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("韩立"), title: "财政局局长选任",
                                                           stages: [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation])
            try await InspectionFixture.prepareForCommittee(store, d, clock: clock, hasher: app.passwordHasher)
            try await store.advanceMatter(d.matter, by: system)
            let roster = try await CommitteeFixture.roster(store, d, members: 3)
            try await CommitteeFixture.decide(store, d, roster)
            try await CommitteeFixture.appoint(store, d, clock: clock)

            let county = try await Self.account(store, app, "chk-county", "organizer", "org")
            let fin = try await Self.account(store, app, "chk-fin", "organizer", "fin")
            let list = try await county.get("/checks")
            #expect(list.status == .ok && list.body.string.contains("新建检查"))
            let today = store.today
            let created = try await county.submit(from: "/checks", to: "/checks", [
                "kind": "above", "unit": d.unit.uuidString, "title": "财政局选人用人工作检查", "from": today.adding(days: -365).description, "to": today.description,
                "dissatisfiedPercent": "10", "rankMargin": "0", "fewVotesPercent": "50", "skipLevels": "2", "educationBelow": "4",
            ])
            #expect(created.status == .seeOther)
            let page = try #require(created.headers.first(name: .location))
            #expect(page.hasPrefix("/checks/"))
            // the unit's own organizer reads it but does not run a check from above
            #expect(try await fin.get(page).body.string.contains("财政局选人用人工作检查"))
            #expect(try await fin.submit(from: page, to: page + "/draw", [:]).status == .forbidden)

            #expect(try await county.submit(from: page, to: page + "/draw", [:]).status == .seeOther)
            var html = try await county.get(page).body.string
            #expect(html.contains("韩立") && html.contains("xuanren sample --check"))
            // 1 of 10 dissatisfied: at the 10% line, a mandatory file (CHK-2)
            #expect(html.contains("民主测评不满意票较多"))
            let id = String(page.dropFirst("/checks/".count))
            let v = try await store.checkView(try #require(UUID(uuidString: id)), by: system)
            let file = try #require(v.files.first)
            #expect(file.sampled && file.mandatory == [.dissatisfied])
            let filePage = "\(page)/files/\(file.id.uuidString)"
            let fileHTML = try await county.get(filePage).body.string
            #expect(fileHTML.contains("超职数配备") && fileHTML.contains("情况不明") && fileHTML.contains("档案查阅清单"))

            // the checklist: a problem without a note is refused, naming the item
            var answers = Dictionary(uniqueKeysWithValues: FileCheckItem.allCases.map { ($0.rawValue, "ok") })
            answers["ages"] = "problem"
            let refused = try await county.submit(from: filePage, to: filePage, answers)
            #expect(refused.status == .badRequest && refused.body.string.contains("须写明发现的情况"))
            answers["ages_note"] = "出生日期与身份证号不一致"
            #expect(try await county.submit(from: filePage, to: filePage, answers).status == .seeOther)
            for q in LeaderQuestion.allCases {
                #expect(try await county.submit(from: page, to: page + "/leaders", ["question": q.rawValue, "found": "no", "note": ""]).status == .seeOther)
            }
            // the problem must be among the findings before the review concludes
            let early = try await county.submit(from: page, to: page + "/conclude", [:])
            #expect(early.status == .conflict && early.body.string.contains("尚未列入检查意见"))
            #expect(try await county.submit(from: page, to: page + "/findings", [
                "rule": "REG-4", "file": file.id.uuidString, "question": "", "problem": "韩立出生日期与身份证号不一致，未予核实", "requirement": "核实并重新认定出生日期",
            ]).status == .seeOther)
            #expect(try await county.submit(from: page, to: page + "/conclude", [:]).status == .seeOther)
            let draft = try await county.get(page + "/notice").body.string
            #expect(draft.contains("草稿") && draft.contains("韩立出生日期与身份证号不一致"))
            #expect(try await county.submit(from: page, to: page + "/notice", ["reference": "青组检〔2026〕3号", "issuer": "中共青岚县委组织部", "deadline": today.adding(days: 30).description]).status == .seeOther)
            let notice = try await county.get(page + "/notice").body.string
            #expect(notice.contains("青组检〔2026〕3号") && notice.contains("中共青岚县委组织部") && notice.contains("整改通知书") && !notice.contains("草稿"))

            // the unit reports; the checking side accepts; the check closes
            #expect(try await fin.submit(from: page, to: page + "/rectification", ["finding": "F1", "progress": "已核实，档案已更正", "done": "yes"]).status == .seeOther)
            #expect(try await fin.submit(from: page, to: page + "/rectification/verify", ["finding": "F1", "accepted": "yes", "note": ""]).status == .forbidden)
            #expect(try await county.submit(from: page, to: page + "/rectification/verify", ["finding": "F1", "accepted": "yes", "note": "材料齐全"]).status == .seeOther)
            #expect(try await county.submit(from: page, to: page + "/close", ["summary": "整改到位"]).status == .seeOther)
            html = try await county.get(page).body.string
            if let dir = ProcessInfo.processInfo.environment["XR_DUMP"] {
                try html.write(toFile: dir + "/check.html", atomically: true, encoding: .utf8)
                try await county.get(filePage).body.string.write(toFile: dir + "/file.html", atomically: true, encoding: .utf8)
                try await county.get(page + "/notice").body.string.write(toFile: dir + "/notice.html", atomically: true, encoding: .utf8)
                try await county.get("/checks").body.string.write(toFile: dir + "/list.html", atomically: true, encoding: .utf8)
            }
            #expect(html.contains("已办结") && html.contains("整改到位"))
            // in English
            let en = Browser(app, language: "en")
            en.cookies = county.cookies
            let english = try await en.get(page).body.string
            #expect(english.contains("Supervision check") && english.contains("Findings and rectification"))
        }
    }
}
