import Foundation
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

@Suite("Redirect targets")
struct RedirectTests {
    /// No header value may carry a line break (that is how a header is injected).
    static func noInjectedHeaders(_ res: TestingHTTPResponse) -> Bool {
        res.headers.allSatisfy { !$0.value.contains("\r") && !$0.value.contains("\n") && !$0.name.lowercased().contains("attacker") }
            && !res.headers[.setCookie].contains { $0.contains("ATTACKER") }
    }

    @Test("Redirect targets: only same-site paths of an allow-list shape; CR/LF, backslashes, `//` and schemes fall back to /")
    func shapes() {
        for good in ["/", "/login", "/registry/cadres", "/ballots/1F1D0B0E-0000-4000-8000-000000000000/results", "/registry/cadres?q=a&page=2"] {
            #expect(RedirectTarget.sameSitePath(good) == good, "\(good)")
        }
        for bad in [nil, "", "dashboard", "//evil.example", "///evil.example", "/\\evil.example", "/%5Cevil.example", "/%5cevil.example",
                    "\\\\evil.example", "https://evil.example", "javascript:alert(1)", "/%0d%0aSet-Cookie:%20xuanren-session=ATTACKER",
                    "/\r\nSet-Cookie: x=1", "/\nRefresh: 0;url=https://evil.example", "/%0aRefresh:%200", "/%2F%2Fevil.example",
                    "/%252F%252Fevil.example", "/%25255Cevil.example", "/%00", "/a\u{0085}b", "/a\u{2028}b", "/%zz", "/%ff%fe",
                    " /dashboard", "/\tx"] {
            #expect(RedirectTarget.sameSitePath(bad) == "/", "\(String(describing: bad))")
        }
        // characters outside the allow-list are percent-encoded, never passed through
        #expect(RedirectTarget.sameSitePath("/registry/cadres?q=王 五") == "/registry/cadres?q=%E7%8E%8B%20%E4%BA%94")
        #expect(RedirectTarget.sameSitePath("/a\"<b>") == "/a%22%3Cb%3E")
    }

    @Test("Language switch: `back` with an encoded CR/LF sends no injected Set-Cookie header; `/%5Cevil.example` is not followed off-site")
    func languageSwitchInjection() async throws {
        try await withXuanren(seed: false) { app in
            let b = Browser(app)
            let res = try await b.get("/lang/zh-Hans?back=/%0d%0aSet-Cookie:%20xuanren-session=ATTACKER")
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/")
            #expect(Self.noInjectedHeaders(res))
            #expect(b.cookies["xuanren-session"] != "ATTACKER")
            let slash = try await b.get("/lang/en?back=/%5Cevil.example")
            #expect(slash.headers.first(name: .location) == "/")
            let ok = try await b.get("/lang/en?back=/ledger")
            #expect(ok.headers.first(name: .location) == "/ledger")
        }
    }

    @Test("Sign-in: a `next` carrying CR/LF never reaches a header after sign-in; a good `next` is followed")
    func loginNextInjection() async throws {
        try await withXuanren { app in
            let b = Browser(app)
            try await b.signIn("organizer")  // change the seeded password first
            _ = try await b.submit(from: "/dashboard", to: "/logout", [:])
            let page = try await b.get("/login?next=/%0d%0aRefresh:%200;url=https://evil.example/")
            #expect(!page.body.string.contains("Refresh"))
            let res = try await b.submit(from: "/login?next=/x", to: "/login",
                                         ["username": "organizer", "password": "Changed-pass-2026", "next": "/\r\nRefresh: 0;url=https://evil.example/"])
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/dashboard")
            #expect(res.headers.first(name: "Refresh") == nil)
            #expect(Self.noInjectedHeaders(res))
            _ = try await b.submit(from: "/dashboard", to: "/logout", [:])
            let back = try await b.submit(from: "/login", to: "/login", ["username": "organizer", "password": "Changed-pass-2026", "next": "/ledger"])
            #expect(back.headers.first(name: .location) == "/ledger")
        }
    }
}
