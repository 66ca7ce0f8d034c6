/// Inverted Hammer (`CDLINVERTEDHAMMER`): a small body gapping down, with a long upper shadow
/// and a very short lower one. +100.
struct InvertedHammer: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .shadowLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: the gap and shadow tests are too close to
        // coin flips to branch on.
        let matched = c.realBodyGapDown(0, 1) & (c.upperShadow() > c.average(.shadowLong, 0))
            & (c.realBody() < c.average(.bodyShort, t[0]))
            & (c.lowerShadow() < c.average(.shadowVeryShort, t[1]))
        return score(matched, 100)
    }
}
