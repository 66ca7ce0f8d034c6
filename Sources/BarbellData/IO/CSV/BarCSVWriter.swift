/// Writes bar series as CSV: `timestamp,open,high,low,close,volume[,vwap][,trades]`.
///
/// Doubles use Swift's shortest round-trip form, so reading the file back gives bit-identical
/// values; timestamps are ISO-8601 UTC. Missing values are written as empty fields.
public enum BarCSVWriter {
    public static func header(for series: BarSeries, includeSymbol: Bool = false) -> String {
        var h = includeSymbol ? "symbol,timestamp,open,high,low,close,volume" : "timestamp,open,high,low,close,volume"
        if series.vwap != nil { h += ",vwap" }
        if series.tradeCount != nil { h += ",trades" }
        return h
    }

    /// Formats row `i`.
    public static func row(_ s: BarSeries, _ i: Int, includeSymbol: Bool = false) -> String {
        var parts: [String] = []
        if includeSymbol { parts.append(s.symbol.name) }
        parts.append(s.timestamps[i].iso8601)
        for v in [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] { parts.append(format(v)) }
        if let vw = s.vwap { parts.append(format(vw[i])) }
        if let tc = s.tradeCount { parts.append(tc[i] < 0 ? "" : String(tc[i])) }
        return parts.joined(separator: ",")
    }

    /// The whole series as CSV text with a header line.
    public static func text(_ s: BarSeries) -> String {
        var out = header(for: s) + "\n"
        for i in 0..<s.count { out += row(s, i) + "\n" }
        return out
    }

    static func format(_ v: Double) -> String {
        v.isNaN ? "" : v.description
    }
}
