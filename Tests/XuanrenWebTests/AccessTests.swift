import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Access control")
struct AccessTests {
    var db: TestDatabase = .sqlite

    @Test("Deny by default: every route in the app declares who may use it")
    func everyRouteDeclaresAccess() async throws {
        try await withXuanren(db, seed: false) { app in
            let routes = app.routes.all
            #expect(routes.count >= 15)
            let undeclared = routes.filter { $0.userInfo["xuanren.access"] as? Access == nil }.map(\.description)
            #expect(undeclared.isEmpty, "routes without an access declaration: \(undeclared)")
        }
    }

    @Test("Deny by default: an undeclared route is refused even to an administrator")
    func undeclaredRouteIsRefused() async throws {
        try await withXuanren(db) { app in
            app.get("forgotten") { _ in "secret" }
            let b = Browser(app)
            #expect(try await b.get("/forgotten").status == .forbidden)
            try await b.signIn("admin")
            let res = try await b.get("/forgotten")
            #expect(res.status == .forbidden)
            #expect(!res.body.string.contains("secret"))
        }
    }

    @Test("Anonymous visitors see public pages and are sent to sign in elsewhere")
    func anonymous() async throws {
        try await withXuanren(db) { app in
            let b = Browser(app)
            #expect(try await b.get("/").status == .ok)
            #expect(try await b.get("/ledger").status == .ok)
            #expect(try await b.get("/healthz").body.string.contains("\"ok\""))
            let dash = try await b.get("/dashboard")
            #expect(dash.status == .seeOther)
            #expect(dash.headers.first(name: .location) == "/login?next=/dashboard")
            #expect(try await b.get("/admin/units").status == .seeOther)
            #expect(try await b.get("/ledger/entries").status == .seeOther)
            #expect(try await b.get("/no/such/page").status == .notFound)
        }
    }

    @Test("Roles: each page only for the roles that may use it")
    func rolesAreChecked() async throws {
        try await withXuanren(db) { app in
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            #expect(try await organizer.get("/dashboard").status == .ok)
            #expect(try await organizer.get("/registry/cadres").status == .ok)
            #expect(try await organizer.get("/admin/units").status == .forbidden)
            #expect(try await organizer.get("/admin/accounts").status == .forbidden)
            #expect(try await organizer.get("/ledger/entries").status == .forbidden)

            let judge = Browser(app)
            try await judge.signIn("judge")
            #expect(try await judge.get("/registry/cadres").status == .forbidden)

            let supervisor = Browser(app)
            try await supervisor.signIn("supervisor")
            #expect(try await supervisor.get("/ledger/entries").status == .ok)
            #expect(try await supervisor.get("/admin/units").status == .forbidden)

            let admin = Browser(app)
            try await admin.signIn("admin")
            #expect(try await admin.get("/admin/units").status == .ok)
            #expect(try await admin.get("/admin/accounts").status == .ok)
            // the navigation shows only what the role may open
            let nav = try await organizer.get("/dashboard").body.string
            #expect(nav.contains("/registry/cadres"))
            #expect(!nav.contains("href=\"/admin/units\""))
        }
    }
}
