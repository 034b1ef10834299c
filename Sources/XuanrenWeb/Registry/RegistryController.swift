import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The cadre registry: list with filters, the file, editing, export, the printable form, the audit.
struct RegistryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(RegistryRoute.cadres, use: list)
        routes.on(RegistryRoute.exportCSV, use: exportCSV)
        routes.on(RegistryRoute.newCadre, use: newForm)
        routes.on(RegistryRoute.createCadre, use: create)
        routes.on(RegistryRoute.cadre(p), use: show)
        routes.on(RegistryRoute.edit(p), use: editForm)
        routes.on(RegistryRoute.update(p), use: update)
        routes.on(RegistryRoute.lrmx(p), use: exportLRMX)
        routes.on(RegistryRoute.print(p), use: printForm)
        routes.on(RegistryRoute.resolve(p), use: resolve)
    }

    // MARK: List

    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    struct Row: Encodable {
        var id: String; var name: String; var sex: String; var birth: String; var age: String; var ethnicity: String; var unit: String
        var post: String; var rank: String; var education: String; var findings: Int; var blocking: Int; var href: String
    }
    struct ListModel: Encodable {
        var rows: [Row]; var total: Int; var page: Int; var pages: Int; var prev: String?; var next: String?
        var q: String; var units: [Option]; var ranks: [Option]; var sexes: [Option]; var educations: [Option]; var maxAge: String; var blocking: Bool
        var exportURL: String; var canEdit: Bool; var notice: String?; var links = RegistryLinks()
        /// The whole filtered list on one page, for printing (a county's registry is a few thousand files at most).
        var allURL: String? = nil; var showingAll = false
    }

    /// The list's filters from the query; the store limits them to the units the reader may see.
    func filter(_ req: Request) -> CadreFilter {
        var f = CadreFilter()
        f.text = String((req.query[String.self, at: "q"] ?? "").prefix(40))
        f.unit = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))
        f.rank = req.query[String.self, at: "rank"] ?? ""
        f.sex = req.query[String.self, at: "sex"] ?? ""
        f.minEducation = req.query[Int.self, at: "edu"].flatMap(EducationLevel.init(rawValue:))
        f.maxAge = req.query[Int.self, at: "maxAge"].flatMap { (16 ... 80).contains($0) ? $0 : nil }
        f.onlyBlocking = req.query[String.self, at: "blocking"] == "1"
        return f
    }

    func query(_ f: CadreFilter, page: Int? = nil, all: Bool = false) -> String {
        var items: [(String, String)] = []
        if !f.text.isEmpty { items.append(("q", f.text)) }
        if let u = f.unit { items.append(("unit", u.uuidString)) }
        if !f.rank.isEmpty { items.append(("rank", f.rank)) }
        if !f.sex.isEmpty { items.append(("sex", f.sex)) }
        if let e = f.minEducation { items.append(("edu", String(e.rawValue))) }
        if let a = f.maxAge { items.append(("maxAge", String(a))) }
        if f.onlyBlocking { items.append(("blocking", "1")) }
        if let page { items.append(("page", String(page))) }
        if all { items.append(("all", "1")) }
        var c = URLComponents(); c.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return c.percentEncodedQuery.map { "?" + $0 } ?? ""
    }

    func list(req: Request) async throws -> Response {
        let scope = try await req.store.registryScope(of: req.actingUser)
        let f = filter(req)
        let showingAll = req.query[String.self, at: "all"] == "1"
        let perPage = showingAll ? 10_000 : 50
        let requested = max(1, req.query[Int.self, at: "page"] ?? 1)
        var (rows, total) = try await req.store.cadres(f, offset: (requested - 1) * perPage, limit: perPage, by: req.actingUser)
        let pages = max(1, (total + perPage - 1) / perPage)
        let page = min(requested, pages)
        if page != requested { (rows, total) = try await req.store.cadres(f, offset: (page - 1) * perPage, limit: perPage, by: req.actingUser) }
        let lang = req.language
        let today = YearMonth.today
        let units = try await req.store.units().filter { scope.reads($0.id) }
        let settings = try await req.store.registrySettings()
        var model = ListModel(
            rows: rows.map { Row(id: $0.id.uuidString, name: $0.name, sex: $0.sex, birth: $0.birth?.dotted ?? "", age: $0.birth.map { String($0.wholeYears(until: today)) } ?? "",
                                 ethnicity: $0.ethnicity, unit: $0.unitName, post: $0.post, rank: $0.rank, education: $0.education, findings: $0.findings, blocking: $0.blocking,
                                 href: RegistryRoute.cadre($0.id).path) },
            total: total, page: page, pages: pages,
            prev: page > 1 ? RegistryRoute.cadres.path + query(f, page: page - 1) : nil, next: page < pages ? RegistryRoute.cadres.path + query(f, page: page + 1) : nil,
            q: f.text,
            units: units.map { Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id == f.unit) },
            ranks: settings.ladder.ranks.map { Option(value: $0.name, label: $0.name, selected: $0.name == f.rank) },
            sexes: ["男", "女"].map { Option(value: $0, label: $0, selected: $0 == f.sex) },
            educations: EducationLevel.allCases.map { Option(value: String($0.rawValue), label: $0.title(in: lang), selected: $0 == f.minEducation) },
            maxAge: f.maxAge.map(String.init) ?? "", blocking: f.onlyBlocking,
            exportURL: RegistryRoute.exportCSV.path + query(f), canEdit: scope.editsAnywhere, notice: importNotice(req))
        model.showingAll = showingAll
        if pages > 1 || showingAll { model.allURL = RegistryRoute.cadres.path + query(f, all: !showingAll) }
        return try await req.page("cadres", titleKey: "cadres_title", model)
    }

    /// After an import: how many were created, merged and left out.
    func importNotice(_ req: Request) -> String? {
        guard let r = req.session.data["importResult"] else { return nil }
        req.session.data["importResult"] = nil
        let n = r.split(separator: "/").map(String.init)
        guard n.count == 3 else { return nil }
        return req.language == .en ? "Created \(n[0]), merged \(n[1]), left out \(n[2])." : "新建\(n[0])人，合并\(n[1])人，未导入\(n[2])行/个。"
    }

    /// The list as CSV (UTF-8 with BOM): the store gives the reader's units, identity numbers masked where it
    /// may not see them.
    func exportCSV(req: Request) async throws -> Response {
        let out = try await req.store.cadreFiles(filter(req), by: req.actingUser).map { (file: $0.file, unit: $0.unitName) }
        let body = CadreTable.csv(out, language: req.language)
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "cadres.csv")
        return res
    }

    // MARK: The file

    struct ResumeLine: Encodable { var from: String; var to: String; var text: String; var interim: [String]; var line: Int }
    struct Finding: Encodable { var key: String; var text: String; var blocking: Bool; var resolved: String? }
    struct HistoryLine: Encodable { var at: String; var actor: String; var action: String; var changed: String; var seq: Int64 }
    struct FileModel: Encodable {
        var id: String; var unit: String; var f: FileView; var sensitive: Bool; var canEdit: Bool; var canResolve: Bool; var canExport: Bool
        var age: String; var partyAge: String; var workAge: String; var highest: String
        var resume: [ResumeLine]; var unparsed: [String]; var assessments: [Option]
        var findings: [Finding]; var blocking: Bool; var alerts: [String]; var history: [HistoryLine]; var photo: String?
        var reserve: String?; var canReserve: Bool; var routes: [Option]; var today: String; var links: FileLinks
    }
    /// The file page's links and form actions.
    struct FileLinks: Encodable {
        var edit, print, lrmx, resolve: String
        var qualify = RegistryRoute.qualify.path, addReserve = RegistryRoute.addReserve.path
        init(_ id: UUID) {
            edit = RegistryRoute.edit(id).path; print = RegistryRoute.print(id).path; lrmx = RegistryRoute.lrmx(id).path; resolve = RegistryRoute.resolve(id).path
        }
    }
    struct FileView: Encodable {
        var name: String; var sex: String; var birth: String; var residentID: String; var ethnicity: String; var nativePlace: String; var birthplace: String
        var party: String; var workStart: String; var health: String; var title: String; var expertise: String
        var ftLevel: String; var ftDegree: String; var ftSchool: String; var isLevel: String; var isDegree: String; var isSchool: String
        var currentPost: String; var proposedPost: String; var proposedRemoval: String; var rank: String; var rankSince: String; var postSince: String
        var rewards: String; var assessmentText: String; var reason: String; var notes: String; var family: [[String]]
        var training: [String]; var reports: String; var reportingUnit: String; var fillDate: String; var establishment: String
    }

    static func view(_ f: CadreFile, sensitive: Bool) -> FileView {
        FileView(name: f.name, sex: f.sex, birth: f.birthMonth?.dotted ?? f.birth,
                 residentID: f.residentID,
                 ethnicity: f.ethnicity, nativePlace: f.nativePlace, birthplace: f.birthplace, party: f.partyMonth.map { $0.dotted + f.party.drop { $0.isNumber || $0 == "." || $0 == "-" } } ?? f.party,
                 workStart: f.workStartMonth?.dotted ?? f.workStart, health: f.health, title: f.title, expertise: f.expertise,
                 ftLevel: f.fullTime.level, ftDegree: f.fullTime.degree, ftSchool: f.fullTime.levelSchool, isLevel: f.inService.level, isDegree: f.inService.degree,
                 isSchool: f.inService.levelSchool, currentPost: f.currentPost, proposedPost: f.proposedPost, proposedRemoval: f.proposedRemoval,
                 rank: f.rank, rankSince: f.rankSince, postSince: f.postSince, rewards: f.rewards, assessmentText: f.assessmentText, reason: f.reason, notes: f.notes,
                 family: sensitive ? f.family.map { [$0.relation, $0.name, YearMonth(fileDate: $0.birth)?.dotted ?? $0.birth, $0.politicalStatus, $0.workplace] } : [],
                 training: f.training.map { "\($0.year) · \($0.hours) · \($0.course)" }, reports: f.personalReports.map(String.init).joined(separator: "、"),
                 reportingUnit: f.reportingUnit, fillDate: f.fillDate, establishment: f.establishment)
    }

    /// The cadre of the path as the signed-in user reads it: the store refuses (403) a cadre outside the user's
    /// units and masks what it may not see (`CadreDossier.sensitive`).
    func dossier(_ req: Request) async throws -> CadreDossier {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let d = try await req.store.dossier(id, by: req.actingUser) else {
            throw Abort(.notFound)
        }
        return d
    }

    func show(req: Request) async throws -> Response {
        let d = try await dossier(req)
        let lang = req.language
        let f = d.file
        let today = YearMonth.today
        let r = f.parsedResume
        let settings = try await req.store.registrySettings()
        let facts = f.facts(ladder: settings.ladder)
        let alerts = facts.map { x in
            Alerts.alerts(for: TenureFacts(birth: x.birth, female: f.sex == "女", postSince: f.postStart(resume: r), rankLevel: x.grade, rankSince: x.gradeSince,
                                           assessments: x.assessments, leadership: settings.ladder.isLeadership(f.rank)), today: today, settings: settings.alerts)
        } ?? []
        let history = try await req.store.cadreHistory(d.id, by: req.actingUser).map { e -> HistoryLine in
            let changed = (try? JSONSerialization.jsonObject(with: Data(e.payload.utf8)) as? [String: Any])?["changed"] as? [String] ?? []
            return HistoryLine(at: String(e.at.prefix(19)).replacingOccurrences(of: "T", with: " "), actor: e.actor, action: req.t("ledgerAction_" + e.action.replacingOccurrences(of: ".", with: "_")),
                               changed: changed.joined(separator: ", "), seq: e.seq)
        }
        let sensitive = d.sensitive
        let reserve = try await req.store.reserve(units: [d.unitID], by: req.actingUser).first { $0.cadreID == d.id }
        let model = FileModel(
            id: d.id.uuidString, unit: d.unitName, f: Self.view(f, sensitive: sensitive), sensitive: sensitive, canEdit: d.editable,
            canResolve: sensitive && req.user!.roles.contains(.organizer), canExport: sensitive,
            age: facts.map { String($0.birth.wholeYears(until: today)) } ?? "—",
            partyAge: f.partyMonth.map { String($0.wholeYears(until: today)) } ?? "—",
            workAge: facts.map { String($0.workStart.wholeYears(until: today)) } ?? "—",
            highest: [f.fullTimeLevel, f.inServiceLevel].compactMap { $0 }.max()?.title(in: lang) ?? "—",
            resume: r.entries.map { ResumeLine(from: $0.start.dotted, to: $0.end?.dotted ?? req.t("cadre_now"), text: $0.text, interim: $0.interim, line: $0.line) },
            unparsed: r.unparsed.map { "\($0.line): \($0.text)" },
            assessments: f.assessments.keys.sorted().map { Option(value: String($0), label: f.assessments[$0]!.title(in: lang), selected: f.assessments[$0]! <= .basic) },
            findings: d.findings.map { x in
                Finding(key: x.key, text: x.text(in: lang), blocking: x.severity == .blocking,
                        resolved: d.resolutions[x.key].map { "\($0.reason) — \($0.by)" })
            },
            blocking: d.blocking, alerts: alerts.map { $0.text(in: lang) }, history: history,
            photo: sensitive && !f.photo.isEmpty && Data(base64Encoded: f.photo) != nil ? "data:image/jpeg;base64," + f.photo : nil,
            reserve: reserve.map { "\($0.route.title(in: lang)) · \($0.membership.entered.dotted) · \(req.t("reserve_next")) \($0.membership.nextReview.dotted)" },
            canReserve: reserve == nil && sensitive && req.user!.roles.contains(.organizer),
            routes: ReserveMembership.Route.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: false) }, today: today.dotted,
            links: FileLinks(d.id))
        return try await req.page("cadre", titleKey: "cadre_title", model)
    }

    func exportLRMX(req: Request) async throws -> Response {
        let d = try await dossier(req)
        guard d.sensitive else { throw Abort(.forbidden) }
        let res = Response(status: .ok, body: .init(string: LRMX.write(d.file)))
        res.headers.contentType = HTTPMediaType(type: "application", subType: "xml", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "\(d.file.name).lrmx")
        return res
    }

    func printForm(req: Request) async throws -> Response {
        let d = try await dossier(req)
        let sensitive = d.sensitive
        let f = d.file
        let today = YearMonth.today
        struct PrintModel: Encodable { var f: FileView; var unit: String; var age: String; var resume: [ResumeLine]; var photo: String?; var today: String }
        return try await req.page("cadre-print", titleKey: "cadre_print", PrintModel(
            f: Self.view(f, sensitive: sensitive), unit: d.unitName, age: f.birthMonth.map { String($0.wholeYears(until: today)) } ?? "",
            resume: f.parsedResume.entries.map { ResumeLine(from: $0.start.dotted, to: $0.end?.dotted ?? "", text: $0.text, interim: $0.interim, line: $0.line) },
            photo: sensitive && !f.photo.isEmpty ? "data:image/jpeg;base64," + f.photo : nil, today: "\(today.year)年\(today.month)月"))
    }

    func resolve(req: Request) async throws -> Response {
        let d = try await dossier(req)
        guard d.sensitive else { throw Abort(.forbidden) }
        struct Form: Content { var key: String; var reason: String }
        let form = try req.form(Form.self)
        try await req.store.resolveFinding(cadreID: d.id, key: form.key, reason: form.reason, by: req.actingUser)
        req.flash("cadre_resolved")
        return req.redirect(to: RegistryRoute.cadre(d.id).link(fragment: "audit"))
    }

    // MARK: Editing

    struct EditModel: Encodable {
        var id: String?; var action: String; var cancel: String; var f: EditFields; var units: [Option]; var ranks: [Option]; var sexes: [Option]; var maskedID: Bool
    }
    struct EditFields: Codable {
        var name = "", sex = "", birth = "", residentID = "", ethnicity = "", nativePlace = "", birthplace = "", party = "", workStart = ""
        var health = "", title = "", expertise = "", ftLevel = "", ftDegree = "", ftSchool = "", ftDegreeSchool = "", isLevel = "", isDegree = "", isSchool = "", isDegreeSchool = ""
        var unit = "", currentPost = "", proposedPost = "", proposedRemoval = "", rank = "", rankSince = "", postSince = ""
        var resume = "", rewards = "", assessmentText = "", reason = "", family = "", training = "", reports = "", notes = "", establishment = ""
    }

    static func fields(_ f: CadreFile, unit: UUID?, sensitive: Bool) -> EditFields {
        var e = EditFields()
        e.name = f.name; e.sex = f.sex; e.birth = f.birthMonth?.dotted ?? f.birth
        e.residentID = f.residentID
        e.ethnicity = f.ethnicity; e.nativePlace = f.nativePlace; e.birthplace = f.birthplace; e.party = f.party; e.workStart = f.workStartMonth?.dotted ?? f.workStart
        e.health = f.health; e.title = f.title; e.expertise = f.expertise
        e.ftLevel = f.fullTime.level; e.ftDegree = f.fullTime.degree; e.ftSchool = f.fullTime.levelSchool; e.ftDegreeSchool = f.fullTime.degreeSchool
        e.isLevel = f.inService.level; e.isDegree = f.inService.degree; e.isSchool = f.inService.levelSchool; e.isDegreeSchool = f.inService.degreeSchool
        e.unit = unit?.uuidString ?? ""; e.currentPost = f.currentPost; e.proposedPost = f.proposedPost; e.proposedRemoval = f.proposedRemoval
        e.rank = f.rank; e.rankSince = f.rankSince; e.postSince = f.postSince; e.resume = f.resume; e.rewards = f.rewards
        e.assessmentText = f.assessmentText.isEmpty ? CadreFile.assessmentText(f.assessments) : f.assessmentText
        e.reason = f.reason; e.notes = f.notes; e.establishment = f.establishment
        e.family = sensitive ? f.family.map { [$0.relation, $0.name, $0.birth, $0.politicalStatus, $0.workplace].joined(separator: " | ") }.joined(separator: "\n") : ""
        e.training = f.training.map { "\($0.year) | \($0.hours) | \($0.course)" }.joined(separator: "\n")
        e.reports = f.personalReports.map(String.init).joined(separator: ", ")
        return e
    }

    /// Applies the form to a file. Masked identity numbers and hidden family data are kept as they were.
    static func apply(_ e: EditFields, to old: CadreFile, sensitive: Bool) throws -> CadreFile {
        var f = old
        func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        f.name = clean(e.name); f.sex = clean(e.sex); f.birth = clean(e.birth)
        if !e.residentID.contains("*") { f.residentID = clean(e.residentID).uppercased() }
        f.ethnicity = clean(e.ethnicity); f.nativePlace = clean(e.nativePlace); f.birthplace = clean(e.birthplace); f.party = clean(e.party)
        f.workStart = clean(e.workStart); f.health = clean(e.health); f.title = clean(e.title); f.expertise = clean(e.expertise)
        f.fullTime = .init(level: clean(e.ftLevel), degree: clean(e.ftDegree), levelSchool: clean(e.ftSchool), degreeSchool: clean(e.ftDegreeSchool))
        f.inService = .init(level: clean(e.isLevel), degree: clean(e.isDegree), levelSchool: clean(e.isSchool), degreeSchool: clean(e.isDegreeSchool))
        f.currentPost = clean(e.currentPost); f.proposedPost = clean(e.proposedPost); f.proposedRemoval = clean(e.proposedRemoval)
        f.rank = clean(e.rank); f.rankSince = clean(e.rankSince); f.postSince = clean(e.postSince)
        f.resume = e.resume.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
        f.rewards = clean(e.rewards); f.assessmentText = clean(e.assessmentText); f.assessments = CadreFile.assessments(in: f.assessmentText)
        f.reason = clean(e.reason); f.notes = clean(e.notes); f.establishment = clean(e.establishment)
        if sensitive {
            f.family = try e.family.split(whereSeparator: \.isNewline).enumerated().compactMap { i, line in
                let p = line.split(separator: "|", omittingEmptySubsequences: false).map { clean(String($0)) }
                if p.allSatisfy(\.isEmpty) { return nil }
                guard p.count <= 5 else { throw InvalidInput(field: "family", .unknownValue("\(i + 1): \(line)")) }
                let v = p + Array(repeating: "", count: 5 - p.count)
                return CadreFile.Relative(relation: v[0], name: v[1], birth: v[2], politicalStatus: v[3], workplace: v[4])
            }
        }
        f.training = try e.training.split(whereSeparator: \.isNewline).enumerated().compactMap { i, line in
            let p = line.split(separator: "|").map { clean(String($0)) }
            if p.allSatisfy(\.isEmpty) { return nil }
            guard p.count == 3, let y = Int(p[0]), let h = Int(p[1]), (1950 ... 2100).contains(y), (0 ... 10_000).contains(h) else {
                throw InvalidInput(field: "training", .unknownValue("\(i + 1): \(line)"))
            }
            return CadreFile.Training(year: y, hours: h, course: p[2])
        }
        f.personalReports = try e.reports.split(whereSeparator: { ",，、 ".contains($0) }).map {
            guard let y = Int($0), (1990 ... 2100).contains(y) else { throw InvalidInput(field: "reports", .unknownValue(String($0))) }
            return y
        }.sorted()
        if f.version.isEmpty { f.version = LRMX.version }
        return f
    }

    func editModel(_ req: Request, id: UUID?, fields: EditFields, masked: Bool) async throws -> EditModel {
        let scope = try await req.store.registryScope(of: req.actingUser)
        let units = try await req.store.units().filter { scope.edits($0.id) }
        let ladder = try await req.store.registrySettings().ladder
        return EditModel(id: id?.uuidString, action: id.map { RegistryRoute.update($0).path } ?? RegistryRoute.createCadre.path,
                         cancel: id.map { RegistryRoute.cadre($0).path } ?? RegistryRoute.cadres.path, f: fields,
                         units: units.map { Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == fields.unit) },
                         ranks: [Option(value: "", label: "—", selected: fields.rank.isEmpty)] + ladder.ranks.map { Option(value: $0.name, label: $0.name, selected: $0.name == fields.rank) },
                         sexes: ["男", "女"].map { Option(value: $0, label: $0, selected: $0 == fields.sex) }, maskedID: masked)
    }

    func newForm(req: Request) async throws -> Response {
        try await req.page("cadre-edit", titleKey: "cadre_new", try await editModel(req, id: nil, fields: EditFields(), masked: false))
    }

    func editForm(req: Request) async throws -> Response {
        let d = try await dossier(req)
        guard d.editable else { throw Abort(.forbidden) }
        return try await req.page("cadre-edit", titleKey: "cadre_edit",
                                  try await editModel(req, id: d.id, fields: Self.fields(d.file, unit: d.unitID, sensitive: d.sensitive), masked: !d.sensitive))
    }

    func create(req: Request) async throws -> Response { try await save(req, existing: nil) }

    func update(req: Request) async throws -> Response {
        let d = try await dossier(req)
        guard d.editable else { throw Abort(.forbidden) }
        return try await save(req, existing: d)
    }

    func save(_ req: Request, existing: CadreDossier?) async throws -> Response {
        let scope = try await req.store.registryScope(of: req.actingUser)
        let form = try req.content.decode(EditFields.self)
        let sensitive = existing?.sensitive ?? true
        do {
            guard let unit = UUID(uuidString: form.unit), scope.edits(unit) else { throw InvalidInput(field: "unit", .required) }
            let file = try Self.apply(form, to: existing?.file ?? CadreFile(), sensitive: sensitive)
            let id = try await req.store.saveCadre(file, unitID: unit, id: existing?.id, by: req.user!)
            req.flash("cadre_saved")
            return req.redirect(to: RegistryRoute.cadre(id))
        } catch let e as InvalidInput {
            return try await req.page("cadre-edit", titleKey: existing == nil ? "cadre_new" : "cadre_edit",
                                      try await editModel(req, id: existing?.id, fields: form, masked: !sensitive),
                                      error: e.message(in: req.language), status: .badRequest)
        }
    }
}
