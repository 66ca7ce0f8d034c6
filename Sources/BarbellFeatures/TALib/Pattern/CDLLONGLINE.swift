/// Long Line Candle (`CDLLONGLINE`): a long body with short shadows. Sign is the colour.
struct LongLine: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong), CandleSlot(.shadowShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyLong, .shadowShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let short = c.average(.shadowShort, t[1])
        guard (c.realBody() > c.average(.bodyLong, t[0])) & (c.upperShadow() < short) & (c.lowerShadow() < short) else { return 0 }
        return Double(c.color() * 100)
    }
}
