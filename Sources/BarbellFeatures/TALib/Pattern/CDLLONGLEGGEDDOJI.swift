/// Long Legged Doji (`CDLLONGLEGGEDDOJI`): a doji with at least one long shadow. +100.
struct LongLeggedDoji: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowLong)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.realBody() <= c.average(.bodyDoji, t[0]) else { return 0 }
        let long = c.average(.shadowLong, 0)
        return (c.lowerShadow() > long) | (c.upperShadow() > long) ? 100 : 0
    }
}
