/// Spinning Top (`CDLSPINNINGTOP`): a short body with both shadows longer than it. Sign is the
/// colour.
struct SpinningTop: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let body = c.realBody()
        guard (body < c.average(.bodyShort, t[0])) & (c.upperShadow() > body) & (c.lowerShadow() > body) else { return 0 }
        return Double(c.color() * 100)
    }
}
