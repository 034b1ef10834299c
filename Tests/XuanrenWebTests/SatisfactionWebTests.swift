import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Satisfaction surveys over HTTP")
struct SatisfactionWebTests {
    /// The organizer's form for a satisfaction survey of two items (custodians repeat a field name).
    static func createForm(answers: String) -> [(String, String)] {
        [("title", "选人用人工作满意度测评"), ("kind", "approval"), ("unit", "org"), ("candidates", "选人用人工作总体评价\n新提拔干部王明"),
         ("members", "4"), ("quorum", "3/4"), ("threshold", "2/3"), ("answers", answers), ("disclosure", "public"), ("trackingCodes", "publish"),
         ("custodians[]", "cust-a"), ("custodians[]", "cust-b"), ("custodians[]", "cust-c"), ("custodianThreshold", "2")]
    }

    /// The page's error notice, if any.
    static func alert(_ html: String) -> String {
        guard let r = html.range(of: #"<p class="notice err" role="alert">[^<]*"#, options: .regularExpression) else { return "" }
        return String(html[r])
    }

    @Test("BAL-7 a satisfaction survey over HTTP: the organizer's form offers the answers, voters answer with radio buttons, the result page shows the four counts and the flags")
    func survey() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            // the form offers the two answer sets, the approval answers chosen
            let form = try await organizer.get("/ballots/new").body.string
            #expect(form.contains(#"name="answers""#))
            #expect(form.contains(#"<option value="approval" selected>同意／不同意／弃权</option>"#))
            #expect(form.contains(#"<option value="satisfaction">满意／基本满意／不满意／不了解</option>"#))
            // anything else is refused, naming the field
            let refused = try await InspectionWebTests.postRaw(organizer, from: "/ballots/new", to: "/ballots", Self.createForm(answers: "maybe"))
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("表决选项：无效的取值“maybe”"))
            let created = try await InspectionWebTests.postRaw(organizer, from: "/ballots/new", to: "/ballots", Self.createForm(answers: "satisfaction"))
            #expect(created.status == .seeOther, "\(Self.alert(created.body.string))")
            let location = try #require(created.headers.first(name: .location))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
            let session = try #require(try await store.ballotSession(id))
            guard case .approval(let settings) = session.box.settings else { Issue.record("kind"); return }
            #expect(settings.answers == .satisfaction && settings.members == 4 && settings.quorum == Fraction(3, 4))
            #expect(settings.threshold == Fraction(1, 2))   // the threshold typed in does not apply to a survey
            let detail = try await organizer.get(location).body.string
            #expect(detail.contains("满意度测评") && detail.contains("选项 满意／基本满意／不满意／不了解"))
            #expect(detail.contains("诫勉谈话提示线（不满意超过） 1/3") && !detail.contains("通过须超过"))

            let codes = try await store.issueCodes(session: id, category: "members", count: 4, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            // c1 总体评价, c2 王明: three voters through the pages
            let answers: [[String: String]] = [["vote_c1": "satisfied", "vote_c2": "dissatisfied"],
                                               ["vote_c1": "basic", "vote_c2": "dissatisfied"],
                                               ["vote_c1": "unknown", "vote_c2": "satisfied"]]
            for (code, votes) in zip(codes, answers) {
                let voter = Browser(app)
                let ballot = try await voter.submit(from: "/vote/\(id)", to: "/vote/\(id)/ballot", ["code": code.grouped])
                #expect(ballot.status == .ok)
                let page = ballot.body.string
                // four radio buttons per item, no approval answers, no script
                for value in ["satisfied", "basic", "dissatisfied", "unknown"] {
                    #expect(page.contains(#"<input type="radio" name="vote_c2" value="\#(value)" required>"#), "\(value)")
                }
                #expect(!page.contains(#"value="yes""#) && !page.contains(#"value="unclear""#))
                #expect(page.contains("基本满意") && page.contains("不了解") && page.contains("对每一项选择满意、基本满意、不满意或不了解。"))
                // an item left unanswered is asked for, in the survey's words
                var f = ["code": code.grouped, "vote_c1": votes["vote_c1"]!, "_csrf": Browser.csrf(in: page) ?? ""]
                let unanswered = try await voter.request(.POST, "/vote/\(id)/confirm", form: f)
                #expect(unanswered.status == .badRequest)
                #expect(unanswered.body.string.contains("请对每一项选择满意、基本满意、不满意或不了解；尚未选择：新提拔干部王明"))
                f["vote_c2"] = votes["vote_c2"]!
                f["_csrf"] = Browser.csrf(in: unanswered.body.string)
                let confirm = try await voter.request(.POST, "/vote/\(id)/confirm", form: f)
                #expect(confirm.status == .ok)
                #expect(confirm.body.string.contains("新提拔干部王明：" + ["satisfied": "满意", "dissatisfied": "不满意"][votes["vote_c2"]!]!))
                f["_csrf"] = Browser.csrf(in: confirm.body.string)
                let done = try await voter.request(.POST, "/vote/\(id)/cast", form: f)
                #expect(done.status == .ok)
            }
            // an answer from the other set, posted by hand, is refused and the code stays unused
            let stray = try await Browser(app).request(.POST, "/vote/\(id)/cast", form: ["code": codes[3].grouped, "vote_c1": "yes", "vote_c2": "no"])
            #expect(stray.status == .conflict)
            #expect(stray.body.string.contains("选票无效：填写了无效选项"))
            var unused = false
            if case .unused = try await store.codeStatus(session: id, code: codes[3]) { unused = true }
            #expect(unused)

            #expect(try await organizer.submit(from: location, to: "/ballots/\(id)/close", TestCustodians.closeForm).status == .seeOther)
            // 王明: 2 不满意 of 3 valid ballots — more than 1/3 and more than 1/2; 总体评价: none
            let results = try await Browser(app).get("/ballots/\(id)/results")
            #expect(results.status == .ok)
            let html = results.body.string
            for header in ["满意", "基本满意", "不满意", "不了解", "满意率", "不满意率", "提示"] { #expect(html.contains("<th>\(header)</th>"), "\(header)") }
            #expect(html.contains("<td>新提拔干部王明</td><td>1</td><td>0</td><td>2</td><td>0</td><td>33.3%</td><td>66.7%</td><td>诫勉谈话、建议调整</td>"))
            #expect(html.contains("<td>选人用人工作总体评价</td><td>1</td><td>1</td><td>0</td><td>1</td><td>66.7%</td><td>0.0%</td><td></td>"))
            #expect(html.contains("测评有效") && !html.contains("未通过"))
            // the published box recounts to the page
            let boxText = try await Browser(app).get("/ballots/\(id)/box.json").body.string
            #expect(boxText.contains(#""answers":"satisfaction""#))
            let recount = try BallotBoxReader.tally { MemoryByteSource(boxText) }
            #expect(recount == (try await store.ballotResult(id)))
            for row in recount.grid(in: .zhHans, showIDs: false).table.dropFirst() {
                for cell in row where !cell.isEmpty { #expect(html.contains(cell), "\(cell)") }
            }
            // in English
            let en = try await Browser(app, language: "en").get("/ballots/\(id)/results").body.string
            #expect(en.contains("<th>Dissatisfied</th>") && en.contains("admonishment talk, demotion proposal"))
        }
    }
}
