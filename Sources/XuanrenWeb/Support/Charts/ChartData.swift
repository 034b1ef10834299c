import Foundation

// Server-side charts for the supervisors' dashboards (CAS-1 statistics, CHK-4 findings, SUR-3 indices, SUR-4 shares):
// a `ChartData` drawn by `BarChart` or `LineChart` as one self-contained `<svg>` (no script, no external file), with
// the same figures as an HTML table (`ChartTable`) and a CSV download (`CSV`). Output is deterministic: the same data
// gives the same bytes, so pages can be snapshot-tested and cached.

/// One named series: one value per category of its chart, `nil` where there is no figure.
/// Values are counts or exact decimals (an index of 83.4, a share of 33.3). Negative values are **clamped to zero**
/// when the series is made (and NaN becomes `nil`): the dashboards show counts, indices and shares, none negative,
/// so the chart, its table and its CSV all show the clamped figure.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public private(set) var values: [Decimal?]

    public init(_ name: String, _ values: [Decimal?]) {
        self.name = name
        self.values = values.map { v in v.flatMap { $0.isNaN ? nil : max($0, 0) } }
    }

    public init(_ name: String, counts: [Int]) { self.init(name, counts.map { Decimal($0) }) }
}

/// A horizontal (or, in a horizontal bar chart, vertical) dashed line at a target such as “80” or “1/3”.
public struct ReferenceLine: Sendable, Equatable {
    public var value: Decimal
    public var label: String
    public init(_ value: Decimal, label: String) { self.value = max(value, 0); self.label = label }
}

/// What a chart shows: categories along one axis, one or more named series, an optional reference line.
/// A series shorter than `categories` has no figure for the rest; values past the last category are ignored.
public struct ChartData: Sendable, Equatable {
    public var title: String
    /// The `<desc>` of the SVG; empty → the figures in words, generated from the data.
    public var summary: String
    /// Header of the category column in the table and the CSV (“月份”, “单位”).
    public var categoryTitle: String
    public var categories: [String]
    public var series: [ChartSeries]
    public var reference: ReferenceLine?
    /// Digits after the point in value labels, the table and the CSV (rounded half-up).
    public var decimals: Int
    /// Written after each value label (“%”, “件”); not in the table cells or the CSV.
    public var unit: String
    /// Shown instead of a chart when there is no figure (the caller passes the page language's text).
    public var noDataText: String
    /// Prefix of the ids inside the SVG (patterns, title); nil → derived from the data, so two charts on a page differ.
    public var id: String?

    public init(title: String, categories: [String], series: [ChartSeries], categoryTitle: String = "",
                reference: ReferenceLine? = nil, decimals: Int = 0, unit: String = "", summary: String = "",
                noDataText: String = "暂无数据 / No data", id: String? = nil) {
        self.title = title; self.categories = categories; self.series = series; self.categoryTitle = categoryTitle
        self.reference = reference; self.decimals = max(0, min(decimals, 6)); self.unit = unit; self.summary = summary
        self.noDataText = noDataText; self.id = id
    }

    public func value(series s: Int, category c: Int) -> Decimal? {
        c < series[s].values.count ? series[s].values[c] : nil
    }

    /// True when there is nothing to draw: no category, no series, or no value at all.
    public var isEmpty: Bool {
        !series.indices.contains { s in categories.indices.contains { value(series: s, category: $0) != nil } }
    }

    /// The sum of the series in each category (the height of a stacked bar).
    public var totals: [Decimal] {
        categories.indices.map { c in series.indices.reduce(Decimal(0)) { $0 + (value(series: $1, category: c) ?? 0) } }
    }

    /// Whether every value is a whole number (counts): ticks are then whole numbers too.
    var integral: Bool {
        series.allSatisfy { $0.values.allSatisfy { v in v.map { ChartFormat.rounded($0, 0) == $0 } ?? true } }
    }

    func maximum(stacked: Bool) -> Decimal {
        let values = stacked ? totals : series.flatMap { $0.values.prefix(categories.count).compactMap { $0 } }
        return max(values.max() ?? 0, reference?.value ?? 0)
    }

    func label(_ v: Decimal) -> String { ChartFormat.number(v, decimals: decimals) + unit }

    /// The reference line's label: “目标 33.3%”.
    var referenceText: String? {
        reference.map { $0.label.isEmpty ? label($0.value) : "\($0.label) \(label($0.value))" }
    }

    /// `<desc>`: the summary, or every figure in words (“A：系列1 3，系列2 5；B：…”).
    var summaryText: String {
        if !summary.isEmpty { return summary }
        let rows = categories.indices.map { c in
            categories[c] + "：" + series.indices.map { s in
                series[s].name + " " + (value(series: s, category: c).map(label) ?? "—")
            }.joined(separator: "，")
        }
        let ref = reference.map { ["\($0.label) \(label($0.value))"] } ?? []
        return (rows + ref).joined(separator: "；")
    }

    /// A prefix for ids inside the SVG: the caller's id (letters, digits, - and _ kept), else a hash of the data.
    var idPrefix: String {
        if let id, !id.isEmpty { return "c" + String(id.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_") }.map(Character.init)) }
        var h: UInt32 = 2_166_136_261   // FNV-1a, stable across runs (unlike `Hasher`)
        for b in ([title] + categories + series.map(\.name)).joined(separator: "\u{1F}").utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return "c" + String(h, radix: 16)
    }
}

/// Axis ticks at 1-2-5 steps (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) from zero to the first tick at or above the maximum.
public struct NiceScale: Sendable, Equatable {
    public var step: Decimal
    public var top: Decimal
    public var ticks: [Decimal] {
        var t: [Decimal] = [0], v = Decimal(0)
        while v < top { v += step; t.append(v) }
        return t
    }

    /// - Parameters:
    ///   - maximum: the largest value to show (zero or none: an axis from 0 to 1).
    ///   - integral: counts — the step is never below 1.
    ///   - targetTicks: about how many intervals.
    public init(maximum: Decimal, integral: Bool, targetTicks: Int = 5) {
        let m = maximum > 0 ? NSDecimalNumber(decimal: maximum).doubleValue : 1
        let raw = m / Double(max(1, targetTicks))
        var exponent = Int(floor(log10(raw)))
        let residual = raw / pow(10, Double(exponent))
        var nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        if nice == 10 { nice = 1; exponent += 1 }
        var step = Decimal(sign: .plus, exponent: exponent, significand: Decimal(nice))
        if integral, step < 1 { step = 1 }
        // the number of steps, exactly: maximum / step rounded up (at least one)
        var q = (maximum > 0 ? maximum : 1) / step, n = Decimal()
        NSDecimalRound(&n, &q, 0, .up)
        self.step = step
        self.top = step * max(n, 1)
    }
}

enum ChartFormat {
    static func rounded(_ d: Decimal, _ decimals: Int) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, decimals, .plain)   // half-up (away from zero; values here are ≥ 0)
        return r
    }

    /// `83.35` with 1 decimal → “83.4”; `80` → “80.0”. Locale-free.
    static func number(_ d: Decimal, decimals: Int) -> String {
        let s = rounded(d, decimals).description
        guard decimals > 0 else { return s }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let frac = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + frac + String(repeating: "0", count: max(0, decimals - frac.count))
    }

    /// A coordinate to one decimal place, the same bytes on every platform.
    static func coord(_ x: Double) -> String {
        let i = Int((x * 10).rounded()), a = abs(i)
        return (i < 0 ? "-" : "") + "\(a / 10)" + (a % 10 == 0 ? "" : ".\(a % 10)")
    }

    /// Text for XML and HTML, element content and quoted attributes alike.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}" ..< "\u{9}", "\u{B}", "\u{C}", "\u{E}" ..< "\u{20}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"   // not allowed in XML
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Estimated width in px: CJK and other wide characters 1 em, ASCII 0.55 em, the rest 0.6 em.
    static func width(_ s: String, fontSize: Double) -> Double {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1 : $1.isASCII ? 0.55 : 0.6) } * fontSize
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        (0x1100 ... 0x115F).contains(u.value) || (0x2E80 ... 0xA4CF).contains(u.value) || (0xAC00 ... 0xD7A3).contains(u.value)
            || (0xF900 ... 0xFAFF).contains(u.value) || (0xFE30 ... 0xFE4F).contains(u.value) || (0xFF00 ... 0xFF60).contains(u.value)
            || (0xFFE0 ... 0xFFE6).contains(u.value) || (0x20000 ... 0x3FFFD).contains(u.value)
    }

    /// `s` cut to fit `maxWidth` with “…”, or `s` itself when it fits.
    static func truncated(_ s: String, maxWidth: Double, fontSize: Double) -> String {
        guard width(s, fontSize: fontSize) > maxWidth else { return s }
        var out = "", used = fontSize   // room for the ellipsis
        for ch in s {
            let w = width(String(ch), fontSize: fontSize)
            if used + w > maxWidth { break }
            out.append(ch); used += w
        }
        return out + "…"
    }
}
