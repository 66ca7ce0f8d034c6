/// Piercing (`CDLPIERCING`): a long black candle, then a long white candle opening below its
/// low and closing above the midpoint of its body (but below its open). +100.
struct Piercing: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyLong)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = c.isBlack(1) & (c.realBody(1) > c.average(.bodyLong, t[0], 1))
            & c.isWhite(0) & (c.realBody(0) > c.average(.bodyLong, t[1], 0))
            & (c.open() < c.low(1)) & (c.close() < c.open(1)) & (c.close() > c.close(1) + c.realBody(1) * 0.5)
        return matched ? 100 : 0
    }
}
