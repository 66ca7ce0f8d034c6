/// Evening Star (`CDLEVENINGSTAR`): a long white candle, a short candle gapping up, then a
/// black candle (not short) closing more than `penetration` of the first body into it. −100.
struct EveningStar: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyShort, lag: 1), CandleSlot(.bodyShort))
    }
    static let lookback = CandleSetting.lookback(length: 3, .bodyShort, .bodyLong)
    let penetration: Double

    init(_ p: FeatureParameters) { penetration = p.double("penetration") }

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and a branch-free score: the colour and gap tests are coin flips.
        let matched = c.isWhite(2) & c.realBodyGapUp(1, 2) & c.isBlack(0)
            & (c.close() < c.close(2) - c.realBody(2) * penetration)
            & (c.realBody(2) > c.average(.bodyLong, t[0], 2))
            & (c.realBody(1) <= c.average(.bodyShort, t[1], 1))
            & (c.realBody(0) > c.average(.bodyShort, t[2], 0))
        return score(matched, -100)
    }
}
