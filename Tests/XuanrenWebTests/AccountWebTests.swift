import Foundation
import NIOCore
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Passwords and sessions over HTTP")
struct AccountWebTests {
    @Test("Changing one's password ends the account's other sessions and keeps this one")
    func changeEndsOtherSessions() async throws {
        try await withXuanren { app in
            let mine = Browser(app)
            try await mine.signIn("organizer")
            let other = Browser(app)
            try await other.signIn("organizer", password: "Changed-pass-2026")
            #expect(try await other.get("/dashboard").status == .ok)
            let changed = try await mine.submit(from: "/account/password", to: "/account/password",
                                                ["currentPassword": "Changed-pass-2026", "newPassword": "Another-pass-2027", "confirmPassword": "Another-pass-2027"])
            #expect(changed.status == .seeOther)
            #expect(try await mine.get("/dashboard").status == .ok)
            let ended = try await other.get("/dashboard")
            #expect(ended.status == .seeOther)
            #expect(ended.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test("A password reset ends every session of the account")
    func resetEndsSessions() async throws {
        try await withXuanren { app in
            let a = Browser(app), b = Browser(app)
            try await a.signIn("clerk")
            try await b.signIn("clerk", password: "Changed-pass-2026")
            try await app.xuanrenStore.setPassword(username: "clerk", newPassword: "Reset-pass-2027", mustChange: true, actor: "admin", hasher: app.passwordHasher)
            #expect(try await a.get("/dashboard").headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await b.get("/dashboard").headers.first(name: .location)?.hasPrefix("/login") == true)
            // another account's session is untouched
            let judge = Browser(app)
            try await judge.signIn("judge")
            try await app.xuanrenStore.setPassword(username: "clerk", newPassword: "Reset-pass-2028", mustChange: true, actor: "admin", hasher: app.passwordHasher)
            #expect(try await judge.get("/dashboard").status == .ok)
        }
    }

    @Test("A common password (password12, in any case) is refused with a message; the demo password stays valid")
    func commonPasswordRefused() async throws {
        try await withXuanren { app in
            let b = Browser(app)
            let first = try await b.submit(from: "/login", to: "/login", ["username": "judge", "password": DemoCounty.password])
            #expect(first.headers.first(name: .location) == "/account/password")
            for weak in ["password12", "Password12", "woaini1314"] {
                let r = try await b.submit(from: "/account/password", to: "/account/password",
                                           ["currentPassword": DemoCounty.password, "newPassword": weak, "confirmPassword": weak])
                #expect(r.status == .badRequest, "\(weak)")
                #expect(r.body.string.contains("常用密码"), "\(weak)")
            }
            let en = Browser(app, language: "en")
            _ = try await en.submit(from: "/login", to: "/login", ["username": "grader", "password": DemoCounty.password])
            let r = try await en.submit(from: "/account/password", to: "/account/password",
                                        ["currentPassword": DemoCounty.password, "newPassword": "Admin12345", "confirmPassword": "Admin12345"])
            #expect(r.body.string.contains("common passwords"))
        }
    }

    @Test("Sign-in lock over HTTP: 40 simultaneous wrong passwords for one account get at most 4 answers of 401, the rest 429")
    func concurrentWrongPasswords() async throws {
        try await withXuanren { app in
            let b = Browser(app)
            let html = try await b.get("/login").body.string
            let token = try #require(Browser.csrf(in: html))
            let cookie = b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0 ..< 40 {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.add(name: .cookie, value: cookie)
                        headers.contentType = .urlEncodedForm
                        let body = ByteBuffer(string: "username=clerk&password=wrong-pass-\(i)&_csrf=\(token)")
                        return try await app.testing().sendRequest(.POST, "/login", headers: headers, body: body).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 4, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 36)
            #expect(statuses.count == 40)
        }
    }
}
