/// A heatmap of per-row attributions: rows × lags for attention, rows × features for SHAP, one
/// cell per value, with a colour scale and a legend. Values of both signs use a diverging scale
/// (blue below zero, white at zero, red above, symmetric around zero); values of one sign a
/// sequential white-to-red scale from zero.
public struct AttributionHeatmap: Sendable {
    public var cellWidth: Double
    public var cellHeight: Double
    public var title: String?

    public init(cellWidth: Double = 28, cellHeight: Double = 14, title: String? = nil) {
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.title = title
    }

    /// The heatmap of `explanation`'s attributions (an empty chart when it has none, as
    /// permutation importance), rows labelled by their row number.
    public func render(_ explanation: Explanation) -> String {
        render(explanation.attributions ?? [], rowLabels: explanation.rows.map { "row \($0)" }, columnLabels: explanation.featureNames)
    }

    /// The heatmap of `values` (rows × columns), as an SVG document.
    public func render(_ values: [[Double]], rowLabels: [String], columnLabels: [String]) -> String {
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        let diverging = low < 0 && high > 0
        let extent = diverging ? max(-low, high) : max(abs(low), abs(high))
        let scale = extent > 0 ? extent : 1
        let left = max(40, (rowLabels.map(SVGText.width).max() ?? 0) + 10)
        let top = (title == nil ? 10.0 : 30.0) + max(20, (columnLabels.map(SVGText.width).max() ?? 0) * 0.75)
        let columns = columnLabels.count
        let plotHeight = Double(values.count) * cellHeight
        let legendX = left + Double(columns) * cellWidth + 20
        let width = legendX + 80
        let height = top + max(plotHeight, 120) + 20
        var svg = SVGText.open(width: width, height: height)
        svg += "<defs>\n<linearGradient id=\"scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n"
        let stops: [Double] = diverging ? [-1, 0, 1] : (low < 0 ? [-1, 0] : [0, 1])
        for (k, s) in stops.enumerated() {
            let offset = Double(k) / Double(stops.count - 1)
            svg += "<stop offset=\"\(SVGText.coordinate(offset))\" stop-color=\"\(Self.colour(s))\"/>\n"
        }
        svg += "</linearGradient>\n</defs>\n"
        if let title {
            svg += "<text class=\"title\" x=\"\(SVGText.coordinate(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">\(SVGText.escape(title))</text>\n"
        }
        for (j, label) in columnLabels.enumerated() {
            let cx = SVGText.coordinate(left + (Double(j) + 0.5) * cellWidth), cy = SVGText.coordinate(top - 4)
            svg += "<text class=\"column-label\" x=\"\(cx)\" y=\"\(cy)\" transform=\"rotate(-45 \(cx) \(cy))\">\(SVGText.escape(label))</text>\n"
        }
        for (i, row) in values.enumerated() {
            let y = top + Double(i) * cellHeight
            let label = i < rowLabels.count ? rowLabels[i] : "\(i)"
            svg += "<text class=\"row-label\" x=\"\(SVGText.coordinate(left - 4))\" y=\"\(SVGText.coordinate(y + cellHeight - 3))\" text-anchor=\"end\">\(SVGText.escape(label))</text>\n"
            for (j, v) in row.prefix(columns).enumerated() {
                let fill = v.isFinite ? Self.colour(v / scale) : "#808080"
                svg += "<rect class=\"cell\" x=\"\(SVGText.coordinate(left + Double(j) * cellWidth))\" y=\"\(SVGText.coordinate(y))\" width=\"\(SVGText.coordinate(cellWidth))\" height=\"\(SVGText.coordinate(cellHeight))\" fill=\"\(fill)\"><title>\(SVGText.value(v))</title></rect>\n"
            }
        }
        let legendLow = stops[0] * scale, legendHigh = stops[stops.count - 1] * scale
        svg += "<g class=\"legend\">\n"
        svg += "<rect x=\"\(SVGText.coordinate(legendX))\" y=\"\(SVGText.coordinate(top))\" width=\"14\" height=\"100\" fill=\"url(#scale)\" stroke=\"#000\"/>\n"
        svg += "<text class=\"legend-label\" x=\"\(SVGText.coordinate(legendX + 18))\" y=\"\(SVGText.coordinate(top + 8))\">\(SVGText.value(legendHigh))</text>\n"
        svg += "<text class=\"legend-label\" x=\"\(SVGText.coordinate(legendX + 18))\" y=\"\(SVGText.coordinate(top + 100))\">\(SVGText.value(legendLow))</text>\n"
        svg += "</g>\n"
        return svg + "</svg>\n"
    }

    /// The colour of a value scaled to −1…1: white at 0, towards red for positive and blue for
    /// negative, as `#rrggbb`.
    static func colour(_ t: Double) -> String {
        let u = min(max(t.isFinite ? t : 0, -1), 1)
        let (r, g, b): (Double, Double, Double) = u >= 0
            ? (255, 255 - u * (255 - 64), 255 - u * (255 - 64))
            : (255 + u * (255 - 64), 255 + u * (255 - 64), 255)
        func hex(_ x: Double) -> String {
            let v = Int(x.rounded())
            let digits = Array("0123456789abcdef")
            return String([digits[v / 16], digits[v % 16]])
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
