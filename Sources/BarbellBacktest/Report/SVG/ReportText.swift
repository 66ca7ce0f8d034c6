import BarbellLearning
import Foundation

/// Escaping and fixed-format numbers shared by the page and its charts, so the same data always
/// gives the same bytes and no value can break out of its element.
enum ReportText {
    /// `s` safe inside HTML/XML text and attribute values (the SVG charts' escaping).
    static func escape(_ s: String) -> String { SVGText.escape(s) }

    /// A pixel coordinate with one decimal (a tenth of a pixel is below what a screen shows).
    /// Callers pass finite values only; a non-finite one prints as 0 rather than "nan".
    static func px(_ x: Double) -> String { x.isFinite ? String(format: "%.1f", x) : "0" }

    /// A fraction as a percentage: 0.1234 → "12.3%"; "–" when missing or not finite.
    static func percent(_ x: Double?, digits: Int = 1) -> String {
        guard let x, x.isFinite else { return "–" }
        // Beyond 100 000% fixed decimals would print dozens of digits: switch to three significant ones.
        return abs(x) >= 1000 ? String(format: "%.3g%%", x * 100) : String(format: "%.\(digits)f%%", x * 100)
    }

    /// A number with fixed decimals; "–" when missing or not finite.
    static func number(_ x: Double?, digits: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        return abs(x) >= 1e9 ? String(format: "%.3g", x) : String(format: "%.\(digits)f", x)
    }

    /// A number for an axis or table: four significant digits.
    static func short(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "–" }

    /// A number for a value axis, compact for money: 1250000 → "1.25M", 7500 → "7.5k".
    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        for (scale, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] where abs(x) >= scale {
            return String(format: "%.4g", x / scale) + suffix
        }
        return String(format: "%.4g", x)
    }

    /// A rough text width in pixels at font size 11, for layout without font metrics.
    static func width(_ s: String, fontSize: Double = 11) -> Double { Double(s.count) * fontSize * 0.6 }
}

/// "Nice" axis ticks: multiples of 1, 2 or 5 × 10ᵏ covering a range.
enum NiceTicks {
    /// About `count` round values spanning `low...high` (both finite, low ≤ high).
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        let span = high - low
        guard span > 0 else { return [low] }
        let raw = span / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var out: [Double] = []
        var k = ceil(low / step)
        while k * step <= high + step * 1e-9 {
            let v = k * step
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }
}
