import Foundation

/// What the chart kinds share: the `<svg>` shell with its `<title>` and `<desc>`, the palette and its textures,
/// the legend, the value axis with its ticks, the category labels and the reference line.
struct ChartCanvas {
    static let fontFamily = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif"
    /// Okabe–Ito: distinct with any colour vision. Every series after the first also gets a texture (stripes, dots,
    /// hatching…) and lines get dashes and marker shapes, so a greyscale print still tells them apart.
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    static let textures = ["", "M0,6L6,0M-1,1L1,-1M5,7L7,5", "dots", "M0,3L6,3", "M0,0L6,6M6,0L0,6", "M3,0L3,6",
                           "M0,0L6,6M-1,5L1,7M5,-1L7,1", "M0,3L6,3M3,0L3,6"]
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2", "3 3"]
    /// Light colours get dark textures, dark ones light textures.
    static let light: Set<Int> = [1, 4, 6]

    let width: Double, height: Double, id: String
    var body = ""
    var patterns = Set<Int>()

    init(width: Double, height: Double, data: ChartData) {
        self.width = width; self.height = height; self.id = data.idPrefix
    }

    static func colour(_ s: Int) -> String { colours[s % colours.count] }

    /// The fill of series `s`: its colour, with its texture from the second series on.
    mutating func fill(_ s: Int) -> String {
        let p = s % Self.colours.count
        guard p != 0 else { return Self.colour(s) }
        patterns.insert(p)
        return "url(#\(id)-p\(p))"
    }

    mutating func add(_ s: String) { body += s + "\n" }

    func svg(_ data: ChartData) -> String {
        let e = ChartFormat.escape
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(ChartFormat.coord(width)) \(ChartFormat.coord(height))\""
            + " width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" class=\"chart\" font-size=\"12\""
            + " font-family=\"\(e(Self.fontFamily))\">\n"
            + "<title id=\"\(id)-t\">\(e(data.title))</title>\n<desc id=\"\(id)-d\">\(e(data.summaryText))</desc>\n"
        if !patterns.isEmpty {
            out += "<defs>"
            for p in patterns.sorted() {
                let ink = Self.light.contains(p) ? "#000" : "#fff"
                let mark = Self.textures[p] == "dots" ? "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"\(ink)\" fill-opacity=\"0.6\"/>"
                    : "<path d=\"\(Self.textures[p])\" stroke=\"\(ink)\" stroke-opacity=\"0.6\" stroke-width=\"1.2\"/>"
                out += "<pattern id=\"\(id)-p\(p)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                    + "<rect width=\"6\" height=\"6\" fill=\"\(Self.colours[p])\"/>\(mark)</pattern>"
            }
            out += "</defs>\n"
        }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n" + body + "</svg>"
        return out
    }

    /// The whole SVG for data with no figure: its message in the middle, no axis.
    static func empty(_ data: ChartData, width: Double, height: Double) -> String {
        var c = ChartCanvas(width: width, height: height, data: data)
        c.add(text(data.noDataText, x: width / 2, y: height / 2, size: 14, attributes: "fill=\"#555\" class=\"no-data\""))
        return c.svg(data)
    }

    /// `<text>`; when `maxWidth` cuts the text, the full text goes into a `<title>` (a tooltip).
    static func text(_ s: String, x: Double, y: Double, anchor: String = "middle", size: Double = 12,
                     maxWidth: Double? = nil, attributes: String = "") -> String {
        let shown = maxWidth.map { ChartFormat.truncated(s, maxWidth: $0, fontSize: size) } ?? s
        let tip = shown == s ? "" : "<title>\(ChartFormat.escape(s))</title>"
        return "<text x=\"\(ChartFormat.coord(x))\" y=\"\(ChartFormat.coord(y))\" text-anchor=\"\(anchor)\""
            + (size == 12 ? "" : " font-size=\"\(ChartFormat.coord(size))\"") + (attributes.isEmpty ? "" : " " + attributes)
            + ">\(tip)\(ChartFormat.escape(shown))</text>"
    }

    /// A value label, with a white halo so it reads over bars, textures and grid lines.
    static func valueLabel(_ s: String, x: Double, y: Double, anchor: String = "middle", kind: String = "value", maxWidth: Double? = nil) -> String {
        text(s, x: x, y: y, anchor: anchor, size: 11, maxWidth: maxWidth,
             attributes: "class=\"\(kind)\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"")
    }

    /// Legend entries laid out in rows from the top; `height` is 0 with a single series (the title names it).
    static func legendLayout(_ names: [String], width: Double) -> (items: [(x: Double, y: Double)], height: Double) {
        guard names.count > 1 else { return ([], 0) }
        var items: [(x: Double, y: Double)] = [], x = 8.0, y = 8.0
        for n in names {
            let w = 18 + min(ChartFormat.width(n, fontSize: 12), 200) + 14
            if x + w > width - 8, x > 8 { x = 8; y += 18 }
            items.append((x, y)); x += w
        }
        return (items, y + 18)
    }

    /// Draws the legend; `swatch(series, x, y)` draws the 14 px mark of a series at (x, y).
    mutating func legend(_ names: [String], swatch: (inout ChartCanvas, Int, Double, Double) -> Void) {
        for (s, p) in Self.legendLayout(names, width: width).items.enumerated() {
            swatch(&self, s, p.x, p.y)
            add(Self.text(names[s], x: p.x + 18, y: p.y + 11, anchor: "start", maxWidth: 200, attributes: "class=\"legend\""))
        }
    }
}

/// The plot area, the value scale and the category bands; `horizontal`: the values run along x.
struct ChartFrame {
    var left: Double, top: Double, right: Double, bottom: Double
    var horizontal: Bool
    var scale: NiceScale
    var count: Int

    /// Position of a value along the value axis.
    func pos(_ v: Decimal) -> Double {
        let f = NSDecimalNumber(decimal: min(v, scale.top) / scale.top).doubleValue
        return horizontal ? left + f * (right - left) : bottom - f * (bottom - top)
    }

    /// Start and width of category `c`'s band along the category axis.
    func band(_ c: Int) -> (start: Double, width: Double) {
        let w = ((horizontal ? bottom - top : right - left)) / Double(max(count, 1))
        return ((horizontal ? top : left) + Double(c) * w, w)
    }

    /// Grid lines and tick labels of the value axis, the category labels, and the base line.
    func drawAxes(_ data: ChartData, on c: inout ChartCanvas) {
        for t in scale.ticks {
            let p = pos(t), label = ChartFormat.number(t, decimals: data.decimals > 0 || !data.integral ? max(data.decimals, decimals(of: scale.step)) : 0)
            if horizontal {
                c.add("<line x1=\"\(ChartFormat.coord(p))\" y1=\"\(ChartFormat.coord(top))\" x2=\"\(ChartFormat.coord(p))\" y2=\"\(ChartFormat.coord(bottom))\" stroke=\"#ddd\"/>")
                c.add(ChartCanvas.text(label, x: p, y: bottom + 16, size: 11, attributes: "class=\"tick\" fill=\"#444\""))
            } else {
                c.add("<line x1=\"\(ChartFormat.coord(left))\" y1=\"\(ChartFormat.coord(p))\" x2=\"\(ChartFormat.coord(right))\" y2=\"\(ChartFormat.coord(p))\" stroke=\"#ddd\"/>")
                c.add(ChartCanvas.text(label, x: left - 6, y: p + 4, anchor: "end", size: 11, attributes: "class=\"tick\" fill=\"#444\""))
            }
        }
        for (i, name) in data.categories.enumerated() {
            let b = band(i)
            if horizontal {
                c.add(ChartCanvas.text(name, x: left - 6, y: b.start + b.width / 2 + 4, anchor: "end", maxWidth: left - 12, attributes: "class=\"category\""))
            } else {
                c.add(ChartCanvas.text(name, x: b.start + b.width / 2, y: bottom + 16, maxWidth: b.width - 2, attributes: "class=\"category\""))
            }
        }
        let base = horizontal ? (left, top, left, bottom) : (left, bottom, right, bottom)
        c.add("<line x1=\"\(ChartFormat.coord(base.0))\" y1=\"\(ChartFormat.coord(base.1))\" x2=\"\(ChartFormat.coord(base.2))\" y2=\"\(ChartFormat.coord(base.3))\" stroke=\"#333\"/>")
    }

    /// The reference line (dashed, black) with its label at the far end.
    func drawReference(_ data: ChartData, on c: inout ChartCanvas) {
        guard let r = data.reference, let text = data.referenceText else { return }
        let p = pos(r.value)
        let (x1, y1, x2, y2) = horizontal ? (p, top, p, bottom) : (left, p, right, p)
        c.add("<line class=\"reference\" x1=\"\(ChartFormat.coord(x1))\" y1=\"\(ChartFormat.coord(y1))\" x2=\"\(ChartFormat.coord(x2))\" y2=\"\(ChartFormat.coord(y2))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>")
        // above the line's top end, or right of its right end (the vertical charts keep a margin for it)
        c.add(horizontal ? ChartCanvas.valueLabel(text, x: p, y: top - 6)
                         : ChartCanvas.valueLabel(text, x: right + 4, y: p + 4, anchor: "start", maxWidth: c.width - right - 6))
    }

    private func decimals(of d: Decimal) -> Int { max(0, -d.exponent) }

    /// Right edge of a vertical plot: room for the reference line's label (at most a quarter of the width).
    static func right(_ data: ChartData, width: Double) -> Double {
        width - 12 - (data.referenceText.map { min(ChartFormat.width($0, fontSize: 11) + 4, width / 4) } ?? 0)
    }
}
