import Foundation

/// A calendar day on the Asia/Shanghai calendar (the dates of notices, publicity periods and stages).
/// Stored as the number of days since 1970-01-01; China has kept UTC+8 without daylight saving since 1991.
public struct CivilDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init?(year: Int, month: Int, day: Int) {
        guard (1900 ... 2200).contains(year), (1 ... 12).contains(month), day >= 1, day <= YearMonth.days(in: month, of: year) else { return nil }
        // days from civil (proleptic Gregorian), after H. Hinnant's algorithm
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// "2026-05-08" (also "2026/5/8" and "2026.05.08").
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day at `seconds` since 1970 (UTC) in Asia/Shanghai.
    public init(epochSeconds seconds: Int64) {
        let local = seconds + 8 * 3600
        daysSinceEpoch = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var yearMonth: YearMonth { let c = components; return YearMonth(year: c.year, month: c.month) }
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((daysSinceEpoch % 7 + 7) % 7 + 3) % 7 + 1 }
    public func adding(days n: Int) -> CivilDay { CivilDay(daysSinceEpoch: daysSinceEpoch + n) }
    public func days(until other: CivilDay) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (a: CivilDay, b: CivilDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        let c = components
        return "\(c.year)-" + (c.month < 10 ? "0" : "") + "\(c.month)-" + (c.day < 10 ? "0" : "") + "\(c.day)"
    }

    /// “2026年5月8日” or “8 May 2026”.
    public func text(in language: Language) -> String {
        let c = components
        if language == .zhHans { return "\(c.year)年\(c.month)月\(c.day)日" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CivilDay(s) else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)")) }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
