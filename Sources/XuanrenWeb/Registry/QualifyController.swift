import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// "Who qualifies?" (ELG-2…6): a position's conditions run over the registry; saved positions.
struct QualifyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegistryRoute.qualify, use: qualify)
        routes.on(RegistryRoute.savePosition, use: savePosition)
    }

    typealias Option = RegistryController.Option
    /// How many of each list the page shows (by name); the counts cover everyone.
    static let shown = 50

    /// The conditions form (GET query or saved position), with the seed defaults.
    struct ConditionsForm: Codable {
        var code = "", title = "", reference = "", target = "", maxAge = "", minEducation = "", fullTime = "", minWork = "", minGrade = "", assessmentYears = ""
        var minAssessment = "", party = "", crossGrade = "1", oneUp = "1", skipOne = "4", basicBlocks = "1", excellent = "", titles = "", fields = "", manual = "", establishments = "", unit = ""

        init() {}
        /// From a submitted form: an absent checkbox is unchecked.
        init(_ d: [String: String]) {
            func v(_ k: String) -> String { d[k] ?? "" }
            code = v("code"); title = v("title"); reference = v("reference"); target = v("target"); maxAge = v("maxAge"); minEducation = v("minEducation")
            fullTime = v("fullTime"); minWork = v("minWork"); minGrade = v("minGrade"); assessmentYears = v("assessmentYears"); minAssessment = v("minAssessment")
            party = v("party"); crossGrade = v("crossGrade"); oneUp = v("oneUp"); skipOne = v("skipOne"); basicBlocks = v("basicBlocks"); excellent = v("excellent")
            titles = v("titles"); fields = v("fields"); manual = v("manual"); establishments = v("establishments"); unit = v("unit")
        }
    }

    static func conditions(_ f: ConditionsForm, ladder: RankLadder) throws -> PositionConditions {
        guard let reference = YearMonth(fileDate: f.reference) else { throw InvalidInput(field: "referenceDate", .unknownValue(f.reference)) }
        guard let target = ladder.level(of: f.target) else { throw InvalidInput(field: "targetRank", .unknownValue(f.target)) }
        func number(_ s: String, _ field: String, _ range: ClosedRange<Int>) throws -> Int? {
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return nil }
            guard let n = Int(t), range.contains(n) else { throw InvalidInput(field: field, .notAllowed("\(range.lowerBound)–\(range.upperBound)")) }
            return n
        }
        var p = PositionConditions(referenceDate: reference, targetGrade: target)
        p.maxAge = try number(f.maxAge, "maxAge", 18 ... 70)
        p.minEducation = try number(f.minEducation, "minEducation", 1 ... 6).flatMap(EducationLevel.init(rawValue:))
        p.fullTimeEducationRequired = f.fullTime == "1"
        p.minYearsOfWork = try number(f.minWork, "minYearsOfWork", 0 ... 50)
        p.minYearsInGrade = try number(f.minGrade, "minYearsInGrade", 0 ... 30)
        p.assessmentYears = try number(f.assessmentYears, "assessmentYears", 1 ... 10)
        p.minAssessment = try number(f.minAssessment, "assessments", 0 ... 3).flatMap(AssessmentGrade.init(rawValue:)) ?? .competent
        p.partyMemberRequired = f.party == "1"
        p.crossGradeRule = f.crossGrade == "1"
        p.oneUpYears = try number(f.oneUp, "minYearsInGrade", 0 ... 10) ?? 1
        p.skipOneYears = try number(f.skipOne, "minYearsInGrade", 0 ... 20) ?? 4
        p.basicBlocksPromotion = f.basicBlocks == "1"
        p.requireExcellentLastYear = f.excellent == "1"
        func words(_ s: String) -> [String] { s.split(whereSeparator: { "，,、 \n".contains($0) }).map(String.init) }
        p.titles = words(f.titles); p.fields = words(f.fields); p.establishments = words(f.establishments)
        p.unitCodes = f.unit.isEmpty ? [] : [f.unit]
        p.manual = f.manual.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return p
    }

    static func form(_ p: PositionConditions, ladder: RankLadder, code: String = "", title: String = "") -> ConditionsForm {
        var f = ConditionsForm()
        f.code = code; f.title = title; f.reference = p.referenceDate.dotted
        f.target = ladder.ranks.first { $0.level == p.targetGrade && $0.track == .leadership }?.name ?? ladder.ranks.first { $0.level == p.targetGrade }?.name ?? ""
        f.maxAge = p.maxAge.map(String.init) ?? ""; f.minEducation = p.minEducation.map { String($0.rawValue) } ?? ""
        f.fullTime = p.fullTimeEducationRequired ? "1" : ""; f.minWork = p.minYearsOfWork.map(String.init) ?? ""; f.minGrade = p.minYearsInGrade.map(String.init) ?? ""
        f.assessmentYears = p.assessmentYears.map(String.init) ?? ""; f.minAssessment = String(p.minAssessment.rawValue); f.party = p.partyMemberRequired ? "1" : ""
        f.crossGrade = p.crossGradeRule ? "1" : ""; f.oneUp = String(p.oneUpYears); f.skipOne = String(p.skipOneYears); f.basicBlocks = p.basicBlocksPromotion ? "1" : ""
        f.excellent = p.requireExcellentLastYear ? "1" : ""; f.titles = p.titles.joined(separator: "、"); f.fields = p.fields.joined(separator: "、"); f.manual = p.manual.joined(separator: "\n")
        f.establishments = p.establishments.joined(separator: "、"); f.unit = p.unitCodes.first ?? ""
        return f
    }

    /// ELG-2 seed defaults: 正科 post, at most 45 (000 第五篇), 大专 and above, 2 years of work, 2 in grade, last 3 years ≥ 称职.
    static func defaults(ladder: RankLadder) -> PositionConditions {
        let today = YearMonth.today
        var p = PositionConditions(referenceDate: today, targetGrade: ladder.level(of: "正科级") ?? 4)
        p.maxAge = 45; p.minEducation = .juniorCollege; p.minYearsOfWork = 2; p.minYearsInGrade = 2; p.assessmentYears = 3
        return p
    }

    struct Hit: Encodable { var id: String; var href: String; var name: String; var unit: String; var post: String; var rank: String; var reasons: [String]; var failed: [String] }
    struct QualifyModel: Encodable {
        var f: ConditionsForm; var ranks: [Option]; var educations: [Option]; var grades: [Option]; var positions: [Option]
        var units: [Option]
        var ran: Bool; var scanned: Int; var qualifiedCount: Int; var nearMissCount: Int; var qualified: [Hit]; var nearMisses: [Hit]; var manual: [String]; var ms: String
        var canSave: Bool; var shown: Int; var links = RegistryLinks()
        /// The same search with every name, and as a CSV file (UTF-8, opens in a spreadsheet).
        var allHref: String? = nil; var csvHref: String? = nil
    }

    /// Both lists as CSV: status, name, unit, post, rank, and the condition missed (near misses).
    static func csv(_ s: EligibilitySearch, _ lang: Language) -> String {
        func cell(_ v: String) -> String { v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v }
        let zh = lang == .zhHans
        var lines = [(zh ? ["结果", "姓名", "单位", "职务", "职级", "未满足的条件"] : ["result", "name", "unit", "post", "rank", "condition missed"]).joined(separator: ",")]
        for h in s.qualified { lines.append([zh ? "符合条件" : "qualifies", h.row.name, h.row.unitName, h.row.post, h.row.rank, ""].map(cell).joined(separator: ",")) }
        for h in s.nearMisses {
            lines.append([zh ? "差一项条件" : "near miss", h.row.name, h.row.unitName, h.row.post, h.row.rank, h.failed.map { $0.reason(in: lang) }.joined(separator: "；")].map(cell).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    func qualify(req: Request) async throws -> Response {
        let ladder = try await req.store.registrySettings().ladder
        let lang = req.language
        let saved = try await req.store.positions()
        var f: ConditionsForm
        var error: String? = nil
        var result: EligibilitySearch? = nil
        var conditions: PositionConditions? = nil
        var ms = ""
        if let code = req.query[String.self, at: "position"], let p = saved.first(where: { $0.code == code }) {
            f = Self.form(p.conditions, ladder: ladder, code: p.code, title: p.title)
            conditions = p.conditions
        } else if req.query[String.self, at: "reference"] != nil {
            f = ConditionsForm((try? req.query.decode([String: String].self)) ?? [:])
            do { conditions = try Self.conditions(f, ladder: ladder) } catch let e as InvalidInput { error = e.message(in: lang) }
        } else {
            f = Self.form(Self.defaults(ladder: ladder), ladder: ladder)
        }
        if let c = conditions {
            let start = ContinuousClock.now
            // the first names on the page; every name with all=1 or as CSV (bounded: a county's registry is a few thousand)
            let everyone = req.query[String.self, at: "all"] == "1" || req.query[String.self, at: "format"] == "csv"
            result = try await req.store.whoQualifies(c, by: req.actingUser, limit: everyone ? 20_000 : Self.shown)
            if req.query[String.self, at: "format"] == "csv", let r = result {
                var headers = HTTPHeaders()
                headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
                headers.add(name: .contentDisposition, value: "attachment; filename=\"who-qualifies.csv\"")
                return Response(status: .ok, headers: headers, body: .init(string: Self.csv(r, lang)))
            }
            let d = ContinuousClock.now - start
            ms = String(format: "%.0f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        func hit(_ h: EligibilityHit) -> Hit {
            Hit(id: h.row.id.uuidString, href: RegistryRoute.cadre(h.row.id).path, name: h.row.name, unit: h.row.unitName, post: h.row.post, rank: h.row.rank,
                reasons: h.results.filter(\.passed).map { $0.reason(in: lang) }, failed: h.failed.map { $0.reason(in: lang) })
        }
        let scope = try await req.store.registryScope(of: req.actingUser)
        let model = QualifyModel(
            f: f, ranks: ladder.ranks.map { Option(value: $0.name, label: $0.name, selected: $0.name == f.target) },
            educations: [Option(value: "", label: "—", selected: f.minEducation.isEmpty)] + EducationLevel.allCases.map { Option(value: String($0.rawValue), label: $0.title(in: lang), selected: String($0.rawValue) == f.minEducation) },
            grades: AssessmentGrade.allCases.map { Option(value: String($0.rawValue), label: $0.title(in: lang), selected: String($0.rawValue) == f.minAssessment) },
            positions: saved.map { Option(value: $0.code, label: "\($0.code) · \($0.title)", selected: $0.code == f.code) },
            units: try await req.store.units().filter { scope.reads($0.id) }.map { Option(value: $0.code, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.code == f.unit) },
            ran: result != nil, scanned: result?.scanned ?? 0, qualifiedCount: result?.qualifiedCount ?? 0, nearMissCount: result?.nearMissCount ?? 0,
            qualified: result?.qualified.map(hit) ?? [], nearMisses: result?.nearMisses.map(hit) ?? [], manual: conditions?.manual ?? [], ms: ms,
            canSave: req.user!.roles.contains(.organizer), shown: Self.shown)
        var withLinks = model
        if let r = result {
            let query = (req.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("all=") && !$0.hasPrefix("format=") }.joined(separator: "&")
            let base = RegistryRoute.qualify.path + "?" + query + (query.isEmpty ? "" : "&")
            if r.qualifiedCount > r.qualified.count || r.nearMissCount > r.nearMisses.count { withLinks.allHref = base + "all=1" }
            withLinks.csvHref = base + "format=csv"
        }
        return try await req.page("qualify", titleKey: "qualify_title", withLinks, error: error, status: error == nil ? .ok : .badRequest)
    }

    func savePosition(req: Request) async throws -> Response {
        let ladder = try await req.store.registrySettings().ladder
        let f = ConditionsForm(try req.content.decode([String: String].self))
        let c = try Self.conditions(f, ladder: ladder)
        try await req.store.savePosition(code: f.code, title: f.title, unitID: nil, conditions: c, actor: req.user!.username)
        req.flash("qualify_saved")
        return req.redirect(to: RegistryRoute.qualify.link(["position": f.code]))
    }
}
