import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore
import XuanrenWeb

/// Options shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite file, or a postgres:// URL (default: $DATABASE_URL, else ./xuanren.sqlite).")
    var db: String?

    @Option(name: .customLong("key"), help: "Ed25519 signing key file (default: $XUANREN_KEY, else xuanren-ed25519.key beside the SQLite file).")
    var key: String?

    var location: DatabaseLocation { DatabaseLocation.resolve(dbOption: db) }
    var keyPath: String { key ?? AppSettings.defaultKeyPath(for: location) }
}

enum XuanrenCLI {
    static var language: Language {
        let env = ProcessInfo.processInfo.environment
        return Language.preferred(from: (env["LC_ALL"] ?? env["LANG"] ?? "").replacingOccurrences(of: "_", with: "-"))
    }

    /// Prints one line to stderr and exits with `code`.
    static func fail(_ message: String, code: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data(("xuanren: " + message + "\n").utf8))
        exit(code)
    }

    /// The one mapping of errors to what a command prints and its exit code. A `UserFacingError` (bad input, not
    /// permitted, not found, a conflict, locked) prints its message in the user's language (`LANG`) and exits with
    /// its kind's code: 2 bad input, 3 conflict or locked, 4 not permitted or not found. Anything else — the key
    /// file, the configuration, the database — is one line and exit 1.
    static func fail(for error: any Error, location: DatabaseLocation? = nil) -> Never {
        if let e = error as? any UserFacingError { fail(e.message(in: language), code: e.kind.exitCode) }
        fail(describe(error, location: location))
    }

    static func describe(_ error: any Error, location: DatabaseLocation?) -> String {
        if let e = error as? any UserFacingError { return e.message(in: language) }
        if let e = error as? InstanceKey.LoadError { return e.description }
        if let e = error as? ConfigurationError { return e.description }
        guard let location else { return "\(error)" }
        return describeDatabaseError(error, location: location)
    }

    /// The list of common passwords from `$XUANREN_ROOT/Resources/` or `./Resources/`; stops with one line if missing.
    static func commonPasswords() -> CommonPasswords {
        let root = ProcessInfo.processInfo.environment["XUANREN_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        do { return try CommonPasswords.load(resourcesDirectory: (root.hasSuffix("/") ? root : root + "/") + "Resources/") }
        catch { fail("\(error)") }
    }

    /// Opens the database (migrating it) and runs `body` with a store; any failure is one line, and its exit code
    /// comes from `fail(_:location:)`.
    /// With the key (commands that may write), a command that added entries signs the head before it exits,
    /// as `serve` does at shutdown (LED-2: what a command wrote is not left unsigned).
    static func withStore<T>(_ options: DatabaseOptions, needKey: Bool = true, _ body: (Store, StoreRuntime) async throws -> T) async -> T {
        let location = options.location
        let runtime: StoreRuntime
        do { runtime = try StoreRuntime(location: location) } catch { fail(for: error, location: location) }
        do {
            try await runtime.migrate()
            let key = needKey ? try InstanceKey.loadOrCreate(path: options.keyPath) : InstanceKey.generate()
            let store = runtime.store(key: key)
            let before = needKey ? try await store.ledgerLength() : 0
            let result: T
            do { result = try await body(store, runtime) } catch {
                if needKey { try? await signWhatWasWritten(store, before: before, keyPath: options.keyPath) }
                throw error
            }
            if needKey { try await signWhatWasWritten(store, before: before, keyPath: options.keyPath) }
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            fail(for: error, location: location)
        }
    }

    /// Signs the head when this process added entries after `before` and left them unsigned — unless the ledger's
    /// checkpoints carry another key (a key file forgotten or mistyped: it would have just been created).
    static func signWhatWasWritten(_ store: Store, before: Int64, keyPath: String) async throws {
        guard try await store.ledgerLength() > before else { return }
        if let latest = try await store.latestCheckpoint(), latest.publicKey != store.ledger.key.publicKeyHex {
            FileHandle.standardError.write(Data("xuanren: warning: what this command wrote is not signed: the ledger's checkpoints carry another key than \(keyPath) (give --key or XUANREN_KEY)\n".utf8))
            return
        }
        try await store.signHeadIfUnsigned(reason: .cli, actor: "cli", since: before + 1)
    }
}
