import Foundation
import NIOCore
import NIOPosix
import Vapor
import XuanrenStore

/// Runs the web server until interrupted. Failures come back as one line (`ServeFailure`).
public enum XuanrenServer {
    public struct ServeFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Makes the NIO event loops Swift Concurrency's global executor (set `XUANREN_TASKS_ON_EVENT_LOOPS=0` to keep
    /// the default pool, e.g. to compare). Call once, from the main thread, before any task has run.
    public static func runTasksOnEventLoops() {
        guard ProcessInfo.processInfo.environment["XUANREN_TASKS_ON_EVENT_LOOPS"] != "0" else { return }
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Each event loop has its own connection pool; opening one connection per loop before serving keeps the
    /// first requests (e.g. the first ballots of a vote) from waiting for a PostgreSQL handshake.
    static func openConnections(_ app: Application) async throws {
        guard case .postgres = app.settings.database else { return }
        try await app.xuanrenStore.openConnections(on: app.eventLoopGroup)
    }

    /// A rehearsal clock (`--rehearsal-date`) runs only on a database the demo made (its first ledger entry is the
    /// demo's) and never behind the ledger's last entry: a real database keeps the real date, and a chain's times
    /// only move forward.
    static func checkRehearsal(_ store: Store) async throws {
        if let first = try await store.ledgerFirst(), first.actor != "demo" {
            throw ServeFailure(description: "--rehearsal-date: this database was not made by serve --demo (its first ledger entry is by \(first.actor)); rehearsals run on demo databases only / 演练日期只能用于演示数据库")
        }
        if let head = try await store.ledgerHead(), let at = Ledger.parseTimestamp(head.at), at > store.ledger.clock.now {
            throw ServeFailure(description: "--rehearsal-date: the ledger's last entry (#\(head.seq)) is dated \(head.at), later than the rehearsal date; choose a later date / 演练日期早于全程纪实最后一条记录的时间，请选择更晚的日期")
        }
    }

    public static func run(settings: AppSettings, host: String, port: Int, demo: Bool) async throws {
        var env = Environment(name: "production", arguments: ["xuanren"])
        try LoggingSystem.bootstrap(from: &env)
        XuanrenMetrics.bootstrap()
        let app = try await Application.make(env)
        do {
            try await XuanrenApp.configure(app, settings: settings)
            if settings.clock is OffsetClock { try await checkRehearsal(app.xuanrenStore) }
            // LED-2: sign what a process that stopped without signing left, before this one writes anything;
            // then the background task and the checkpoint at shutdown
            try await XuanrenApp.anchorLedger(app)
            var banner = ["选任 Xuanren — \(settings.database)"]
            if demo {
                let seeded = try await DemoCounty.seed(app.xuanrenStore, hasher: app.passwordHasher)
                banner.append(seeded ? "演示数据已生成 / demo county seeded" : "演示数据已存在 / demo county already present")
                banner.append("演示账号 / demo accounts — password \(DemoCounty.password) (首次登录须修改密码 / change at first login):")
                for a in DemoCounty.accounts {
                    banner.append("  \(a.username.padding(toLength: 11, withPad: " ", startingAt: 0)) \(a.role.title(in: .zhHans)) / \(a.role.title(in: .en))")
                }
            } else if let pw = try await XuanrenApp.bootstrapAdmin(app) {
                banner.append("首个管理员 / first administrator: admin  password: \(pw)  (首次登录须修改密码 / change at first login)")
            }
            try await openConnections(app)
            banner.append("打开 / open: http://\(host):\(port)/")
            print(banner.joined(separator: "\n"))
            fflush(nil)
            app.environment.arguments = ["xuanren", "serve", "--hostname", host, "--port", "\(port)"]
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            if let io = error as? IOError, io.errnoCode == EADDRINUSE {
                throw ServeFailure(description: "port \(port) on \(host) is already in use")
            }
            if let io = error as? IOError, io.errnoCode == EACCES {
                throw ServeFailure(description: "not allowed to listen on port \(port)")
            }
            if let e = error as? InstanceKey.LoadError { throw ServeFailure(description: e.description) }
            if let e = error as? ConfigurationErrorWeb { throw ServeFailure(description: e.description) }
            throw ServeFailure(description: describeDatabaseError(error, location: settings.database))
        }
    }
}
