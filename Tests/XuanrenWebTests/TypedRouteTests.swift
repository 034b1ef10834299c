import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// Typed routes (`SiteRoute`): every route of the app is registered from one, and every link of the app is printed
/// by one — no path written by hand in a controller or a template.
@Suite("Typed routes")
struct TypedRouteTests {
    static func describe(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test("Every registered route comes from a typed route, each typed route is registered exactly once, with its own access and sessionless flag")
    func registeredRoutesAreTypedRoutes() async throws {
        try await withXuanren(seed: false) { app in
            let registered = app.routes.all.map(Self.describe)
            let typed = SiteRoutes.all.map(\.routeDescription)
            #expect(typed.count == Set(typed).count, "a typed route listed twice in its enum's `all`")
            #expect(registered.count == Set(registered).count, "a route registered twice")
            #expect(registered.count == typed.count)
            let untyped = Set(registered).subtracting(typed), unregistered = Set(typed).subtracting(registered)
            #expect(untyped.isEmpty, "registered without a typed route: \(untyped.sorted())")
            #expect(unregistered.isEmpty, "typed routes not registered: \(unregistered.sorted())")
            for route in app.routes.all {
                let site = try #require(route.siteRoute, "\(Self.describe(route)) was not registered from a typed route")
                #expect(site.routeDescription == Self.describe(route))
                #expect(route.access == site.access, "\(Self.describe(route))")
                #expect(route.isSessionless == site.isSessionless, "\(Self.describe(route))")
            }
            // the voters' pages and the public report channel (CAS-2), and only they, keep no session
            let sessionless = app.routes.all.filter(\.isSessionless).map(Self.describe).sorted()
            #expect(sessionless == (VoteRoute.all.map(\.routeDescription) + ReportRoute.all.map(\.routeDescription)).sorted())
        }
    }

    @Test("Links print the paths the routes register, with queries and fragments encoded")
    func links() {
        let id = UUID(uuidString: "6F1C0A2B-0000-4000-8000-000000000001")!
        let s = id.uuidString
        #expect(PublicRoute.home.path == "/")
        #expect(DashboardRoute.dashboard.path == "/dashboard")
        #expect(AuthRoute.changePassword.path == "/account/password")
        #expect(BallotRoute.detail(id).path == "/ballots/\(s)")
        #expect(BallotRoute.close(id).path == "/ballots/\(s)/close")
        #expect(BallotRoute.boxSignature(id).path == "/ballots/\(s)/box.json.sig")
        #expect(BallotRoute.acceptPaper(id).path == "/ballots/\(s)/paper/accept")
        #expect(VoteRoute.cast(id).path == "/vote/\(s)/cast")
        #expect(VoteRoute.reload(id, .confirm).path == "/vote/\(s)/confirm")
        #expect(RegistryRoute.batch(id).path == "/registry/import/\(s)")
        #expect(RegistryRoute.exitReserve(id).path == "/registry/reserve/\(s)/exit")
        #expect(LedgerRoute.checkpoint.path == "/ledger/checkpoint.json")
        #expect(PublicRoute.language(.en).link(["back": "/registry/cadres"]) == "/lang/en?back=/registry/cadres")
        #expect(RegistryRoute.qualify.link(["position": "a&b=c+d 1"]) == "/registry/qualify?position=a%26b%3Dc%2Bd%201")
        #expect(RegistryRoute.cadre(id).link(fragment: "audit") == "/registry/cadres/\(s)#audit")
        #expect(LedgerRoute.entries.link(["before": "5", "subject": nil]) == "/ledger/entries?before=5")
        #expect(LedgerRoute.entries.link(["before": nil]) == "/ledger/entries")
        // the same parameter names as the handlers read
        #expect(RegistryRoute.review(.parameter).routeDescription == "POST /registry/reserve/:entry/review")
        #expect(RegistryRoute.confirmBatch(.parameter).routeDescription == "POST /registry/import/:batch")
        #expect(PublicRoute.language(.en).routeDescription == "GET /lang/:code")
        #expect(BallotRoute.count(.parameter).routeDescription == "GET /ballots/:id/count")
    }

    /// The first part of every route's path (`ballots`, `vote`, `registry`, …): what a hand-written app path starts with.
    static var appSegments: Set<String> {
        Set(SiteRoutes.all.compactMap { route -> String? in
            guard case .constant(let first) = route.parts.first, !first.isEmpty else { return nil }
            return first
        })
    }

    static func files(under dir: String, ending suffix: String) -> [String] {
        let root = URL(fileURLWithPath: repositoryRoot + dir)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(suffix) }.sorted()
    }

    @Test("No template under Resources/Views writes an app path: links and form actions come from the page's model")
    func templatesHoldNoPaths() throws {
        let templates = Self.files(under: "Resources/Views", ending: ".leaf")
        #expect(templates.count >= 30)
        // an attribute holding a literal path; static files under /css/ are not routes
        let attribute = try Regex(#"(?:href|action|src|formaction)\s*=\s*["']?/(?!css/)"#)
        // an app path anywhere (a meta refresh, a script, text)
        let appPath = try Regex("(?:^|[^A-Za-z0-9._~-])/(?:" + Self.appSegments.sorted().joined(separator: "|") + ")(?:[/?#\"' ]|$)")
        var found: [String] = []
        for file in templates {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(attribute) || line.contains(appPath) {
                found.append("\(URL(fileURLWithPath: file).lastPathComponent):\(n + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(120))")
            }
        }
        #expect(found.isEmpty, Comment(rawValue: "literal app paths in templates:\n" + found.joined(separator: "\n")))
    }

    @Test("No Swift file of the web app writes an app path: registrations, redirects and links come from the typed routes")
    func swiftHoldsNoPaths() throws {
        let sources = Self.files(under: "Sources/XuanrenWeb", ending: ".swift")
        #expect(sources.count >= 30)
        let literal = try Regex(#""(?:[^"\\]|\\.)*""#)
        let appPath = try Regex("(?:^|[^A-Za-z0-9._~-])/(?:" + Self.appSegments.sorted().joined(separator: "|") + ")(?:[/?#\"]|$)")
        // a registration by hand: `routes.get("ballots", …)`, `.grouped("registry")`
        let byHand = try Regex(#"\b(?:routes|app|r)\.(?:get|post|put|patch|delete|grouped)\(|\b(?:routes|app|r)\.on\(\s*\.[A-Z]+\b"#)
        var found: [String] = []
        for file in sources {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("//") { continue }
                let paths = line.matches(of: literal).filter { line[$0.range].contains(appPath) }
                if !paths.isEmpty || line.contains(byHand) {
                    found.append("\(URL(fileURLWithPath: file).lastPathComponent):\(n + 1): \(line.prefix(120))")
                }
            }
        }
        #expect(found.isEmpty, Comment(rawValue: "app paths written by hand:\n" + found.joined(separator: "\n")))
    }

    // MARK: - every link on the pages people reach

    struct Target { var method: HTTPMethod; var url: String; var page: String }

    /// The links (`GET`) and form actions (their method) of a page, with `&amp;` read back.
    static func targets(in html: String, page: String) throws -> [Target] {
        var out: [Target] = []
        let anchor = try Regex(#"<a\s[^>]*href="([^"]*)""#)
        for m in html.matches(of: anchor) {
            out.append(Target(method: .GET, url: String(m.output[1].substring ?? ""), page: page))
        }
        let form = try Regex(#"<form\s[^>]*>"#)
        for m in html.matches(of: form) {
            let tag = String(html[m.range])
            let method = tag.range(of: #"method="post""#, options: .caseInsensitive) != nil ? HTTPMethod.POST : .GET
            let action = tag.firstMatch(of: try Regex(#"action="([^"]*)""#)).map { String($0.output[1].substring ?? "") }
            out.append(Target(method: method, url: action ?? "(no action)", page: page))
        }
        return out.map { var t = $0; t.url = t.url.replacingOccurrences(of: "&amp;", with: "&"); return t }
    }

    /// The typed route a same-site URL reaches with `method`, if any.
    static func route(_ method: HTTPMethod, _ url: String) -> (any SiteRoute)? {
        let path = String(url.prefix { $0 != "?" && $0 != "#" })
        let parts = path.split(separator: "/").map(String.init)
        return SiteRoutes.all.first { route in
            guard route.method == method else { return false }
            let pattern = route.parts.filter { if case .constant("") = $0 { return false }; return true }
            guard pattern.count == parts.count else { return false }
            return zip(pattern, parts).allSatisfy { p, given in
                switch p {
                case .constant(let c): c == given
                case .parameter: !given.isEmpty
                }
            }
        }
    }

    static func isLanguageSwitch(_ url: String) -> Bool {
        guard let route = Self.route(.GET, url) as? PublicRoute, case .language = route else { return false }
        return true
    }

    @Test("Every link and form on the pages each role reaches leads to a route of the app, with the form's method")
    func crawledLinksAreRoutes() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            // an open session (codes, paper entry, live count, closing) and a closed public one (results, box)
            var settings = BallotSettings.Approval(members: 9)
            settings.quorum = Fraction(1, 9)
            let box = BallotBox(title: "表决", settings: .approval(settings), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
            let open = try await store.createBallotSession(unitCode: "org", box: box, actor: "organizer")
            let codes = try await store.issueCodes(session: open, category: "members", count: 3, actor: "organizer")
            try await store.openBallotSession(open, actor: "organizer")
            let closed = try await store.createBallotSession(unitCode: "org", box: box, actor: "organizer")
            let one = try await store.issueCodes(session: closed, category: "members", count: 1, actor: "organizer")
            try await store.openBallotSession(closed, actor: "organizer")
            _ = try await store.cast(session: closed, code: one[0], ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
            try await store.closeBallotSession(closed, custodians: TestCustodians.confirmations(), by: .system("test"), hasher: app.passwordHasher)
            // a selection matter in its inspection stage (its page, plan, amendment form and public page)
            let (matter, _) = try await AuthorizationMatrixTests.matterFixture(store, inspector: "inspector")

            let starts: [String] = [
                PublicRoute.home.path, DashboardRoute.dashboard.path, AuthRoute.login.path, AuthRoute.password.path,
                BallotRoute.list.path, BallotRoute.new.path, BallotRoute.detail(open).path, BallotRoute.detail(closed).path,
                BallotRoute.results(closed).path, BallotRoute.paper(open).path, BallotRoute.reconcile(open).path, BallotRoute.count(open).path,
                VoteRoute.start(open).path, PanelRoute.list.path, RegistryRoute.cadres.path, RegistryRoute.importForm.path, RegistryRoute.newCadre.path,
                RegistryRoute.qualify.path, RegistryRoute.reserve.path, RegistryRoute.alerts.path, RegistryRoute.settings.path,
                LedgerRoute.overview.path, LedgerRoute.entries.path, AdminRoute.units.path, AdminRoute.accounts.path,
                MatterRoute.list.path, MatterRoute.new.path, MatterRoute.show(matter).path, MatterRoute.plan(matter).path,
                MatterRoute.publicPage(matter).path, MatterRoute.show(matter).link(["qualify": "p1"]),
            ]
            var pages: [(name: String, html: String)] = []
            var visits = 0
            var browsers: [String: Browser] = [:]
            for who in ["anon", "admin", "organizer", "supervisor", "clerk"] {
                let b = Browser(app)
                if who != "anon" { try await b.signIn(who) }
                browsers[who] = b
                var queue = starts
                var seen = Set<String>(), perRoute: [String: Int] = [:]
                while let url = queue.first {
                    queue.removeFirst()
                    guard seen.insert(url).inserted, let route = Self.route(.GET, url) else { continue }
                    // two pages of each route are enough (twenty cadre files look alike)
                    perRoute[route.routeDescription, default: 0] += 1
                    if perRoute[route.routeDescription]! > 2 { continue }
                    let res = try await b.get(url)
                    visits += 1
                    guard res.status == .ok, res.headers.contentType?.subType == "html" else { continue }
                    let html = res.body.string
                    pages.append(("\(who) \(url)", html))
                    for t in try Self.targets(in: html, page: url) where t.method == .GET && t.url.hasPrefix("/") {
                        // not downloads (a last part with a dot), not the language switch (it only sets a cookie)
                        let last = t.url.prefix { $0 != "?" && $0 != "#" }.split(separator: "/").last ?? ""
                        if !last.contains("."), !Self.isLanguageSwitch(t.url) { queue.append(t.url) }
                    }
                }
            }
            #expect(visits > 60)

            // pages that only a post shows: the voter's ballot and confirmation, the slips, an import's preview
            let voter = Browser(app)
            let ballot = try await voter.submit(from: VoteRoute.start(open).path, to: VoteRoute.ballot(open).path, ["code": codes[0].grouped])
            #expect(ballot.status == .ok)
            pages.append(("voter ballot", ballot.body.string))
            let confirm = try await voter.request(.POST, VoteRoute.confirm(open).path, form: ["code": codes[0].grouped, "vote_c1": "yes"])
            #expect(confirm.status == .ok)
            pages.append(("voter confirm", confirm.body.string))
            let organizer = try #require(browsers["organizer"])
            let slips = try await organizer.submit(from: BallotRoute.detail(open).path, to: BallotRoute.codes(open).path, ["category": "members", "count": "1"])
            #expect(slips.status == .ok)
            pages.append(("organizer slips", slips.body.string))
            let org = try #require(try await store.units().first { $0.code == "org" })
            let up = try await organizer.upload(from: RegistryRoute.importForm.path, to: RegistryRoute.upload.path, fields: ["unit": org.id.uuidString],
                                                file: ("file", "名册.csv", Array("姓名,性别\n表格甲,男\n".utf8)))
            let preview = try #require(up.headers.first(name: .location))
            #expect(Self.route(.GET, preview) != nil)
            pages.append(("organizer import preview", try await organizer.get(preview).body.string))

            var problems: [String] = []
            var checked = 0
            for page in pages {
                for t in try Self.targets(in: page.html, page: page.name) {
                    if t.url.hasPrefix("#") || t.url.hasPrefix("/css/") { continue }
                    checked += 1
                    if !t.url.hasPrefix("/") { problems.append("\(page.name): \(t.method.rawValue) “\(t.url)” is not a path of the site"); continue }
                    if Self.route(t.method, t.url) == nil { problems.append("\(page.name): \(t.method.rawValue) \(t.url) is no route of the app") }
                }
            }
            #expect(checked > 300)
            #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) broken links or forms:\n" + Set(problems).sorted().joined(separator: "\n")))
        }
    }
}
