/// Hanging Man (`CDLHANGINGMAN`): a hammer-shaped candle whose body is near or above the prior
/// candle's high. −100.
struct HangingMan: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyShort), CandleSlot(.shadowVeryShort), CandleSlot(.near, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .shadowLong, .shadowVeryShort, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = (c.realBody() < c.average(.bodyShort, t[0]))
            & (c.lowerShadow() > c.average(.shadowLong, 0))
            & (c.upperShadow() < c.average(.shadowVeryShort, t[1]))
            & (c.bodyBottom() >= c.high(1) - c.average(.near, t[2], 1))
        return matched ? -100 : 0
    }
}
