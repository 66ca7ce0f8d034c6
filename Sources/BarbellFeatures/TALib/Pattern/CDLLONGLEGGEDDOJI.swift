/// Long Legged Doji (`CDLLONGLEGGEDDOJI`): a doji with at least one long shadow. +100.
struct LongLeggedDoji: CandlePattern {
    static var slots: [CandleSlot] { [CandleSlot(.bodyDoji)] }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowLong)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: UnsafePointer<Double>) -> Double {
        let long = c.average(.shadowLong, 0)
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0])) & ((c.lowerShadow() > long) | (c.upperShadow() > long))
        return matched ? 100 : 0
    }
}
