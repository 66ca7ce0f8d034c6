/// Tristar (`CDLTRISTAR`): three doji, the middle one gapping away from the others: −100 when
/// it gaps up, +100 when it gaps down.
struct Tristar: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji, lag: 2)) }
    static let lookback = CandleSetting.lookback(length: 3, .bodyDoji)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // TA-Lib measures all three bodies against the first candle's average.
        let doji = c.average(.bodyDoji, t[0], 2)
        // The three doji tests as one comparison, so one rarely-taken branch: the largest body
        // (NaN if any is) is no larger than `doji` exactly when every body is.
        guard maximum(maximum(c.realBody(0), c.realBody(1)), c.realBody(2)) <= doji else { return 0 }
        var value = 0.0
        if c.realBodyGapUp(1, 2) & (c.bodyTop(0) < c.bodyTop(1)) { value = -100 }
        if c.realBodyGapDown(1, 2) & (c.bodyBottom(0) > c.bodyBottom(1)) { value = 100 }
        return value
    }
}
