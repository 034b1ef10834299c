import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// INS-6 on A4: the inspection record of one candidate and the comparative analysis of one position, for the
/// committee and for supervision checks. Built from the same page model as the inspection page (so the gates,
/// overrides and opinions read the same), plus the basic data of the registry file where the reader may read it.
/// Talk contents are never printed: the record says how much work was done, the written record says what it found.
extension InspectionController {
    typealias Line = InspectionPage.Line

    /// The basic data of a registry file (name, birth, education, current post), or nil where the reader may not
    /// read the file (a team member without a registry grant sees the inspection's own data only).
    struct Basics: Encodable {
        var name, sex, birth, age, ethnicity, nativePlace, party, workStart, fullTime, inService, currentPost, rank: String
    }

    static func basics(_ req: Request, _ p: MatterPerson) async -> Basics? {
        guard let id = p.cadreID, let d = try? await req.store.dossier(id, by: req.actingUser) else { return nil }
        let f = d.file
        let today = YearMonth.today
        return Basics(name: f.name, sex: f.sex, birth: f.birthMonth?.dotted ?? f.birth, age: f.birthMonth.map { String($0.wholeYears(until: today)) } ?? "",
                      ethnicity: f.ethnicity, nativePlace: f.nativePlace, party: f.partyMonth?.dotted ?? f.party, workStart: f.workStartMonth?.dotted ?? f.workStart,
                      fullTime: [f.fullTime.level, f.fullTime.degree, f.fullTime.levelSchool].filter { !$0.isEmpty }.joined(separator: " "),
                      inService: [f.inService.level, f.inService.degree, f.inService.levelSchool].filter { !$0.isEmpty }.joined(separator: " "),
                      currentPost: f.currentPost, rank: f.rank)
    }

    static func printedDay(_ req: Request) -> String {
        let d = req.store.today.components
        return req.language == .zhHans ? "\(d.year)年\(d.month)月\(d.day)日" : req.store.today.description
    }

    static func mean(_ scores: [InspectionPage.Score]) -> String? {
        let given = scores.compactMap { Int($0.value) }
        guard !given.isEmpty else { return nil }
        return String(format: "%.1f", Double(given.reduce(0, +)) / Double(given.count))
    }

    struct PersonPrint: Encodable {
        var matter: String; var unit: String; var c: InspectionPage.Candidate; var basics: Basics?
        var work: [Line]; var team: String; var notice: String; var mean: String?; var printed: String; var back: String
    }

    func printPerson(req: Request) async throws -> Response {
        let v = try await Self.matter(req)
        let p = try Self.candidate(req, v)
        let page = InspectionPage.make(v, lang: req.language, t: req.t, today: req.store.today, custodians: [])
        guard let c = page.candidates.first(where: { $0.id == p.id.uuidString }) else { throw Abort(.notFound) }
        // how much of each kind of work was done (counts only: talk contents stay on the page, for those who may read them)
        let notes = v.notes.filter { $0.personID == p.id }
        let work = InspectionPage.recordKinds.compactMap { k -> Line? in
            let n = notes.filter { $0.kind == k }.count
            return n == 0 ? nil : Line(label: k.title(in: req.language), value: String(n))
        }
        let team = v.team.map { $0.name + ($0.leader ? "（\(req.t("insp_team_leader"))）" : "") }.joined(separator: "、")
        let model = PersonPrint(matter: v.matter.title, unit: v.unitName, c: c, basics: await Self.basics(req, p), work: work, team: team,
                                notice: page.notice.period,
                                mean: Self.mean(c.scores), printed: Self.printedDay(req), back: InspectionRoute.page(v.id).link(fragment: c.anchor))
        return try await req.page("matter-inspection-print", titleKey: "insp_print_title", model)
    }

    struct CompareRow: Encodable {
        var c: InspectionPage.Candidate; var basics: Basics?; var mean: String?; var blocked: [String]; var strengths: String; var shortcomings: String
    }
    struct ComparePrint: Encodable {
        var matter: String; var unit: String; var position: String; var posts: Int; var rows: [CompareRow]; var items: [String]
        var analysis: [InspectionPage.Record]; var printed: String; var back: String
    }

    func printComparison(req: Request) async throws -> Response {
        let v = try await Self.matter(req)
        guard let pos = v.matter.plan.positions.first(where: { $0.id == req.parameters.get("position") }) else { throw Abort(.notFound) }
        let page = InspectionPage.make(v, lang: req.language, t: req.t, today: req.store.today, custodians: [])
        var rows: [CompareRow] = []
        for p in v.people where p.isTarget && p.positionID == pos.id {
            guard let c = page.candidates.first(where: { $0.id == p.id.uuidString }) else { continue }
            rows.append(CompareRow(c: c, basics: await Self.basics(req, p), mean: Self.mean(c.scores),
                                   blocked: c.gates.filter { $0.state == "blocked" }.map { "\($0.title)（\($0.rule)）" },
                                   strengths: c.materials?.byKey["strengths"] ?? "", shortcomings: c.materials?.byKey["shortcomings"] ?? ""))
        }
        // the analysis as last written (earlier versions stay on the page and in the record)
        let analysis = (page.comparisons.first { $0.position == pos.id }?.notes.last).map { [$0] } ?? []
        let model = ComparePrint(matter: v.matter.title, unit: v.unitName, position: "\(pos.unitName) \(pos.post)", posts: pos.posts, rows: rows,
                                 items: VirtueItem.allCases.map { $0.title(in: req.language) }, analysis: analysis, printed: Self.printedDay(req),
                                 back: InspectionRoute.page(v.id).link(fragment: "comparison"))
        return try await req.page("matter-inspection-compare", titleKey: "insp_compare_title", model)
    }
}
