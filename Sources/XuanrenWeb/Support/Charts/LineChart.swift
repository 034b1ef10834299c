import Foundation

/// One line per series across the categories (months, years); a missing value breaks the line. Series differ by
/// colour, dash pattern and marker shape (circle, square, triangle, diamond), so they survive a greyscale print.
public struct LineChart: Sendable {
    public var width: Double
    public var height: Double

    public init(width: Double = 640, height: Double = 360) { self.width = max(width, 200); self.height = max(height, 160) }

    public func svg(_ data: ChartData) -> String {
        guard !data.isEmpty else { return ChartCanvas.empty(data, width: width, height: height) }
        let n = data.categories.count
        let legendHeight = ChartCanvas.legendLayout(data.series.map(\.name), width: width).height
        let scale = NiceScale(maximum: data.maximum(stacked: false), integral: data.integral)
        let tickWidth = scale.ticks.map { ChartFormat.width(ChartFormat.number($0, decimals: max(data.decimals, 2)), fontSize: 11) }.max() ?? 20
        let frame = ChartFrame(left: 10 + tickWidth, top: legendHeight + 18, right: ChartFrame.right(data, width: width), bottom: height - 28,
                               horizontal: false, scale: scale, count: n)
        var c = ChartCanvas(width: width, height: height, data: data)
        c.legend(data.series.map(\.name)) { c, s, x, y in
            c.add(Self.stroke(s, "M\(ChartFormat.coord(x)),\(ChartFormat.coord(y + 7))h14"))
            c.add(Self.marker(s, x: x + 7, y: y + 7))
        }
        frame.drawAxes(data, on: &c)
        for s in data.series.indices {
            var path = "", points: [(x: Double, y: Double, v: Decimal, c: Int)] = [], gap = true
            for ci in 0 ..< n {
                guard let v = data.value(series: s, category: ci) else { gap = true; continue }
                let b = frame.band(ci), x = b.start + b.width / 2, y = frame.pos(v)
                path += (gap ? "M" : "L") + "\(ChartFormat.coord(x)),\(ChartFormat.coord(y))"
                gap = false
                points.append((x, y, v, ci))
            }
            c.add(Self.stroke(s, path, kind: "line"))
            for p in points {
                c.add(Self.marker(s, x: p.x, y: p.y, tip: "\(data.series[s].name)，\(data.categories[p.c])：\(data.label(p.v))"))
                c.add(ChartCanvas.valueLabel(data.label(p.v), x: p.x, y: p.y - 8))
            }
        }
        frame.drawReference(data, on: &c)
        return c.svg(data)
    }

    static func stroke(_ s: Int, _ d: String, kind: String = "legend-line") -> String {
        let dash = ChartCanvas.dashes[s % ChartCanvas.dashes.count]
        return "<path class=\"\(kind)\" d=\"\(d)\" fill=\"none\" stroke=\"\(ChartCanvas.colour(s))\" stroke-width=\"2\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
    }

    /// Circle, square, triangle or diamond, by series; white-edged so it stands out on the line.
    static func marker(_ s: Int, x: Double, y: Double, tip: String? = nil) -> String {
        let f = ChartFormat.coord, fill = ChartCanvas.colour(s)
        let title = tip.map { "<title>\(ChartFormat.escape($0))</title>" } ?? ""
        let style = "class=\"point\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"1\""
        switch s % 4 {
        case 0: return "<circle \(style) cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\">\(title)</circle>"
        case 1: return "<rect \(style) x=\"\(f(x - 4))\" y=\"\(f(y - 4))\" width=\"8\" height=\"8\">\(title)</rect>"
        case 2: return "<path \(style) d=\"M\(f(x)),\(f(y - 5))L\(f(x + 5)),\(f(y + 4))L\(f(x - 5)),\(f(y + 4))Z\">\(title)</path>"
        default: return "<path \(style) d=\"M\(f(x)),\(f(y - 5))L\(f(x + 5)),\(f(y))L\(f(x)),\(f(y + 5))L\(f(x - 5)),\(f(y))Z\">\(title)</path>"
        }
    }
}
