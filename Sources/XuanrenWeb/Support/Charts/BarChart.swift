import Foundation

/// Bars per category: vertical or horizontal, the series side by side (grouped) or on top of each other (stacked,
/// with the total at the end of each stack). Every bar has a value label and a tooltip; the reference line is dashed.
public struct BarChart: Sendable {
    public enum Orientation: Sendable { case vertical, horizontal }
    public var orientation: Orientation
    public var stacked: Bool
    public var width: Double
    /// Height of a vertical chart; a horizontal one grows with its categories.
    public var height: Double

    public init(orientation: Orientation = .vertical, stacked: Bool = false, width: Double = 640, height: Double = 360) {
        self.orientation = orientation; self.stacked = stacked; self.width = max(width, 200); self.height = max(height, 160)
    }

    public func svg(_ data: ChartData) -> String {
        let horizontal = orientation == .horizontal
        let n = data.categories.count, k = data.series.count
        let bandSize = stacked || k == 1 ? 28.0 : Double(10 + 14 * k)
        guard !data.isEmpty else { return ChartCanvas.empty(data, width: width, height: horizontal ? 120 : height) }

        let legendHeight = ChartCanvas.legendLayout(data.series.map(\.name), width: width).height
        let scale = NiceScale(maximum: data.maximum(stacked: stacked), integral: data.integral)
        let tickWidth = scale.ticks.map { ChartFormat.width(ChartFormat.number($0, decimals: max(data.decimals, 2)), fontSize: 11) }.max() ?? 20
        let top = legendHeight + (horizontal && data.reference != nil ? 24 : 18)
        let frame: ChartFrame, h: Double
        if horizontal {
            let labels = min(width * 0.3, (data.categories.map { ChartFormat.width($0, fontSize: 12) }.max() ?? 0) + 12)
            let bottom = top + Double(n) * bandSize
            frame = ChartFrame(left: 8 + labels, top: top, right: width - 48, bottom: bottom, horizontal: true, scale: scale, count: n)
            h = bottom + 26
        } else {
            frame = ChartFrame(left: 10 + tickWidth, top: top, right: ChartFrame.right(data, width: width), bottom: height - 28, horizontal: false, scale: scale, count: n)
            h = height
        }

        var c = ChartCanvas(width: width, height: h, data: data)
        c.legend(data.series.map(\.name)) { c, s, x, y in
            let f = c.fill(s)
            c.add("<rect x=\"\(ChartFormat.coord(x))\" y=\"\(ChartFormat.coord(y))\" width=\"14\" height=\"14\" fill=\"\(f)\" stroke=\"#333\" stroke-width=\"0.5\"/>")
        }
        frame.drawAxes(data, on: &c)

        for ci in 0 ..< n {
            let b = frame.band(ci)
            let inner = min(b.width * 0.7, stacked ? 56 : 40 * Double(k))
            let barWidth = stacked ? inner : inner / Double(k)
            var base = Decimal(0), any = false
            for s in 0 ..< k {
                guard let v = data.value(series: s, category: ci) else { continue }
                any = true
                if stacked, v == 0 { continue }
                let from = stacked ? base : 0, to = from + v
                let offset = b.start + (b.width - inner) / 2 + (stacked ? 0 : Double(s) * barWidth)
                let p0 = frame.pos(from), p1 = frame.pos(to)
                let (x, y, w, hh) = horizontal ? (p0, offset, p1 - p0, barWidth) : (offset, p1, barWidth, p0 - p1)
                let tip = "\(data.series[s].name)，\(data.categories[ci])：\(data.label(v))"
                let fill = c.fill(s)
                c.add("<rect class=\"bar\" x=\"\(ChartFormat.coord(x))\" y=\"\(ChartFormat.coord(y))\" width=\"\(ChartFormat.coord(w))\" height=\"\(ChartFormat.coord(hh))\""
                      + " fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(ChartFormat.escape(tip))</title></rect>")
                let label = data.label(v), labelWidth = ChartFormat.width(label, fontSize: 11)
                if stacked {
                    // inside the segment, when it has room
                    if horizontal ? (w >= labelWidth + 6 && hh >= 13) : (hh >= 15 && w >= labelWidth + 2) {
                        c.add(ChartCanvas.valueLabel(label, x: x + w / 2, y: y + hh / 2 + 4))
                    }
                } else if horizontal {
                    c.add(ChartCanvas.valueLabel(label, x: p1 + 4, y: y + hh / 2 + 4, anchor: "start"))
                } else {
                    c.add(ChartCanvas.valueLabel(label, x: x + w / 2, y: p1 - 4))
                }
                base = to
            }
            if stacked, any {
                // the total at the end of the stack
                let p = frame.pos(base), mid = b.start + b.width / 2
                c.add(horizontal ? ChartCanvas.valueLabel(data.label(base), x: p + 4, y: mid + 4, anchor: "start", kind: "total")
                                 : ChartCanvas.valueLabel(data.label(base), x: mid, y: p - 4, kind: "total"))
            }
        }
        frame.drawReference(data, on: &c)
        return c.svg(data)
    }
}
