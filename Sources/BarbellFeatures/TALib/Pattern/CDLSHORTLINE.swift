/// Short Line Candle (`CDLSHORTLINE`): a short body with short shadows. Sign is the colour.
struct ShortLine: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort), CandleSlot(.shadowShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyShort, .shadowShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let short = c.average(.shadowShort, t[1])
        guard (c.realBody() < c.average(.bodyShort, t[0])) & (c.upperShadow() < short) & (c.lowerShadow() < short) else { return 0 }
        return Double(c.color() * 100)
    }
}
