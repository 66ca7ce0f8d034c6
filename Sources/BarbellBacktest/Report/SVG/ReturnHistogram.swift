/// The distribution of returns as bars, with the historical value at risk and the conditional
/// value at risk marked as vertical lines and named in the legend.
enum ReturnHistogram {
    static func svg(_ histogram: TearsheetHistogram, valueAtRisk: Double?, conditionalValueAtRisk: Double?, level: Double, width: Double = 600, height: Double = 260) -> String {
        let left = 48.0, right = 14.0, top = 40.0, bottom = 26.0
        let plotW = width - left - right, plotH = height - top - bottom
        var svg = SVGFrame.open(width: width, height: height, label: "Return distribution")
        svg += SVGFrame.title("Distribution of returns", width: width)
        guard let low = histogram.edges.first, let high = histogram.edges.last, high > low, let peak = histogram.counts.max(), peak > 0 else {
            return svg + "<text class=\"tick\" x=\"\(ReportText.px(width / 2))\" y=\"\(ReportText.px(height / 2))\" text-anchor=\"middle\">no returns</text></svg>\n"
        }
        func x(_ v: Double) -> Double { left + (v - low) / (high - low) * plotW }
        // Headroom above the tallest bar for the legend.
        let yMax = Double(peak) * 1.12
        func y(_ c: Double) -> Double { top + plotH - c / yMax * plotH }
        for c in NiceTicks.ticks(0, yMax, count: 4) {
            let py = ReportText.px(y(c))
            svg += "<line class=\"grid\" x1=\"\(ReportText.px(left))\" y1=\"\(py)\" x2=\"\(ReportText.px(left + plotW))\" y2=\"\(py)\"/>"
            svg += "<text class=\"tick\" x=\"\(ReportText.px(left - 6))\" y=\"\(py)\" dy=\"3.5\" text-anchor=\"end\">\(ReportText.compact(c))</text>\n"
        }
        for (k, count) in histogram.counts.enumerated() where count > 0 {
            let a = histogram.edges[k], b = histogram.edges[k + 1]
            let colour = b <= 0 ? Palette.loss : a >= 0 ? Palette.gain : Palette.benchmark
            svg += "<rect x=\"\(ReportText.px(x(a) + 0.5))\" y=\"\(ReportText.px(y(Double(count))))\" width=\"\(ReportText.px(max(x(b) - x(a) - 1, 0.5)))\" height=\"\(ReportText.px(Double(count) / yMax * plotH))\" fill=\"\(colour)\" fill-opacity=\"0.7\">"
            svg += "<title>\(ReportText.percent(a, digits: 2)) to \(ReportText.percent(b, digits: 2)): \(count)</title></rect>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(ReportText.px(left))\" y1=\"\(ReportText.px(top + plotH))\" x2=\"\(ReportText.px(left + plotW))\" y2=\"\(ReportText.px(top + plotH))\"/>\n"
        for v in NiceTicks.ticks(low, high, count: 6) {
            let px = ReportText.px(x(v))
            svg += "<line class=\"axis\" x1=\"\(px)\" y1=\"\(ReportText.px(top + plotH))\" x2=\"\(px)\" y2=\"\(ReportText.px(top + plotH + 4))\"/>"
            svg += "<text class=\"tick\" x=\"\(px)\" y=\"\(ReportText.px(top + plotH + 16))\" text-anchor=\"middle\">\(ReportText.percent(v, digits: abs(high - low) < 0.05 ? 2 : 1))</text>\n"
        }
        let percentLevel = ReportText.number(level * 100, digits: 0)
        var legend: [(String, String)] = []
        for (name, value, colour) in [("VaR \(percentLevel)%", valueAtRisk, Palette.accent), ("CVaR \(percentLevel)%", conditionalValueAtRisk, Palette.loss)] {
            guard let value, value.isFinite, value >= low, value <= high else { continue }
            let px = ReportText.px(x(value))
            svg += "<line class=\"marker\" x1=\"\(px)\" y1=\"\(ReportText.px(top))\" x2=\"\(px)\" y2=\"\(ReportText.px(top + plotH))\" stroke=\"\(colour)\" stroke-dasharray=\"5 3\"><title>\(name): \(ReportText.percent(value, digits: 2))</title></line>\n"
            legend.append(("\(name): \(ReportText.percent(value, digits: 2))", colour))
        }
        svg += SVGFrame.legend(legend, x: left, y: 32, width: plotW)
        return svg + "</svg>\n"
    }
}
