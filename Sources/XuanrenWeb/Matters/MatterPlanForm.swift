import Foundation
import SelectionCore
import XuanrenStore

/// The plan form (a new matter, the draft plan, an amendment): every field a flat name, so that a refused form comes
/// back exactly as it was typed. Positions are rows `p0_post`, `p0_maxAge`, … with the registry's who-qualifies
/// field names after the prefix (`QualifyController.ConditionsForm`); the plan's figures are `s_<key>`
/// (`MatterSettings.fields`); a custom procedure's stages are `stage_<kind>` with their place `order_<kind>`; SEL-8
/// competitive stages `competitive_<kind>`.
struct MatterPlanForm {
    var values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    func value(_ key: String) -> String { values[key] ?? "" }
    func checked(_ key: String) -> Bool { values[key] == "1" }

    // MARK: From a plan

    /// The form of an existing plan (or of a new one: `MatterPlan()` with one blank position row).
    static func from(title: String, unit: UUID?, plan: MatterPlan, ladder: RankLadder) -> MatterPlanForm {
        var v: [String: String] = ["title": title, "unit": unit?.uuidString ?? "", "procedure": plan.procedure.kind.rawValue,
                                   "disclosure": plan.disclosure.rawValue, "scope": plan.scope, "timetable": plan.timetable, "discipline": plan.discipline]
        for (i, p) in plan.positions.enumerated() {
            for (k, x) in positionValues(p, ladder: ladder) { v["p\(i)_\(k)"] = x }
        }
        for (i, kind) in plan.procedure.stages.enumerated() { v["stage_\(kind.rawValue)"] = "1"; v["order_\(kind.rawValue)"] = String(i + 1) }
        for f in MatterSettings.fields { v["s_\(f.key)"] = String(plan.settings[keyPath: f.path]) }
        for s in plan.settings.competitiveStages { v["competitive_\(s.rawValue)"] = "1" }
        if plan.settings.doubleMajority { v["doubleMajority"] = "1" }
        if plan.settings.publicityInWorkingDays { v["workingDays"] = "1" }
        return MatterPlanForm(v)
    }

    /// One position's fields (without the row prefix): the who-qualifies form's names plus the position's own.
    static func positionValues(_ p: MatterPosition, ladder: RankLadder) -> [String: String] {
        var v = conditionValues(QualifyController.form(p.conditions, ladder: ladder))
        v["id"] = p.id; v["unit"] = p.unitID.uuidString; v["post"] = p.post; v["posts"] = String(p.posts)
        v["target"] = ladder.ranks.first { $0.level == p.grade && $0.track == .leadership }?.name ?? ladder.ranks.first { $0.level == p.grade }?.name ?? ""
        if p.exceptional { v["exceptional"] = "1" }
        return v
    }

    /// A blank position row: the registry's who-qualifies defaults (ELG-2 seed figures), one post.
    static func blankPosition(ladder: RankLadder, unit: UUID?) -> [String: String] {
        var v = conditionValues(QualifyController.form(QualifyController.defaults(ladder: ladder), ladder: ladder))
        v["unit"] = unit?.uuidString ?? ""; v["posts"] = "1"; v["post"] = ""
        return v
    }

    static let conditionKeys = ["reference", "target", "maxAge", "minEducation", "fullTime", "minWork", "minGrade", "assessmentYears", "minAssessment",
                                "party", "crossGrade", "oneUp", "skipOne", "basicBlocks", "excellent", "titles", "fields", "manual", "establishments"]

    static func conditionValues(_ f: QualifyController.ConditionsForm) -> [String: String] {
        let all: [String: String] = ["reference": f.reference, "target": f.target, "maxAge": f.maxAge, "minEducation": f.minEducation, "fullTime": f.fullTime,
                                     "minWork": f.minWork, "minGrade": f.minGrade, "assessmentYears": f.assessmentYears, "minAssessment": f.minAssessment,
                                     "party": f.party, "crossGrade": f.crossGrade, "oneUp": f.oneUp, "skipOne": f.skipOne, "basicBlocks": f.basicBlocks,
                                     "excellent": f.excellent, "titles": f.titles, "fields": f.fields, "manual": f.manual, "establishments": f.establishments]
        return all.filter { !$0.value.isEmpty }
    }

    // MARK: Rows

    /// The position rows present in the form, in order (the indexes of `p<i>_…` fields).
    var rowIndexes: [Int] {
        var out = Set<Int>()
        for key in values.keys where key.hasPrefix("p") {
            guard let us = key.firstIndex(of: "_"), let i = Int(key[key.index(after: key.startIndex) ..< us]) else { continue }
            out.insert(i)
        }
        return out.sorted()
    }

    func row(_ i: Int) -> [String: String] {
        let prefix = "p\(i)_"
        var out: [String: String] = [:]
        for (k, v) in values where k.hasPrefix(prefix) { out[String(k.dropFirst(prefix.count))] = v }
        return out
    }

    /// A row nobody filled in (no post, no id): left out, not refused.
    static func isBlank(_ row: [String: String]) -> Bool {
        (row["post"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty && (row["id"] ?? "").isEmpty
    }

    // MARK: To a plan

    /// The title, the owning unit (a new matter's) and the plan, or every problem at once, each naming its field in
    /// `language` (a position's fields with the position's number).
    func parse(ladder: RankLadder, tree: UnitTree, language l: Language) throws -> (title: String, unit: UUID?, plan: MatterPlan) {
        var issues: [InvalidInput.Issue] = []
        func collect(_ body: () throws -> Void, prefix: String? = nil) {
            do { try body() } catch let e as InvalidInput {
                issues += e.issues.map { i in
                    guard let prefix else { return i }
                    return InvalidInput.Issue(field: prefix + FieldNames.name(of: i.field, in: l), problem: i.problem)
                }
            } catch {
                issues.append(.init(field: "form", problem: .required))
            }
        }
        let zh = l == .zhHans
        var plan = MatterPlan()
        let title = value("title").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { issues.append(.init(field: "title", problem: .required)) }
        let unit = UUID(uuidString: value("unit"))

        // positions
        var ids = Set(rowIndexes.compactMap { row($0)["id"] }.filter { !$0.isEmpty })
        var number = 0
        for i in rowIndexes {
            let r = row(i)
            if Self.isBlank(r) { continue }
            number += 1
            let label = zh ? "职位\(number)·" : "Position \(number): "
            collect({
                var id = r["id"] ?? ""
                if id.isEmpty {
                    var n = 1
                    while ids.contains("p\(n)") { n += 1 }
                    id = "p\(n)"
                    ids.insert(id)
                }
                var rowIssues: [InvalidInput.Issue] = []
                let post = (r["post"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if post.isEmpty { rowIssues.append(.init(field: "post", problem: .required)) }
                if post.count > 100 { rowIssues.append(.init(field: "post", problem: .tooLong(max: 100))) }
                let unitInfo = UUID(uuidString: r["unit"] ?? "").flatMap { u in tree.units.first { $0.id == u } } ?? unit.flatMap { u in tree.units.first { $0.id == u } }
                if unitInfo == nil { rowIssues.append(.init(field: "unit", problem: .required)) }
                let posts = Int((r["posts"] ?? "").trimmingCharacters(in: .whitespaces))
                if posts == nil || !(1 ... 50).contains(posts!) {
                    rowIssues.append(.init(field: "posts", problem: .described(zh: "应为1至50的整数", en: "a whole number from 1 to 50")))
                }
                var conditions: PositionConditions? = nil
                // the row's `unit` is the post's unit, not who-qualifies' filter of the cadres' units
                var c = r
                c["unit"] = nil
                do { conditions = try QualifyController.conditions(QualifyController.ConditionsForm(c), ladder: ladder) } catch let e as InvalidInput { rowIssues += e.issues }
                if !rowIssues.isEmpty { throw InvalidInput(rowIssues) }
                plan.positions.append(MatterPosition(id: id, unitID: unitInfo!.id, unitName: unitInfo!.name, post: post, grade: conditions!.targetGrade,
                                                     posts: posts!, conditions: conditions!, exceptional: r["exceptional"] == "1"))
            }, prefix: label)
        }

        // procedure (SEL-1…7, or a custom order checked against the rules: SEL-2)
        collect {
            guard let kind = ProcedureKind(rawValue: value("procedure")) else { throw InvalidInput(field: "procedure", .unknownValue(value("procedure"))) }
            if kind == .custom {
                let chosen = StageKind.allCases.enumerated().filter { checked("stage_\($0.element.rawValue)") }
                let ordered = chosen.sorted { a, b in
                    let x = Int(value("order_\(a.element.rawValue)").trimmingCharacters(in: .whitespaces)) ?? 1000
                    let y = Int(value("order_\(b.element.rawValue)").trimmingCharacters(in: .whitespaces)) ?? 1000
                    return x != y ? x < y : a.offset < b.offset
                }
                plan.procedure = try Procedure.custom(ordered.map(\.element))
            } else {
                plan.procedure = Procedure(kind)
            }
        }

        // the figures (settings, not constants), each in its range and together consistent
        var settings = MatterSettings()
        for f in MatterSettings.fields {
            let raw = value("s_\(f.key)").trimmingCharacters(in: .whitespaces)
            if let n = Int(raw) { settings[keyPath: f.path] = n } else {
                issues.append(.init(field: f.key, problem: .described(zh: "应为整数（\(f.range.lowerBound)至\(f.range.upperBound)）", en: "a whole number (\(f.range.lowerBound) to \(f.range.upperBound))")))
            }
        }
        settings.doubleMajority = checked("doubleMajority")
        settings.publicityInWorkingDays = checked("workingDays")
        settings.competitiveStages = Set(StageKind.allCases.filter { $0.canBeCompetitive && checked("competitive_\($0.rawValue)") })
        if !issues.contains(where: { i in MatterSettings.fields.contains { $0.key == i.field } }) { collect { try settings.check() } }
        plan.settings = settings

        // disclosure (DIS-2) and the words of ELG-1
        if let d = DisclosureScope(rawValue: value("disclosure")) { plan.disclosure = d } else {
            issues.append(.init(field: "disclosure", problem: .unknownValue(value("disclosure"))))
        }
        for key in ["scope", "timetable", "discipline"] {
            let text = value(key).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count > 5000 { issues.append(.init(field: key, problem: .tooLong(max: 5000))) }
            switch key {
            case "scope": plan.scope = text
            case "timetable": plan.timetable = text
            default: plan.discipline = text
            }
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        return (title, unit, plan)
    }
}
