/// Upside Gap Two Crows (`CDLUPSIDEGAP2CROWS`): a long white candle, a short black candle
/// gapping up, then a black candle engulfing it and closing above the first close. −100.
struct UpsideGapTwoCrows: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyShort, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 3, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = c.isWhite(2) & (c.realBody(2) > c.average(.bodyLong, t[0], 2))
            & c.isBlack(1) & (c.realBody(1) <= c.average(.bodyShort, t[1], 1)) & c.realBodyGapUp(1, 2)
            & c.isBlack(0) & (c.open() > c.open(1)) & (c.close() < c.close(1)) & (c.close() > c.close(2))
        return matched ? -100 : 0
    }
}
