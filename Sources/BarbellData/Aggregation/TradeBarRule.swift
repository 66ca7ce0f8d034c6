/// How trades are grouped into bars (López de Prado, *Advances in Financial Machine Learning*,
/// Wiley 2018, ch. 2.3 "Standard bars").
///
/// Time bars sample at fixed clock intervals; tick, volume and dollar bars sample after a
/// fixed amount of market activity, which gives returns closer to i.i.d. normal because
/// busy periods produce more bars. In every rule a trade belongs to exactly one bar (trades
/// are never split), and the last, possibly incomplete bar is included by
/// ``TradeBars/aggregate(_:rule:)`` and emitted by ``TradeBarAggregator/finish()``.
public enum TradeBarRule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One bar per clock bucket `[bucketStart, bucketStart + width)`, labelled by the bucket
    /// start (``Timeframe/bucketStart(_:)``; weeks start on Monday). Buckets without trades
    /// produce no bar.
    case time(Timeframe)
    /// A bar closes after this many trades. Labelled by its first trade's timestamp.
    case ticks(Int)
    /// A bar closes on the trade at which the bar's cumulative size (Σ quantity, base units)
    /// reaches the threshold (`≥`). That trade belongs to the closing bar, so a bar's volume is
    /// at least the threshold and can exceed it. Labelled by its first trade's timestamp.
    case volume(Double)
    /// A bar closes on the trade at which the bar's cumulative traded value Σ price·quantity
    /// (quote currency) reaches the threshold (`≥`); otherwise like ``volume(_:)``.
    case dollar(Double)

    /// The bar timeframe for ``time(_:)``; nil for activity bars, which have no fixed spacing.
    public var timeframe: Timeframe? {
        if case .time(let tf) = self { return tf }
        return nil
    }

    /// Whether the parameter is usable: positive tick count, positive finite threshold.
    public var isValid: Bool {
        switch self {
        case .time: return true
        case .ticks(let n): return n > 0
        case .volume(let v), .dollar(let v): return v > 0 && v.isFinite
        }
    }

    public var description: String {
        switch self {
        case .time(let tf): return "time(\(tf))"
        case .ticks(let n): return "ticks(\(n))"
        case .volume(let v): return "volume(\(v))"
        case .dollar(let v): return "dollar(\(v))"
        }
    }
}
