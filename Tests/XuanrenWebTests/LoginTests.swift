import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Sign-in, sessions and CSRF")
struct LoginTests {
    var db: TestDatabase = .sqlite

    @Test("CSRF: a form post without the session's token is refused")
    func csrfRequired() async throws {
        try await withXuanren(db) { app in
            let b = Browser(app)
            _ = try await b.get("/login")
            let noToken = try await b.request(.POST, "/login", form: ["username": "admin", "password": DemoCounty.password])
            #expect(noToken.status == .forbidden)
            let wrongToken = try await b.request(.POST, "/login", form: ["username": "admin", "password": DemoCounty.password, "_csrf": "00ff"])
            #expect(wrongToken.status == .forbidden)
            // a token from another session does not work either
            let other = Browser(app)
            let otherToken = Browser.csrf(in: try await other.get("/login").body.string)!
            let stolen = try await b.request(.POST, "/login", form: ["username": "admin", "password": DemoCounty.password, "_csrf": otherToken])
            #expect(stolen.status == .forbidden)
            // signed in, every state-changing form needs it too
            try await b.signIn("admin")
            let unit = try await b.request(.POST, "/admin/units", form: ["code": "x1", "name": "某单位", "kind": "bureau"])
            #expect(unit.status == .forbidden)
            #expect(try await b.request(.POST, "/logout").status == .forbidden)
        }
    }

    @Test("Sign-in forces a password change for seeded accounts, then opens the dashboard")
    func forcedPasswordChange() async throws {
        try await withXuanren(db) { app in
            let b = Browser(app)
            let bad = try await b.submit(from: "/login", to: "/login", ["username": "organizer", "password": "wrong-password-1"])
            #expect(bad.status == .unauthorized)
            #expect(bad.body.string.contains("用户名或密码不正确"))
            let ok = try await b.submit(from: "/login", to: "/login", ["username": "organizer", "password": DemoCounty.password])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/account/password")
            // every other page sends the user back to the password form
            let dash = try await b.get("/dashboard")
            #expect(dash.status == .seeOther)
            #expect(dash.headers.first(name: .location) == "/account/password")
            // a weak new password is refused with the field named
            let weak = try await b.submit(from: "/account/password", to: "/account/password",
                                          ["currentPassword": DemoCounty.password, "newPassword": "short", "confirmPassword": "short"])
            #expect(weak.status == .badRequest)
            #expect(weak.body.string.contains("新密码"))
            let done = try await b.submit(from: "/account/password", to: "/account/password",
                                          ["currentPassword": DemoCounty.password, "newPassword": "Better-pass-2026", "confirmPassword": "Better-pass-2026"])
            #expect(done.headers.first(name: .location) == "/dashboard")
            let page = try await b.get("/dashboard")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("周明远"))
            // the change went to the ledger, without the password
            let head = try await app.xuanrenStore.ledgerEntries(subjectType: "account", subjectID: "organizer", limit: 1).first
            #expect(head?.action == "account.password")
            #expect(head?.payload.contains("Better") == false)
            // logout ends the session
            let html = page.body.string
            let out = try await b.request(.POST, "/logout", form: ["_csrf": Browser.csrf(in: html)!])
            #expect(out.status == .seeOther)
            #expect(try await b.get("/dashboard").status == .seeOther)
        }
    }

    @Test("Session cookie is HttpOnly and SameSite=Lax, Secure behind TLS, and renewed at sign-in")
    func cookieFlags() async throws {
        try await withXuanren(db, secureCookies: true) { app in
            let b = Browser(app)
            _ = try await b.get("/login")
            let cookie = b.lastSetCookie.first { $0.hasPrefix("xuanren-session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
            let before = b.cookies["xuanren-session"]
            try await b.signIn("admin")
            #expect(b.cookies["xuanren-session"] != nil)
            #expect(b.cookies["xuanren-session"] != before)  // no session fixation
        }
    }

    @Test("Login throttling: after 5 failures the account is locked, even for the right password")
    func throttling() async throws {
        try await withXuanren(db) { app in
            let b = Browser(app)
            for _ in 0 ..< 4 {
                let r = try await b.submit(from: "/login", to: "/login", ["username": "clerk", "password": "not-the-password-1"])
                #expect(r.status == .unauthorized)
            }
            let fifth = try await b.submit(from: "/login", to: "/login", ["username": "clerk", "password": "not-the-password-1"])
            #expect(fifth.status == .tooManyRequests)
            let right = try await b.submit(from: "/login", to: "/login", ["username": "clerk", "password": DemoCounty.password])
            #expect(right.status == .tooManyRequests)
            #expect(right.body.string.contains("锁定"))
            // the lock is in the ledger
            let e = try await app.xuanrenStore.ledgerEntries(subjectType: "account", subjectID: "clerk", limit: 1).first
            #expect(e?.action == "account.locked")
            // other accounts are unaffected
            try await Browser(app).signIn("judge")
        }
    }

    @Test("Bad input names the field, in the user's language; nothing is written")
    func badInput() async throws {
        try await withXuanren(db) { app in
            let zh = Browser(app)
            try await zh.signIn("admin")
            let before = try await app.xuanrenStore.units().count
            let r = try await zh.submit(from: "/admin/units", to: "/admin/units", ["code": "Bad Code!", "name": "某局", "kind": "bureau"])
            #expect(r.status == .badRequest)
            #expect(r.body.string.contains("代码"))
            let en = Browser(app, language: "en-US,en;q=0.9")
            try await en.signIn("admin", password: "Changed-pass-2026")
            let r2 = try await en.submit(from: "/admin/units", to: "/admin/units", ["code": "ok-code", "name": "", "kind": "bureau"])
            #expect(r2.status == .badRequest)
            #expect(r2.body.string.contains("Name: required"))
            let r3 = try await en.submit(from: "/admin/units", to: "/admin/units", ["code": "edu", "name": "Duplicate", "kind": "bureau"])
            #expect(r3.body.string.contains("“edu” already exists"))
            #expect(try await app.xuanrenStore.units().count == before)
            let good = try await en.submit(from: "/admin/units", to: "/admin/units", ["code": "water", "name": "青岚县水利局", "kind": "bureau", "parent": "county"])
            #expect(good.status == .seeOther)
            #expect(try await app.xuanrenStore.units().count == before + 1)
        }
    }

    @Test("Pages follow Accept-Language and the language switch")
    func languages() async throws {
        try await withXuanren(db) { app in
            let en = Browser(app, language: "en")
            #expect(try await en.get("/login").body.string.contains("<title>Sign in · Xuanren</title>"))
            let zh = Browser(app)
            #expect(try await zh.get("/login").body.string.contains("<title>登录 · 选任</title>"))
            let sw = try await zh.get("/lang/en?back=/login")
            #expect(sw.status == .seeOther)
            #expect(try await zh.get("/login").body.string.contains("Sign in"))
            #expect(try await zh.get("/lang/en?back=//evil.example").headers.first(name: .location) == "/")
        }
    }

    @Test("Metrics (for administrators) and health are served")
    func metrics() async throws {
        try await withXuanren(db) { app in
            let b = Browser(app)
            #expect(try await b.get("/healthz").status == .ok)
            // the demo seed ends with a checkpoint (LED-2); an administrator signs a newer one on demand
            let seeded = try Checkpoint.parse(json: Data(try await b.get("/ledger/checkpoint.json").body.string.utf8))
            try await b.signIn("admin")
            let m = try await b.get("/metrics")
            #expect(m.status == .ok)
            #expect(m.body.string.contains("xuanren_ledger_entries"))
            let signed = try await b.submit(from: "/ledger", to: "/ledger/checkpoint", [:])
            #expect(signed.status == .seeOther)
            let json = try await b.get("/ledger/checkpoint.json")
            #expect(json.status == .ok)
            let cp = try Checkpoint.parse(json: Data(json.body.string.utf8))
            #expect(cp.signatureIsValid())
            #expect(cp.seq > seeded.seq)
            #expect(cp.publicKey == app.xuanrenStore.ledger.key.publicKeyHex)
            #expect(try await b.get("/ledger").body.string.contains(cp.signature))
        }
    }
}
