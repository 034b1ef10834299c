import Foundation
import Testing
@testable import XuanrenWeb

/// The dashboards' SVG charts, tables and CSV (CAS-1 statistics, CHK-4 findings, SUR-3 indices, SUR-4 shares).
@Suite("Charts")
struct ChartsTests {
    /// Every `attribute="…"` of the elements whose opening tag contains `marker`, in document order.
    func attribute(_ name: String, of marker: String, in svg: String) -> [Double] {
        svg.components(separatedBy: "<").filter { $0.contains(marker) }.compactMap { tag in
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    func texts(_ cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "<text ").filter { $0.contains("class=\"\(cls)\"") }.map { t in
            let content = t[t.index(after: t.firstIndex(of: ">")!)...]
            return String((content.hasPrefix("<title>") ? content[content.range(of: "</title>")!.upperBound...] : content).prefix { $0 != "<" })
        }
    }

    let monthly = ChartData(title: "信访举报件数", categories: ["1月", "2月", "3月"],
                            series: [ChartSeries("来信", counts: [3, 5, 2]), ChartSeries("网络", counts: [4, 0, 6])], categoryTitle: "月份")

    @Test("SVG shell: role, title, desc, viewBox at 100% width, CJK font stack, legend and textures")
    func shell() {
        let svg = BarChart().svg(monthly)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\" width=\"100%\" role=\"img\""))
        #expect(svg.contains("<title id=\"") && svg.contains(">信访举报件数</title>"))
        #expect(svg.contains("<desc id=\"") && svg.contains("1月：来信 3，网络 4；2月"))
        #expect(svg.contains("font-family=\"&quot;Noto Sans CJK SC&quot;, &quot;Source Han Sans SC&quot;, sans-serif\""))
        #expect(texts("legend", in: svg) == ["来信", "网络"])
        // the second series is textured (greyscale), the first solid
        #expect(svg.contains("<pattern id=\"\(monthly.idPrefix)-p1\""))
        #expect(svg.contains("fill=\"#0072B2\"") && svg.contains("fill=\"url(#\(monthly.idPrefix)-p1)\""))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test("every text is XML-escaped: <script> and & in title, categories, series, reference, table and CSV")
    func escaping() {
        let evil = ChartData(title: "<script>alert(1)</script> & co", categories: ["A&B", "<script>x</script>"],
                             series: [ChartSeries("\"s\" & 's'", counts: [1, 2])], categoryTitle: "<b>unit</b>",
                             reference: ReferenceLine(1, label: "<i>target</i> & more"))
        for out in [BarChart().svg(evil), BarChart(orientation: .horizontal).svg(evil), LineChart().svg(evil), ChartTable.html(evil)] {
            #expect(!out.contains("<script"))
            #expect(!out.contains("<b>") && !out.contains("<i>"))
            #expect(out.contains("&lt;script&gt;"))
            #expect(out.contains("A&amp;B"))
            #expect(!out.contains("A&B"))
        }
        #expect(BarChart().svg(evil).contains("&quot;s&quot; &amp; &#39;s&#39;"))
        #expect(ChartCanvas.text("a\u{1}b", x: 0, y: 0).contains("a\u{FFFD}b"))   // control characters are not XML
        #expect(CSV.write(evil).hasPrefix("<b>unit</b>,\"\"\"s\"\" & 's'\"\r\nA&B,1\r\n"))
    }

    @Test("no data: the message instead of a chart, no axis, no division by zero")
    func empty() {
        let cases = [ChartData(title: "t", categories: [], series: []),
                     ChartData(title: "t", categories: ["a", "b"], series: [ChartSeries("s", [nil, nil])]),
                     ChartData(title: "t", categories: ["a"], series: [], noDataText: "No data")]
        for d in cases {
            #expect(d.isEmpty)
            for svg in [BarChart().svg(d), BarChart(orientation: .horizontal, stacked: true).svg(d), LineChart().svg(d)] {
                #expect(svg.contains("class=\"no-data\""))
                #expect(!svg.contains("class=\"bar\"") && !svg.contains("class=\"tick\""))
                #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
            }
            #expect(ChartTable.html(d).contains("class=\"no-data\""))
        }
        #expect(BarChart().svg(cases[0]).contains(">暂无数据 / No data</text>"))
        #expect(LineChart().svg(cases[2]).contains(">No data</text>"))
    }

    @Test("all zeros: an axis from 0 to 1, bars of height zero with their labels")
    func zeros() {
        let d = ChartData(title: "t", categories: ["a", "b"], series: [ChartSeries("s", counts: [0, 0])])
        let svg = BarChart().svg(d)
        #expect(attribute("height", of: "class=\"bar\"", in: svg) == [0, 0])
        #expect(texts("tick", in: svg) == ["0", "1"])
        #expect(texts("value", in: svg) == ["0", "0"])
        #expect(!svg.lowercased().contains("nan"))
        let line = LineChart().svg(d)
        #expect(!line.lowercased().contains("nan") && line.contains("class=\"line\""))
    }

    @Test("a single value: one bar reaching its tick, one label")
    func single() {
        let d = ChartData(title: "t", categories: ["县委组织部"], series: [ChartSeries("满意度", [Decimal(string: "83.4")!])], decimals: 1)
        let svg = BarChart().svg(d)
        #expect(attribute("height", of: "class=\"bar\"", in: svg).count == 1)
        #expect(texts("value", in: svg) == ["83.4"])
        #expect(texts("tick", in: svg) == ["0.0", "20.0", "40.0", "60.0", "80.0", "100.0"])
        #expect(ChartTable.html(d).contains("<td>83.4</td>"))
    }

    @Test("ticks at 1-2-5 steps, whole numbers for counts, the maximum always covered")
    func ticks() {
        func scale(_ m: String, _ integral: Bool) -> (String, String) {
            let s = NiceScale(maximum: Decimal(string: m)!, integral: integral)
            return (s.step.description, s.top.description)
        }
        #expect(scale("7", true) == ("2", "8"))
        #expect(scale("10", true) == ("2", "10"))
        #expect(scale("100", true) == ("20", "100"))
        #expect(scale("83.4", false) == ("20", "100"))
        #expect(scale("33.3", false) == ("10", "40"))
        #expect(scale("0.4", false) == ("0.1", "0.4"))
        #expect(scale("0.3", false) == ("0.1", "0.3"))
        #expect(scale("1", true) == ("1", "1"))
        #expect(scale("3", true) == ("1", "3"))
        #expect(scale("0", true) == ("1", "1"))
        #expect(scale("1234", true) == ("500", "1500"))
        #expect(NiceScale(maximum: 7, integral: true).ticks == [0, 2, 4, 6, 8])
        // the reference line counts in the maximum: target 80 over values ≤ 50
        let d = ChartData(title: "t", categories: ["a"], series: [ChartSeries("s", counts: [50])], reference: ReferenceLine(80, label: "目标"))
        #expect(texts("tick", in: BarChart().svg(d)).last == "80")
    }

    @Test("same data, same bytes; charts with different data get different ids")
    func deterministic() {
        #expect(BarChart().svg(monthly) == BarChart().svg(monthly))
        #expect(LineChart().svg(monthly) == LineChart().svg(monthly))
        #expect(CSV.write(monthly, bom: true) == CSV.write(monthly, bom: true))
        var other = monthly
        other.title = "其他"
        #expect(other.idPrefix != monthly.idPrefix)
        other.id = "sur-4 <x>"
        #expect(other.idPrefix == "csur-4x")
    }

    @Test("bar lengths are proportional to the values, vertical and horizontal")
    func proportional() throws {
        let d = ChartData(title: "t", categories: ["a", "b", "c"], series: [ChartSeries("s", counts: [10, 20, 40])])
        let hs = attribute("height", of: "class=\"bar\"", in: BarChart().svg(d))
        #expect(hs.count == 3)
        #expect(abs(hs[1] - 2 * hs[0]) <= 0.2 && abs(hs[2] - 4 * hs[0]) <= 0.3, "\(hs)")
        let ws = attribute("width", of: "class=\"bar\"", in: BarChart(orientation: .horizontal).svg(d))
        #expect(abs(ws[1] - 2 * ws[0]) <= 0.2 && abs(ws[2] - 4 * ws[0]) <= 0.3, "\(ws)")   // each rounded to 0.1 px
        #expect(texts("value", in: BarChart().svg(d)) == ["10", "20", "40"])
    }

    @Test("stacked bars: segments add up to the total, which is labelled; zero segments are skipped")
    func stacked() {
        let svg = BarChart(stacked: true).svg(monthly)
        #expect(texts("total", in: svg) == ["7", "5", "8"])
        let hs = attribute("height", of: "class=\"bar\"", in: svg)
        #expect(hs.count == 5)   // 2月's 网络 is 0
        let ys = attribute("y", of: "class=\"bar\"", in: svg)
        // in 1月 the second segment sits on the first
        #expect(abs(ys[1] + hs[1] - ys[0]) <= 0.11)
        let totals = [hs[0] + hs[1], hs[2], hs[3] + hs[4]]
        #expect(abs(totals[0] / totals[2] - 7.0 / 8.0) < 0.01 && abs(totals[1] / totals[2] - 5.0 / 8.0) < 0.01)
        #expect(monthly.totals == [7, 5, 8])
        #expect(ChartTable.html(monthly, totals: true, totalTitle: "合计").contains("<th scope=\"row\">1月</th><td>3</td><td>4</td><td>7</td>"))
        #expect(texts("total", in: BarChart(orientation: .horizontal, stacked: true).svg(monthly)) == ["7", "5", "8"])
    }

    @Test("long category labels are cut with … and keep the full text in <title>")
    func truncation() {
        let long = "中共某某县委某某工作委员会办公室综合科"
        let d = ChartData(title: "t", categories: [long] + (1 ... 11).map { "单位\($0)" }, series: [ChartSeries("s", counts: Array(1 ... 12))])
        let svg = BarChart().svg(d)
        #expect(svg.contains("<title>\(long)</title>"))
        let shown = texts("category", in: svg)[0]
        #expect(shown.hasSuffix("…") && shown.count < long.count)
        #expect(BarChart(orientation: .horizontal).svg(d).contains("<title>\(long)</title>"))
    }

    @Test("a target line, dashed and labelled, with its row in the table (SUR-4's 1/3)")
    func reference() {
        let d = ChartData(title: "竞争性选拔比例", categories: ["2024", "2025"],
                          series: [ChartSeries("县直", [Decimal(string: "28.6")!, 40])],
                          reference: ReferenceLine(Decimal(string: "33.3")!, label: "目标 1/3"), decimals: 1, unit: "%")
        let svg = BarChart().svg(d)
        #expect(svg.contains("class=\"reference\"") && svg.contains("stroke-dasharray=\"5 3\""))
        #expect(texts("value", in: svg).contains("目标 1/3 33.3%"))
        #expect(texts("value", in: svg).contains("28.6%"))
        #expect(ChartTable.html(d).contains("<tfoot><tr><th scope=\"row\">目标 1/3</th><td colspan=\"1\">33.3%</td></tr></tfoot>"))
        #expect(LineChart().svg(d).contains("class=\"reference\""))
    }

    @Test("negative values are clamped to zero; decimals are rounded half-up in labels")
    func clampAndRound() {
        #expect(ChartSeries("s", [-5, 3]).values == [0, 3])
        #expect(ChartFormat.number(Decimal(string: "83.35")!, decimals: 1) == "83.4")
        #expect(ChartFormat.number(80, decimals: 1) == "80.0")
        #expect(ChartFormat.number(Decimal(string: "0.05")!, decimals: 1) == "0.1")
        #expect(ChartFormat.coord(-0.04) == "0" && ChartFormat.coord(-0.5) == "-0.5" && ChartFormat.coord(12.25) == "12.3")
    }

    @Test("line chart: a path per series broken at gaps, markers differ by series")
    func lines() {
        let d = ChartData(title: "t", categories: ["1", "2", "3", "4"],
                          series: [ChartSeries("a", [1, nil, 3, 4]), ChartSeries("b", counts: [2, 2, 2, 2])])
        let svg = LineChart().svg(d)
        let paths = svg.components(separatedBy: "<path class=\"line\" d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(paths.count == 2)
        #expect(paths[0].filter { $0 == "M" }.count == 2 && paths[1].filter { $0 == "M" }.count == 1)
        #expect(svg.contains("<circle class=\"point\"") && svg.contains("<rect class=\"point\""))
        #expect(svg.contains("stroke-dasharray=\"6 3\""))
        #expect(texts("value", in: svg).count == 7)
    }

    @Test("CSV: RFC 4180 quoting, CRLF, optional BOM, formulas defused")
    func csv() {
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("he said \"hi\"") == "\"he said \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("plain 中文") == "plain 中文")
        #expect(CSV.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSV.field("=SUM(A1)", guardFormulas: false) == "=SUM(A1)")
        #expect(CSV.write([["a", "b"], ["1", ""]]) == "a,b\r\n1,\r\n")
        let withBOM = CSV.write(monthly, bom: true)
        #expect(Array(withBOM.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(withBOM.dropFirst() == "月份,来信,网络\r\n1月,3,4\r\n2月,5,0\r\n3月,2,6\r\n")
        let d = ChartData(title: "t", categories: ["a"], series: [ChartSeries("s", [Decimal(string: "0.333")!])],
                          reference: ReferenceLine(1, label: "目标"), decimals: 2)
        #expect(CSV.write(d) == ",s\r\na,0.33\r\n目标,1.00\r\n")
    }

    /// `CHART_SAMPLES=/tmp/charts swift test` writes sample SVGs to look at.
    @Test("samples") func samples() throws {
        guard let dir = ProcessInfo.processInfo.environment["CHART_SAMPLES"] else { return }
        let units = ["县委办公室", "县政府办公室", "县发展和改革局（县粮食和物资储备局）", "县财政局", "县教育局"]
        let sat = ChartData(title: "满意度指数", categories: units,
                            series: [ChartSeries("2024", ["82.5", "78.1", "90.0", "85.2", "79.9"].map { Decimal(string: $0) }),
                                     ChartSeries("2025", ["84.0", "81.3", "88.8", "86.0", "76.4"].map { Decimal(string: $0) })],
                            categoryTitle: "单位", reference: ReferenceLine(80, label: "整改线"), decimals: 1)
        let kinds = ChartData(title: "检查发现问题", categories: ["程序不规范", "超职数配备", "档案审核不严", "破格提拔未报告"],
                              series: [ChartSeries("件数", counts: [12, 3, 7, 1])])
        let months = ChartData(title: "举报件数", categories: (1 ... 12).map { "2025-\($0 < 10 ? "0" : "")\($0)" },
                               series: ["电话", "网络", "来信来访"].enumerated().map { i, n in ChartSeries(n, counts: (1 ... 12).map { ($0 * (i + 3)) % 7 }) })
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, svg) in [("grouped", BarChart().svg(sat)), ("horizontal", BarChart(orientation: .horizontal).svg(kinds)),
                            ("stacked", BarChart(stacked: true).svg(months)), ("line", LineChart().svg(months)),
                            ("empty", BarChart().svg(ChartData(title: "t", categories: [], series: [])))] {
            try svg.write(toFile: "\(dir)/\(name).svg", atomically: true, encoding: .utf8)
        }
    }
}
