import FluentKit
import Foundation
import SQLKit
import SelectionCore
@_spi(Testing) import XuanrenStore

/// The databases tests run on. PostgreSQL only when `XUANREN_TEST_DATABASE_URL` is set;
/// suites that need it are marked `.enabled(if: TestDatabase.postgresAvailable)` so they show as skipped.
public enum TestDatabase: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public static var postgresURL: String? {
        let v = ProcessInfo.processInfo.environment["XUANREN_TEST_DATABASE_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }
    public static var postgresAvailable: Bool { postgresURL != nil }
    public var description: String { rawValue }

    /// A fresh, migrated database for one test: a new SQLite file, or a new PostgreSQL schema.
    public func withFreshLocation<T>(_ body: (DatabaseLocation) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xuanren-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            return try await body(.sqlite(path: dir.appendingPathComponent("test.sqlite").path))
        case .postgres:
            guard let url = Self.postgresURL else { throw ConfigurationError("XUANREN_TEST_DATABASE_URL not set") }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try StoreRuntime(location: .postgres(url: url))
            try await (admin.testingDatabase as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run()
            do {
                let r = try await body(.postgres(url: url, searchPath: String(schema)))
                try await (admin.testingDatabase as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run()
                await admin.shutdown()
                return r
            } catch {
                try? await (admin.testingDatabase as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run()
                await admin.shutdown()
                throw error
            }
        }
    }

    /// The repository's `Resources/` folder (the list of common passwords lives there).
    public static let resourcesDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { url.deleteLastPathComponent() }
        return url.path + "/Resources/"
    }()

    public static var commonPasswords: CommonPasswords {
        get throws { try CommonPasswords.load(resourcesDirectory: resourcesDirectory) }
    }

    /// A fresh migrated store and its runtime.
    public func withStore<T>(checkpointEvery: Int64 = 1000, clock: any WallClock = SystemClock(),
                             _ body: (Store, StoreRuntime) async throws -> T) async throws -> T {
        try await withFreshLocation { location in
            let runtime = try StoreRuntime(location: location)
            do {
                try await runtime.migrate()
                var store = runtime.store(key: InstanceKey.generate(), checkpointEvery: checkpointEvery, clock: clock)
                store.custodianKDFRounds = 1 << 10
                store.commonPasswords = try Self.commonPasswords
                store.holidays = try HolidayCalendar.load(resourcesDirectory: Self.resourcesDirectory)
                let r = try await body(store, runtime)
                await runtime.shutdown()
                return r
            } catch {
                await runtime.shutdown()
                throw error
            }
        }
    }
}

/// A fast, fake password hasher for store tests (the web tests use real Bcrypt at low cost).
public struct PlainHasher: PasswordHashing {
    public init() {}
    public func hash(_ password: String) throws -> String { "plain:" + password }
    public func verify(_ password: String, created hash: String) throws -> Bool { hash == "plain:" + password }
}
