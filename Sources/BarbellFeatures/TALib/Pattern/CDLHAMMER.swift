/// Hammer (`CDLHAMMER`): a small body with a long lower shadow and a very short upper one, its
/// body near or below the prior candle's low. +100.
struct Hammer: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyShort), CandleSlot(.shadowVeryShort), CandleSlot(.near, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .shadowLong, .shadowVeryShort, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = (c.realBody() < c.average(.bodyShort, t[0]))
            & (c.lowerShadow() > c.average(.shadowLong, 0))
            & (c.upperShadow() < c.average(.shadowVeryShort, t[1]))
            & (c.bodyBottom() <= c.low(1) + c.average(.near, t[2], 1))
        return matched ? 100 : 0
    }
}
