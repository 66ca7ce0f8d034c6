import Foundation

/// Monthly returns as a years × months grid with a yearly total column: each cell coloured on a
/// diverging scale (red losses, white zero, green gains, symmetric around zero at the largest
/// absolute monthly return) with its value printed in percent.
enum MonthlyHeatmap {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func svg(monthly: [TearsheetPeriodReturn], yearly: [TearsheetPeriodReturn], width: Double = 600) -> String {
        let years = Array(Set(monthly.map(\.year))).sorted()
        let left = 44.0, top = 40.0, gap = 8.0
        let cellW = (width - left - 10 - gap) / 13, cellH = 20.0
        let height = top + Double(max(years.count, 1)) * cellH + 12
        let scale = max(monthly.map { abs($0.value) }.filter(\.isFinite).max() ?? 0, 1e-12)
        let yearScale = max(yearly.map { abs($0.value) }.filter(\.isFinite).max() ?? 0, 1e-12)
        var byKey: [Int: Double] = [:]
        for m in monthly { byKey[m.year * 100 + (m.month ?? 0)] = m.value }
        let yearValue = Dictionary(yearly.map { ($0.year, $0.value) }, uniquingKeysWith: { a, _ in a })

        var svg = SVGFrame.open(width: width, height: height, label: "Monthly returns")
        svg += SVGFrame.title("Monthly returns (%)", width: width)
        for (j, name) in (monthNames + ["Year"]).enumerated() {
            let cx = left + Double(j) * cellW + (j == 12 ? gap : 0) + cellW / 2
            svg += "<text class=\"tick\" x=\"\(ReportText.px(cx))\" y=\"\(ReportText.px(top - 6))\" text-anchor=\"middle\">\(name)</text>"
        }
        svg += "\n"
        for (i, year) in years.enumerated() {
            let y = top + Double(i) * cellH
            svg += "<text class=\"tick\" x=\"\(ReportText.px(left - 6))\" y=\"\(ReportText.px(y + cellH / 2 + 3.5))\" text-anchor=\"end\">\(year)</text>"
            for j in 0..<13 {
                let value = j < 12 ? byKey[year * 100 + j + 1] : yearValue[year]
                let x = left + Double(j) * cellW + (j == 12 ? gap : 0)
                let fill = value.map { Palette.diverging($0 / (j < 12 ? scale : yearScale)) } ?? "#f3f4f6"
                svg += "<rect x=\"\(ReportText.px(x + 0.5))\" y=\"\(ReportText.px(y + 0.5))\" width=\"\(ReportText.px(cellW - 1))\" height=\"\(ReportText.px(cellH - 1))\" fill=\"\(fill)\">"
                let label = j < 12 ? "\(monthNames[j]) \(year)" : "\(year)"
                svg += "<title>\(label): \(ReportText.percent(value, digits: 2))</title></rect>"
                if let value, value.isFinite {
                    svg += "<text class=\"cell\" x=\"\(ReportText.px(x + cellW / 2))\" y=\"\(ReportText.px(y + cellH / 2 + 3.5))\" text-anchor=\"middle\">\(Self.cellText(value))</text>"
                }
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    /// A cell's percentage with one decimal, or three significant digits when that would not fit.
    static func cellText(_ value: Double) -> String {
        abs(value) < 9.995 ? ReportText.number(value * 100, digits: 1) : String(format: "%.2g", value * 100)
    }
}

/// The report's colours: one qualitative palette for series and regimes, one diverging scale.
enum Palette {
    static let strategy = "#1f5fa8"
    static let benchmark = "#8a8f98"
    static let loss = "#c0392b"
    static let gain = "#1e8449"
    static let accent = "#d68910"
    static let secondary = "#7d3c98"
    static let unknown = "#b0b4ba"
    /// Regime colours in label order (repeating past eight).
    static let regimes = ["#2e86c1", "#28b463", "#e74c3c", "#f39c12", "#8e44ad", "#17a589", "#d35400", "#5d6d7e"]

    static func regime(_ label: Int) -> String { label < 0 ? unknown : regimes[label % regimes.count] }

    /// White at 0, towards red for −1 and green for +1 (clamped), as `#rrggbb`.
    static func diverging(_ t: Double) -> String {
        let u = min(max(t.isFinite ? t : 0, -1), 1)
        let target: (Double, Double, Double) = u < 0 ? (192, 57, 43) : (30, 132, 73)
        let a = abs(u) * 0.85
        func mix(_ c: Double) -> Double { 255 + (c - 255) * a }
        return hex(mix(target.0), mix(target.1), mix(target.2))
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        func two(_ x: Double) -> String {
            let v = min(max(Int(x.rounded()), 0), 255)
            return String([digits[v / 16], digits[v % 16]])
        }
        return "#" + two(r) + two(g) + two(b)
    }
}
