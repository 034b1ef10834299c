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
    /// Voting codes, tracking codes and shuffles (the system CSPRNG; tests may seed one).
    public var random: any RandomSource = SystemRandomSource()
    /// Set the `Secure` flag on cookies (when served behind TLS).
    public var secureCookies: Bool = false
    /// Bcrypt cost; tests lower it.
    public var bcryptCost: Int = 11
    /// scrypt cost (N) for custodian keys, a power of two; tests lower it.
    public var custodianKDFRounds: Int = 1 << 15
    /// Folder holding `Resources/` and `Public/` (default: the working directory).
    public var rootDirectory: String? = nil
    /// Session lifetime in seconds.
    public var sessionSeconds: Int64 = 8 * 3600
    /// The address voters type from a printed slip (`--public-url`, `XUANREN_PUBLIC_URL`): scheme, host and port
    /// only, no trailing slash. Links that leave the browser (slips on paper) are built from it, never from `Host`.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Addresses that may read `/metrics` without signing in (`--metrics-from`, `XUANREN_METRICS_FROM`); by
    /// default none: only signed-in administrators.
    public var metricsFrom: [AddressRange] = []
    /// CAS-1: reports a day from one client through the public form (`--report-daily-limit`,
    /// `XUANREN_REPORT_DAILY_LIMIT`; 0: no limit). Counted in memory under a daily key, never stored.
    public var reportDailyLimit: Int = 5

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

extension AppSettings {
    /// A public base URL as configured: `http` or `https`, a host, an optional port, nothing else (a trailing
    /// `/` is dropped). Anything else is a configuration error, named in one line.
    public static func publicURL(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let bad = ConfigurationErrorWeb("--public-url / XUANREN_PUBLIC_URL: “\(raw)” is not an http(s)://host[:port] address")
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\\" || $0 == " " }),
              let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = c.host, !host.isEmpty, c.user == nil, c.password == nil, c.query == nil, c.fragment == nil,
              c.path.isEmpty || c.path == "/" else { throw bad }
        if let port = c.port, !(1 ... 65535).contains(port) { throw bad }
        let h = host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host  // IPv6
        return scheme + "://" + h.lowercased() + (c.port.map { ":\($0)" } ?? "")
    }

    /// An absolute link on the public address, for `path` (which starts with `/`).
    public func publicLink(_ path: String) -> String { publicURL + path }
}
