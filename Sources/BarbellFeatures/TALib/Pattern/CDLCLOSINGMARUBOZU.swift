/// Closing Marubozu (`CDLCLOSINGMARUBOZU`): a long candle closing at its extreme (very short
/// shadow on the closing side). Sign is the candle's colour.
struct ClosingMarubozu: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        // One combined test and an integer select: no branch on the near coin-flip tests.
        let matched = (c.realBody() > c.average(.bodyLong, t[0]))
            & ((c.isWhite() & (c.upperShadow() < veryShort)) | (c.isBlack() & (c.lowerShadow() < veryShort)))
        return score(matched, c.isWhite() ? 100 : -100)
    }
}
