import Foundation
import SelectionCore

extension HolidayCalendar {
    /// The shipped calendar file, relative to the resources folder.
    public static let shippedPath = "holidays/cn-state-council.json"

    /// Reads the shipped calendar (`Resources/holidays/cn-state-council.json`); a missing or malformed file is an
    /// error at start-up, not a guess later.
    public static func load(resourcesDirectory: String) throws -> HolidayCalendar {
        let path = (resourcesDirectory.hasSuffix("/") ? resourcesDirectory : resourcesDirectory + "/") + shippedPath
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput(field: "calendar", .described(zh: "无法读取节假日安排文件 \(path)", en: "cannot read the holiday calendar \(path)"))
        }
        return try parse([UInt8](data))
    }
}
