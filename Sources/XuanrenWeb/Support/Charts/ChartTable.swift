import Foundation

/// A chart's figures as an HTML `<table>`: the accessible, printable twin of the SVG. Every text is escaped.
public enum ChartTable {
    /// - Parameters:
    ///   - totals: add a column with each category's total (stacked charts), headed `totalTitle`.
    ///   - Returns: `<table class="chart-table">` with a caption, a header row, one row per category, and the
    ///     reference line (if any) in the footer; with no figure, one row saying `noDataText`.
    public static func html(_ data: ChartData, totals: Bool = false, totalTitle: String = "合计 / Total") -> String {
        let e = ChartFormat.escape
        let rows = CSV.rows(data, totals: totals, totalTitle: totalTitle)
        var out = "<table class=\"chart-table\"><caption>\(e(data.title))</caption>\n<thead><tr>"
            + rows[0].map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        if data.isEmpty {
            out += "<tr><td colspan=\"\(rows[0].count)\" class=\"no-data\">\(e(data.noDataText))</td></tr>\n"
        } else {
            for r in rows.dropFirst().prefix(data.categories.count) {
                out += "<tr><th scope=\"row\">\(e(r[0]))</th>" + r.dropFirst().map { "<td>\($0.isEmpty ? "—" : e($0))</td>" }.joined() + "</tr>\n"
            }
        }
        out += "</tbody>\n"
        if let ref = data.reference {
            out += "<tfoot><tr><th scope=\"row\">\(e(ref.label))</th><td colspan=\"\(max(1, rows[0].count - 1))\">\(e(data.label(ref.value)))</td></tr></tfoot>\n"
        }
        return out + "</table>"
    }
}

/// CSV per RFC 4180: fields holding a comma, a quote, CR or LF are quoted with quotes doubled; lines end in CRLF.
/// `bom` puts a UTF-8 byte-order mark first, which Excel and WPS need to read Chinese text as UTF-8.
/// A field starting with =, +, -, @, tab or CR gets a leading ' (as `CadreTable.csv` does) so that a spreadsheet
/// shows it instead of running it as a formula; the charts' figures are never negative, so no number is touched.
public enum CSV {
    public static func field(_ s: String, guardFormulas: Bool = true) -> String {
        var v = s
        if guardFormulas, let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func write(_ rows: [[String]], bom: Bool = false, guardFormulas: Bool = true) -> String {
        (bom ? "\u{FEFF}" : "") + rows.map { $0.map { field($0, guardFormulas: guardFormulas) }.joined(separator: ",") + "\r\n" }.joined()
    }

    /// The chart as CSV: a header row (`categoryTitle`, the series, the total), one row per category, the reference line.
    public static func write(_ data: ChartData, bom: Bool = false, totals: Bool = false, totalTitle: String = "合计 / Total") -> String {
        write(rows(data, totals: totals, totalTitle: totalTitle), bom: bom)
    }

    /// The cells shared by the CSV and the HTML table; a missing value is an empty cell.
    public static func rows(_ data: ChartData, totals: Bool = false, totalTitle: String = "合计 / Total") -> [[String]] {
        let number = { (v: Decimal) in ChartFormat.number(v, decimals: data.decimals) }
        var rows = [[data.categoryTitle] + data.series.map(\.name) + (totals ? [totalTitle] : [])]
        let sums = data.totals
        for (c, name) in data.categories.enumerated() {
            rows.append([name] + data.series.indices.map { data.value(series: $0, category: c).map(number) ?? "" } + (totals ? [number(sums[c])] : []))
        }
        if let ref = data.reference { rows.append([ref.label, number(ref.value)] + Array(repeating: "", count: max(0, rows[0].count - 2))) }
        return rows
    }
}
