import ArgumentParser
import Foundation

@main
struct Xuanren: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xuanren",
        abstract: "选任 Xuanren — selection and appointment of leading cadres, with a tamper-evident record.",
        discussion: "数据库默认为 ./xuanren.sqlite；设置 DATABASE_URL=postgres://… 使用 PostgreSQL。\nThe database defaults to ./xuanren.sqlite; set DATABASE_URL=postgres://… for PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, TallyCommand.self, DrawCommand.self, Verify.self, CheckpointCommand.self, UserCommand.self, UnitCommand.self, CadreCommand.self, EligibleCommand.self, LedgerBench.self]
    )
}
