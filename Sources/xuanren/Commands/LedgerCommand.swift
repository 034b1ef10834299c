import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// `xuanren ledger show --seq N`: one ledger entry as stored, its payload in words, and whether its hash is the one its
/// fields give (LED-2). The line of a person's table (LED-3) with that sequence number is checked against it;
/// `xuanren verify` checks the whole chain.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Read the ledger: one entry by its sequence number. 查看全程纪实。",
                                                    subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the entry with sequence number N: its fields as stored, the payload in words, and whether its hash matches its fields.",
            discussion: "Exit 0 when the entry's hash is the SHA-256 of its fields and the previous hash; 1 when it is not (then run `xuanren verify`); 4 when there is no such entry.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The sequence number (the 序号 of a person's table or a matter's record).") var seq: Int64
        @Flag(help: "Print the entry as JSON (the stored fields only).") var json = false

        func run() async throws {
            let lang = XuanrenCLI.language
            let n = seq
            guard let e = await XuanrenCLI.withStore(database, needKey: false, { store, _ in try await store.ledgerEntry(seq: n) }) else {
                XuanrenCLI.fail(lang == .zhHans ? "全程纪实中没有序号为\(n)的记录" : "the ledger has no entry \(n)", code: ErrorKind.notFound.exitCode)
            }
            let intact = LedgerEntry.computeHash(prevHash: e.prevHash, body: e.body) == e.hash
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try enc.encode(e), as: UTF8.self))
            } else {
                print("seq          \(e.seq)")
                print("at           \(e.at)")
                print("actor        \(e.actor)")
                print("action       \(e.action) (\(LedgerCatalog.title(of: e.action, in: lang)))")
                print("subject      \(e.subjectType) \(e.subjectID)")
                print("payload      \(e.payload)")
                for (key, value) in LedgerCatalog.payload(e.payload) {
                    print("  \(key) — \(LedgerCatalog.label(of: key, in: lang)): \(LedgerCatalog.text(of: value, key: key, in: lang))")
                }
                print("prev_hash    \(e.prevHash)")
                print("hash         \(e.hash)")
            }
            if !intact {
                XuanrenCLI.fail("entry \(e.seq): its hash is not the SHA-256 of its fields — the entry was altered; run `xuanren verify`")
            }
            if !json { print("hash check   ok (the SHA-256 of prev_hash and the fields above); `xuanren verify` checks the whole chain") }
        }
    }
}
