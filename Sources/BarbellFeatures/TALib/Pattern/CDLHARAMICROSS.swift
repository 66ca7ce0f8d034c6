/// Harami Cross (`CDLHARAMICROSS`): a long candle followed by a doji inside its body. Sign
/// opposite to the first candle; ±100 strictly inside, ±80 touching an end.
struct HaramiCross: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyDoji, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and a branch-free score: the shape tests are close to coin flips.
        let long1 = c.realBody(1) > c.average(.bodyLong, t[0], 1)
        return HaramiShape.value(c, long1 & (c.realBody(0) <= c.average(.bodyDoji, t[1], 0)))
    }
}
