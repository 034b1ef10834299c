import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Public base URL")
struct PublicURLTests {
    @Test("Voting slips print the configured public URL, never the request's Host header")
    func slipsUseConfiguredURL() async throws {
        try await withXuanren(settings: { $0.publicURL = "https://xuanren.example.gov.cn" }) { app in
            let store = app.xuanrenStore
            let box = BallotWebTests.boxes()[1]
            let id = try await store.createBallotSession(unitCode: "org", box: box, actor: "organizer")
            let b = Browser(app)
            try await b.signIn("organizer")
            b.extraHeaders.replaceOrAdd(name: .host, value: "evil.example")
            let res = try await b.submit(from: "/ballots/\(id)", to: "/ballots/\(id)/codes", ["category": box.voterCategories[0].id, "count": "2"])
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("https://xuanren.example.gov.cn/v/\(String(id.uuidString.prefix(8)))"))
            #expect(!html.contains("evil.example"))
        }
    }

    @Test("The public URL setting accepts http(s)://host[:port] only")
    func publicURLShape() throws {
        #expect(try AppSettings.publicURL("https://Xuanren.example.gov.cn/") == "https://xuanren.example.gov.cn")
        #expect(try AppSettings.publicURL("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(try AppSettings.publicURL("http://[::1]:8080") == "http://[::1]:8080")
        for bad in ["", "xuanren.example.gov.cn", "ftp://x.example", "javascript:alert(1)", "https://x.example/vote", "https://u:p@x.example",
                    "https://x.example?a=1", "https://x.example#f", "https://x.example\r\nSet-Cookie: a=b", "https://x.example:99999"] {
            #expect(throws: (any Error).self, "\(bad)") { try AppSettings.publicURL(bad) }
        }
    }
}
