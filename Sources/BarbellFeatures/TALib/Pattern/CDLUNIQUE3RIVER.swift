/// Unique 3 River (`CDLUNIQUE3RIVER`): a long black candle, a black harami-like candle making a
/// lower low, then a short white candle opening above that low. +100.
struct UniqueThreeRiver: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 3, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = (c.realBody(2) > c.average(.bodyLong, t[0], 2)) & c.isBlack(2)
            & c.isBlack(1) & (c.close(1) > c.close(2)) & (c.open(1) <= c.open(2)) & (c.low(1) < c.low(2))
            & (c.realBody(0) < c.average(.bodyShort, t[1], 0)) & c.isWhite(0) & (c.open() > c.low(1))
        return matched ? 100 : 0
    }
}
