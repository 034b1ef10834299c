import Foundation
import Testing
import Vapor
import VaporTesting
import SelectionCore
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// Voting slips a voter can use on a phone: a short link and a QR code carrying it with the code in the fragment
/// (never in a request line), a print button, a warning before leaving the page that shows the codes once.
@Suite("Voting slips")
struct SlipWebTests {
    @Test("BAL-9 slips carry a short link and a QR code of it with the code after #c=; the short link leads to the session's voting page")
    func shortLinkAndQR() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let box = BallotBox(title: "表决", settings: .approval(BallotSettings.Approval(members: 3)), candidates: [Candidate(id: "c1", name: "李华")], ballots: [])
            let id = try await store.createBallotSession(unitCode: "org", box: box, disclosure: .supervision, actor: "organizer")
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn("organizer")
            let slips = try await b.submit(from: BallotRoute.detail(id).path, to: BallotRoute.codes(id).path, ["category": "members", "count": "2"])
            #expect(slips.status == .ok)
            let html = slips.body.string
            let short = VoteRoute.short(VoteRoute.shortKey(id)).path
            #expect(html.contains(short) && html.contains("data-warn-leave") && html.contains("data-print"))
            // the QR images are SVGs whose title is the session's; two slips, two different images
            let images = html.components(separatedBy: "src=\"data:image/svg+xml;base64,").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(images.count == 2 && Set(images).count == 2)
            let svg = String(decoding: Data(base64Encoded: images[0]) ?? Data(), as: UTF8.self)
            #expect(svg.hasPrefix("<svg") && svg.contains("<path"))
            // the short link: a redirect to the voting page, no session cookie; an unknown key is 404
            try await store.openBallotSession(id, actor: "organizer")
            let res = try await app.testing().sendRequest(.GET, short)
            #expect(res.status == .seeOther && res.headers.first(name: .location) == VoteRoute.start(id).path)
            #expect(res.headers.first(name: .setCookie) == nil)
            #expect(try await app.testing().sendRequest(.GET, "/v/00000000").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/v/not-hex!").status == .notFound)
        }
    }

    @Test("BAL-9 an approval ballot preselects nothing; an unanswered nominee is named and nothing is cast")
    func noPreselection() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let box = BallotBox(title: "表决", settings: .approval(BallotSettings.Approval(members: 3)),
                                candidates: [Candidate(id: "c1", name: "李华"), Candidate(id: "c2", name: "王明")], ballots: [])
            let id = try await store.createBallotSession(unitCode: "org", box: box, disclosure: .supervision, actor: "organizer")
            let code = try await store.issueCodes(session: id, category: "members", count: 1, actor: "organizer")[0]
            try await store.openBallotSession(id, actor: "organizer")
            let v = Browser(app, language: "zh-Hans")
            let ballot = try await v.request(.POST, VoteRoute.ballot(id).path, form: ["code": code.grouped])
            #expect(!ballot.body.string.contains("checked"))
            let refused = try await v.request(.POST, VoteRoute.confirm(id).path, form: ["code": code.grouped, "vote_c1": "yes"])
            #expect(refused.status == .badRequest && refused.body.string.contains("尚未选择：王明"))
        }
    }
}
