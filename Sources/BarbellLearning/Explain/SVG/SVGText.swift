import Foundation

/// Pieces shared by the SVG charts: escaped text and fixed-format numbers, so the same input
/// always gives the same bytes.
public enum SVGText {
    /// `s` safe inside XML and HTML text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with two decimals.
    static func coordinate(_ x: Double) -> String { String(format: "%.2f", x) }

    /// A value as printed on a chart: four significant digits.
    static func value(_ x: Double) -> String { String(format: "%.4g", x) }

    /// The document head: SVG 1.1 with its namespace and size.
    static func open(width: Double, height: Double) -> String {
        let w = coordinate(width), h = coordinate(height)
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" font-family="sans-serif" font-size="11">

        """
    }

    /// A rough text width in pixels at font size 11, for layout (no font metrics needed).
    static func width(_ s: String) -> Double { Double(s.count) * 6.5 }
}
