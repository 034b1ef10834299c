import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import XuanrenStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the ledger's hash chain, check every signed checkpoint and their cadence, and every closed ballot box. 校验全过程记录。",
        discussion: """
        Exit 0 when intact; exit 1 with one line naming the problem: an entry edited, deleted, inserted or reordered (by its \
        sequence number), a checkpoint that does not match (by its sequence number), a checkpoint missing where one is due \
        (every N entries, and at least every --checkpoint-seconds while entries are added), a ledger cut short behind a \
        checkpoint given with --checkpoint, or a closed ballot session whose stored box is not the one its closing recorded.
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("checkpoint"),
            help: "A checkpoint kept elsewhere: a checkpoint JSON or an Atom feed of checkpoints (/ledger/checkpoints.atom), as a file or an http(s) URL. Repeatable; the ledger must contain every one.")
    var checkpoints: [String] = []
    @Option(help: "Trusted public key (hex). Default: the instance key file's public key, if readable; else the keys of the checkpoints given.") var publicKey: String?
    @Option(help: "A checkpoint is due at every multiple of N (as `serve --checkpoint-every`).") var checkpointEvery: Int64 = 1000
    @Option(help: "No entry may stay unsigned longer than this many seconds (as `serve --checkpoint-seconds`; 0: do not check the times).")
    var checkpointSeconds: Double = AnchorPolicy.defaultSeconds
    @Option(help: "Seconds allowed on top of --checkpoint-seconds (clock differences, slow writes).") var checkpointMargin: Double = AnchorPolicy.defaultMargin

    func run() async throws {
        var external: [Checkpoint] = []
        var sources: [(name: String, checkpoints: [Checkpoint])] = []
        for source in checkpoints {
            let data: Data
            do { data = try await Self.fetch(source) } catch { XuanrenCLI.fail("\(error)") }
            do {
                let list = try Checkpoint.parseDocument(data)
                if list.isEmpty { XuanrenCLI.fail("\(source): no checkpoint in it") }
                external += list
                sources.append((source, list))
            } catch { XuanrenCLI.fail("\(source): \(error)") }
        }
        var trusted = Set<String>()
        var trustNote: String
        if let publicKey {
            trusted.insert(publicKey.lowercased()); trustNote = "given with --public-key"
        } else if let key = try? InstanceKey.load(path: database.keyPath) {
            trusted.insert(key.publicKeyHex); trustNote = "from the key file \(database.keyPath)"
        } else if !external.isEmpty {
            trustNote = "from the checkpoints given"
        } else {
            trustNote = "none given: each signature was checked against the key it names; give --public-key (shown on /ledger)"
        }
        let keys = trusted
        let ext = external
        let policy = AnchorPolicy(every: checkpointEvery, seconds: checkpointSeconds, margin: checkpointMargin)
        let (report, boxes, seconds) = await XuanrenCLI.withStore(database, needKey: false) { store, _ in
            let start = DispatchTime.now().uptimeNanoseconds
            let r = try await store.verifyLedger(trustedKeys: keys, external: ext, anchoring: policy)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if !r.intact { return (r, BoxesReport(), elapsed) }
            let boxKeys = keys.isEmpty ? Set(ext.filter { $0.signatureIsValid() }.map(\.publicKey)) : keys
            return (r, try await store.checkStoredBoxes(trustedKeys: boxKeys), elapsed)
        }
        let mb = Double(report.bytesHashed) / 1_000_000
        if let f = report.failure {
            if f.kind.isAnchoring { XuanrenCLI.fail("ledger NOT anchored — \(f.description)") }
            switch f.kind {
            case .hashMismatch, .chainBroken, .missing, .unexpected:
                XuanrenCLI.fail("ledger NOT intact — \(f.description) (checked \(report.entries) entries before it)")
            default:
                var from = " (a stored checkpoint)"
                if f.external {
                    let names = sources.filter { s in s.checkpoints.contains { f.kind == .truncated ? $0.seq >= f.seq : $0.seq == f.seq } }.map(\.name)
                    from = " (the copy from \(names.joined(separator: ", ")))"
                }
                XuanrenCLI.fail("ledger NOT intact — \(f.description)\(from)")
            }
        }
        if let bad = boxes.mismatches.first {
            let more = boxes.mismatches.count > 1 ? " (and \(boxes.mismatches.count - 1) more)" : ""
            XuanrenCLI.fail("ballot box NOT intact — session \(bad.session.uuidString): \(bad.problem)\(more)")
        }
        print("ledger intact: \(report.entries) entries, \(String(format: "%.1f", mb)) MB hashed in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", seconds > 0 ? mb / seconds : 0)) MB/s)")
        print("head \(report.headHash)")
        print("checkpoints verified: \(report.checkpointsChecked)" + (report.externalChecked > 0 ? " (\(report.externalChecked) given with --checkpoint)" : ""))
        print("trusted key: " + (trusted.first.map { "\($0) (\(trustNote))" } ?? trustNote))
        let tail = report.tail
        if tail.count == 0 {
            print("unsigned tail: none (the head is signed by checkpoint \(tail.lastCheckpoint))")
        } else {
            let after = tail.lastCheckpoint > 0 ? "after checkpoint \(tail.lastCheckpoint)" : "and no checkpoint at all"
            print("unsigned tail: \(tail.count) \(tail.count == 1 ? "entry" : "entries") \(after) (seq \(tail.lastCheckpoint + 1)–\(tail.head)), unsigned since \(tail.since ?? "?")")
        }
        if let newest = report.newestExternal {
            let beyond = report.entries - newest
            print("checkpoints given cover up to seq \(newest)" + (beyond > 0 ? "; \(beyond) later \(beyond == 1 ? "entry is" : "entries are") covered by no copy kept elsewhere" : ""))
        } else {
            print("no checkpoint copy given (--checkpoint): a ledger cut back to one of its own checkpoints cannot be told from here")
        }
        print("ballot boxes checked: \(boxes.checked)" + (boxes.checked > 0 && !boxes.signaturesChecked ? " (signatures not checked: no trusted key)" : ""))
    }

    struct FetchError: Error, CustomStringConvertible { var description: String }

    /// An HTTP failure in a few words. (AsyncHTTPClient, not URLSession: Foundation's networking links libcurl and
    /// some thirty more shared libraries that every `xuanren` command would load at start-up: `scripts/bench-score.sh`.)
    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return "timed out"
            case .remoteConnectionClosed: return "connection closed"
            default: return "\(e)"
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("NIOSSL") || text.contains("handshake") { return "TLS connection failed" }
        if text.contains("resolution") || text.contains("getaddrinfo") || text.contains("unknown host") { return "unknown host" }
        return text
    }

    /// A file, or an http(s) URL. Anything else, an unreachable server or a status other than 200 is one clear error.
    static func fetch(_ source: String) async throws -> Data {
        let lower = source.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let url = URL(string: source), let host = url.host, !host.isEmpty else { throw FetchError(description: "not a valid URL: \(source)") }
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "Accept", value: "application/atom+xml, application/json;q=0.9")
            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                body = try await response.body.collect(upTo: 64 << 20)
            } catch {
                throw FetchError(description: "cannot fetch \(source): \(Self.describe(error))")
            }
            if response.status.code != 200 {
                throw FetchError(description: "cannot fetch \(source): HTTP \(response.status.code)")
            }
            let data = Data(body.readableBytesView)
            return data
        }
        if source.contains("://") { throw FetchError(description: "not a file or an http(s) URL: \(source)") }
        guard let data = FileManager.default.contents(atPath: source) else { throw FetchError(description: "cannot read checkpoint file \(source)") }
        return data
    }
}

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Sign the ledger head now and print the checkpoint JSON. 签署检查点。")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let cp = await XuanrenCLI.withStore(database) { store, _ in try await store.checkpointNow(actor: "cli", reason: .cli) }
        if let cp { print(cp.json(), terminator: "") } else { XuanrenCLI.fail("the ledger is empty") }
    }
}
