/// Advance Block (`CDLADVANCEBLOCK`): three rising white candles, the first long, each opening
/// within or near the prior body, whose advance weakens (shrinking bodies or growing upper
/// shadows). Bearish (−100).
struct AdvanceBlock: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowShort, lag: 2), CandleSlot(.shadowShort, lag: 1), CandleSlot(.shadowShort),
                    CandleSlot(.near, lag: 2), CandleSlot(.near, lag: 1), CandleSlot(.far, lag: 2), CandleSlot(.far, lag: 1),
                    CandleSlot(.bodyLong, lag: 2))
    }
    static let lookback = CandleSetting.lookback(length: 3, .shadowLong, .shadowShort, .far, .near, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.isWhite(2) & c.isWhite(1) & c.isWhite(0)
            & (c.close(0) > c.close(1)) & (c.close(1) > c.close(2))
            & (c.open(1) > c.open(2)) & (c.open(0) > c.open(1))
        else { return 0 }
        guard (c.open(1) <= c.close(2) + c.average(.near, t[3], 2))
            & (c.open(0) <= c.close(1) + c.average(.near, t[4], 1))
            & (c.realBody(2) > c.average(.bodyLong, t[7], 2))
            & (c.upperShadow(2) < c.average(.shadowShort, t[0], 2))
        else { return 0 }
        let weakening =
            ((c.realBody(1) < c.realBody(2) - c.average(.far, t[5], 2)) & (c.realBody(0) < c.realBody(1) + c.average(.near, t[4], 1)))
            | (c.realBody(0) < c.realBody(1) - c.average(.far, t[6], 1))
            | ((c.realBody(0) < c.realBody(1)) & (c.realBody(1) < c.realBody(2))
                & ((c.upperShadow(0) > c.average(.shadowShort, t[2], 0)) | (c.upperShadow(1) > c.average(.shadowShort, t[1], 1))))
            | ((c.realBody(0) < c.realBody(1)) & (c.upperShadow(0) > c.average(.shadowLong, 0, 0)))
        return score(weakening, -100)
    }
}
