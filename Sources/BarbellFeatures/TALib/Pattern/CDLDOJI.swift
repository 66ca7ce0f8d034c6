/// Doji (`CDLDOJI`): a real body no larger than a tenth of the average high-low range. +100.
struct Doji: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        c.realBody() <= c.average(.bodyDoji, t[0]) ? 100 : 0
    }
}
