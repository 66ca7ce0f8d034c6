/// Belt-hold (`CDLBELTHOLD`): a long candle opening at its extreme (very short shadow on the
/// opening side). Sign is the candle's colour.
struct BeltHold: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        guard (c.realBody() > c.average(.bodyLong, t[0]))
            & ((c.isWhite() & (c.lowerShadow() < veryShort)) | (c.isBlack() & (c.upperShadow() < veryShort)))
        else { return 0 }
        return Double(c.color() * 100)
    }
}
