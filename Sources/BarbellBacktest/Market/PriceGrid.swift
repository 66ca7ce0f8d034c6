import BarbellData

/// Bars of many symbols aligned on one time axis: the market a backtest replays.
///
/// Each symbol's columns are stored contiguously (`close[symbol][bar]`), because both engines
/// walk one symbol's prices far more often than one bar's cross-section. A symbol without a bar
/// at a time has NaN there: it cannot trade then, and it is valued at its last known close.
public struct PriceGrid: Sendable, Equatable {
    /// Symbol names, in the order every per-symbol array uses.
    public let symbols: [String]
    /// The union of all symbols' bar times, strictly increasing.
    public let timestamps: [Timestamp]
    public let open: [[Double]]
    public let high: [[Double]]
    public let low: [[Double]]
    public let close: [[Double]]
    public let volume: [[Double]]

    public var barCount: Int { timestamps.count }
    public var symbolCount: Int { symbols.count }

    /// Builds a grid from columns that are already aligned.
    ///
    /// - Throws: ``BacktestError`` naming the symbol and bar when shapes disagree, times are not
    ///   strictly increasing, a symbol is repeated, or a present bar has a non-positive or
    ///   non-finite price (NaN marks an absent bar and must be NaN in all four prices).
    public init(symbols: [String], timestamps: [Timestamp], open: [[Double]], high: [[Double]],
                low: [[Double]], close: [[Double]], volume: [[Double]]) throws(BacktestError) {
        guard !symbols.isEmpty else { throw BacktestError(.invalidArgument, "price grid: no symbols") }
        guard timestamps.count >= 1 else { throw BacktestError(.insufficientData, "price grid: no bars") }
        if let dup = Dictionary(grouping: symbols, by: { $0 }).first(where: { $0.value.count > 1 }) {
            throw BacktestError(.invalidArgument, "price grid: symbol \(dup.key) appears \(dup.value.count) times")
        }
        for i in 1..<timestamps.count where timestamps[i] <= timestamps[i - 1] {
            throw BacktestError(.invalidArgument, "price grid: bar \(i) at \(timestamps[i]) is not after bar \(i - 1) at \(timestamps[i - 1]); times must increase strictly")
        }
        for (name, columns) in [("open", open), ("high", high), ("low", low), ("close", close), ("volume", volume)] {
            guard columns.count == symbols.count else {
                throw BacktestError(.shapeMismatch, "price grid: \(columns.count) \(name) columns for \(symbols.count) symbols")
            }
            for (s, column) in columns.enumerated() where column.count != timestamps.count {
                throw BacktestError(.shapeMismatch, "price grid: \(symbols[s]) has \(column.count) \(name) values for \(timestamps.count) bars")
            }
        }
        for s in symbols.indices {
            let (o, h, l, c, v) = (open[s], high[s], low[s], close[s], volume[s])
            for t in timestamps.indices {
                if c[t].isNaN {
                    guard o[t].isNaN, h[t].isNaN, l[t].isNaN else {
                        throw BacktestError(.nonFinite, "price grid: \(symbols[s]) bar \(t) (\(timestamps[t])) has no close but has other prices; an absent bar is NaN in open, high, low and close")
                    }
                    continue
                }
                // One branch per bar in the common case; the slow path names the field.
                if !(o[t].isFinite && o[t] > 0 && h[t].isFinite && h[t] > 0 && l[t].isFinite && l[t] > 0
                     && c[t].isFinite && c[t] > 0) {
                    for (field, value) in [("open", o[t]), ("high", h[t]), ("low", l[t]), ("close", c[t])]
                    where !(value.isFinite && value > 0) {
                        throw BacktestError(.nonFinite, "price grid: \(symbols[s]) bar \(t) (\(timestamps[t])) \(field) is \(value); expected a finite price > 0")
                    }
                }
                guard v[t].isNaN || (v[t].isFinite && v[t] >= 0) else {
                    throw BacktestError(.nonFinite, "price grid: \(symbols[s]) bar \(t) (\(timestamps[t])) volume is \(v[t]); expected ≥ 0")
                }
            }
        }
        self.symbols = symbols
        self.timestamps = timestamps
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// The index of `name` in ``symbols``, if present.
    public func index(of name: String) -> Int? { symbols.firstIndex(of: name) }
}
