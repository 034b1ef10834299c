import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where the data lives: an SQLite file (default) or a PostgreSQL server (`DATABASE_URL`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String, searchPath: String? = nil)

    public static let defaultSQLitePath = "./xuanren.sqlite"

    /// `--db PATH` wins; else `DATABASE_URL`; else the default SQLite file.
    public static func resolve(dbOption: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if let dbOption, !dbOption.isEmpty {
            if dbOption.hasPrefix("postgres://") || dbOption.hasPrefix("postgresql://") { return .postgres(url: dbOption) }
            return .sqlite(path: dbOption)
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("sqlite://") { return .sqlite(path: String(url.dropFirst("sqlite://".count))) }
            return .postgres(url: url)
        }
        return .sqlite(path: defaultSQLitePath)
    }

    public var description: String {
        switch self {
        case .sqlite(let p):
            return "SQLite \(p)"
        case .postgres(let url, _):
            // never print the password
            if var c = URLComponents(string: url) { if c.password != nil { c.password = "***" }; return "PostgreSQL \(c.string ?? "")" }
            return "PostgreSQL"
        }
    }

    public var isPostgres: Bool { if case .postgres = self { return true }; return false }

    /// Checks what can be checked before connecting, with a one-line reason.
    public func precheck() throws {
        switch self {
        case .sqlite(let path):
            let dir = (path as NSString).deletingLastPathComponent
            let folder = dir.isEmpty ? "." : dir
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                throw ConfigurationError("cannot create database file \(path): folder \(folder) does not exist")
            }
            if FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.isWritableFile(atPath: path) else {
                    throw ConfigurationError("cannot open database file \(path) for writing: permission denied")
                }
            } else if !FileManager.default.isWritableFile(atPath: folder) {
                throw ConfigurationError("cannot create database file \(path): folder \(folder) is not writable")
            }
        case .postgres(let url, _):
            guard (try? SQLPostgresConfiguration(url: url)) != nil else {
                throw ConfigurationError("DATABASE_URL is not a valid postgres:// URL")
            }
        }
    }

    /// Registers the database with Fluent as the default.
    public func register(on databases: Databases) throws {
        switch self {
        case .sqlite(let path):
            // several readers per event loop (WAL: readers never wait for the writer); writes queue in memory for the
            // group commit (`WriteGroup`), so the connections do not contend for SQLite's write lock
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .sqlite)
        case .postgres(let url, let searchPath):
            var config = try SQLPostgresConfiguration(url: url)
            if let searchPath { config.searchPath = [searchPath] }
            databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .psql)
        }
    }

    /// Per-database settings applied once after connecting.
    static func prepare(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        // WAL: readers do not block the writer; FULL: a committed change is on disk.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Turns a connection error into one line a person can act on.
public func describeDatabaseError(_ error: any Error, location: DatabaseLocation) -> String {
    let text = String(reflecting: error)
    if let c = error as? ConfigurationError { return c.description }
    if location.isPostgres {
        if text.contains("28P01") || text.lowercased().contains("password authentication failed") {
            return "cannot connect to \(location): password authentication failed"
        }
        if text.contains("3D000") { return "cannot connect to \(location): database does not exist" }
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") || text.contains("connect(descriptor") {
            return "cannot connect to \(location): connection refused (is the server running?)"
        }
        if text.contains("timeout") || text.contains("Timeout") { return "cannot connect to \(location): timed out" }
        if text.contains("NIOConnectionError") || text.contains("resolution") {
            return "cannot connect to \(location): host unreachable"
        }
        return "cannot use \(location): \(String(describing: error).prefix(200))"
    }
    if text.contains("unable to open") || text.contains("CANTOPEN") {
        return "cannot open \(location): the file cannot be created or opened"
    }
    return "cannot use \(location): \(String(describing: error).prefix(200))"
}
