import ArgumentParser
import Foundation
import XuanrenStore

/// Benchmark support (used by scripts/bench-verify.sh); works only on an empty ledger.
struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger-bench", abstract: "Benchmark data for `verify` (fresh databases only).",
                                                    shouldDisplay: false, subcommands: [Fill.self, Dump.self])

    struct Fill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fill an empty ledger with N synthetic entries.")
        @OptionGroup var database: DatabaseOptions
        @Option var count = 1_000_000
        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                try await store.fillLedgerBenchmark(count: count)
                print("filled \(count) entries")
            }
        }
    }

    struct Dump: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the bytes verify hashes to a file.")
        @OptionGroup var database: DatabaseOptions
        @Option var out: String
        func run() async throws {
            guard FileManager.default.createFile(atPath: out, contents: nil), let h = FileHandle(forWritingAtPath: out) else {
                XuanrenCLI.fail("cannot write \(out)")
            }
            let n = await XuanrenCLI.withStore(database, needKey: false) { store, _ in try await store.dumpLedgerHashedBytes(to: h) }
            try h.close()
            print("wrote \(n) bytes")
        }
    }
}
