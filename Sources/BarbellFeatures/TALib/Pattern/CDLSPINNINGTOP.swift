/// Spinning Top (`CDLSPINNINGTOP`): a short body with both shadows longer than it. Sign is the
/// colour.
struct SpinningTop: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let body = c.realBody()
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (body < c.average(.bodyShort, t[0])) & (c.upperShadow() > body) & (c.lowerShadow() > body)
        return score(matched, c.isWhite() ? 100 : -100)
    }
}
