import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore
import XuanrenWeb

/// `xuanren cadre import|export|audit` and `xuanren eligible`: the registry from the command line.
struct CadreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadre", abstract: "Cadre files: import, export, audit (干部档案).",
        subcommands: [Import.self, Export.self, Audit.self, Seed.self])

    static func unitID(_ store: Store, code: String) async throws -> UUID {
        guard let u = try await store.units().first(where: { $0.code == code.lowercased() }) else { throw InvalidInput(field: "unit", .notFound(code)) }
        return u.id
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import .lrmx files, zips of them, folders of them, or CSV/TSV sheets (UTF-8 or GBK).",
            discussion: "A batch is all or nothing: any bad file or row, or an identity number already registered, stops it with every reason listed. --good-only leaves bad ones out; --merge replaces registered files with the same identity number; --dry-run only reports.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Files or folders.") var paths: [String]
        @Option(help: "Unit code the cadres belong to (a sheet's 单位 column takes precedence).") var unit: String
        @Flag(help: "Replace registered files that have the same identity number.") var merge = false
        @Flag(help: "Import the good files and rows, leave out the bad ones.") var goodOnly = false
        @Flag(help: "Report what would be imported; write nothing.") var dryRun = false

        func run() async throws {
            let lang = XuanrenCLI.language
            await XuanrenCLI.withStore(database) { store, _ in
                let start = ContinuousClock.now
                let defaultUnit = try await CadreCommand.unitID(store, code: unit)
                let ladder = try await store.registrySettings().ladder
                let units = try await store.units()
                // the command line acts for the instance's operator: the whole unit tree
                let account = AccountInfo.wholeTree("cli", units: units)
                var items: [CadreImportItem] = []
                var problems: [String] = []
                for path in expand(paths) {
                    let url = URL(fileURLWithPath: path)
                    let name = url.lastPathComponent
                    guard let data = FileManager.default.contents(atPath: path) else { throw InvalidInput(field: "file", .notFound(path)) }
                    // the same reading as a web upload: size and time limits, on the import thread
                    let upload: RegistryImport.Upload
                    do { upload = try await RegistryImport.read(name: name, bytes: Array(data), ladder: ladder) }
                    catch let e as RegistryImport.Problem { throw InvalidInput(field: "file", .described(zh: "\(path)：\(e.message(in: .zhHans))", en: "\(path): \(e.message(in: .en))")) }
                    switch upload {
                    case .files(let files):
                        for r in files {
                            let source = RegistryImport.kind(of: name) == .zip ? name + "/" + r.source : r.source
                            guard let f = r.file else { problems.append("\(source): \((lang == .en ? r.en : r.zh) ?? "")"); continue }
                            let p = f.problems(ladder: ladder)
                            if p.isEmpty { items.append(CadreImportItem(file: f, unitID: defaultUnit, source: source)) } else {
                                problems += p.map { "\(source): \($0.column.title(in: lang)) \(lang == .en ? $0.en : $0.zh)" }
                            }
                        }
                    case .table(let text):
                        let rows = CadreTable.rows(text)
                        var mapping: [Int: CadreColumn] = [:]
                        for (i, h) in (rows.first ?? []).enumerated() {
                            if let c = CadreColumn.guess(h) { mapping[i] = c } else { FileHandle.standardError.write(Data("xuanren: \(name): column “\(h)” not imported\n".utf8)) }
                        }
                        let (good, bad) = CadreTable.read(rows, mapping: mapping, ladder: ladder)
                        problems += bad.map { "\(name) \($0.text(in: lang))" }
                        for g in good {
                            var u = defaultUnit
                            if !g.unit.isEmpty {
                                guard let found = units.first(where: { $0.name == g.unit || $0.code == g.unit }) else {
                                    problems.append("\(name) \(lang == .en ? "line \(g.line): unit “\(g.unit)” not found" : "第\(g.line)行 单位：找不到“\(g.unit)”")")
                                    continue
                                }
                                u = found.id
                            }
                            items.append(CadreImportItem(file: g.file, unitID: u, source: "\(name):\(g.line)"))
                        }
                    }
                }
                for p in problems { print(p) }
                let dups = try await store.duplicates(in: items, by: account)
                for d in dups.registry { print("\(items[d.incoming].source): = \(d.existingName) (\(d.existingID)); \(lang == .en ? "a merge changes" : "合并将改变"): \(d.changed.joined(separator: ", "))") }
                if dryRun {
                    print(lang == .en ? "dry run: \(items.count) ready, \(problems.count) problems, \(dups.registry.count) duplicates" : "试运行：可导入\(items.count)，问题\(problems.count)，重复\(dups.registry.count)")
                    return
                }
                if !problems.isEmpty && !goodOnly {
                    XuanrenCLI.fail(lang == .en ? "\(problems.count) problems: nothing imported (fix them, or use --good-only)" : "有\(problems.count)处问题，未导入（请更正，或使用 --good-only）", code: 2)
                }
                let outcome = try await store.importCadres(items, merge: merge, by: account)
                let elapsed = (ContinuousClock.now - start).components
                let seconds = Double(elapsed.attoseconds) / 1e18 + Double(elapsed.seconds)
                print(lang == .en ? "imported: \(outcome.created) created, \(outcome.merged) merged, \(problems.count) left out (\(String(format: "%.2f", seconds)) s)"
                                  : "导入完成：新建\(outcome.created)，合并\(outcome.merged)，未导入\(problems.count)（\(String(format: "%.2f", seconds)) 秒）")
            }
        }

        /// Files, and the .lrmx/.zip/.csv files inside folders.
        func expand(_ paths: [String]) -> [String] {
            paths.flatMap { p -> [String] in
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else { return [p] }
                return ((try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []).sorted()
                    .filter { RegistryImport.kind(of: $0) != nil }.map { p + "/" + $0 }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export cadre files: one .lrmx per cadre into a folder, or one CSV (UTF-8 with BOM).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "lrmx or csv") var format = "lrmx"
        @Option(help: "Folder (lrmx) or file (csv).") var out: String
        @Option(help: "Only this unit (code).") var unit: String?
        @Option(help: "Only cadres whose name or post contains this.") var name: String?

        func run() async throws {
            guard format == "lrmx" || format == "csv" else { XuanrenCLI.fail("--format: lrmx or csv", code: 2) }
            await XuanrenCLI.withStore(database, needKey: false) { store, _ in
                var f = CadreFilter()
                if let unit { f.unit = try await CadreCommand.unitID(store, code: unit) }
                f.text = name ?? ""
                let rows = try await store.cadreFiles(f, by: .system())
                if format == "lrmx" {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    for r in rows {
                        let file = "\(out)/\(r.file.name)-\(r.id.uuidString.prefix(8).lowercased()).lrmx"
                        try Data(LRMX.write(r.file).utf8).write(to: URL(fileURLWithPath: file))
                    }
                } else {
                    try Data(CadreTable.csv(rows.map { ($0.file, $0.unitName) }, language: XuanrenCLI.language).utf8).write(to: URL(fileURLWithPath: out))
                }
                print("\(rows.count) exported to \(out)")
            }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every discrepancy of 三龄一历 (REG-4) with its evidence; exit 3 if a blocking one is unresolved.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this unit (code).") var unit: String?
        @Flag(help: "Only blocking discrepancies.") var blocking = false

        func run() async throws {
            let lang = XuanrenCLI.language
            let unresolved = await XuanrenCLI.withStore(database, needKey: false) { store, _ -> Int in
                var f = CadreFilter()
                if let unit { f.unit = try await CadreCommand.unitID(store, code: unit) }
                let (rows, total) = try await store.cadres(f, offset: 0, limit: Int.max / 2, by: .system())
                var files = 0, findings = 0, open = 0
                for r in rows where r.findings > 0 {
                    guard let d = try await store.dossier(r.id, by: .system()) else { continue }
                    let shown = d.findings.filter { !blocking || $0.severity == .blocking }
                    if shown.isEmpty { continue }
                    files += 1
                    print("\(r.name)\t\(r.unitName)\t\(r.id)")
                    for x in shown {
                        findings += 1
                        let resolved = d.resolutions[x.key]
                        if x.severity == .blocking && resolved == nil { open += 1 }
                        print("  [\(x.severity == .blocking ? (lang == .en ? "blocking" : "严重") : (lang == .en ? "warning" : "提示"))] \(x.text(in: lang))" + (resolved.map { " — \(lang == .en ? "resolved" : "已核实"): \($0.reason)" } ?? ""))
                    }
                }
                print(lang == .en ? "\(total) files audited: \(files) with discrepancies, \(findings) findings, \(open) blocking unresolved"
                                  : "审核\(total)份档案：\(files)份有问题，共\(findings)处，未解决的严重问题\(open)处")
                return open
            }
            if unresolved > 0 { throw ExitCode(3) }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add invented demo cadres (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var count = 100_000
        @Option var seed: UInt64 = 7
        @Flag(name: .customLong("with-ids"), help: "Keep (unique) invented identity numbers.") var withIDs = false

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let start = ContinuousClock.now
                if try await !DemoCounty.isSeeded(store) { try await DemoCounty.seed(store, hasher: BcryptHasher(cost: 11), cadres: 0) }
                let account = AccountInfo.wholeTree("seed", units: try await store.units())
                let units = try await store.units().filter { $0.kind == .bureau || $0.kind == .township }
                var rng = SeededGenerator(seed: seed)
                let today = YearMonth.today
                var done = 0
                var seen = Set<String>()
                while done < count {
                    let n = min(5_000, count - done)
                    var items: [CadreImportItem] = []
                    for i in 0 ..< n {
                        let u = units[Int(rng.next() % UInt64(units.count))]
                        var f = DemoCounty.cadreFile(&rng, unit: .init(code: u.code, name: u.name, kind: u.kind), today: today)
                        // Invented numbers may collide at this scale: keep only the first of each.
                        if !withIDs || !seen.insert(f.residentID).inserted { f.residentID = "" }
                        items.append(CadreImportItem(file: f, unitID: u.id, source: "seed \(done + i)"))
                    }
                    _ = try await store.importCadres(items, merge: false, by: account)
                    done += n
                }
                print("\(count) cadres added in \(ContinuousClock.now - start)")
            }
        }
    }
}

struct EligibleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligible", abstract: "Who qualifies for a position (ELG-2…6): qualified cadres and near-misses, with reasons.",
        discussion: "--position takes a saved position's code; --conditions a JSON file such as {\"referenceDate\":{\"year\":2026,\"month\":6},\"targetGrade\":4,\"maxAge\":45,\"minEducation\":3,\"minYearsInGrade\":2,\"assessmentYears\":3} (other keys default as in the plan).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Code of a saved position.") var position: String?
    @Option(help: "Conditions as a JSON file.") var conditions: String?
    @Option(help: "How many of each list to print.") var limit = 50

    func run() async throws {
        let lang = XuanrenCLI.language
        await XuanrenCLI.withStore(database, needKey: false) { store, _ in
            let p: PositionConditions
            if let position {
                guard let found = try await store.position(code: position) else { throw InvalidInput(field: "code", .notFound(position)) }
                p = found.conditions
            } else if let conditions {
                guard let data = FileManager.default.contents(atPath: conditions) else { throw InvalidInput(field: "file", .notFound(conditions)) }
                do { p = try JSONDecoder().decode(PositionConditions.self, from: data) } catch {
                    throw InvalidInput(field: "file", .described(zh: "条件文件无法读取：\(error)", en: "cannot read the conditions: \(error)"))
                }
            } else {
                XuanrenCLI.fail(lang == .en ? "give --position CODE or --conditions FILE" : "请指定 --position 岗位代码 或 --conditions 条件文件", code: 2)
            }
            let start = ContinuousClock.now
            let s = try await store.whoQualifies(p, by: .system(), limit: limit)
            let elapsed = (ContinuousClock.now - start).components
            let ms = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
            print(lang == .en ? "qualified (\(s.qualifiedCount)):" : "符合条件（\(s.qualifiedCount)人）：")
            for h in s.qualified { print("  \(h.row.name)\t\(h.row.unitName)\t\(h.row.post)\t\(h.row.rank)") }
            print(lang == .en ? "near misses, one condition failed (\(s.nearMissCount)):" : "差一项条件（\(s.nearMissCount)人）：")
            for h in s.nearMisses { print("  \(h.row.name)\t\(h.row.unitName)\t\(h.failed.map { $0.reason(in: lang) }.joined(separator: "；"))") }
            if !p.manual.isEmpty { print((lang == .en ? "check by hand: " : "须人工核对：") + p.manual.joined(separator: "；")) }
            print(lang == .en ? "\(s.scanned) files scanned in \(String(format: "%.0f", ms)) ms" : "筛查\(s.scanned)份档案，用时\(String(format: "%.0f", ms))毫秒")
        }
    }
}
