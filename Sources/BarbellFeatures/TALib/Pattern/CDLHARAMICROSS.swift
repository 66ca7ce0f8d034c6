/// Harami Cross (`CDLHARAMICROSS`): a long candle followed by a doji inside its body. Sign
/// opposite to the first candle; ±100 strictly inside, ±80 touching an end.
struct HaramiCross: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyDoji, .bodyLong)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The body-inside-body shape is the rarer test; check it before the averages.
        guard (c.bodyTop() <= c.bodyTop(1)) & (c.bodyBottom() >= c.bodyBottom(1)) else { return 0 }
        guard (c.realBody(1) > c.average(.bodyLong, t[0], 1)) & (c.realBody(0) <= c.average(.bodyDoji, t[1], 0)) else { return 0 }
        return HaramiShape.value(c)
    }
}
