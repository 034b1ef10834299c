import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// Importing cadre files: upload (`.lrmx`, a `.zip` of them, or a CSV/TSV spreadsheet), a preview
/// with the column mapping, every bad row with its line and reason, duplicates by identity number
/// with what a merge would change; nothing is written until the clerk confirms, and then all or
/// nothing (or only the good rows, if chosen).
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegistryRoute.importForm, use: form)
        routes.on(RegistryRoute.upload, use: upload)   // collected up to the import limit (`RegistryRoute.maxBody`)
        routes.on(RegistryRoute.batch(.parameter), use: preview)
        routes.on(RegistryRoute.confirmBatch(.parameter), use: confirm)
    }

    /// What is kept between the upload and the confirmation.
    struct Staged: Codable {
        typealias Item = RegistryImport.ReadFile
        var unit: String
        var items: [Item] = []
        /// Spreadsheet text and its column mapping (column index → field).
        var table: String?
        var mapping: [Int: String] = [:]
    }

    struct Option: Encodable { var value: String; var label: String; var selected: Bool }

    func units(_ req: Request, access: RegistryScope, selected: String) async throws -> [Option] {
        try await req.store.units().filter { access.edits($0.id) }.map {
            Option(value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name, selected: $0.id.uuidString == selected)
        }
    }

    func form(req: Request) async throws -> Response {
        struct Model: Encodable { var units: [Option]; var maxMB: Int; var action = RegistryRoute.upload.path }
        let access = try await req.store.registryScope(of: req.actingUser)
        return try await req.page("cadre-import", titleKey: "import_title", Model(units: try await units(req, access: access, selected: ""), maxMB: RegistryImport.maxUpload >> 20))
    }

    func upload(req: Request) async throws -> Response {
        struct Upload: Content { var file: File; var unit: String }
        let access = try await req.store.registryScope(of: req.actingUser)
        let lang = req.language
        do {
            guard let up = try? req.content.decode(Upload.self), up.file.data.readableBytes > 0 else { throw InvalidInput(field: "file", .required) }
            guard let unit = UUID(uuidString: up.unit), access.edits(unit) else { throw InvalidInput(field: "unit", .required) }
            let name = up.file.filename
            let bytes = Array(up.file.data.readableBytesView)
            var staged = Staged(unit: unit.uuidString)
            let ladder = try await req.store.registrySettings().ladder
            // read (inflating, XML, text decoding) on the import thread, within the size and time limits
            switch try await RegistryImport.read(name: name, bytes: bytes, ladder: ladder) {
            case .files(let files):
                staged.items = files
            case .table(let text):
                guard let header = try await ImportWorkers.run({ CadreTable.rows(text).first }) else { throw RegistryImport.Problem.empty }
                staged.table = text
                for (i, h) in header.enumerated() { if let c = CadreColumn.guess(h) { staged.mapping[i] = c.rawValue } }
            }
            let json = String(decoding: try JSONEncoder().encode(staged), as: UTF8.self)
            let id = try await req.store.stageImport(account: req.user!.id, name: name, data: json)
            return req.redirect(to: RegistryRoute.batch(id))
        } catch let e as InvalidInput {
            return try await uploadError(req, access: access, message: e.message(in: lang))
        } catch let e as RegistryImport.Problem {
            return try await uploadError(req, access: access, message: e.message(in: lang))
        }
    }

    func uploadError(_ req: Request, access: RegistryScope, message: String) async throws -> Response {
        struct Model: Encodable { var units: [Option]; var maxMB: Int; var action = RegistryRoute.upload.path }
        return try await req.page("cadre-import", titleKey: "import_title", Model(units: try await units(req, access: access, selected: ""), maxMB: RegistryImport.maxUpload >> 20),
                                  error: message, status: .badRequest)
    }

    func load(_ req: Request) async throws -> (UUID, String, Staged) {
        guard let id = req.parameters.get("batch").flatMap(UUID.init(uuidString:)),
              let (name, data) = try await req.store.stagedImport(id, account: req.user!.id),
              let staged = try? JSONDecoder().decode(Staged.self, from: Data(data.utf8)) else { throw Abort(.notFound) }
        return (id, name, staged)
    }

    /// The items the batch would import, every problem found (by line or file), and the identity numbers it
    /// shares with registered files in the user's units. An item whose number is registered outside them is left
    /// out as a bad one, with a message that names nobody (the store refuses it too).
    func plan(_ req: Request, staged: Staged, access: RegistryScope) async throws -> (items: [CadreImportItem], problems: [String], bad: Int, duplicates: DuplicateReport) {
        let lang = req.language
        let ladder = try await req.store.registrySettings().ladder
        guard let defaultUnit = UUID(uuidString: staged.unit) else { throw Abort(.badRequest) }
        var items: [CadreImportItem] = []
        var problems: [String] = []
        var bad = 0
        if let table = staged.table {
            var mapping: [Int: CadreColumn] = [:]
            for (i, v) in staged.mapping { if let c = CadreColumn(rawValue: v) { mapping[i] = c } }
            let columns = mapping
            let (good, rowProblems) = try await ImportWorkers.run { CadreTable.read(CadreTable.rows(table), mapping: columns, ladder: ladder) }
            problems += rowProblems.map { $0.text(in: lang) }
            bad = Set(rowProblems.map(\.line)).count
            let units = try await req.store.units()
            for g in good {
                var unit = defaultUnit
                if !g.unit.isEmpty {
                    guard let u = units.first(where: { ($0.name == g.unit || $0.code == g.unit) && access.edits($0.id) }) else {
                        problems.append(lang == .en ? "line \(g.line), unit: “\(g.unit)” not found or not yours" : "第\(g.line)行 单位：找不到“\(g.unit)”或无权录入")
                        bad += 1
                        continue
                    }
                    unit = u.id
                }
                items.append(CadreImportItem(file: g.file, unitID: unit, source: lang == .en ? "line \(g.line)" : "第\(g.line)行"))
            }
        } else {
            for it in staged.items {
                if let f = it.file {
                    let p = f.problems(ladder: ladder)
                    if p.isEmpty { items.append(CadreImportItem(file: f, unitID: defaultUnit, source: it.source)) } else {
                        bad += 1
                        problems += p.map { "\(it.source) \($0.column.title(in: lang))：\(lang == .en ? $0.en : $0.zh)" }
                    }
                } else {
                    bad += 1
                    problems.append("\(it.source)：\((lang == .en ? it.en : it.zh) ?? "")")
                }
            }
        }
        var report = try await req.store.duplicates(in: items, by: req.user!)
        if !report.outside.isEmpty {
            let outside = Set(report.outside)
            for i in report.outside { problems.append("\(items[i].source) \(CadreColumn.residentID.title(in: lang))：\(Store.notYoursToImport(in: lang))") }
            bad += outside.count
            items = items.enumerated().filter { !outside.contains($0.offset) }.map(\.element)
            report = try await req.store.duplicates(in: items, by: req.user!)
        }
        return (items, problems, bad, report)
    }

    struct Column: Encodable { var index: Int; var header: String; var options: [Option] }
    struct PreviewRow: Encodable { var source: String; var name: String; var sex: String; var birth: String; var residentID: String; var rank: String; var post: String; var unparsed: Int; var findings: Int }
    struct Duplicate: Encodable { var source: String; var existing: String; var link: String; var changed: String }
    struct PreviewModel: Encodable {
        var id: String; var name: String; var isTable: Bool; var columns: [Column]; var sample: [[String]]
        var rows: [PreviewRow]; var good: Int; var bad: Int; var problems: [String]; var duplicates: [Duplicate]; var inBatch: [String]
        var units: [Option]; var action: String
    }

    func preview(req: Request) async throws -> Response {
        try await previewPage(req, error: nil)
    }

    func previewPage(_ req: Request, error: String?) async throws -> Response {
        let access = try await req.store.registryScope(of: req.actingUser)
        let (id, name, staged) = try await load(req)
        let (items, problems, bad, report) = try await plan(req, staged: staged, access: access)
        let lang = req.language
        let (dups, inBatch) = (report.registry, report.inBatch)
        var columns: [Column] = []
        var sample: [[String]] = []
        if let table = staged.table {
            let rows = try await ImportWorkers.run { Array(CadreTable.rows(table).prefix(6)) }
            let header = rows.first ?? []
            columns = header.enumerated().map { i, h in
                Column(index: i, header: h, options: [Option(value: "", label: lang == .en ? "(ignore)" : "（不导入）", selected: staged.mapping[i] == nil)]
                    + CadreColumn.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang), selected: staged.mapping[i] == $0.rawValue) })
            }
            sample = Array(rows.dropFirst().prefix(5)).map { r in header.indices.map { $0 < r.count ? String(r[$0].prefix(40)) : "" } }
        }
        let today = YearMonth.today
        let model = PreviewModel(
            id: id.uuidString, name: name, isTable: staged.table != nil, columns: columns, sample: sample,
            rows: items.prefix(200).map { it in
                let f = it.file
                return PreviewRow(source: it.source, name: f.name, sex: f.sex, birth: f.birthMonth?.dotted ?? f.birth,
                                  residentID: f.residentID.isEmpty ? "" : ResidentID.maskedText(f.residentID), rank: f.rank, post: f.currentPost,
                                  unparsed: f.parsedResume.unparsed.count, findings: FileAudit.audit(f, today: today).count)
            },
            good: items.count, bad: bad, problems: problems,
            duplicates: dups.map { Duplicate(source: items[$0.incoming].source, existing: $0.existingName, link: RegistryRoute.cadre($0.existingID).path,
                                             changed: $0.changed.joined(separator: ", ")) },
            inBatch: inBatch.map { "\(items[$0.0].source) = \(items[$0.1].source)" },
            units: try await units(req, access: access, selected: staged.unit), action: RegistryRoute.confirmBatch(id).path)
        return try await req.page("cadre-import-preview", titleKey: "import_preview", model, error: error, status: error == nil ? .ok : .badRequest)
    }

    func confirm(req: Request) async throws -> Response {
        let access = try await req.store.registryScope(of: req.actingUser)
        var (id, name, staged) = try await load(req)
        let action = (try? req.content.get(String.self, at: "do")) ?? "preview"
        if let unit = try? req.content.get(String.self, at: "unit"), let u = UUID(uuidString: unit), access.edits(u) { staged.unit = unit }
        if let table = staged.table {
            let count = try await ImportWorkers.run { CadreTable.rows(table).first?.count ?? 0 }
            var mapping: [Int: String] = [:]
            var used = Set<String>()
            for i in 0 ..< count {
                if let v = try? req.content.get(String.self, at: "col\(i)"), CadreColumn(rawValue: v) != nil {
                    if !used.insert(v).inserted {
                        throw InvalidInput(field: "mapping", .duplicate(CadreColumn(rawValue: v)!.title(in: req.language)))
                    }
                    mapping[i] = v
                }
            }
            if mapping.values.contains(CadreColumn.name.rawValue) == false && action == "import" {
                throw InvalidInput(field: "mapping", .notFound(CadreColumn.name.title(in: req.language)))
            }
            staged.mapping = mapping
        }
        let json = String(decoding: try JSONEncoder().encode(staged), as: UTF8.self)
        try await req.store.dropStaged(id)
        let newID = try await req.store.stageImport(account: req.user!.id, name: name, data: json)
        id = newID
        if action != "import" { return req.redirect(to: RegistryRoute.batch(newID)) }
        req.parameters.set("batch", to: newID.uuidString)
        let (items, _, bad, _) = try await plan(req, staged: staged, access: access)
        let goodOnly = (try? req.content.get(String.self, at: "goodOnly")) == "1"
        let merge = (try? req.content.get(String.self, at: "merge")) == "1"
        if bad > 0 && !goodOnly {
            return try await previewPage(req, error: req.t("import_hasBad"))
        }
        if items.isEmpty { return try await previewPage(req, error: req.t("import_nothing")) }
        do {
            let outcome = try await req.store.importCadres(items, merge: merge, by: req.user!)
            try await req.store.dropStaged(id)
            req.session.data["importResult"] = "\(outcome.created)/\(outcome.merged)/\(bad)"
            req.flash("import_done")
            return req.redirect(to: RegistryRoute.cadres)
        } catch let e as InvalidInput {
            return try await previewPage(req, error: e.message(in: req.language))
        }
    }
}
