import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

/// The authorization matrix (`docs/authorization-matrix.txt`): every route × every kind of visitor, driven
/// against the running app. It fails on any difference, and on any route of the app missing from the file.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static let roles = ["admin", "organizer", "committee", "grader", "judge", "inspector", "supervisor", "clerk"]
    /// `applicant`: an applicant signed in to their applicant account (ELG-8, EXM-9), who registered for {competition}.
    static var actors: [String] { ["anon", "voter", "applicant"] + roles.flatMap { ["\($0)@own", "\($0)@other"] } }

    struct Line { var method: HTTPMethod; var path: String; var allowed: Set<String> }

    static func expand(_ token: String) -> [String] {
        switch token {
        case "*": return actors
        case "signed-in": return roles.flatMap { ["\($0)@own", "\($0)@other"] }
        case "none": return []
        default:
            if token.hasSuffix("@any") { let r = token.dropLast(4); return ["\(r)@own", "\(r)@other"] }
            return [token]
        }
    }

    static func matrix() throws -> [Line] {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/authorization-matrix.txt", encoding: .utf8)
        return text.split(separator: "\n").compactMap { raw in
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count >= 3 else { return nil }
            return Line(method: HTTPMethod(rawValue: parts[0]), path: parts[1], allowed: Set(parts.dropFirst(2).flatMap(expand)))
        }
    }

    /// Allowed: past access control. Refused: 401 (a post without a session), 403, 404, or sent to sign in.
    static func allowed(_ res: TestingHTTPResponse, _ line: Line) -> Bool {
        if res.status == .unauthorized && ["/login", "/applicant/login"].contains(line.path) { return true }   // a failed sign-in is the page working
        if res.status == .unauthorized || res.status == .forbidden || res.status == .notFound { return false }
        if (300 ..< 400).contains(res.status.code), let to = res.headers.first(name: .location), to.hasPrefix("/login") || to.hasPrefix("/applicant/login") { return false }
        return true
    }

    @Test("Authorization matrix: every route × anonymous, a voter, each role on its own unit and on another unit, as the matrix file says")
    func matrixHolds() async throws {
        let clock = ManualClock()
        try await withXuanren(settings: { $0.clock = clock }) { app in
            let store = app.xuanrenStore
            let lines = try Self.matrix()
            // every route of the app is in the file
            let declared = Set(lines.map { "\($0.method.rawValue) \(Self.pattern($0.path))" })
            let routes = app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map { $0.description.hasPrefix(":") ? ":" : $0.description }.joined(separator: "/") }
            let missing = routes.filter { !declared.contains($0) }
            #expect(missing.isEmpty, "routes missing from docs/authorization-matrix.txt: \(missing)")

            // fixtures in 财政局
            var s = BallotSettings.Approval(members: 9)
            s.quorum = Fraction(1, 9)
            let box = BallotBox(title: "财政局表决", settings: .approval(s), candidates: [Candidate(id: "c1", name: "王明")], ballots: [])
            let system = ActingUser.system("fixture")
            let open = try await store.createBallotSession(unitCode: "fin", box: box, disclosure: .supervision, custodians: TestCustodians.plan, by: system)
            let codes = try await store.issueCodes(session: open, category: "members", count: 3, by: system)
            try await store.openBallotSession(open, by: system)
            var closed = UUID(), published = UUID()
            for (scope, id) in [(DisclosureScope.supervision, 0), (.everyone, 1)] {
                let sid = try await store.createBallotSession(unitCode: "fin", box: box, disclosure: scope, custodians: TestCustodians.plan, by: system)
                let c = try await store.issueCodes(session: sid, category: "members", count: 1, by: system)
                try await store.openBallotSession(sid, by: system)
                _ = try await store.cast(session: sid, code: c[0], ballot: .approval(votes: [(candidate: "c1", answer: "yes")]))
                try await store.closeBallotSession(sid, custodians: TestCustodians.confirmations(), by: system, hasher: app.passwordHasher)
                if id == 0 { closed = sid } else { published = sid }
            }
            var filter = CadreFilter()
            filter.unit = try #require(try await store.unitTree().id(ofCode: "fin"))
            _ = try await store.checkpointNow(actor: "fixture")
            let cadre = try #require(try await store.cadres(filter, limit: 1, by: .system()).rows.first).id.uuidString
            var fixtures = ["{open}": open.uuidString, "{closed}": closed.uuidString, "{public}": published.uuidString,
                            "{cadre}": cadre, "{batch}": UUID().uuidString, "{entry}": UUID().uuidString, "{lang}": "en",
                            "{short}": String(open.uuidString.prefix(8))]

            // one browser per actor
            var browsers: [String: Browser] = [:]
            for actor in Self.actors {
                let b = Browser(app)
                if let at = actor.firstIndex(of: "@") {
                    let role = String(actor[..<at]), unit = actor.hasSuffix("@own") ? "fin" : "edu"
                    let name = "m-\(role)-\(unit)"
                    try await store.createAccount(username: name, displayName: name, password: "Matrix-2026-ok", mustChangePassword: false, actor: "test", hasher: app.passwordHasher)
                    try await store.grant(username: name, role: role, unitCode: unit, actor: "test")
                    try await b.signIn(name, password: "Matrix-2026-ok")
                }
                browsers[actor] = b
            }
            // a 财政局 selection matter in its inspection stage, its candidate, and 财政局's inspector on its team
            let (matter, person) = try await Self.matterFixture(store, inspector: "m-inspector-fin")
            fixtures["{matter}"] = matter.uuidString
            fixtures["{person}"] = person.uuidString
            fixtures["{position}"] = "p1"
            // a second 财政局 matter taken through the committee (财政局's committee account on the roster) to its
            // appointment: {decided}, its person {appointee}, the closed meeting {meeting}, the probation {probation}
            let d = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("韩立"), title: "财政局局长选任",
                                                           stages: [.initialNomination, .inspection, .committeeDecision, .publicity, .appointment, .probation])
            try await InspectionFixture.prepareForCommittee(store, d, clock: clock, hasher: app.passwordHasher)
            try await store.advanceMatter(d.matter, by: system)
            let roster = try await CommitteeFixture.roster(store, d, members: 3, accounts: ["m-committee-fin"])
            let meeting = try await CommitteeFixture.decide(store, d, roster)
            try await CommitteeFixture.appoint(store, d, clock: clock)
            fixtures["{decided}"] = d.matter.uuidString
            fixtures["{appointee}"] = d.person.uuidString
            fixtures["{meeting}"] = meeting.uuidString
            fixtures["{member}"] = roster[2].id.uuidString
            fixtures["{probation}"] = try #require(try await store.probationers(by: system).first?.id).uuidString
            // a 财政局 competitive matter in registration: {competition}, with one registry applicant {applicant}
            let comp = try await CompetitionFixture.registering(store, unitCode: "fin", seconds: 86_400 * 30)
            _ = try await CompetitionFixture.cadre(store, "应考者", 41, unitCode: "fin")
            let registered = try await store.registerApplicant(comp.matter, position: "p1", resident: CompetitionFixture.resident(41), form: nil)
            fixtures["{competition}"] = comp.matter.uuidString
            fixtures["{applicant}"] = registered.applicant.uuidString
            // `applicant`: that applicant, signed in to their applicant account (the password set with the activation code)
            let activated = try await store.activateApplicant(resident: CompetitionFixture.resident(41), code: try #require(registered.activationCode),
                                                              password: "Matrix-2026-ok", confirm: "Matrix-2026-ok", hasher: app.passwordHasher)
            #expect(activated != .invalid)
            let signedIn = try await browsers["applicant"]!.submit(from: "/applicant/login", to: "/applicant/login",
                                                                   ["resident": CompetitionFixture.resident(41), "password": "Matrix-2026-ok"])
            #expect(signedIn.status == .seeOther)
            // a report about 财政局 with a PDF attachment: {case}, {file}
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let receipt = try await store.fileReport(ReportSubmission(unit: fin.id, kind: .procedure, text: "反映财政局选拔干部程序问题。",
                                                                      attachments: [ReportUpload(bytes: Array("%PDF-1.4 x".utf8))]), client: "matrix", dailyLimit: 0)
            let reportCase = try #require(try await store.cases(by: system).first { $0.value.number == receipt.number })
            fixtures["{case}"] = reportCase.id
            fixtures["{file}"] = try #require(try await store.caseDetail(reportCase.id, by: system).attachments.first?.id)
            // a 财政局 一报告两评议 round: {survey}
            fixtures["{survey}"] = try await store.createSurveyRound(unit: fin.id, year: 2026, cadres: [.init(id: "c1", name: "新提拔甲", post: "副局长")],
                                                                      voters: 30, custodians: TestCustodians.plan, by: system).uuidString
            fixtures["{chart}"] = "satisfaction.csv"
            // a self-check of 财政局 over the last year, drawn: {check}, with the appointee of {decided} as its file {checkfile}
            let check = try await store.createCheck(kind: .selfCheck, unit: try #require(filter.unit),
                                                    period: try CheckPeriod(from: store.today.adding(days: -365), to: store.today), title: "财政局年度自查", by: system)
            try await store.drawCheckSample(check, by: system)
            fixtures["{check}"] = check.uuidString
            fixtures["{checkfile}"] = try #require(try await store.checkView(check, by: system).files.first).id.uuidString
            // an open pledge campaign of 财政局 (DIS-3): {pledge}
            let pledge = try await store.createPledgeCampaign(PledgeCampaignInput(unit: fin.id, name: "财政局换届", deadline: store.today.adding(days: 10)), by: system)
            try await store.openPledgeCampaign(pledge, by: system)
            fixtures["{pledge}"] = pledge.uuidString
            // logout last, so that the other requests still have their session
            let ordered = lines.filter { !$0.path.hasSuffix("/logout") } + lines.filter { $0.path.hasSuffix("/logout") }
            var differences: [String] = []
            for line in ordered {
                var path = line.path
                for (k, v) in fixtures { path = path.replacingOccurrences(of: k, with: v) }
                for actor in Self.actors {
                    let b = browsers[actor]!
                    let res: TestingHTTPResponse
                    if line.method == .GET {
                        res = try await b.get(path)
                    } else {
                        let page = try await b.get(actor.contains("@") ? "/dashboard" : "/login")
                        var form = ["_csrf": Browser.csrf(in: page.body.string) ?? ""]
                        if actor == "voter" { form["code"] = codes[0].grouped; form["vote_c1"] = "yes" }
                        res = try await b.request(line.method, path, form: form)
                    }
                    if res.status.code >= 500 { differences.append("\(line.method.rawValue) \(line.path) as \(actor): server error \(res.status.code)") }
                    let got = Self.allowed(res, line), want = line.allowed.contains(actor)
                    if got != want {
                        differences.append("\(line.method.rawValue) \(line.path) as \(actor): \(got ? "allowed" : "refused") (\(res.status.code)), expected \(want ? "allowed" : "refused")")
                    }
                }
            }
            #expect(differences.isEmpty, Comment(rawValue: "\(differences.count) differences:\n" + differences.joined(separator: "\n")))
        }
    }

    /// `{matter}`: a 财政局 matter (nomination → inspection → committee → publicity → appointment, 等额) published, one
    /// qualified cadre nominated, consolidated, chosen for inspection and the matter advanced into inspection, with a
    /// team (INS-2) that has `inspector`'s account; `{person}`: that candidate.
    static func matterFixture(_ store: Store, inspector: String) async throws -> (matter: UUID, person: UUID) {
        let system = ActingUser.system("fixture")
        let fin = try #require(try await store.units().first { $0.code == "fin" })
        var conditions = PositionConditions(referenceDate: YearMonth(year: 2026, month: 6), targetGrade: 4)
        conditions.crossGradeRule = false
        conditions.basicBlocksPromotion = false
        conditions.unitCodes = ["fin"]
        let cadre = try #require(try await store.whoQualifies(conditions, by: system, limit: 1).qualified.first).row.id
        conditions.unitCodes = []
        var plan = MatterPlan(positions: [MatterPosition(id: "p1", unitID: fin.id, unitName: fin.name, post: "副局长", grade: 4, posts: 1, conditions: conditions)],
                              procedure: try Procedure.custom([.initialNomination, .inspection, .committeeDecision, .publicity, .appointment]))
        plan.settings.competitiveStages = []
        let matter = try await store.createMatter(title: "财政局副局长选任", unitID: fin.id, plan: plan, by: system)
        try await store.publishMatterPlan(matter, by: system)
        let person = try await store.nominate(matter: matter, positionID: "p1", cadreID: cadre, channel: .assessment, by: system)
        try await store.consolidateNominations(matter: matter, note: "", by: system)
        try await store.chooseForInspection(matter: matter, person: person, reason: "综合考虑各方面情况", by: system)
        try await store.setInspectionTeam(matter: matter, members: [
            TeamMember(name: "组长", background: .organization, leader: true, standingCommittee: true),
            TeamMember(name: "组员", account: inspector, background: .organization),
        ], by: system)
        try await store.advanceMatter(matter, by: system)
        return (matter, person)
    }

    static func pattern(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix("{") ? ":" : String($0) }.joined(separator: "/")
    }
}
