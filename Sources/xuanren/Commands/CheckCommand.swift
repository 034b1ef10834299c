import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// CHK-2: `xuanren sample --check ID [--seed S] [--json]` — a check's sample of files drawn again from its stored list:
/// with the seed the check recorded (the default) it prints the recorded sample; with another seed, what that seed
/// would have drawn. Each file with its lot and its mandatory reasons.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Print a supervision check's sample of files, drawn again from its seed (CHK-2). 抽查档案名单。",
        discussion: """
            The check records its seed when it draws; `xuanren sample --check ID --seed S` draws again from the check's \
            list of newly promoted cadres with S and prints the same list every time: first the files drawn by lot \
            (⌈n/3⌉, numbered), then the files every check must review, each with its reasons. Without --seed, the \
            recorded seed; the last line says whether the result is the sample the check recorded.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The check's id.") var check: String
    @Option(help: "The seed (a number); default: the one the check recorded.") var seed: UInt64?
    @Flag(help: "Print JSON (xuanren.check-sample/1) instead of a table.") var json = false

    func run() async throws {
        guard let id = UUID(uuidString: check) else { XuanrenCLI.fail("--check: not a check id: \(check)", code: 2) }
        let lang = XuanrenCLI.language
        let zh = lang == .zhHans
        let differs = await XuanrenCLI.withStore(database, needKey: false) { store, _ -> Bool in
            let r = try await store.checkSample(id, seed: seed, by: .system("cli"))
            let differs = r.sample.seed == r.recordedSeed && !r.matchesRecorded
            if json {
                print(Self.json(r))
                return differs
            }
            print(zh ? "检查：\(r.title)（\(r.unitName)，\(r.period.text(in: lang))）" : "Check: \(r.title) (\(r.unitName), \(r.period.text(in: lang)))")
            print(zh ? "新提拔干部档案\(r.sample.files)份，随机抽取\(r.sample.drawn)份（种子\(r.sample.seed)），必查\(r.sample.mandatory)份，共抽查\(r.sample.picked.count)份"
                     : "\(r.sample.files) files, \(r.sample.drawn) drawn by lot (seed \(r.sample.seed)), \(r.sample.mandatory) mandatory, \(r.sample.picked.count) in the sample")
            for p in r.sample.picked {
                let f = r.files[p.id]
                let lot = p.lot.map(String.init) ?? (zh ? "必查" : "must")
                let reasons = p.mandatory.map { $0.title(in: lang) }.joined(separator: zh ? "、" : ", ")
                print([lot, p.id, f?.name ?? "", f?.post ?? "", reasons].joined(separator: "\t"))
            }
            if r.sample.seed == r.recordedSeed {
                print(r.matchesRecorded ? (zh ? "与检查记录的抽取结果一致" : "the same as the sample the check recorded")
                                        : (zh ? "与检查记录的抽取结果不一致" : "differs from the sample the check recorded"))
            } else {
                print(zh ? "（检查记录的种子为\(r.recordedSeed)）" : "(the check recorded seed \(r.recordedSeed))")
            }
            return differs
        }
        // the stored sample is not what its own seed draws from its own list: the record was changed
        if differs { XuanrenCLI.fail(zh ? "抽取结果与检查记录不一致" : "the sample differs from the one the check recorded", code: 3) }
    }

    /// `xuanren.check-sample/1`: the check, the seed, the counts and the files in order (keys sorted).
    static func json(_ r: CheckSampleReport) -> String {
        struct Out: Encodable {
            struct File: Encodable { var id: String; var name: String; var post: String; var lot: Int?; var reasons: [String] }
            var format = "xuanren.check-sample/1"
            var check: String; var title: String; var unit: String; var from: String; var to: String
            var seed: String; var recordedSeed: String; var matchesRecorded: Bool
            var files: Int; var drawn: Int; var mandatory: Int; var sample: [File]
        }
        let out = Out(check: r.checkID.uuidString, title: r.title, unit: r.unitName, from: r.period.from.description, to: r.period.to.description,
                      seed: String(r.sample.seed), recordedSeed: String(r.recordedSeed), matchesRecorded: r.matchesRecorded,
                      files: r.sample.files, drawn: r.sample.drawn, mandatory: r.sample.mandatory,
                      sample: r.sample.picked.map { .init(id: $0.id, name: r.files[$0.id]?.name ?? "", post: r.files[$0.id]?.post ?? "", lot: $0.lot, reasons: $0.mandatory.map(\.rawValue)) })
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(out)) ?? Data(), as: UTF8.self)
    }
}

/// `xuanren check list`: supervision checks from the command line (the operator's view: every unit).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Supervision checks (监督检查): list them; `xuanren sample` prints a check's sample.",
        subcommands: [List.self, BenchSample.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List checks, newest change first: id, unit, kind, period, state, title.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let lang = XuanrenCLI.language
            await XuanrenCLI.withStore(database, needKey: false) { store, _ in
                let rows = try await store.checks(visibleTo: .system("cli"))
                for c in rows {
                    print([c.id.uuidString, c.unitName, c.kind.title(in: lang), "\(c.period.from)…\(c.period.to)", c.state.title(in: lang), c.title].joined(separator: "\t"))
                }
                print(lang == .en ? "\(rows.count) checks" : "共\(rows.count)项")
            }
        }
    }

    struct BenchSample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-sample", abstract: "Time the sample of a check of N files (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var files = 10_000

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let f = try await CheckBenchmark.run(store, files: files)
                print(String(format: "%d files (%d mandatory, %d in the sample; setup %.1f s): draw %.3f s, store re-draw from the recorded seed %.3f s, with another seed %.3f s; same sample: %@",
                             f.files, f.mandatory, f.sampled, f.setup, f.draw, f.redraw, f.otherSeed, f.matches ? "yes" : "NO"))
                print("check \(f.check.uuidString) seed \(f.seed)")
            }
        }
    }
}
