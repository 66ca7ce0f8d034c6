/// Thrusting (`CDLTHRUSTING`): a long black candle, then a white candle opening below its low
/// and closing into its body, above the close but below the midpoint. −100.
struct Thrusting: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.equal, lag: 1), CandleSlot(.bodyLong, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 2, .equal, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = c.isBlack(1) & (c.realBody(1) > c.average(.bodyLong, t[1], 1))
            & c.isWhite(0) & (c.open() < c.low(1))
            & (c.close() > c.close(1) + c.average(.equal, t[0], 1))
            & (c.close() <= c.close(1) + c.realBody(1) * 0.5)
        return matched ? -100 : 0
    }
}
