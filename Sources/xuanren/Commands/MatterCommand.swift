import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// `xuanren matter list`: selection matters from the command line (the operator's view: every unit).
struct MatterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matter", abstract: "Selection matters (选任事项): list them with their current stage; print a matter's record or a person's table.",
        subcommands: [List.self, Record.self, Table.self, Seed.self, BenchTransitions.self, BenchCompetition.self])

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

    struct BenchCompetition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-competition", abstract: "Time review, progression and composites of a competitive matter (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var applicants = 5000
        @Option var positions = 50

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let f = try await CompetitionBenchmark.run(store, applicants: applicants, positions: positions)
                print(String(format: "%d applicants over %d positions (setup %.1f s): review of all %.3f s, review list %.3f s, progression %.3f s, every composite %.3f s; together %.3f s",
                             f.applicants, f.positions, f.setup, f.review, f.reviewList, f.progression, f.composites, f.review + f.reviewList + f.progression + f.composites))
            }
        }
    }

    struct BenchTransitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-transitions", abstract: "Time stage transitions (for benchmarks).", shouldDisplay: false)
        @OptionGroup var database: DatabaseOptions
        @Option var count = 200
        @Option(help: "Organizers working at once (each on their own matters).") var workers = 1

        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                let t = try await MatterBenchmark.transitions(store, count: count, workers: workers)
                let writes = t.transitions + t.outcomes
                print(String(format: "%d workers: %d transitions in %.3f s = %.0f transitions/s (%d writes with ledger entries: %.0f writes/s); %d bare ledger writes in %.3f s = %.0f/s",
                             t.workers, t.transitions, t.seconds, Double(t.transitions) / t.seconds, writes, Double(writes) / t.seconds,
                             t.transitions, t.bareWriteSeconds, Double(t.transitions) / t.bareWriteSeconds))
            }
        }
    }
}
