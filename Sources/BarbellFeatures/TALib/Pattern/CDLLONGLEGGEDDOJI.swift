/// Long Legged Doji (`CDLLONGLEGGEDDOJI`): a doji with at least one long shadow. +100.
struct LongLeggedDoji: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let long = c.average(.shadowLong, 0)
        let matched = (c.realBody() <= c.average(.bodyDoji, t[0])) & ((c.lowerShadow() > long) | (c.upperShadow() > long))
        return score(matched, 100)
    }
}
