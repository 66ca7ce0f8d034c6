/// Takuri (`CDLTAKURI`): a doji with a very short upper shadow and a very long lower shadow.
/// +100.
struct Takuri: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowVeryShort, .shadowVeryLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0])) & (c.upperShadow() < c.average(.shadowVeryShort, t[1]))
            & (c.lowerShadow() > c.average(.shadowVeryLong, 0))
        return score(matched, 100)
    }
}
