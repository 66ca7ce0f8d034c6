/// Running OHLCV state of one coarse bar while finer bars are folded into it.
///
/// Shared by ``BarSeries/resampled(to:)`` and ``BarResampler`` so both perform exactly the
/// same floating-point operations in the same order and therefore agree bit for bit.
struct BarAccumulator: Sendable {
    /// Label of the coarse bar: its bucket start.
    let start: Int64
    /// Last nanosecond of the bucket; a finer bar after it belongs to a later bar.
    let last: Int64
    var open: Double
    var high: Double
    var low: Double
    var close: Double
    /// Sum of volumes in input order (NaN as soon as one volume is unknown).
    var volume: Double
    /// Σ vwapᵢ·volumeᵢ in input order; only meaningful while `vwapKnown`.
    var vwapNumerator: Double
    /// The vwap of the first bar, kept so a bucket holding a single bar reproduces it exactly
    /// instead of as (v·q)/q, which can differ from v in the last bit.
    let firstVWAP: Double
    /// False once a folded bar with non-zero (or unknown) volume lacks a vwap: a weighted mean
    /// over part of the volume would be wrong. A zero-volume bar without vwap (an empty or
    /// forward-filled bar) has no weight and does not matter.
    var vwapKnown: Bool
    var tradeCount: Int64
    /// False once any folded bar lacks a trade count.
    var tradeCountKnown: Bool
    /// Number of finer bars folded in.
    var bars: Int

    /// Starts a coarse bar from its first finer bar. `vwap` is NaN and `tradeCount` negative
    /// when unknown (the ``BarSeries`` column conventions).
    @inline(__always)
    init(start: Int64, last: Int64, open: Double, high: Double, low: Double, close: Double,
         volume: Double, vwap: Double, tradeCount: Int64) {
        self.start = start
        self.last = last
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwapNumerator = vwap.isNaN ? 0 : vwap * volume
        self.firstVWAP = vwap
        self.vwapKnown = !vwap.isNaN || volume == 0
        self.tradeCount = tradeCount
        self.tradeCountKnown = tradeCount >= 0
        self.bars = 1
    }

    /// Folds the next finer bar (in time order) into this one.
    @inline(__always)
    mutating func add(high h: Double, low l: Double, close c: Double, volume v: Double,
                      vwap w: Double, tradeCount n: Int64) {
        // `>`/`<` rather than max/min: a NaN high or low is skipped instead of poisoning the bar.
        if h > high { high = h }
        if l < low { low = l }
        close = c
        volume += v
        if !w.isNaN {
            vwapNumerator += w * v
        } else if v != 0 {
            vwapKnown = false
        }
        if n < 0 { tradeCountKnown = false } else { tradeCount += n }
        bars += 1
    }

    /// The coarse bar's vwap, or NaN when it is unknown or undefined (zero total volume).
    var vwap: Double {
        guard vwapKnown else { return .nan }
        if bars == 1 { return firstVWAP }
        return volume > 0 ? vwapNumerator / volume : .nan
    }

    /// The coarse bar's trade count, or -1 when unknown.
    var count: Int64 { tradeCountKnown ? tradeCount : -1 }

    var bar: Bar {
        let w = vwap
        let n = count
        return Bar(timestamp: Timestamp(nanoseconds: start), open: open, high: high, low: low, close: close,
                   volume: volume, vwap: w.isNaN ? nil : w, tradeCount: n < 0 ? nil : n)
    }
}
