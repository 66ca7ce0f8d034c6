/// Feature importances as horizontal bars, largest first, from a zero axis (negative values, a
/// permutation drop below zero, extend left), each labelled with its value.
enum ImportanceBars {
    static func svg(_ items: [TearsheetImportance], top: Int = 20, width: Double = 600) -> String {
        let shown = items.enumerated()
            .sorted { ($0.element.value.isFinite ? $0.element.value : -.infinity, -$0.offset) > ($1.element.value.isFinite ? $1.element.value : -.infinity, -$1.offset) }
            .prefix(top).map(\.element)
        let rowH = 20.0, topMargin = 30.0
        let labelW = min(max(60, (shown.map { ReportText.width($0.feature) }.max() ?? 0) + 12), width * 0.4)
        let valueRoom = 60.0
        let plotW = width - labelW - valueRoom - 10
        let values = shown.map { $0.value.isFinite ? $0.value : 0 }
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 0, 0)
        let span = high - low > 0 ? high - low : 1
        func x(_ v: Double) -> Double { labelW + (v - low) / span * plotW }
        let height = topMargin + Double(max(shown.count, 1)) * rowH + 10
        var svg = SVGFrame.open(width: width, height: height, label: "Feature importance")
        svg += SVGFrame.title(items.count > top ? "Feature importance (top \(top) of \(items.count))" : "Feature importance", width: width)
        for (i, item) in shown.enumerated() {
            let v = values[i], y = topMargin + Double(i) * rowH
            let mid = ReportText.px(y + rowH / 2 + 3.5)
            svg += "<text class=\"tick\" x=\"\(ReportText.px(labelW - 6))\" y=\"\(mid)\" text-anchor=\"end\">\(ReportText.escape(item.feature))</text>"
            svg += "<rect x=\"\(ReportText.px(min(x(0), x(v))))\" y=\"\(ReportText.px(y + 3))\" width=\"\(ReportText.px(abs(x(v) - x(0))))\" height=\"\(ReportText.px(rowH - 6))\" fill=\"\(v < 0 ? Palette.loss : Palette.strategy)\"><title>\(ReportText.escape(item.feature)): \(ReportText.short(item.value))</title></rect>"
            svg += "<text class=\"tick\" x=\"\(ReportText.px(max(x(0), x(v)) + 4))\" y=\"\(mid)\">\(ReportText.short(item.value))</text>\n"
        }
        let zx = ReportText.px(x(0))
        svg += "<line class=\"axis\" x1=\"\(zx)\" y1=\"\(ReportText.px(topMargin))\" x2=\"\(zx)\" y2=\"\(ReportText.px(height - 10))\"/>\n"
        return svg + "</svg>\n"
    }
}
