import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore
import XuanrenWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (runs migrations first). 启动网站。")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Seed a demo county with accounts for every role and a few hundred invented cadres (once).") var demo = false
    @Flag(help: "Mark cookies Secure (when served over TLS or behind a TLS proxy).") var secureCookies = false
    @Option(help: "Sign a ledger checkpoint every N entries.") var checkpointEvery: Int64 = 1000
    @Option(help: "Sign a ledger checkpoint before any entry is this many seconds old without one (0: only every N entries).")
    var checkpointSeconds: Double = AnchorPolicy.defaultSeconds
    @Option(help: "Folder holding Resources/ and Public/ (default: current folder).") var root: String?
    @Option(help: "Address voters type from printed slips, e.g. https://xuanren.example.gov.cn (default: $XUANREN_PUBLIC_URL, else http://127.0.0.1:PORT).")
    var publicUrl: String?
    @Option(help: "Addresses that may read /metrics without signing in, e.g. 127.0.0.1,10.0.0.0/8 (default: $XUANREN_METRICS_FROM, else none: administrators only).")
    var metricsFrom: String?

    @Option(help: "Reports a day one client may send through the public report form (default: $XUANREN_REPORT_DAILY_LIMIT, else 5; 0: no limit).")
    var reportDailyLimit: Int?
    @Option(help: "Rehearsals and training only, with --demo: run as if today were YYYY-MM-DD (09:00 Asia/Shanghai), the clock running on from there, so that publicity and probation periods can be walked through. 演练用：以指定日期为今天。")
    var rehearsalDate: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var settings = AppSettings(database: database.location, keyPath: database.keyPath)
        settings.secureCookies = secureCookies || env["XUANREN_SECURE_COOKIES"] == "1"
        settings.checkpointEvery = checkpointEvery
        settings.checkpointSeconds = checkpointSeconds
        settings.rootDirectory = root ?? env["XUANREN_ROOT"]
        if let rehearsalDate {
            guard demo else { XuanrenCLI.fail(XuanrenCLI.language == .en ? "--rehearsal-date is for demo databases only (add --demo)" : "--rehearsal-date 只能用于演示数据库（请加 --demo）") }
            guard let day = CivilDay(rehearsalDate), day.description == rehearsalDate else {
                XuanrenCLI.fail(XuanrenCLI.language == .en ? "--rehearsal-date: write the date as 2025-09-30" : "--rehearsal-date：日期格式应为2025-09-30")
            }
            settings.clock = OffsetClock(startingAt: day)
        }
        do {
            settings.publicURL = try AppSettings.publicURL(publicUrl ?? env["XUANREN_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:\(port)")
            settings.metricsFrom = try AddressRange.list(metricsFrom ?? env["XUANREN_METRICS_FROM"] ?? "")
            settings.reportDailyLimit = max(0, reportDailyLimit ?? Int(env["XUANREN_REPORT_DAILY_LIMIT"] ?? "") ?? 5)
            try await XuanrenServer.run(settings: settings, host: host, port: port, demo: demo)
        } catch {
            XuanrenCLI.fail("\(error)")
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database tables. 升级数据库。")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        await XuanrenCLI.withStore(database, needKey: false) { _, runtime in
            print("migrations applied: \(runtime.location)")
        }
    }
}
