/// Mat Hold (`CDLMATHOLD`): a long white candle, a short black candle gapping up, two more
/// short falling candles holding within the first body (penetrating it by less than
/// `penetration`), then a white candle closing above the reaction days' highs. +100.
struct MatHold: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 4), CandleSlot(.bodyShort, lag: 3), CandleSlot(.bodyShort, lag: 2),
                    CandleSlot(.bodyShort, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 5, .bodyShort, .bodyLong)
    let penetration: Double

    init(_ p: FeatureParameters) { penetration = p.double("penetration") }

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let floor = c.close(4) - c.realBody(4) * penetration
        guard c.isWhite(4) & c.isBlack(3) & c.isWhite(0)
            & c.realBodyGapUp(3, 4)
            & (c.bodyBottom(2) < c.close(4)) & (c.bodyBottom(1) < c.close(4))
            & (c.bodyBottom(2) > floor) & (c.bodyBottom(1) > floor)
            & (fmax(c.close(2), c.open(2)) < c.open(3))
            & (fmax(c.close(1), c.open(1)) < fmax(c.close(2), c.open(2)))
            & (c.open() > c.close(1))
            & (c.close() > fmax(fmax(c.high(3), c.high(2)), c.high(1)))
        else { return 0 }
        let matched = (c.realBody(4) > c.average(.bodyLong, t[0], 4))
            & (c.realBody(3) < c.average(.bodyShort, t[1], 3))
            & (c.realBody(2) < c.average(.bodyShort, t[2], 2))
            & (c.realBody(1) < c.average(.bodyShort, t[3], 1))
        return score(matched, 100)
    }
}
