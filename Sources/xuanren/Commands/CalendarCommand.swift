import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// `xuanren calendar end`: the end of a publicity period (PUB-1) in working days or calendar days, with no database.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The working-day calendar of publicity periods (PUB-1). 工作日日历。",
        subcommands: [End.self])

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The last day of a period counted from the day after publication. 公示期截止日。",
            discussion: """
            Working days are Monday–Friday not off, plus make-up weekend workdays (调休上班), from the holiday calendar \
            (default: Resources/holidays/cn-state-council.json under $XUANREN_ROOT or the current folder). N calendar \
            days end on publication + N. Prints the end day, or with --json {"published", "ends", "days": [every counted day]}. \
            Exit 2 with one line when a needed year has no calendar data or an argument is malformed.
            """)

        // Values are read as text and checked here, so a malformed one is one line and exit 2 (the one mapping).
        @Option(help: ArgumentHelp("Publication day, YYYY-MM-DD.", valueName: "date")) var published: String?
        @Option(help: ArgumentHelp("Length in working days.", valueName: "n")) var workingDays: String?
        @Option(help: ArgumentHelp("Length in calendar days.", valueName: "n")) var calendarDays: String?
        @Option(help: ArgumentHelp("Holiday calendar file (xuanren.holiday-calendar/1).", valueName: "file")) var calendar: String?
        @Flag(help: "Print {\"published\", \"ends\", \"days\"} as JSON.") var json = false

        func run() throws {
            let period: CountedPeriod
            do {
                let day = try Self.day(published, field: "--published")
                switch (workingDays, calendarDays) {
                case (let w?, nil):
                    period = try loadCalendar().end(published: day, workingDays: try Self.count(w, field: "--working-days"))
                case (nil, let c?):
                    let n = try Self.count(c, field: "--calendar-days")
                    period = try calendar != nil ? loadCalendar().end(published: day, calendarDays: n) : HolidayCalendar.calendarDays(after: day, n)
                case (nil, nil):
                    throw InvalidInput(field: "--working-days", .described(zh: "须给出 --working-days 或 --calendar-days", en: "give --working-days or --calendar-days"))
                case (_?, _?):
                    throw InvalidInput(field: "--calendar-days", .described(zh: "不能与 --working-days 同时给出", en: "give it or --working-days, not both"))
                }
            } catch {
                XuanrenCLI.fail(for: error)
            }
            print(json ? period.json : period.ends.description)
        }

        static func day(_ text: String?, field: String) throws(InvalidInput) -> CivilDay {
            guard let text else { throw InvalidInput(field: field, .required) }
            guard let d = CivilDay(text) else {
                throw InvalidInput(field: field, .described(zh: "“\(text)”不是日期，应写为 YYYY-MM-DD", en: "“\(text)” is not a date; write YYYY-MM-DD"))
            }
            return d
        }

        static func count(_ text: String, field: String) throws(InvalidInput) -> Int {
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw InvalidInput(field: field, .described(zh: "“\(text)”不是整数", en: "“\(text)” is not a whole number"))
            }
            return n
        }

        /// The file given with --calendar (unreadable: bad input, exit 2), else the shipped one (missing: exit 1).
        func loadCalendar() throws -> HolidayCalendar {
            if let calendar {
                guard let data = FileManager.default.contents(atPath: calendar) else {
                    throw InvalidInput(field: "--calendar", .described(zh: "无法读取 \(calendar)", en: "cannot read \(calendar)"))
                }
                return try HolidayCalendar.parse([UInt8](data))
            }
            let root = ProcessInfo.processInfo.environment["XUANREN_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
            let resources = (root.hasSuffix("/") ? root : root + "/") + "Resources/"
            do {
                return try HolidayCalendar.load(resourcesDirectory: resources)
            } catch is InvalidInput {
                let path = resources + HolidayCalendar.shippedPath
                XuanrenCLI.fail(XuanrenCLI.language == .en
                    ? "cannot read the holiday calendar \(path) (set XUANREN_ROOT to the folder holding Resources/, or give --calendar)"
                    : "无法读取节假日安排文件 \(path)（请将 XUANREN_ROOT 设为 Resources/ 所在目录，或用 --calendar 指定）")
            }
        }
    }
}
