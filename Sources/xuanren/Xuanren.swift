import ArgumentParser
import Foundation
import SelectionCore
import XuanrenWeb

@main
struct Xuanren: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xuanren",
        abstract: "选任 Xuanren — selection and appointment of leading cadres, with a tamper-evident record.",
        discussion: "数据库默认为 ./xuanren.sqlite；设置 DATABASE_URL=postgres://… 使用 PostgreSQL。\nThe database defaults to ./xuanren.sqlite; set DATABASE_URL=postgres://… for PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, TallyCommand.self, ScoreCommand.self, DrawCommand.self, Verify.self, CheckpointCommand.self, LedgerCommand.self, UserCommand.self, UnitCommand.self, CadreCommand.self, EligibleCommand.self, MatterCommand.self, CheckCommand.self, SampleCommand.self, CalendarCommand.self, LedgerBench.self]
    )

    /// `serve` runs Swift tasks on the server's own event loops (no thread hop per await between the
    /// network and the handlers); this has to happen on the main thread before any other task runs.
    static func main() async {
        if ScoreCommand.fastPath(Array(CommandLine.arguments.dropFirst())) { return }
        if CommandLine.arguments.dropFirst().first == "serve" { XuanrenServer.runTasksOnEventLoops() }
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand { try await command.run() } else { try command.run() }
        } catch let e as any UserFacingError {
            XuanrenCLI.fail(for: e)   // a refusal a command did not handle itself: its message and its kind's exit code
        } catch {
            exit(withError: error)
        }
    }
}
