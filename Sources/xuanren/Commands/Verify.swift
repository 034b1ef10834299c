import ArgumentParser
import Foundation
import XuanrenStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the ledger's hash chain and check every signed checkpoint. 校验全过程记录。",
        discussion: "Exit 0 when intact; exit 1 naming the first bad sequence number when an entry was edited, deleted, inserted or reordered, or when the ledger ends before a checkpoint.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "A checkpoint JSON file downloaded from the public ledger page; the ledger must contain it.") var checkpoint: String?
    @Option(help: "Trusted public key (hex). Default: the instance key file's public key, if readable.") var publicKey: String?

    func run() async throws {
        var external: Checkpoint? = nil
        if let checkpoint {
            guard let data = FileManager.default.contents(atPath: checkpoint) else { XuanrenCLI.fail("cannot read checkpoint file \(checkpoint)") }
            do { external = try Checkpoint.parse(json: data) } catch { XuanrenCLI.fail("\(error)") }
        }
        var trusted = Set<String>()
        if let publicKey { trusted.insert(publicKey.lowercased()) }
        else if let key = try? InstanceKey.load(path: database.keyPath) { trusted.insert(key.publicKeyHex) }
        let ext = external
        let keys = trusted
        let (report, seconds) = await XuanrenCLI.withStore(database, needKey: false) { store, runtime in
            let start = DispatchTime.now().uptimeNanoseconds
            let r = try await LedgerVerifier().verify(store.db, location: runtime.location, trustedKeys: keys, external: ext)
            return (r, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let mb = Double(report.bytesHashed) / 1_000_000
        if let f = report.failure {
            XuanrenCLI.fail("ledger NOT intact — \(f.description) (checked \(report.entries) entries before it)")
        }
        print("ledger intact: \(report.entries) entries, \(String(format: "%.1f", mb)) MB hashed in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", seconds > 0 ? mb / seconds : 0)) MB/s)")
        print("head \(report.headHash)")
        print("checkpoints verified: \(report.checkpointsChecked)" + (keys.isEmpty ? " (no trusted key given: signatures checked against the keys they name)" : ""))
    }
}

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Sign the ledger head now and print the checkpoint JSON. 签署检查点。")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let cp = await XuanrenCLI.withStore(database) { store, _ in try await store.checkpointNow(actor: "cli") }
        if let cp { print(cp.json(), terminator: "") } else { XuanrenCLI.fail("the ledger is empty") }
    }
}
