/// High-Wave Candle (`CDLHIGHWAVE`): a short body with both shadows very long. Sign is the
/// candle's colour.
struct HighWave: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyShort, .shadowVeryLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let veryLong = c.average(.shadowVeryLong, 0)
        guard (c.realBody() < c.average(.bodyShort, t[0])) & (c.upperShadow() > veryLong) & (c.lowerShadow() > veryLong)
        else { return 0 }
        return Double(c.color() * 100)
    }
}
