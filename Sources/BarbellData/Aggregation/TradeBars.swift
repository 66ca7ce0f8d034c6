/// Batch aggregation of trades into bars.
///
/// Semantics (López de Prado, *Advances in Financial Machine Learning*, ch. 2.3; see
/// ``TradeBarRule`` for each rule):
///
/// - **time bars** cover `[bucketStart, bucketStart + width)` and are labelled by the bucket
///   start; buckets without trades produce no bar;
/// - **tick, volume and dollar bars** are labelled by their first trade's timestamp (several
///   bars can share a label when many trades share a timestamp); a volume/dollar bar closes on
///   the trade whose cumulative size/value reaches the threshold, and that trade belongs to the
///   closing bar: trades are never split between bars;
/// - every bar has open = first price, high/low = extreme prices, close = last price,
///   volume = Σ size, vwap = Σ price·size / Σ size (NaN when Σ size = 0) and tradeCount;
/// - the **final bar is included even when incomplete** (fewer ticks, less volume or value than
///   the threshold, or a time bucket the data ends inside). Callers that want only complete
///   activity bars can drop the last bar when its `tradeCount`/`volume` is below the rule.
///
/// The result's `timeframe` is the rule's timeframe for time bars and nil for activity bars;
/// its `vwap` and `tradeCount` columns are always present.
///
/// ``TradeBarAggregator`` gives bit-identical bars one trade at a time. This batch path is a
/// separate implementation tuned for throughput: it walks the raw column buffers, allocates
/// nothing per trade, and for time bars divides only when a trade leaves the current bucket.
public enum TradeBars {
    /// Aggregates `trades` (sorted by timestamp; equal timestamps allowed) into bars.
    ///
    /// - Throws: ``DataError`` `.invalidArgument` for an invalid rule (see
    ///   ``TradeBarRule/isValid``) or columns of different lengths; `.validationFailed` naming
    ///   the first 0-based trade index whose timestamp is earlier than its predecessor's.
    public static func aggregate(_ trades: TradeSeries, rule: TradeBarRule) throws(DataError) -> BarSeries {
        guard rule.isValid else { throw AggregationError.badRule(rule) }
        let n = trades.count
        guard trades.prices.count == n, trades.sizes.count == n else {
            throw DataError(.invalidArgument,
                            "trade series columns differ in length: \(n) timestamps, \(trades.prices.count) prices, \(trades.sizes.count) sizes")
        }
        var out = BarColumns()
        out.reserveCapacity(estimatedBarCount(trades, rule: rule))
        let unsorted: Int = trades.timestamps.withUnsafeBufferPointer { ts in
            trades.prices.withUnsafeBufferPointer { px in
                trades.sizes.withUnsafeBufferPointer { qs in
                    switch rule {
                    case .time(let tf): return timeBars(ts, px, qs, timeframe: tf, into: &out)
                    case .ticks(let k): return tickBars(ts, px, qs, ticks: k, into: &out)
                    case .volume(let v): return thresholdBars(ts, px, qs, threshold: v, byValue: false, into: &out)
                    case .dollar(let v): return thresholdBars(ts, px, qs, threshold: v, byValue: true, into: &out)
                    }
                }
            }
        }
        if unsorted >= 0 {
            throw AggregationError.tradeOutOfOrder(index: unsorted, timestamp: trades.timestamps[unsorted].nanoseconds,
                                                   previous: trades.timestamps[unsorted - 1].nanoseconds)
        }
        return out.series(symbol: trades.symbol, timeframe: rule.timeframe)
    }

    /// A capacity guess that avoids most regrowth without trusting unvalidated input too much.
    private static func estimatedBarCount(_ trades: TradeSeries, rule: TradeBarRule) -> Int {
        let n = trades.count
        guard n > 0 else { return 0 }
        switch rule {
        case .time(let tf):
            // In Double: the span of unsorted garbage could overflow Int64 arithmetic.
            let span = Double(trades.timestamps[n - 1].nanoseconds) - Double(trades.timestamps[0].nanoseconds)
            let buckets = span / Double(tf.nanoseconds) + 2
            return buckets > 0 ? Int(min(buckets, Double(n))) : 16
        case .ticks(let k):
            return n / k + 1
        case .volume, .dollar:
            return min(n, 1024)
        }
    }
}
