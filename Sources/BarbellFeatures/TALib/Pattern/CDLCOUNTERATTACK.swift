/// Counterattack (`CDLCOUNTERATTACK`): two long candles of opposite colours with (nearly)
/// equal closes. Sign is the second candle's colour.
struct Counterattack: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.equal, lag: 1), CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyLong))
    }
    static let lookback = CandleSetting.lookback(length: 2, .equal, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[0], 1)
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (c.isWhite(1) != c.isWhite(0))
            & (c.realBody(1) > c.average(.bodyLong, t[1], 1))
            & (c.realBody(0) > c.average(.bodyLong, t[2], 0))
            & (c.close() <= c.close(1) + equal) & (c.close() >= c.close(1) - equal)
        return score(matched, c.isWhite() ? 100 : -100)
    }
}
