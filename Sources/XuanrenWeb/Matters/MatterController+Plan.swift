import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The plan (方案, ELG-1): written while the matter is a draft, published (which freezes it, SEL-9), and changed
/// afterwards only by an amendment that names the committee's decision and its reason (disclosed with its date).
extension MatterController {
    struct StageRow: Encodable { var key: String; var title: String; var checked: Bool; var order: String }
    struct TemplateRow: Encodable { var title: String; var stages: String }
    struct CheckRow: Encodable { var key: String; var title: String; var checked: Bool }
    struct SettingRow: Encodable { var key: String; var rule: String; var label: String; var value: String; var standard: Int; var min: Int; var max: Int; var changed: Bool }
    struct PositionRow: Encodable {
        var index: Int; var number: Int; var id: String; var units: [Option]; var post: String; var ranks: [Option]; var posts: String
        var exceptional: Bool; var c: QualifyController.ConditionsForm; var educations: [Option]; var grades: [Option]; var blank: Bool
    }
    struct AmendmentRow: Encodable { var day: String; var by: String; var decision: String; var reason: String; var changes: [String] }
    struct PlanModel: Encodable {
        var isNew: Bool; var isAmendment: Bool; var action: String; var back: String?
        var title: String; var unitName: String; var units: [Option]
        var procedures: [Option]; var templates: [TemplateRow]; var isCustom: Bool; var stages: [StageRow]
        var positions: [PositionRow]; var settings: [SettingRow]; var competitive: [CheckRow]; var doubleMajority: Bool; var workingDays: Bool
        var disclosures: [Option]; var scope: String; var timetable: String; var discipline: String
        var reason: String; var decision: String; var amendments: [AmendmentRow]
    }

    /// The units where the reader organizes (a matter's and its positions' units).
    static func organizerUnits(_ req: Request) async throws -> [UnitInfo] {
        let tree = try await req.store.unitTree()
        return tree.units.filter { tree.permits(req.actingUser, [.organizer], on: $0.id) }
    }

    /// The form's page model from its values (a plan's, or a refused form's as typed).
    static func planModel(_ req: Request, _ form: MatterPlanForm, isNew: Bool, isAmendment: Bool, action: String, back: String?,
                          unitName: String = "", amendments: [PlanAmendment] = []) async throws -> PlanModel {
        let l = req.language
        let ladder = try await req.store.registrySettings().ladder
        let units = try await organizerUnits(req)
        let owning = form.value("unit")
        var form = form
        // one blank row to add a position (no script needed)
        let next = (form.rowIndexes.last ?? -1) + 1
        if !form.rowIndexes.contains(where: { MatterPlanForm.isBlank(form.row($0)) }) {
            for (k, v) in MatterPlanForm.blankPosition(ladder: ladder, unit: UUID(uuidString: owning)) { form.values["p\(next)_\(k)"] = v }
        }
        var number = 0
        let positions = form.rowIndexes.map { i -> PositionRow in
            let r = form.row(i)
            let blank = MatterPlanForm.isBlank(r)
            if !blank { number += 1 }
            let c = QualifyController.ConditionsForm(r)
            let unit = r["unit"].flatMap { $0.isEmpty ? nil : $0 } ?? owning
            return PositionRow(
                index: i, number: blank ? 0 : number, id: r["id"] ?? "",
                units: units.map { Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == unit) },
                post: r["post"] ?? "", ranks: ladder.ranks.map { Option(value: $0.name, label: $0.name, selected: $0.name == c.target) }, posts: r["posts"] ?? "1",
                exceptional: r["exceptional"] == "1", c: c,
                educations: [Option(value: "", label: "—", selected: c.minEducation.isEmpty)]
                    + EducationLevel.allCases.map { Option(value: String($0.rawValue), label: $0.title(in: l), selected: String($0.rawValue) == c.minEducation) },
                grades: AssessmentGrade.allCases.map { Option(value: String($0.rawValue), label: $0.title(in: l), selected: String($0.rawValue) == c.minAssessment) },
                blank: blank)
        }
        let kind = ProcedureKind(rawValue: form.value("procedure")) ?? .organizational
        let defaults = MatterSettings()
        return PlanModel(
            isNew: isNew, isAmendment: isAmendment, action: action, back: back,
            title: form.value("title"), unitName: unitName,
            units: units.map { Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == owning) },
            procedures: ProcedureKind.allCases.map { Option(value: $0.rawValue, label: MatterText.bracket($0.title(in: l), $0.rule, l), selected: $0 == kind) },
            templates: ProcedureKind.allCases.filter { $0 != .custom }.map {
                TemplateRow(title: MatterText.bracket($0.title(in: l), $0.rule, l), stages: $0.stages.map { $0.title(in: l) }.joined(separator: " → "))
            },
            isCustom: kind == .custom,
            stages: StageKind.allCases.map { StageRow(key: $0.rawValue, title: $0.title(in: l), checked: form.checked("stage_\($0.rawValue)"), order: form.value("order_\($0.rawValue)")) },
            positions: positions,
            settings: MatterSettings.fields.map { f in
                let standard = defaults[keyPath: f.path]
                return SettingRow(key: f.key, rule: f.rule, label: f.label(in: l), value: form.value("s_\(f.key)"), standard: standard,
                                  min: f.range.lowerBound, max: f.range.upperBound, changed: form.value("s_\(f.key)") != String(standard))
            },
            competitive: StageKind.allCases.filter(\.canBeCompetitive).map { CheckRow(key: $0.rawValue, title: $0.title(in: l), checked: form.checked("competitive_\($0.rawValue)")) },
            doubleMajority: form.checked("doubleMajority"), workingDays: form.checked("workingDays"),
            disclosures: DisclosureScope.allCases.map { Option(value: $0.rawValue, label: $0.title(in: l), selected: $0.rawValue == form.value("disclosure")) },
            scope: form.value("scope"), timetable: form.value("timetable"), discipline: form.value("discipline"),
            reason: form.value("reason"), decision: form.value("decision"),
            amendments: amendments.reversed().map { a in
                AmendmentRow(day: a.on.description, by: a.by, decision: a.decision, reason: a.reason, changes: l == .zhHans ? a.changesZh : a.changesEn)
            })
    }

    // MARK: - a new matter

    func newForm(req: Request) async throws -> Response {
        let ladder = try await req.store.registrySettings().ladder
        let unit = try await Self.organizerUnits(req).first?.id
        let form = MatterPlanForm.from(title: "", unit: unit, plan: MatterPlan(), ladder: ladder)
        return try await req.page("matter-plan", titleKey: "matters_new",
                                  try await Self.planModel(req, form, isNew: true, isAmendment: false, action: MatterRoute.create.path, back: MatterRoute.list.path))
    }

    func create(req: Request) async throws -> Response {
        let form = MatterPlanForm(Self.fields(req))
        do {
            let ladder = try await req.store.registrySettings().ladder
            let parsed = try form.parse(ladder: ladder, tree: try await req.store.unitTree(), language: req.language)
            guard let unit = parsed.unit else { throw InvalidInput(field: "unit", .required) }
            // the store refuses a unit (or a position's unit) the reader does not organize
            let id = try await req.store.createMatter(title: parsed.title, unitID: unit, plan: parsed.plan, by: req.actingUser)
            req.flash("matters_created")
            return req.redirect(to: MatterRoute.show(id))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await req.page("matter-plan", titleKey: "matters_new",
                                      try await Self.planModel(req, form, isNew: true, isAmendment: false, action: MatterRoute.create.path, back: MatterRoute.list.path),
                                      error: e.message(in: req.language), status: HTTPStatus(statusCode: e.kind.httpStatus))
        }
    }

    // MARK: - the plan of a matter

    /// The draft plan's form; once published, the amendment form (the plan as it stands, a reason and the decision).
    func planForm(req: Request) async throws -> Response {
        let id = try Self.matterID(req)
        let m = try await Self.matter(req, id, needs: \.manages)
        let ladder = try await req.store.registrySettings().ladder
        let form = MatterPlanForm.from(title: m.matter.title, unit: m.matter.unitID, plan: m.matter.plan, ladder: ladder)
        return try await planPage(req, id, m.matter, m.unitName, form, error: nil, status: .ok)
    }

    func planPage(_ req: Request, _ id: UUID, _ matter: Matter, _ unitName: String, _ form: MatterPlanForm, error: String?, status: HTTPStatus) async throws -> Response {
        switch matter.phase {
        case .drafting:
            return try await req.page("matter-plan", titleKey: "matters_plan",
                                      try await Self.planModel(req, form, isNew: false, isAmendment: false, action: MatterRoute.revise(id).path,
                                                               back: MatterRoute.show(id).path, unitName: unitName),
                                      error: error, status: status)
        case .running:
            return try await req.page("matter-plan", titleKey: "matters_amend",
                                      try await Self.planModel(req, form, isNew: false, isAmendment: true, action: MatterRoute.amend(id).path,
                                                               back: MatterRoute.show(id).path, unitName: unitName, amendments: matter.amendments),
                                      error: error, status: status)
        case .finished, .cancelled:
            throw MatterError.wrongPhase(matter.phase)
        }
    }

    /// SEL-9: only a draft's plan is revised here; a published one answers with the frozen rule (change it by an amendment).
    func revise(req: Request) async throws -> Response {
        let id = try Self.matterID(req)
        let m = try await Self.matter(req, id, needs: \.manages)
        // the matter's own rule says whether its plan may still be revised (SEL-9), before the form is read
        var probe = m.matter
        try probe.revise(m.matter.plan)
        let form = MatterPlanForm(Self.fields(req))
        do {
            let ladder = try await req.store.registrySettings().ladder
            let parsed = try form.parse(ladder: ladder, tree: try await req.store.unitTree(), language: req.language)
            try await req.store.reviseMatterPlan(id, title: parsed.title, plan: parsed.plan, by: req.actingUser)
            req.flash("matters_planSaved")
            return req.redirect(to: MatterRoute.show(id))
        } catch let e as InvalidInput {
            var f = form
            f.values["unit"] = m.matter.unitID.uuidString
            return try await planPage(req, id, m.matter, m.unitName, f, error: e.message(in: req.language), status: .badRequest)
        }
    }

    /// SEL-9: publishing freezes the plan and starts the first stage; the plan goes to the disclosure page (DIS-1).
    func publish(req: Request) async throws -> Response {
        try await act(req, flash: "matters_publishedFlash", needs: \.manages) { id, _, form in
            guard form["confirm"] == "1" else {
                throw InvalidInput(field: "confirm", .described(zh: "请确认：发布后方案即冻结，不得随意更改（SEL-9）", en: "confirm that publishing freezes the plan (SEL-9)"))
            }
            try await req.store.publishMatterPlan(id, by: req.actingUser)
        }
    }

    /// SEL-9: a change to the published plan, by a recorded decision (reference and reason), disclosed with its date.
    func amend(req: Request) async throws -> Response {
        let id = try Self.matterID(req)
        let m = try await Self.matter(req, id, needs: \.manages)
        var form = MatterPlanForm(Self.fields(req))
        form.values["unit"] = m.matter.unitID.uuidString
        do {
            let ladder = try await req.store.registrySettings().ladder
            let parsed = try form.parse(ladder: ladder, tree: try await req.store.unitTree(), language: req.language)
            try await req.store.amendMatterPlan(id, plan: parsed.plan, reason: form.value("reason"), decision: form.value("decision"), by: req.actingUser)
            req.flash("matters_amended")
            return req.redirect(to: MatterRoute.show(id))
        } catch let e as any UserFacingError where e.kind == .badInput || e.kind == .conflict {
            return try await planPage(req, id, m.matter, m.unitName, form, error: e.message(in: req.language), status: HTTPStatus(statusCode: e.kind.httpStatus))
        }
    }
}
