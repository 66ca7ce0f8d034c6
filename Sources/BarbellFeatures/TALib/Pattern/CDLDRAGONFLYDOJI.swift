/// Dragonfly Doji (`CDLDRAGONFLYDOJI`): a doji with a very short upper shadow and a lower
/// shadow that is not very short. +100.
struct DragonflyDoji: CandlePattern {
    static var slots: [CandleSlot] { [CandleSlot(.bodyDoji), CandleSlot(.shadowVeryShort)] }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: UnsafePointer<Double>) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0]))
            & (c.upperShadow() < veryShort) & (c.lowerShadow() > veryShort)
        return matched ? 100 : 0
    }
}
