import Foundation
import XuanrenStore

/// Everything an instance is configured with. Read from command-line options and the environment.
public struct AppSettings: Sendable {
    public var database: DatabaseLocation
    /// Path of the Ed25519 signing key file (created on first start, mode 0600).
    public var keyPath: String
    /// A ledger checkpoint is signed every N entries…
    public var checkpointEvery: Int64 = 1000
    /// …and, while entries are added, before the oldest unsigned one is this many seconds old (0: never by time).
    public var checkpointSeconds: Double = AnchorPolicy.defaultSeconds
    /// The clock the ledger stamps entries with and the anchoring task waits on (tests move it by hand).
    public var clock: any WallClock = SystemClock()
    /// Set the `Secure` flag on cookies (when served behind TLS).
    public var secureCookies: Bool = false
    /// Bcrypt cost; tests lower it.
    public var bcryptCost: Int = 11
    /// Folder holding `Resources/` and `Public/` (default: the working directory).
    public var rootDirectory: String? = nil
    /// Session lifetime in seconds.
    public var sessionSeconds: Int64 = 8 * 3600

    public init(database: DatabaseLocation, keyPath: String) {
        self.database = database
        self.keyPath = keyPath
    }

    public static func defaultKeyPath(for database: DatabaseLocation, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let k = environment["XUANREN_KEY"], !k.isEmpty { return k }
        if case .sqlite(let path) = database {
            let dir = (path as NSString).deletingLastPathComponent
            return (dir.isEmpty ? "." : dir) + "/xuanren-ed25519.key"
        }
        return "./xuanren-ed25519.key"
    }
}
