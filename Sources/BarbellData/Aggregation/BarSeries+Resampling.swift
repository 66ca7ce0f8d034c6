extension BarSeries {
    /// Aggregates these bars into coarser bars of `target` (e.g. 1m → 5m, 1h → 1d, 1d → 1w).
    ///
    /// Each output bar covers one bucket `[target.bucketStart(t), +width)` and is labelled by
    /// the bucket start (weeks start on Monday 00:00 UTC, see ``Timeframe/bucketStart(_:)``).
    /// Within a bucket:
    ///
    /// - open = first bar's open, close = last bar's close,
    /// - high = max of highs, low = min of lows,
    /// - volume = Σ volumes, summed in time order,
    /// - vwap = Σ vwapᵢ·volumeᵢ / Σ volumeᵢ (volume-weighted mean of the bar vwaps); unknown (NaN)
    ///   when a bar with non-zero volume lacks a vwap or the bucket's volume is zero (zero-volume
    ///   bars carry no weight, so their missing vwap does not matter); a bucket of one bar keeps
    ///   that bar's vwap unchanged,
    /// - tradeCount = Σ trade counts; unknown (-1) when any bar in the bucket lacks one.
    ///
    /// Buckets without input bars produce no output bar (no forward-filling: a missing bar says
    /// "no trades", a filled one would invent a price). The `vwap` and `tradeCount` columns are
    /// present in the result exactly when present here. The last bucket is emitted even if the
    /// input ends inside it, so it may cover less time than `target` (a partial bar).
    ///
    /// ``BarResampler`` produces bit-identical bars one bar at a time.
    ///
    /// - Throws: ``DataError`` `.invalidArgument` when this series has no timeframe or
    ///   `target` is not a compatible coarser timeframe (``Timeframe/canResample(to:)``);
    ///   `.validationFailed`, naming the 0-based bar index, when timestamps are not strictly
    ///   increasing or a timestamp is not a bar start of this series' timeframe.
    public func resampled(to target: Timeframe) throws(DataError) -> BarSeries {
        guard let source = timeframe else { throw AggregationError.unknownSourceTimeframe() }
        guard source.canResample(to: target) else { throw AggregationError.incompatible(source, target) }

        var out = BarSeries(symbol: symbol, timeframe: target, adjustment: adjustment)
        if vwap != nil { out.vwap = [] }
        if tradeCount != nil { out.tradeCount = [] }
        guard !isEmpty else { return out }
        let ratio = Int(target.nanoseconds / source.nanoseconds)
        out.reserveCapacity(count / ratio + 2)

        // Absent optional columns read as "unknown" for every bar; the accumulator then
        // reports unknown too, and the result has no such column anyway.
        let vwaps = vwap
        let counts = tradeCount
        var acc: BarAccumulator?
        var previous = Int64.min
        for i in 0..<count {
            let t = timestamps[i].nanoseconds
            if i > 0 && t <= previous { throw AggregationError.barOutOfOrder(index: i, timestamp: t, previous: previous) }
            guard source.bucketStart(t) == t else { throw AggregationError.barMisaligned(index: i, timestamp: t, timeframe: source) }
            previous = t
            let w = vwaps?[i] ?? .nan
            let n = counts?[i] ?? -1
            if acc != nil && t <= acc!.last {
                acc!.add(high: high[i], low: low[i], close: close[i], volume: volume[i], vwap: w, tradeCount: n)
            } else {
                if let done = acc { out.appendAccumulated(done) }
                let start = target.bucketStart(t)
                acc = BarAccumulator(start: start, last: target.bucketLast(startingAt: start),
                                     open: open[i], high: high[i], low: low[i], close: close[i],
                                     volume: volume[i], vwap: w, tradeCount: n)
            }
        }
        if let done = acc { out.appendAccumulated(done) }
        return out
    }

    /// Appends a finished coarse bar, writing only the optional columns this series has.
    mutating func appendAccumulated(_ acc: BarAccumulator) {
        timestamps.append(Timestamp(nanoseconds: acc.start))
        open.append(acc.open)
        high.append(acc.high)
        low.append(acc.low)
        close.append(acc.close)
        volume.append(acc.volume)
        if vwap != nil { vwap!.append(acc.vwap) }
        if tradeCount != nil { tradeCount!.append(acc.count) }
    }
}
