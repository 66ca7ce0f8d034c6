/// Closing Marubozu (`CDLCLOSINGMARUBOZU`): a long candle closing at its extreme (very short
/// shadow on the closing side). Sign is the candle's colour.
struct ClosingMarubozu: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        guard (c.realBody() > c.average(.bodyLong, t[0]))
            & ((c.isWhite() & (c.upperShadow() < veryShort)) | (c.isBlack() & (c.lowerShadow() < veryShort)))
        else { return 0 }
        return Double(c.color() * 100)
    }
}
