import BarbellData

/// A line chart over time as an inline SVG: lines (optionally filled to zero, optionally
/// coloured point by point), a value axis with round ticks, a date axis, a title and a legend.
struct TimeSeriesChart {
    struct Line {
        var name: String
        var values: [Double]
        var colour: String
        /// Fill between the line and zero (the underwater chart).
        var filled = false
        var dashed = false
        /// Colour per point (regimes): the segment ending at a point takes its colour.
        var pointColours: ((Int) -> String)?
    }

    var title: String
    var timestamps: [Timestamp]
    var lines: [Line]
    var format: (Double) -> String
    /// Draw a line at zero and keep zero inside the value range.
    var zeroLine = false
    /// Extra legend entries (name, colour) after the lines', e.g. regime names.
    var extraLegend: [(String, String)] = []
    var width = 600.0
    var height = 260.0

    var svg: String {
        let left = 58.0, right = 14.0, top = 40.0, bottom = 26.0
        let plotW = width - left - right, plotH = height - top - bottom
        let t0 = Double(timestamps.first?.nanoseconds ?? 0), t1 = Double(timestamps.last?.nanoseconds ?? 1)
        let tSpan = t1 > t0 ? t1 - t0 : 1
        func x(_ i: Int) -> Double { left + (Double(timestamps[i].nanoseconds) - t0) / tSpan * plotW }

        var low = Double.infinity, high = -Double.infinity
        for line in lines { for v in line.values where v.isFinite { low = min(low, v); high = max(high, v) } }
        if zeroLine { low = min(low, 0); high = max(high, 0) }
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high == low { (low, high) = (low - max(abs(low) * 0.05, 1e-9), high + max(abs(high) * 0.05, 1e-9)) }
        let pad = (high - low) * 0.05
        if !(zeroLine && low == 0) { low -= pad }
        if !(zeroLine && high == 0) { high += pad }
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * plotH }

        var svg = SVGFrame.open(width: width, height: height, label: title)
        svg += SVGFrame.title(title, width: width)
        // Value grid and labels.
        for v in NiceTicks.ticks(low, high, count: 5) {
            let py = ReportText.px(y(v))
            svg += "<line class=\"grid\" x1=\"\(ReportText.px(left))\" y1=\"\(py)\" x2=\"\(ReportText.px(left + plotW))\" y2=\"\(py)\"/>"
            svg += "<text class=\"tick\" x=\"\(ReportText.px(left - 6))\" y=\"\(py)\" dy=\"3.5\" text-anchor=\"end\">\(ReportText.escape(format(v)))</text>\n"
        }
        // Date ticks.
        if let first = timestamps.first, let last = timestamps.last {
            for (t, label) in TimeAxis.ticks(from: first.nanoseconds, to: last.nanoseconds, maxTicks: Int(plotW / 80)) {
                let px = ReportText.px(left + (Double(t) - t0) / tSpan * plotW)
                svg += "<line class=\"axis\" x1=\"\(px)\" y1=\"\(ReportText.px(top + plotH))\" x2=\"\(px)\" y2=\"\(ReportText.px(top + plotH + 4))\"/>"
                svg += "<text class=\"tick\" x=\"\(px)\" y=\"\(ReportText.px(top + plotH + 16))\" text-anchor=\"middle\">\(ReportText.escape(label))</text>\n"
            }
        }
        svg += "<line class=\"axis\" x1=\"\(ReportText.px(left))\" y1=\"\(ReportText.px(top + plotH))\" x2=\"\(ReportText.px(left + plotW))\" y2=\"\(ReportText.px(top + plotH))\"/>\n"
        if zeroLine {
            let py = ReportText.px(y(0))
            svg += "<line class=\"zero\" x1=\"\(ReportText.px(left))\" y1=\"\(py)\" x2=\"\(ReportText.px(left + plotW))\" y2=\"\(py)\"/>\n"
        }
        for line in lines where line.values.count == timestamps.count {
            let segments = LineDownsampler.segments(count: line.values.count, value: { line.values[$0] }, x: x)
            svg += Self.draw(line, segments: segments, y: y, baseline: y(max(min(0, high), low)))
        }
        var entries = lines.filter { !$0.name.isEmpty && $0.pointColours == nil }.map { ($0.name, $0.colour) }
        entries += extraLegend
        svg += SVGFrame.legend(entries, x: left, y: 32, width: plotW)
        return svg + "</svg>\n"
    }

    /// The SVG for one line's segments: an area and a path, or one path per colour run.
    static func draw(_ line: Line, segments: [[LineDownsampler.Point]], y: (Double) -> Double, baseline: Double) -> String {
        var out = ""
        let dash = line.dashed ? " stroke-dasharray=\"5 3\"" : ""
        if let colourOf = line.pointColours {
            // Runs of one colour, each starting at the previous run's last point so the line stays joined.
            for segment in segments {
                var k = 0
                while k < segment.count {
                    let colour = colourOf(segment[k].index)
                    var end = k
                    while end + 1 < segment.count, colourOf(segment[end + 1].index) == colour { end += 1 }
                    let from = max(k - 1, 0)
                    var d = ""
                    for (j, p) in segment[from...end].enumerated() {
                        d += (j == 0 ? "M" : "L") + ReportText.px(p.x) + "," + ReportText.px(y(p.value))
                    }
                    if end > from || segment.count == 1 {
                        out += "<path class=\"line\" d=\"\(d)\" stroke=\"\(colour)\"\(dash)/>\n"
                    }
                    k = end + 1
                }
            }
            return out
        }
        var d = ""
        for segment in segments {
            for (j, p) in segment.enumerated() {
                d += (j == 0 ? "M" : "L") + ReportText.px(p.x) + "," + ReportText.px(y(p.value))
            }
        }
        if line.filled {
            var area = ""
            for segment in segments {
                guard let first = segment.first, let last = segment.last else { continue }
                area += "M" + ReportText.px(first.x) + "," + ReportText.px(baseline)
                for p in segment { area += "L" + ReportText.px(p.x) + "," + ReportText.px(y(p.value)) }
                area += "L" + ReportText.px(last.x) + "," + ReportText.px(baseline) + "Z"
            }
            out += "<path class=\"area\" d=\"\(area)\" fill=\"\(line.colour)\" fill-opacity=\"0.25\" stroke=\"none\"/>\n"
        }
        out += "<path class=\"line\" d=\"\(d)\" stroke=\"\(line.colour)\"\(dash)><title>\(ReportText.escape(line.name))</title></path>\n"
        return out
    }
}

/// The frame every chart shares: the `<svg>` element, its title and a legend.
enum SVGFrame {
    /// An inline `<svg>` that scales to its card's width.
    static func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(ReportText.px(width)) \(ReportText.px(height))\" role=\"img\" aria-label=\"\(ReportText.escape(label))\">\n"
    }

    static func title(_ text: String, width: Double) -> String {
        "<text class=\"chart-title\" x=\"12\" y=\"16\">\(ReportText.escape(text))</text>\n"
    }

    /// A one-row legend of coloured swatches, wrapping onto further rows when wide.
    static func legend(_ entries: [(String, String)], x: Double, y: Double, width: Double) -> String {
        guard !entries.isEmpty else { return "" }
        var out = "<g class=\"legend\">"
        var px = x, py = y
        for (name, colour) in entries {
            let w = 18 + ReportText.width(name, fontSize: 10) + 12
            if px + w > x + width, px > x { px = x; py += 13 }
            out += "<rect x=\"\(ReportText.px(px))\" y=\"\(ReportText.px(py - 7))\" width=\"12\" height=\"4\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(ReportText.px(px + 16))\" y=\"\(ReportText.px(py - 3))\">\(ReportText.escape(name))</text>"
            px += w
        }
        return out + "</g>\n"
    }
}
