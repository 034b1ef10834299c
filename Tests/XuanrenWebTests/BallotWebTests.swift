import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Ballots over HTTP")
struct BallotWebTests {
    var db: TestDatabase = .sqlite

    /// A second clerk account for double entry of paper ballots (password `Clerk-two-2026`).
    static func secondClerk(_ app: Application) async throws {
        try await app.xuanrenStore.createAccount(username: "clerk2", displayName: "第二录入员", password: "Clerk-two-2026", mustChangePassword: false,
                                                 actor: "test", hasher: app.passwordHasher)
        try await app.xuanrenStore.grant(username: "clerk2", role: "clerk", unitCode: "org", actor: "test")
    }

    static func boxes() -> [BallotBox] {
        var rec = BallotSettings.Recommendation(categories: [VoterCategory(id: "leaders", weight: 0.4, entitled: 2), VoterCategory(id: "staff", weight: 0.6, entitled: 3)])
        rec.minTurnout = Fraction(1, 2)
        var appr = BallotSettings.Approval(members: 5)
        appr.threshold = Fraction(2, 3)
        var ev = BallotSettings.Evaluation(entitled: 5, items: [EvaluationItem(id: "de", name: "德", weight: 0.5), EvaluationItem(id: "neng", name: "能", weight: 0.5)],
                                           tiers: [("excellent", 100), ("good", 80), ("fair", 60), ("poor", 40)])
        ev.minTurnout = Fraction(1, 2)
        var el = BallotSettings.Election(entitled: 5)
        el.seats = 1
        var sat = BallotSettings.Approval(members: 5)   // BAL-7: the satisfaction answers
        sat.answers = .satisfaction
        sat.quorum = Fraction(1, 2)
        let two = [Candidate(id: "c1", name: "王明"), Candidate(id: "c2", name: "李华")]
        return [BallotBox(title: "推荐", settings: .weightedRecommendation(rec), candidates: two, ballots: []),
                BallotBox(title: "表决", settings: .approval(appr), candidates: two, ballots: []),
                BallotBox(title: "测评", settings: .evaluation(ev), candidates: two, ballots: []),
                BallotBox(title: "选举", settings: .election(el), candidates: two, ballots: []),
                BallotBox(title: "满意度测评", settings: .approval(sat), candidates: two, ballots: [])]
    }

    /// The voter's forms for the i-th voter of a box: by its kind, or its answers (BAL-7).
    static func form(_ box: BallotBox, _ i: Int) -> [String: String] {
        if case .approval(let s) = box.settings, s.answers == .satisfaction {
            return ["vote_c1": ["satisfied", "basic", "dissatisfied", "unknown"][i % 4], "vote_c2": i < 2 ? "dissatisfied" : "satisfied"]
        }
        return form(box.kind, i)
    }

    /// The voter's forms for the i-th voter of each kind.
    static func form(_ kind: BallotKind, _ i: Int) -> [String: String] {
        switch kind {
        case .weightedRecommendation: return i % 2 == 0 ? ["rank0": "c1", "rank1": "c2"] : ["rank0": "c2"]
        case .approval: return ["vote_c1": i < 4 ? "yes" : "no", "vote_c2": i % 2 == 0 ? "yes" : "abstain"]
        case .evaluation:
            let tier = ["excellent", "good", "fair", "poor"][i % 4], overall = ["excellent", "competent", "basic", "competent"][i % 4]
            return ["item_c1_de": tier, "item_c1_neng": "good", "overall_c1": overall, "item_c2_de": "fair", "item_c2_neng": tier, "overall_c2": "competent"]
        case .election: return ["choice0": i < 3 ? "王明" : "赵六"]
        }
    }

    @Test("BAL-9 every kind: voters vote over HTTP with codes; the published page equals xuanren tally of the signed box")
    func allKinds() async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            for box in Self.boxes() {
                let id = try await store.createBallotSession(unitCode: "org", box: box, actor: "organizer")
                var codes: [VotingCode] = []
                for c in box.voterCategories { codes += try await store.issueCodes(session: id, category: c.id, count: c.entitled, actor: "organizer") }
                try await store.openBallotSession(id, actor: "organizer")
                var trackings: [String] = []
                for (i, code) in codes.prefix(4).enumerated() {
                    let voter = Browser(app)   // no sign-in
                    let start = try await voter.submit(from: "/vote/\(id)", to: "/vote/\(id)/ballot", ["code": code.grouped.lowercased()])
                    #expect(start.status == .ok)
                    var f = Self.form(box, i)
                    f["code"] = code.grouped
                    f["_csrf"] = Browser.csrf(in: start.body.string)
                    let confirm = try await voter.request(.POST, "/vote/\(id)/confirm", form: f)
                    #expect(confirm.status == .ok, "\(box.kind) confirm: \(confirm.body.string.prefix(300))")
                    f["_csrf"] = Browser.csrf(in: confirm.body.string)
                    let done = try await voter.request(.POST, "/vote/\(id)/cast", form: f)
                    #expect(done.status == .ok)
                    let html = done.body.string
                    if let r = html.range(of: #"class="tracking mono">T[0-9A-Z]{10}"#, options: .regularExpression) { trackings.append(String(html[r].suffix(11))) }
                    // the same code again is refused
                    let again = try await voter.submit(from: "/vote/\(id)", to: "/vote/\(id)/ballot", ["code": code.grouped])
                    #expect(again.status == .conflict)
                }
                #expect(trackings.count == 4)
                // organizers see counts while voting, never ballots
                let live = try await organizer.get("/ballots/\(id)")
                #expect(live.body.string.contains(">4<") || live.body.string.contains(">2<"))
                let closed = try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", TestCustodians.closeForm)
                #expect(closed.status == .seeOther)
                // the public page and the published, signed box
                var page = try await Browser(app).get("/ballots/\(id)/results")
                #expect(page.status == .ok)
                if box.kind == .election {
                    // SEL-5: a name written in shows on the public page only after an organizer confirms the list
                    #expect(!page.body.string.contains("赵六") && page.body.string.contains("另选他人 1"))
                    #expect(try await organizer.get("/ballots/\(id)").body.string.contains("赵六"))
                    #expect(try await Browser(app).request(.POST, "/ballots/\(id)/write-ins").status != .seeOther)
                    #expect(try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/write-ins", [:]).status == .seeOther)
                    page = try await Browser(app).get("/ballots/\(id)/results")
                    #expect(page.body.string.contains("赵六"))
                }
                let boxText = try await Browser(app).get("/ballots/\(id)/box.json").body.string
                for t in trackings { #expect(boxText.contains(t)) }
                let recount = try BallotBoxReader.tally { MemoryByteSource(boxText) }
                let grid = recount.grid(in: .zhHans, showIDs: false)   // the page names candidates without their ids
                for row in grid.table.dropFirst() { for cell in row where !cell.isEmpty { #expect(page.body.string.contains(cell), "\(box.kind): \(cell)") } }
                #expect(page.body.string.contains(grid.verdict))
                #expect(recount.cast == 4)
                let sig = try await Browser(app).get("/ballots/\(id)/box.json.sig").body.string
                #expect(sig.hasPrefix("ed25519 \(store.ledger.key.publicKeyHex) "))
            }
        }
    }

    @Test("BAL-9 paper ballots of every kind: two clerks enter them, they join the online ballots, the page equals xuanren tally of the box")
    func paperEveryKind() async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            try await BallotWebTests.secondClerk(app)
            let a = Browser(app), b = Browser(app), organizer = Browser(app)
            try await a.signIn("clerk")
            try await b.signIn("clerk2", password: "Clerk-two-2026")
            try await organizer.signIn("organizer")
            for box in Self.boxes() {
                let id = try await store.createBallotSession(unitCode: "org", box: box, actor: "organizer")
                let code = try await store.issueCodes(session: id, category: box.voterCategories[0].id, count: 1, actor: "organizer")[0]
                try await store.openBallotSession(id, actor: "organizer")
                // one voter online
                var online = Self.form(box, 0)
                online["code"] = code.grouped
                #expect(try await Browser(app).request(.POST, "/vote/\(id)/cast", form: online).status == .ok)
                // three paper ballots, entered by both clerks alike
                for sheet in 1 ... 3 {
                    var f = Self.form(box, sheet)
                    f["sheet"] = "\(sheet)"
                    if box.kind == .weightedRecommendation { f["category"] = "staff" }
                    for clerk in [a, b] {
                        let r = try await clerk.submit(from: "/ballots/\(id)/paper", to: "/ballots/\(id)/paper", f)
                        #expect(r.status == .ok, "\(box.kind) sheet \(sheet): \(r.body.string.prefix(300))")
                    }
                }
                #expect(try await organizer.submit(from: "/ballots/\(id)/paper/reconcile", to: "/ballots/\(id)/paper/accept", [:]).status == .seeOther)
                #expect(try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", TestCustodians.closeForm).status == .seeOther)
                let boxText = try await Browser(app).get("/ballots/\(id)/box.json").body.string
                let recount = try BallotBoxReader.tally { MemoryByteSource(boxText) }
                #expect(recount.cast == 4, "\(box.kind)")
                if box.kind == .election {   // SEL-5: the names written in are public once confirmed
                    #expect(try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/write-ins", [:]).status == .seeOther)
                }
                let page = try await Browser(app).get("/ballots/\(id)/results").body.string
                let grid = recount.grid(in: .zhHans, showIDs: false)   // the page names candidates without their ids
                for row in grid.table.dropFirst() { for cell in row where !cell.isEmpty { #expect(page.contains(cell), "\(box.kind): \(cell)") } }
                #expect(page.contains(grid.verdict))
            }
        }
    }

    @Test("Deny by default on ballot pages: judges and anonymous visitors cannot manage sessions")
    func managementIsProtected() async throws {
        try await withXuanren(db) { app in
            let judge = Browser(app)
            try await judge.signIn("judge")
            #expect(try await judge.get("/ballots").status == .forbidden)
            #expect(try await judge.get("/ballots/new").status == .forbidden)
            let supervisor = Browser(app)
            try await supervisor.signIn("supervisor")
            #expect(try await supervisor.get("/ballots").status == .ok)
            #expect(try await supervisor.get("/ballots/new").status == .forbidden)
            #expect(try await Browser(app).get("/ballots").status == .seeOther)
        }
    }
}

@Suite("Paper ballots over HTTP")
struct PaperWebTests {
    @Test("BAL-9 two clerks enter paper ballots; mismatches are listed in words with the clerks' names; reconciled ballots join the online ones in the box")
    func doubleEntry() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            try await BallotWebTests.secondClerk(app)
            var s = BallotSettings.Approval(members: 5)
            s.quorum = Fraction(1, 2)
            let id = try await store.createBallotSession(unitCode: "org", box: BallotBox(title: "纸质表决", settings: .approval(s),
                                                                                       candidates: [Candidate(id: "c1", name: "王明")], ballots: []), actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            let a = Browser(app), b = Browser(app)
            try await a.signIn("clerk")
            try await b.signIn("clerk2", password: "Clerk-two-2026")
            let marks = ["yes", "yes", "no", "unclear"]
            for (n, m) in marks.enumerated() {
                let entered = try await a.submit(from: "/ballots/\(id)/paper", to: "/ballots/\(id)/paper", ["sheet": "\(n + 1)", "vote_c1": m])
                #expect(entered.status == .ok && entered.body.string.contains("第\(n + 1)张已录入：王明"))
                #expect(try await b.submit(from: "/ballots/\(id)/paper", to: "/ballots/\(id)/paper", ["sheet": "\(n + 1)", "vote_c1": n == 1 ? "no" : m]).status == .ok)
            }
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let rec = try await organizer.get("/ballots/\(id)/paper/reconcile")
            #expect(rec.body.string.contains("<td class=\"num\">2</td>"))
            #expect(!rec.body.string.contains("<td class=\"num\">1</td>"))
            // the mismatch in words, with the clerks' names: never raw JSON
            #expect(rec.body.string.contains("王明：同意") && rec.body.string.contains("王明：不同意") && !rec.body.string.contains("{&quot;votes"))
            #expect(!rec.body.string.contains("\"votes\""))
            #expect(try await organizer.submit(from: "/ballots/\(id)/paper/reconcile", to: "/ballots/\(id)/paper/accept", [:]).status == .conflict)
            #expect(try await b.submit(from: "/ballots/\(id)/paper", to: "/ballots/\(id)/paper", ["sheet": "2", "vote_c1": "yes"]).status == .ok)
            let live = try await organizer.get("/ballots/\(id)/count?clerk=clerk")
            #expect(live.status == .ok && live.body.string.contains("王明"))
            #expect(try await organizer.submit(from: "/ballots/\(id)/paper/reconcile", to: "/ballots/\(id)/paper/accept", [:]).status == .seeOther)
            _ = try await organizer.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/close", TestCustodians.closeForm)
            let r = try await store.ballotResult(id)!
            #expect(r.cast == 4)
            #expect(r.invalid.map(\.reason) == [.unknownAnswer])   // the unclear paper ballot
            if case .approval(let rows) = r.rows { #expect(rows[0].yes == 2 && rows[0].no == 1) }
            // a judge cannot enter paper ballots
            let judge = Browser(app)
            try await judge.signIn("judge")
            #expect(try await judge.get("/ballots/\(id)/paper").status == .forbidden)
        }
    }
}

@Suite("Standing panels over HTTP")
struct PanelWebTests {
    @Test("BAL-10 organizers appoint a panel of the fixed composition; a wrong composition is refused, naming the field")
    func appoint() async throws {
        try await withXuanren { app in
            let org = Browser(app)
            try await org.signIn("organizer")
            func lines(_ g: Int, _ s: Int, _ d: Int) -> String {
                ((0 ..< g).map { "一般\($0),general" } + (0 ..< s).map { "科级\($0),section" } + (0 ..< d).map { "处级\($0),division" }).joined(separator: "\n")
            }
            let bad = try await org.submit(from: "/panels", to: "/panels", ["name": "机关民主测评组", "year": "2026", "unit": "org", "members": lines(11, 7, 2)])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("测评组成员"))
            let ok = try await org.submit(from: "/panels", to: "/panels", ["name": "机关民主测评组", "year": "2026", "unit": "org", "members": lines(10, 8, 2)])
            #expect(ok.status == .seeOther)
            let page = try await org.get("/panels")
            #expect(page.body.string.contains("机关民主测评组") && page.body.string.contains("处级1"))
            let e = try await app.xuanrenStore.ledgerEntries(subjectType: "panel", limit: 1).first
            #expect(e?.action == "panel.appoint")
            let judge = Browser(app)
            try await judge.signIn("judge")
            #expect(try await judge.get("/panels").status == .forbidden)
        }
    }
}

@Suite("BAL-5 double majority over HTTP")
struct DoubleMajorityWebTests {
    var db: TestDatabase = .sqlite

    /// Casts `yes` for 王明 and `yesLi` for 李华 among `cast` ballots of an approval vote (the talk recommendation).
    func talks(_ store: Store, yesWang: Int, yesLi: Int, cast: Int, pairedWith: UUID?, disclosure: DisclosureScope = .everyone) async throws -> UUID {
        let box = BallotBox(title: "谈话推荐", settings: .approval(BallotSettings.Approval(members: cast)),
                            candidates: [Candidate(id: "c1", name: "李华"), Candidate(id: "c2", name: "王明")], ballots: [])
        let id = try await store.createBallotSession(unitCode: "org", box: box, disclosure: disclosure, pairedWith: pairedWith, actor: "organizer")
        let codes = try await store.issueCodes(session: id, category: "members", count: cast, actor: "organizer")
        try await store.openBallotSession(id, actor: "organizer")
        for (i, code) in codes.enumerated() {
            _ = try await store.cast(session: id, code: code, ballot: .approval(votes: [("c2", i < yesWang ? "yes" : "no"), ("c1", i < yesLi ? "yes" : "no")]))
        }
        return id
    }

    @Test("BAL-5 a meeting vote paired with the talk recommendation: more than half in both passes, exactly half does not; shown on both sessions")
    func pairedSessions() async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            // the meeting vote: 12 ballots, 王明 named on 7, 李华 on 6 (half: not enough)
            let rec = BallotSettings.Recommendation(categories: [VoterCategory(id: "leaders", weight: 1, entitled: 12)])
            let meetingBox = BallotBox(title: "会议推荐", settings: .weightedRecommendation(rec),
                                       candidates: [Candidate(id: "c1", name: "王明"), Candidate(id: "c2", name: "李华"), Candidate(id: "c3", name: "赵六")], ballots: [])
            let meeting = try await store.createBallotSession(unitCode: "org", box: meetingBox, actor: "organizer")
            let codes = try await store.issueCodes(session: meeting, category: "leaders", count: 12, actor: "organizer")
            try await store.openBallotSession(meeting, actor: "organizer")
            for (i, code) in codes.enumerated() {
                _ = try await store.cast(session: meeting, code: code, ballot: .recommendation(category: "leaders", ranking: i < 7 ? ["c1"] : ["c2"]))
            }
            // the talks: 10 ballots, 王明 yes on 6, 李华 yes on 9
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let form = ["title": "谈话推荐", "kind": "approval", "unit": "org", "candidates": "李华\n王明", "members": "10", "threshold": "1/2", "quorum": "1/2"]
            // a malformed pairing names the field
            var bad = form; bad["pairedWith"] = "not-a-session"
            let refused = try await organizer.submit(from: "/ballots/new", to: "/ballots", bad)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("双过半配对表决"))
            let talks = try await talks(store, yesWang: 6, yesLi: 9, cast: 10, pairedWith: meeting)
            // a second pairing with the same session is refused, as is a session of another unit
            await #expect(throws: InvalidInput.self) { _ = try await self.talks(store, yesWang: 1, yesLi: 1, cast: 2, pairedWith: meeting) }
            let waiting = try await organizer.get("/ballots/\(meeting)")
            #expect(waiting.body.string.contains("两场表决都结束后显示双过半结果"))
            _ = try await store.closeBallotSession(meeting, actor: "organizer", hasher: app.passwordHasher)
            _ = try await store.closeBallotSession(talks, actor: "organizer", hasher: app.passwordHasher)
            let dm = try #require(try await store.doubleMajority(meeting))
            #expect(dm.lines.map(\.name) == ["王明", "李华", "赵六"])
            #expect(dm.lines.map(\.passes) == [true, false, false])
            #expect(dm.lines[0].first! == (7, 12) && dm.lines[0].second! == (6, 10))
            #expect(dm.lines[2].second == nil)
            // seen from the other side, the same verdicts
            let other = try #require(try await store.doubleMajority(talks))
            #expect(other.lines.first { $0.name == "王明" }?.passes == true && other.lines.first { $0.name == "李华" }?.passes == false)
            for page in ["/ballots/\(meeting)", "/ballots/\(meeting)/results", "/ballots/\(talks)/results"] {
                let html = try await (page.hasSuffix("results") ? Browser(app) : organizer).get(page).body.string
                #expect(html.contains("双过半") && html.contains("7 / 12") && html.contains("6 / 10") && html.contains("未达双过半"), "\(page) \(html)")
            }
        }
    }

    @Test("BAL-5 the double-majority table on a public page only when the paired session may be seen too")
    func pairRespectsDisclosure() async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            let first = try await talks(store, yesWang: 3, yesLi: 1, cast: 4, pairedWith: nil)
            let second = try await talks(store, yesWang: 3, yesLi: 3, cast: 4, pairedWith: first, disclosure: .supervision)
            _ = try await store.closeBallotSession(first, actor: "organizer", hasher: app.passwordHasher)
            _ = try await store.closeBallotSession(second, actor: "organizer", hasher: app.passwordHasher)
            let anonymous = try await Browser(app).get("/ballots/\(first)/results").body.string
            #expect(!anonymous.contains("双过半") && !anonymous.contains("3 / 4"))
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let inside = try await organizer.get("/ballots/\(first)/results").body.string
            #expect(inside.contains("双过半") && inside.contains("未达双过半"))
        }
    }
}
