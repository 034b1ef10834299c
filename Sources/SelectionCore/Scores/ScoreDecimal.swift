/// An exact decimal with at most 4 places, as score sheets write scores, maxima, weights, `scale`, `ratio` and
/// `minScore` (`xuanren.scores/1`): the value × 10⁴ as an integer. Parsed straight from the JSON bytes, never
/// through a floating-point number.
public struct ScoreDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value × 10⁴.
    public var scaled: Int64

    public static let places = 4
    public static let unit: Int64 = 10_000

    public init(scaled: Int64) { self.scaled = scaled }
    /// A whole number (`ScoreDecimal(85)`).
    public init(_ whole: Int) { self.scaled = Int64(whole) * Self.unit }

    /// Reads `"82.5"`, `"85.12340"`, `"7"`; nil for anything else (more than 4 places that are not zeros, an
    /// exponent that leaves more than 4, a number too large).
    public init?(_ text: String) {
        var t = text
        let r = t.withUTF8 { ScoreDecimal.parse(UnsafeRawBufferPointer($0)) }
        guard case .value(let v) = r else { return nil }
        self = v
    }

    public static func < (a: ScoreDecimal, b: ScoreDecimal) -> Bool { a.scaled < b.scaled }

    public var isWhole: Bool { scaled % Self.unit == 0 }

    /// The shortest text: `82.5`, `86`, `0.0001`, `-3.25`.
    public var description: String {
        let neg = scaled < 0
        let m = scaled.magnitude
        let whole = m / UInt64(Self.unit)
        var frac = m % UInt64(Self.unit)
        var s = (neg ? "-" : "") + String(whole)
        if frac != 0 {
            var digits = 4
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }

    enum Parsed: Equatable {
        case value(ScoreDecimal)
        /// Not the JSON number grammar.
        case notANumber
        /// More than 4 decimal places that are not zeros.
        case tooManyPlaces
        case tooLarge
    }

    /// Parses the JSON number grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` exactly, into units of 10⁻⁴.
    static func parse(_ p: UnsafeRawBufferPointer) -> Parsed {
        let n = p.count
        var i = 0
        guard n > 0 else { return .notANumber }
        var negative = false
        if p[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        @inline(__always) func isDigit(_ j: Int) -> Bool { j < n && p[j] >= 0x30 && p[j] <= 0x39 }
        guard isDigit(i) else { return .notANumber }
        // the digits without trailing zeros (`mantissa`), the trailing zeros not yet multiplied in (`zeros`),
        // and how many digits stood after the point
        var mantissa: UInt64 = 0
        var zeros = 0
        var fraction = 0
        var overflow = false
        @inline(__always) func add(_ d: UInt64) {
            if d == 0 { zeros += 1; return }
            for _ in 0 ... zeros {
                let (a, o) = mantissa.multipliedReportingOverflow(by: 10)
                if o { overflow = true }
                mantissa = a
            }
            zeros = 0
            let (b, o) = mantissa.addingReportingOverflow(d)
            if o { overflow = true }
            mantissa = b
        }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return .notANumber }
        } else {
            while isDigit(i) { add(UInt64(p[i] - 0x30)); i += 1 }
        }
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return .notANumber }
            while isDigit(i) { add(UInt64(p[i] - 0x30)); fraction += 1; i += 1 }
        }
        var exponent = 0
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
            guard isDigit(i) else { return .notANumber }
            while isDigit(i) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] - 0x30) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return .notANumber }
        if overflow { return .tooLarge }
        if mantissa == 0 { return .value(ScoreDecimal(scaled: 0)) }
        // value = mantissa × 10^(zeros − fraction + exponent); scaled = value × 10⁴
        let power = zeros - fraction + exponent + places
        if power < 0 { return .tooManyPlaces }
        if power > 19 { return .tooLarge }
        var v = mantissa
        for _ in 0 ..< power {
            let (a, o) = v.multipliedReportingOverflow(by: 10)
            if o { return .tooLarge }
            v = a
        }
        guard v <= UInt64(Int64.max) else { return .tooLarge }
        return .value(ScoreDecimal(scaled: negative ? -Int64(v) : Int64(v)))
    }
}

/// Exact arithmetic for the two rounding points of `xuanren.scores/1`: non-negative rationals rounded half up.
enum ScoreMath {
    static let pow10: [Int64] = [1, 10, 100, 1_000, 10_000]

    /// `numerator / denominator` rounded half up to an integer (both ≥ 0, denominator > 0); nil on overflow.
    @inline(__always) static func roundHalfUp(_ numerator: Int128, _ denominator: Int128) -> Int64? {
        let (twice, o1) = numerator.multipliedReportingOverflow(by: 2)
        if o1 { return nil }
        let (top, o2) = twice.addingReportingOverflow(denominator)
        if o2 { return nil }
        let q = top / (denominator * 2)
        guard q <= Int128(Int64.max) else { return nil }
        return Int64(q)
    }

    /// `numerator × a × b / denominator` rounded half up (all ≥ 0, denominator > 0) in 64 bits; nil when anything
    /// overflows (the caller then computes in 128 bits, with the same result).
    @inline(__always) static func roundHalfUp64(_ numerator: Int64, _ a: Int64, _ b: Int64, _ denominator: Int64) -> Int64? {
        let (x, o1) = numerator.multipliedReportingOverflow(by: a)
        let (y, o2) = x.multipliedReportingOverflow(by: b)
        let (twice, o3) = y.multipliedReportingOverflow(by: 2)
        let (top, o4) = twice.addingReportingOverflow(denominator)
        let (d2, o5) = denominator.multipliedReportingOverflow(by: 2)
        if o1 || o2 || o3 || o4 || o5 { return nil }
        return top / d2
    }

    /// Σ weights[s] × scores[offset + s] / weightSum rounded half up in 64 bits; nil on overflow.
    @inline(__always) static func weightedMean64(_ weights: [Int64], _ scores: [Int64], _ offset: Int, _ weightSum: Int64) -> Int64? {
        var sum: Int64 = 0
        for s in 0 ..< weights.count {
            let (p, o1) = weights[s].multipliedReportingOverflow(by: scores[offset + s])
            let (q, o2) = sum.addingReportingOverflow(p)
            if o1 || o2 { return nil }
            sum = q
        }
        return roundHalfUp64(sum, 1, 1, weightSum)
    }

    /// `ceil(ratio × count)` for a ratio in units of 10⁻⁴; nil on overflow.
    static func ceilTimes(_ ratio: ScoreDecimal, _ count: Int) -> Int? {
        let (p, o) = Int128(ratio.scaled).multipliedReportingOverflow(by: Int128(count))
        if o { return nil }
        let q = (p + Int128(ScoreDecimal.unit) - 1) / Int128(ScoreDecimal.unit)
        guard q <= Int128(Int.max) else { return nil }
        return Int(q)
    }

    /// A value in units of 10^-decimals as text with exactly `decimals` places (`8650`, 2 → `"86.50"`).
    static func text(_ units: Int64, decimals: Int) -> String {
        let m = units.magnitude
        let d = UInt64(pow10[decimals])
        var s = units < 0 ? "-" : ""
        s += String(m / d)
        if decimals > 0 {
            let f = String(m % d)
            s += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return s
    }
}

extension ScoreDecimal {
    /// The value as a list would show it: rounded half up to `decimals` places (0–4), exactly that many written.
    /// Non-negative values (scores) only.
    public func text(decimals: Int) -> String {
        let units = ScoreMath.roundHalfUp(Int128(max(0, scaled)), Int128(ScoreMath.pow10[4 - decimals])) ?? 0
        return ScoreMath.text(units, decimals: decimals)
    }
}
