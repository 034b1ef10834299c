import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore
import XuanrenWeb

/// LED-3: `xuanren matter table` (一人一表) and `xuanren matter record` (一事一记) — the same record the web pages show,
/// read as the instance's operator (the command line acts as the system, as `matter list` does), printed as text, as the
/// page's HTML (`--html`) or as an A4 PDF through a headless chromium (`--pdf`). Talk contents are never printed.
struct RecordOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The matter's id (see `xuanren matter list`).") var matter: String
    @Option(help: "Write an A4 PDF here (needs chromium: $XUANREN_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH).") var pdf: String?
    @Option(help: "Write the HTML document here (the page with its styles inline).") var html: String?
    @Option(help: "zh-Hans or en (default: from LC_ALL or LANG).") var lang: String?
    @Option(help: "The folder holding Resources/ and Public/ (default: $XUANREN_ROOT, else the current folder).") var root: String?

    func matterID() throws -> UUID {
        guard let id = UUID(uuidString: matter) else { throw InvalidInput(field: "matter", .notFound(matter)) }
        return id
    }

    var language: Language { lang.map { Language.preferred(from: $0) } ?? XuanrenCLI.language }

    var rootDirectory: String {
        root ?? ProcessInfo.processInfo.environment["XUANREN_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.currentDirectoryPath
    }

    /// Reads the record with the instance key (whose HMACs the ledger's digests are; a read never creates the key
    /// file), then writes what was asked.
    func run(_ read: (Store, Language) async throws -> SelectionRecord) async {
        let options = self
        let lang = language
        let record = await XuanrenCLI.withStore(database, needKey: false) { _, runtime in
            let store = runtime.store(key: try InstanceKey.load(path: options.database.keyPath))
            return try await read(store, lang)
        }
        if pdf == nil && html == nil { Self.printText(record); return }
        do {
            let document = try await RecordDocument.html(record, root: rootDirectory)
            if let html { try Data(document.utf8).write(to: URL(fileURLWithPath: html)) }
            if let pdf { try PDFPrinter.print(document, to: pdf) }
        } catch {
            XuanrenCLI.fail(for: error)
        }
    }

    static func printText(_ r: SelectionRecord) {
        let zh = r.language == .zhHans
        print(r.person.map { "\($0.name) · \($0.position) · \($0.status)" } ?? r.matterTitle)
        print("\(r.matterTitle) · \(r.unitName) · \(r.procedure) · \(r.state)")
        for s in r.sections {
            print("\n## \(s.title)")
            for l in s.lines {
                let seq = l.lastSeq > l.seq ? "\(l.seq)-\(l.lastSeq)" : String(l.seq)
                let fields = l.fields.map { "\($0.label)=\($0.value)" }.joined(separator: "; ")
                var record = l.confidential ? [zh ? "谈话内容不打印" : "talk contents are not printed"] : l.record.map { "\($0.label)：\($0.value)" }
                if l.withheld { record.append(zh ? "内容保密" : "content withheld") }
                switch l.check {
                case .matches?: record.append(zh ? "✓ 与纪实摘要一致" : "✓ matches the ledger")
                case .differs?: record.append(zh ? "✗ 与纪实摘要不一致" : "✗ differs from the ledger")
                case .superseded(let n)?: record.append(zh ? "此后由第\(n)条更新" : "changed later (seq \(n))")
                case nil: break
                }
                print([seq, "\(l.day) \(l.time)", l.title + (l.about.map { " · " + $0 } ?? ""), fields, record.joined(separator: " | "), l.actor].joined(separator: "\t"))
            }
        }
    }
}

extension MatterCommand {
    struct Table: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One person's selection record (一人一表, LED-3): text, --html or an A4 --pdf.",
            discussion: "Each line's sequence number is a ledger entry: `xuanren ledger show --seq N` prints it, `xuanren verify` checks the chain.")
        @OptionGroup var options: RecordOptions
        @Option(help: "The person's id in the matter (the matter page's people; `xuanren matter record` lists them).") var person: String

        func run() async throws {
            let matter = try options.matterID()
            guard let personID = UUID(uuidString: person) else { throw InvalidInput(field: "person", .notFound(person)) }
            await options.run { store, lang in try await store.personTable(matter: matter, person: personID, in: lang, by: .system("cli")) }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A matter's full-process record (一事一记, LED-1): text, --html or an A4 --pdf.",
            discussion: "Lists the matter's people with their ids (for `xuanren matter table --person`).")
        @OptionGroup var options: RecordOptions

        func run() async throws {
            let matter = try options.matterID()
            await options.run { store, lang in
                let r = try await store.matterRecord(matter: matter, in: lang, by: .system("cli"))
                if options.pdf == nil && options.html == nil {
                    for p in r.people { print([p.id.uuidString, p.name, p.position, p.status].joined(separator: "\t")) }
                }
                return r
            }
        }
    }
}

/// Prints an HTML document to an A4 PDF with a headless chromium, when one is installed.
enum PDFPrinter {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "no chromium to print the PDF with: install chromium (e.g. apt-get install chromium) or set XUANREN_CHROMIUM; --html writes the HTML without it"
        }
    }
    struct Failed: Error, CustomStringConvertible { var description: String }

    static func browser() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let given = env["XUANREN_CHROMIUM"], !given.isEmpty { return FileManager.default.isExecutableFile(atPath: given) ? given : nil }
        for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static func print(_ html: String, to output: String) throws {
        guard let browser = browser() else { throw Missing() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xuanren-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("record.html")
        try Data(html.utf8).write(to: page)
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        try? FileManager.default.removeItem(atPath: target)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: browser)
        p.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                       "--user-data-dir=" + work.appendingPathComponent("profile").path, "--print-to-pdf=" + target, page.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate(); throw Failed(description: "chromium did not finish printing \(output) within 120 s") }
        guard p.terminationStatus == 0, let size = (try? FileManager.default.attributesOfItem(atPath: target))?[.size] as? Int, size > 0 else {
            throw Failed(description: "chromium (\(browser)) could not print \(output) (exit \(p.terminationStatus))")
        }
    }
}
