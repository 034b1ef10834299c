import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// `xuanren matter list`: selection matters from the command line (the operator's view: every unit).
struct MatterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matter", abstract: "Selection matters (选任事项): list them with their current stage.",
        subcommands: [List.self, Seed.self, BenchTransitions.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List matters, newest change first: id, unit, procedure, phase, current stage, title.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many to list.") var limit = 50

        func run() async throws {
            let lang = XuanrenCLI.language
            await XuanrenCLI.withStore(database, needKey: false) { store, _ in
                let (rows, total) = try await store.matters(visibleTo: .system("cli"), limit: limit)
                for m in rows {
                    print([m.id.uuidString, m.unitName, m.procedure.title(in: lang), m.phase.title(in: lang), m.stage?.title(in: lang) ?? "-", m.title].joined(separator: "\t"))
                }
                print(lang == .en ? "\(rows.count) of \(total) matters" : "共\(total)项，列出\(rows.count)项")
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add invented matters over the registry (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var count = 500

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let start = ContinuousClock.now
                let ids = try await MatterBenchmark.seed(store, count: count)
                print("\(ids.count) matters added in \(ContinuousClock.now - start); first: \(ids.first?.uuidString ?? "-")")
            }
        }
    }

    struct BenchTransitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-transitions", abstract: "Time stage transitions (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var count = 200

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let t = try await MatterBenchmark.transitions(store, count: count)
                print(String(format: "%d transitions: %.0f/s in advanceMatter alone (%.3f s); with the outcome records before them %d writes in %.3f s, %.0f transitions/s",
                             t.transitions, Double(t.transitions) / t.advanceSeconds, t.advanceSeconds, t.transitions + t.outcomes, t.totalSeconds, Double(t.transitions) / t.totalSeconds))
            }
        }
    }
}
