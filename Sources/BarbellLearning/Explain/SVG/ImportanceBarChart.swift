/// A horizontal bar chart of global importances: the top features, highest first, each bar's
/// length proportional to its value from a zero axis (negative values, a permutation drop below
/// zero, extend left), labelled with the feature name and the value, over a value axis with ticks.
public struct ImportanceBarChart: Sendable {
    /// Bars shown at most.
    public var top: Int
    /// Width of the bar area in pixels.
    public var plotWidth: Double
    /// Height of one bar's row in pixels.
    public var rowHeight: Double
    public var title: String?

    public init(top: Int = 20, plotWidth: Double = 400, rowHeight: Double = 20, title: String? = nil) {
        self.top = top
        self.plotWidth = plotWidth
        self.rowHeight = rowHeight
        self.title = title
    }

    /// The chart of `explanation`'s importances, as an SVG document.
    public func render(_ explanation: Explanation) -> String {
        render(explanation.ranked(top: top))
    }

    /// The chart of named values (sorted here, highest first), as an SVG document.
    public func render(_ items: [(name: String, value: Double)]) -> String {
        let shown = items.indices
            .sorted { items[$0].value > items[$1].value || (items[$0].value == items[$1].value && $0 < $1) }
            .prefix(max(top, 0)).map { items[$0] }
        let values = shown.map { $0.value.isFinite ? $0.value : 0 }
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 0, 0)
        let span = high - low > 0 ? high - low : 1
        let labelWidth = max(60, (shown.map { SVGText.width($0.name) }.max() ?? 0) + 10)
        let topMargin = title == nil ? 10.0 : 30.0
        let left = labelWidth, valueRoom = 70.0
        let height = topMargin + Double(shown.count) * rowHeight + 40
        let width = left + plotWidth + valueRoom
        func x(_ v: Double) -> Double { left + (v - low) / span * plotWidth }
        var svg = SVGText.open(width: width, height: height)
        if let title {
            svg += "<text class=\"title\" x=\"\(SVGText.coordinate(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">\(SVGText.escape(title))</text>\n"
        }
        for (i, item) in shown.enumerated() {
            let v = values[i], y = topMargin + Double(i) * rowHeight
            let x0 = min(x(0), x(v)), length = abs(x(v) - x(0))
            let mid = SVGText.coordinate(y + rowHeight / 2 + 4)
            svg += "<text class=\"label\" x=\"\(SVGText.coordinate(left - 6))\" y=\"\(mid)\" text-anchor=\"end\">\(SVGText.escape(item.name))</text>\n"
            svg += "<rect class=\"bar\" x=\"\(SVGText.coordinate(x0))\" y=\"\(SVGText.coordinate(y + 3))\" width=\"\(SVGText.coordinate(length))\" height=\"\(SVGText.coordinate(rowHeight - 6))\" fill=\"\(v < 0 ? "#c0504d" : "#4f81bd")\"/>\n"
            svg += "<text class=\"value\" x=\"\(SVGText.coordinate(max(x(0), x(v)) + 4))\" y=\"\(mid)\">\(SVGText.value(item.value))</text>\n"
        }
        let axisY = topMargin + Double(shown.count) * rowHeight + 4
        svg += "<line class=\"axis\" x1=\"\(SVGText.coordinate(left))\" y1=\"\(SVGText.coordinate(axisY))\" x2=\"\(SVGText.coordinate(left + plotWidth))\" y2=\"\(SVGText.coordinate(axisY))\" stroke=\"#000\"/>\n"
        svg += "<line class=\"zero\" x1=\"\(SVGText.coordinate(x(0)))\" y1=\"\(SVGText.coordinate(topMargin))\" x2=\"\(SVGText.coordinate(x(0)))\" y2=\"\(SVGText.coordinate(axisY))\" stroke=\"#000\"/>\n"
        for k in 0...4 {
            let v = low + span * Double(k) / 4, tx = SVGText.coordinate(x(v))
            svg += "<line class=\"tick\" x1=\"\(tx)\" y1=\"\(SVGText.coordinate(axisY))\" x2=\"\(tx)\" y2=\"\(SVGText.coordinate(axisY + 4))\" stroke=\"#000\"/>\n"
            svg += "<text class=\"tick-label\" x=\"\(tx)\" y=\"\(SVGText.coordinate(axisY + 16))\" text-anchor=\"middle\">\(SVGText.value(v))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
