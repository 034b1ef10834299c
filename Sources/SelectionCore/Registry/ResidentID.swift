/// A citizen identity number (居民身份证号码, GB 11643-1999): 17 digits and a check character.
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int), notDigits, badBirthDate, checkFailed
        public func message(in language: Language) -> String {
            switch (self, language) {
            case (.wrongLength(let n), .zhHans): "身份证号码应为18位（现为\(n)位）"
            case (.wrongLength(let n), .en): "an identity number has 18 characters (this one has \(n))"
            case (.notDigits, .zhHans): "身份证号码前17位应为数字，末位为数字或X"
            case (.notDigits, .en): "the first 17 characters must be digits, the last a digit or X"
            case (.badBirthDate, .zhHans): "身份证号码中的出生日期无效"
            case (.badBirthDate, .en): "the birth date inside the identity number is not a valid date"
            case (.checkFailed, .zhHans): "身份证号码校验码不符，请核对"
            case (.checkFailed, .en): "the check character does not match; please check the number"
            }
        }
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    public init(_ raw: String) throws(Problem) {
        let s = raw.uppercased().filter { $0 != " " }
        guard s.count == 18 else { throw .wrongLength(s.count) }
        let chars = Array(s)
        let digits = chars.prefix(17).compactMap { $0.wholeNumberValue }
        guard digits.count == 17, chars[17].isNumber || chars[17] == "X" else { throw .notDigits }
        let y = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        let m = digits[10] * 10 + digits[11], d = digits[12] * 10 + digits[13]
        guard (1900 ... 2100).contains(y), (1 ... 12).contains(m), (1 ... YearMonth.days(in: m, of: y)).contains(d) else { throw .badBirthDate }
        let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard Self.checkCharacters[sum % 11] == chars[17] else { throw .checkFailed }
        value = s
    }

    /// The check character for 17 digits (to make valid test and demo numbers).
    public static func checkCharacter(for digits: String) -> String {
        let d = digits.compactMap(\.wholeNumberValue)
        return String(checkCharacters[zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11])
    }

    /// The birth month written in the number (REG-4 compares it with the file).
    public var birthMonth: YearMonth {
        let c = Array(value).compactMap(\.wholeNumberValue)
        return YearMonth(year: c[6] * 1000 + c[7] * 100 + c[8] * 10 + c[9], month: c[10] * 10 + c[11])
    }

    /// Masked for those who may not see it: `110105********1234`.
    public var masked: String { String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4)) }
    public var description: String { masked }
}

/// A calendar month (年月), the precision of a cadre file: birth, party membership, work start, posts.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) { self.year = year; self.month = month }

    /// "1980-06" or "1980.06".
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).compactMap { Int($0) }
        guard parts.count >= 2, (1 ... 12).contains(parts[1]), (1900 ... 2100).contains(parts[0]) else { return nil }
        year = parts[0]; month = parts[1]
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var description: String { "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
    public var index: Int { year * 12 + month - 1 }

    /// Whole years from `self` to `date`, counting by month (an age reaches N in the birth month).
    public func wholeYears(until date: YearMonth) -> Int {
        let months = date.index - index
        return months >= 0 ? months / 12 : -((-months + 11) / 12)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
