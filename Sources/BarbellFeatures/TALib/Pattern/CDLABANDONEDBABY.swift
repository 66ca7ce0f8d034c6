/// Abandoned Baby (`CDLABANDONEDBABY`): a long candle, a doji gapping away from it (shadows
/// included), then a candle of the opposite colour gapping back and closing at least
/// `penetration` of the first body into it. Sign is the third candle's colour.
struct AbandonedBaby: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyDoji, lag: 1), CandleSlot(.bodyShort))
    }
    static let lookback = CandleSetting.lookback(length: 3, .bodyDoji, .bodyLong, .bodyShort)
    let penetration: Double

    init(_ p: FeatureParameters) { penetration = p.double("penetration") }

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard (c.isWhite(2) & c.isBlack(0) & (c.close() < c.close(2) - c.realBody(2) * penetration)
                & c.candleGapUp(1, 2) & c.candleGapDown(0, 1))
            | (c.isBlack(2) & c.isWhite(0) & (c.close() > c.close(2) + c.realBody(2) * penetration)
                & c.candleGapDown(1, 2) & c.candleGapUp(0, 1))
        else { return 0 }
        guard (c.realBody(2) > c.average(.bodyLong, t[0], 2))
            & (c.realBody(1) <= c.average(.bodyDoji, t[1], 1))
            & (c.realBody(0) > c.average(.bodyShort, t[2], 0))
        else { return 0 }
        return Double(c.color(0) * 100)
    }
}
