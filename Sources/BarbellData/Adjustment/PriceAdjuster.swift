/// Produces adjusted OHLCV from corporate-action data, explicitly and at most once.
///
/// Backward adjustment (the CRSP / Quandl WIKI convention): the latest prices stay as traded
/// and every earlier bar is scaled, so returns across an ex-date equal total returns.
/// For an event on row `t` with split ratio `S` and cash dividend `D`, all rows before `t`
/// are multiplied by `(1 − D / close[t−1]) / S`; volumes before `t` by `S`.
public enum PriceAdjustmentMethod: String, Sendable, CaseIterable {
    /// Scale OHLC by `adjClose / close` row by row (Yahoo files). Yields fully adjusted prices.
    case adjClose = "adj-close"
    /// Apply the file's split column.
    case splits
    /// Apply the file's dividend column.
    case dividends
    /// Apply both split and dividend columns.
    case all
}

extension LoadedSeries {
    /// Returns a copy with `method` applied. Throws when the data lack the needed column or
    /// already carry the adjustment (adjusting twice silently corrupts every return).
    public func adjusted(by method: PriceAdjustmentMethod) throws(DataError) -> LoadedSeries {
        let current = series.adjustment
        func alreadyDone(_ what: PriceAdjustment) -> DataError {
            DataError(.adjustment, "\(series.symbol) is already \(current)-adjusted; applying \(what) adjustment again would double it", file: source)
        }
        var out = self
        let n = series.count
        switch method {
        case .adjClose:
            guard let adj = adjClose else {
                throw DataError(.adjustment, "no 'Adj Close' column to adjust \(series.symbol) with", file: source, field: "adj_close")
            }
            if current.contains(.dividends) { throw alreadyDone(.dividends) }
            for i in 0..<n {
                let c = series.close[i]
                let f = adj[i] / c
                out.series.open[i] = series.open[i] * f
                out.series.high[i] = series.high[i] * f
                out.series.low[i] = series.low[i] * f
                out.series.close[i] = adj[i]
                if out.series.vwap != nil { out.series.vwap![i] *= f }
            }
            out.series.adjustment = .all
            out.adjClose = nil
        case .splits, .dividends, .all:
            let wantSplits = method != .dividends
            let wantDividends = method != .splits
            if wantSplits && current.contains(.splits) { throw alreadyDone(.splits) }
            if wantDividends && current.contains(.dividends) { throw alreadyDone(.dividends) }
            if wantSplits && splits == nil {
                throw DataError(.adjustment, "no split column to adjust \(series.symbol) with", file: source, field: "split")
            }
            if wantDividends && dividends == nil {
                throw DataError(.adjustment, "no dividend column to adjust \(series.symbol) with", file: source, field: "dividend")
            }
            var priceFactor = 1.0
            var volumeFactor = 1.0
            // Walk backwards so each row sees the product of all later events.
            for i in stride(from: n - 1, through: 0, by: -1) {
                out.series.open[i] = series.open[i] * priceFactor
                out.series.high[i] = series.high[i] * priceFactor
                out.series.low[i] = series.low[i] * priceFactor
                out.series.close[i] = series.close[i] * priceFactor
                out.series.volume[i] = series.volume[i] * volumeFactor
                if out.series.vwap != nil { out.series.vwap![i] *= priceFactor }
                guard i > 0 else { break }
                if wantSplits, let s = splits?[i], s > 0, s != 1 {
                    priceFactor /= s
                    volumeFactor *= s
                }
                if wantDividends, let d = dividends?[i], d > 0 {
                    let previousClose = series.close[i - 1]
                    guard previousClose > d else {
                        throw DataError(.adjustment, "dividend \(d) on line \(lines[i]) is not below the previous close \(previousClose)", file: source, line: lines[i], field: "dividend")
                    }
                    priceFactor *= 1 - d / previousClose
                }
            }
            if wantSplits { out.series.adjustment.insert(.splits); out.splits = nil }
            if wantDividends { out.series.adjustment.insert(.dividends); out.dividends = nil }
        }
        return out
    }
}
