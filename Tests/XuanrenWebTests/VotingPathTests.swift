import Foundation
import SelectionCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

@Suite("The voters' path")
struct VotingPathTests {
    var db: TestDatabase = .sqlite

    func approvalSession(_ store: Store, codes: Int, trackingCodes: Bool = true) async throws -> (UUID, [VotingCode]) {
        var set = BallotSettings.Approval(members: codes)
        set.threshold = Fraction(1, 2)
        let box = BallotBox(title: "表决", settings: .approval(set), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
        let id = try await store.createBallotSession(unitCode: "org", box: box, trackingCodes: trackingCodes, actor: "organizer")
        let issued = try await store.issueCodes(session: id, category: "members", count: codes, actor: "organizer")
        try await store.openBallotSession(id, actor: "organizer")
        return (id, issued)
    }

    func sessionRows(_ app: Application) async throws -> Int {
        struct N: Decodable { var n: Int }
        return try await (app.xuanrenStore.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM sessions").first(decoding: N.self)?.n ?? -1
    }

    func tracking(in html: String) -> String? {
        guard let r = html.range(of: #"class="tracking mono">T[0-9A-Z]{10}"#, options: .regularExpression) else { return nil }
        return String(html[r].suffix(11))
    }

    @Test("BAL-1 voting keeps nothing per voter: no session, no cookie; each receipt shows its own tracking code, in the voter's language")
    func sessionlessVoting() async throws {
        try await withXuanren(db) { app in
            let (id, codes) = try await approvalSession(app.xuanrenStore, codes: 3)
            let before = try await sessionRows(app)
            var seen: [String] = []
            for (i, code) in codes.prefix(2).enumerated() {
                let voter = Browser(app, language: i == 0 ? "zh-CN" : "en")
                let start = try await voter.get("/vote/\(id)")
                #expect(start.status == .ok)
                #expect(!start.headers[.setCookie].contains { $0.hasPrefix("xuanren-session") })
                #expect(Browser.csrf(in: start.body.string) == nil, "voting forms carry no session token")
                let form = ["code": code.grouped, "vote_c1": "yes"]
                #expect(try await voter.request(.POST, "/vote/\(id)/ballot", form: ["code": code.grouped]).status == .ok)
                #expect(try await voter.request(.POST, "/vote/\(id)/confirm", form: form).status == .ok)
                let done = try await voter.request(.POST, "/vote/\(id)/cast", form: form)
                #expect(done.status == .ok)
                #expect(voter.cookies.isEmpty)
                let html = done.body.string
                let t = try #require(tracking(in: html))
                #expect(!seen.contains(t))
                seen.append(t)
                #expect(html.contains(i == 0 ? "投票成功" : "Your ballot is cast"), "\(html.prefix(400))")
                #expect(!html.contains(ReceiptPages.slot))
            }
            #expect(try await sessionRows(app) == before)
            _ = try await app.xuanrenStore.closeBallotSession(id, actor: "organizer", hasher: app.passwordHasher)
            let box = try await Browser(app).get("/ballots/\(id)/box.json").body.string
            for t in seen { #expect(box.contains(t)) }
        }
    }

    @Test("Voting posts from another site are refused (Sec-Fetch-Site, Origin); the same site and plain clients pass")
    func crossSitePostsRefused() async throws {
        try await withXuanren(db) { app in
            let (id, codes) = try await approvalSession(app.xuanrenStore, codes: 2)
            let form = ["code": codes[0].grouped, "vote_c1": "yes"]
            let crossSite = Browser(app)
            crossSite.extraHeaders.add(name: "Sec-Fetch-Site", value: "cross-site")
            #expect(try await crossSite.request(.POST, "/vote/\(id)/cast", form: form).status == .forbidden)
            let otherOrigin = Browser(app)
            otherOrigin.extraHeaders.add(name: .host, value: "xuanren.example.gov.cn")
            otherOrigin.extraHeaders.add(name: .origin, value: "https://evil.example")
            #expect(try await otherOrigin.request(.POST, "/vote/\(id)/cast", form: form).status == .forbidden)
            // nothing was cast by the refused posts: the code still works, from the same site
            let sameSite = Browser(app)
            sameSite.extraHeaders.add(name: .host, value: "xuanren.example.gov.cn")
            sameSite.extraHeaders.add(name: .origin, value: "https://xuanren.example.gov.cn")
            sameSite.extraHeaders.add(name: "Sec-Fetch-Site", value: "same-origin")
            #expect(try await sameSite.request(.POST, "/vote/\(id)/cast", form: form).status == .ok)
            #expect(try await Browser(app).request(.POST, "/vote/\(id)/cast", form: ["code": codes[1].grouped, "vote_c1": "no"]).status == .ok)
            // signed-in pages still need their token
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            #expect(try await organizer.request(.POST, "/ballots/\(id)/close", form: ["confirm": "on"]).status == .forbidden)
        }
    }

    @Test("A session closed while a voter is on the ballot page refuses the cast and keeps the box as it was")
    func closedWhileVoting() async throws {
        try await withXuanren(db) { app in
            let store = app.xuanrenStore
            let (id, codes) = try await approvalSession(store, codes: 3)
            let voter = Browser(app)
            #expect(try await voter.request(.POST, "/vote/\(id)/cast", form: ["code": codes[0].grouped, "vote_c1": "yes"]).status == .ok)
            #expect(try await voter.request(.POST, "/vote/\(id)/confirm", form: ["code": codes[1].grouped, "vote_c1": "yes"]).status == .ok)
            let result = try await store.closeBallotSession(id, actor: "organizer", hasher: app.passwordHasher)
            #expect(result.cast == 1)
            let late = try await voter.request(.POST, "/vote/\(id)/cast", form: ["code": codes[1].grouped, "vote_c1": "yes"])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("投票尚未开始或已经结束"), "\(late.body.string.prefix(600))")
            let box = try await Browser(app).get("/ballots/\(id)/box.json").body.string
            #expect(try BallotBoxReader.tally { MemoryByteSource(box) }.cast == 1)
            // a reload of a voting step starts again at the code page
            let reload = try await voter.get("/vote/\(id)/cast")
            #expect(reload.status == .seeOther)
            #expect(reload.headers.first(name: .location) == "/vote/\(id)")
        }
    }

    @Test("CAS-4 a session without tracking codes: receipts show none and say why, the published box holds none")
    func withoutTrackingCodes() async throws {
        try await withXuanren(db) { app in
            let (id, codes) = try await approvalSession(app.xuanrenStore, codes: 3, trackingCodes: false)
            for (i, code) in codes.enumerated() {
                let done = try await Browser(app, language: i == 0 ? "en" : nil).request(.POST, "/vote/\(id)/cast", form: ["code": code.grouped, "vote_c1": i < 2 ? "yes" : "no"])
                #expect(done.status == .ok)
                #expect(tracking(in: done.body.string) == nil)
                #expect(done.body.string.contains(i == 0 ? "nobody can prove how you voted" : "任何人都无法证明您投了什么"))
            }
            let result = try await app.xuanrenStore.closeBallotSession(id, actor: "organizer", hasher: app.passwordHasher)
            #expect(result.cast == 3)
            let box = try await Browser(app).get("/ballots/\(id)/box.json").body.string
            #expect(!box.contains("tracking"))
            #expect(try await Browser(app).get("/ballots/\(id)/results").body.string.contains("不设追踪码"))
            // the organizer's form offers the choice and refuses anything else, naming the field
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            let refused = try await organizer.submit(from: "/ballots/new", to: "/ballots", ["title": "表决", "kind": "approval", "unit": "org", "candidates": "王明",
                                                                                          "members": "5", "trackingCodes": "sometimes"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("选票追踪码"))
        }
    }

    @Test("Flat form bodies: plus and percent escapes, UTF-8, empty and repeated fields; bad escapes make a field unreadable")
    func formBodies() {
        #expect(FormBody.fields("code=ABCD-EFGH&vote_c1=yes") == ["code": "ABCD-EFGH", "vote_c1": "yes"])
        #expect(FormBody.fields("choice0=%E7%8E%8B+%E6%98%8E&x=a%2Bb%26c%3D") == ["choice0": "王 明", "x": "a+b&c="])
        #expect(FormBody.fields("a=&b&&=c&a=2") == ["a": "", "b": ""])
        #expect(FormBody.fields("a=%ZZ&b=%E7%8E&c=%4") == [:])
        #expect(FormBody.fields("") == [:])
    }
}
