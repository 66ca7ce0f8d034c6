/// Marubozu (`CDLMARUBOZU`): a long body with very short shadows. Sign is the colour.
struct Marubozu: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        guard (c.realBody() > c.average(.bodyLong, t[0])) & (c.upperShadow() < veryShort) & (c.lowerShadow() < veryShort)
        else { return 0 }
        return Double(c.color() * 100)
    }
}
