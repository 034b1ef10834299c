import Fluent
import Vapor
import XuanrenStore

/// The one file of the web app that imports Fluent, and why: the app's database connections belong to Vapor's
/// Fluent integration (`app.databases`), which keeps one connection pool per event loop, runs the migrations
/// (`app.autoMigrate`) and closes the pools when the application shuts down — after the lifecycle handlers, so the
/// checkpoint signed at shutdown (`LedgerAnchorLifecycle`) still has its database. Everything else reads and
/// changes data through `Store`, whose database is internal to XuanrenStore.
extension XuanrenApp {
    /// Registers the configured database and the store's migrations with the application.
    static func registerDatabase(_ app: Application, settings: AppSettings) throws {
        try settings.database.register(on: app.databases)
        app.migrations.add(XuanrenMigrations.all)
    }

    /// The store on the application's databases.
    static func makeStore(_ app: Application, ledger: Ledger) -> Store {
        Store(databases: app.databases, logger: app.logger, ledger: ledger)
    }

    /// Runs the migrations not yet run, then the per-database settings.
    static func migrateDatabase(_ app: Application) async throws {
        try await app.autoMigrate()
        try await app.xuanrenStore.prepareDatabase()
    }
}
