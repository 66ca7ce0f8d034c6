/// Gravestone Doji (`CDLGRAVESTONEDOJI`): a doji with a very short lower shadow and an upper
/// shadow that is not very short. +100.
struct GravestoneDoji: CandlePattern {
    static var slots: [CandleSlot] { [CandleSlot(.bodyDoji), CandleSlot(.shadowVeryShort)] }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: UnsafePointer<Double>) -> Double {
        let veryShort = c.average(.shadowVeryShort, t[1])
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0]))
            & (c.lowerShadow() < veryShort) & (c.upperShadow() > veryShort)
        return matched ? 100 : 0
    }
}
