/// Identical Three Crows (`CDLIDENTICAL3CROWS`): three falling black candles with very short
/// lower shadows, each opening at about the prior close. −100.
struct IdenticalThreeCrows: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort, lag: 2), CandleSlot(.shadowVeryShort, lag: 1), CandleSlot(.shadowVeryShort),
                    CandleSlot(.equal, lag: 2), CandleSlot(.equal, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 3, .shadowVeryShort, .equal)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out most bars: one selective branch first.
        guard c.mayAllBeBlack(2, 1, 0) else { return 0 }
        guard c.isBlack(2) & c.isBlack(1) & c.isBlack(0) & (c.close(2) > c.close(1)) & (c.close(1) > c.close(0))
        else { return 0 }
        let equal2 = c.average(.equal, t[3], 2), equal1 = c.average(.equal, t[4], 1)
        guard (c.open(1) <= c.close(2) + equal2) & (c.open(1) >= c.close(2) - equal2)
            & (c.open(0) <= c.close(1) + equal1) & (c.open(0) >= c.close(1) - equal1)
        else { return 0 }
        let matched = (c.lowerShadow(2) < c.average(.shadowVeryShort, t[0], 2))
            & (c.lowerShadow(1) < c.average(.shadowVeryShort, t[1], 1))
            & (c.lowerShadow(0) < c.average(.shadowVeryShort, t[2], 0))
        return score(matched, -100)
    }
}
