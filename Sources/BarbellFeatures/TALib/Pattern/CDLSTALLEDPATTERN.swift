/// Stalled Pattern (`CDLSTALLEDPATTERN`): two long rising white candles, the second with a very
/// short upper shadow, then a small white candle opening near the second's close. −100.
struct StalledPattern: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyShort),
                    CandleSlot(.shadowVeryShort, lag: 1), CandleSlot(.near, lag: 2), CandleSlot(.near, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 3, .bodyLong, .bodyShort, .shadowVeryShort, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.isWhite(2) & c.isWhite(1) & c.isWhite(0)
            & (c.close(0) > c.close(1)) & (c.close(1) > c.close(2)) & (c.open(1) > c.open(2))
        else { return 0 }
        let matched = (c.realBody(2) > c.average(.bodyLong, t[0], 2))
            & (c.realBody(1) > c.average(.bodyLong, t[1], 1))
            & (c.upperShadow(1) < c.average(.shadowVeryShort, t[3], 1))
            & (c.open(1) <= c.close(2) + c.average(.near, t[4], 2))
            & (c.realBody(0) < c.average(.bodyShort, t[2], 0))
            & (c.open(0) >= c.close(1) - c.realBody(0) - c.average(.near, t[5], 1))
        return matched ? -100 : 0
    }
}
