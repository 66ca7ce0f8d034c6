/// A bar series as read from a file, with what validation and adjustment need beside it:
/// the source line of every row and the corporate-action columns.
public struct LoadedSeries: Sendable {
    public var series: BarSeries
    /// 1-based line number in the (decompressed) source file for each row; empty when the
    /// format has no meaningful lines (candle JSON).
    public var lines: [Int]
    /// `Adj Close` values when the file has them.
    public var adjClose: [Double]?
    /// Cash dividend per share with ex-date on the row, 0 when none.
    public var dividends: [Double]?
    /// Split ratio effective on the row (2 = 2-for-1), 1 (or 0 in some feeds) when none.
    public var splits: [Double]?
    /// Whether the file recorded volume; close-price matrices do not.
    public var hasVolume: Bool
    /// The file the rows came from.
    public var source: String

    public init(series: BarSeries, lines: [Int], source: String, hasVolume: Bool = true) {
        self.series = series
        self.lines = lines
        self.source = source
        self.hasVolume = hasVolume
    }

    public var count: Int { series.count }

    /// Keeps only the given rows (in order) across every column.
    public func selecting(rows: [Int]) -> LoadedSeries {
        var out = self
        out.series = series.selecting(rows: rows)
        out.lines = lines.isEmpty ? [] : rows.map { lines[$0] }
        out.adjClose = adjClose.map { col in rows.map { col[$0] } }
        out.dividends = dividends.map { col in rows.map { col[$0] } }
        out.splits = splits.map { col in rows.map { col[$0] } }
        return out
    }
}
