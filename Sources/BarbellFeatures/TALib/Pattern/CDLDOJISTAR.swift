/// Doji Star (`CDLDOJISTAR`): a long candle followed by a doji whose body gaps away in the
/// candle's direction. Sign is opposite to the first candle's colour.
struct DojiStar: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyDoji, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard (c.realBody(1) > c.average(.bodyLong, t[0], 1))
            & (c.realBody(0) <= c.average(.bodyDoji, t[1], 0))
            & ((c.isWhite(1) & c.realBodyGapUp(0, 1)) | (c.isBlack(1) & c.realBodyGapDown(0, 1)))
        else { return 0 }
        return Double(-c.color(1) * 100)
    }
}
