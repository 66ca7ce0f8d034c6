/// On-Neck (`CDLONNECK`): a long black candle, then a white candle opening below its low and
/// closing at about that low. −100.
struct OnNeck: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.equal, lag: 1), CandleSlot(.bodyLong, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 2, .equal, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[0], 1)
        let matched = c.isBlack(1) & (c.realBody(1) > c.average(.bodyLong, t[1], 1))
            & c.isWhite(0) & (c.open() < c.low(1))
            & (c.close() <= c.low(1) + equal) & (c.close() >= c.low(1) - equal)
        return matched ? -100 : 0
    }
}
