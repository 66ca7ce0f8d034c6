/// Dragonfly Doji (`CDLDRAGONFLYDOJI`): a doji with a very short upper shadow and a lower
/// shadow that is not very short. +100.
struct DragonflyDoji: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.realBody() <= c.average(.bodyDoji, t[0]) else { return 0 }
        let veryShort = c.average(.shadowVeryShort, t[1])
        return (c.upperShadow() < veryShort) & (c.lowerShadow() > veryShort) ? 100 : 0
    }
}
