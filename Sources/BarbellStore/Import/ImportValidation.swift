import BarbellData

extension BarSeries {
    /// Checks that the series can be stored and returns its timeframe.
    ///
    /// Stores key bars by (symbol, timeframe, timestamp), so a series without a timeframe has
    /// no key, and duplicate or unordered timestamps would make "already present" ambiguous.
    func validatedForImport(position: Int) throws -> Timeframe {
        let label = "series \(position + 1) (\(symbol.name.isEmpty ? "<empty symbol>" : symbol.name))"
        guard let timeframe else {
            throw DataError(.invalidArgument, "\(label) has no timeframe; give one (e.g. 1m, 1d) before storing")
        }
        guard !symbol.name.isEmpty else {
            throw DataError(.invalidArgument, "\(label) has an empty symbol")
        }
        let n = timestamps.count
        let lengths = [open.count, high.count, low.count, close.count, volume.count, vwap?.count ?? n, tradeCount?.count ?? n]
        guard lengths.allSatisfy({ $0 == n }) else {
            throw DataError(.invalidArgument, "\(label) \(timeframe) has columns of different lengths: \(n) timestamps, column lengths \(lengths)")
        }
        var i = 1
        while i < n {
            if timestamps[i] <= timestamps[i - 1] {
                throw DataError(.invalidArgument, "\(label) \(timeframe): timestamps must be strictly increasing, but row \(i + 1) (\(timestamps[i])) is not after row \(i) (\(timestamps[i - 1]))")
            }
            i += 1
        }
        return timeframe
    }
}

extension Array where Element == BarSeries {
    /// Validates every series before anything is written and returns their timeframes.
    ///
    /// A (symbol, timeframe) may appear only once per import: two overlapping copies would
    /// make the outcome depend on their order.
    func validatedForImport() throws -> [Timeframe] {
        var seen = Set<SeriesKey>()
        var timeframes: [Timeframe] = []
        timeframes.reserveCapacity(count)
        for (position, series) in enumerated() {
            let timeframe = try series.validatedForImport(position: position)
            guard seen.insert(SeriesKey(symbol: series.symbol, timeframe: timeframe)).inserted else {
                throw DataError(.invalidArgument, "series \(series.symbol) \(timeframe) is given more than once in one import; merge the copies first")
            }
            timeframes.append(timeframe)
        }
        return timeframes
    }
}

/// The identity of a stored series.
struct SeriesKey: Hashable, Sendable {
    var symbol: Symbol
    var timeframe: Timeframe
}
