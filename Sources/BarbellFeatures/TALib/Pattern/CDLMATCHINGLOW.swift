/// Matching Low (`CDLMATCHINGLOW`): two black candles with (nearly) equal closes. +100.
struct MatchingLow: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.equal, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 2, .equal)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[0], 1)
        let matched = c.isBlack(1) & c.isBlack(0) & (c.close() <= c.close(1) + equal) & (c.close() >= c.close(1) - equal)
        return matched ? 100 : 0
    }
}
