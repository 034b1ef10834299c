import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Databases without a web server, for CLI commands and store tests.
public final class StoreRuntime: Sendable {
    public let location: DatabaseLocation
    let databases: Databases
    let threadPool: NIOThreadPool
    public let logger: Logger

    public init(location: DatabaseLocation, logLevel: Logger.Level = .critical) throws {
        try location.precheck()
        self.location = location
        var logger = Logger(label: "xuanren.store")
        logger.logLevel = logLevel
        self.logger = logger
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        self.threadPool = pool
        self.databases = Databases(threadPool: pool, on: MultiThreadedEventLoopGroup.singleton)
        try location.register(on: databases)
    }

    var db: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// The database itself, for the tests' support code only (it makes and drops a PostgreSQL schema per test).
    @_spi(Testing) public var testingDatabase: any Database { db }

    public func migrate(extra: [any Migration] = []) async throws {
        let migrations = Migrations()
        migrations.add(XuanrenMigrations.all + extra)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        try await DatabaseLocation.prepare(db)
    }

    public func store(key: InstanceKey, checkpointEvery: Int64 = 1000, clock: any WallClock = SystemClock()) -> Store {
        var store = Store(db: db, ledger: Ledger(key: key, checkpointEvery: checkpointEvery, clock: clock))
        if case .sqlite(let path) = location { store.sqlitePath = path }
        return store
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }
}
