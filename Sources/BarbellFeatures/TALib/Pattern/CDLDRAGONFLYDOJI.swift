/// Dragonfly Doji (`CDLDRAGONFLYDOJI`): a doji with a very short upper shadow and a lower
/// shadow that is not very short. +100.
struct DragonflyDoji: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let veryShort = c.average(.shadowVeryShort, t[1])
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0])) & (c.upperShadow() < veryShort) & (c.lowerShadow() > veryShort)
        return score(matched, 100)
    }
}
