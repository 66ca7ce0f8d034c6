/// Three Advancing White Soldiers (`CDL3WHITESOLDIERS`): three white candles with very short
/// upper shadows, each opening within or near the prior body and closing higher, none far
/// shorter than the one before, the last not short. Bullish (+100).
struct ThreeWhiteSoldiers: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort, lag: 2), CandleSlot(.shadowVeryShort, lag: 1), CandleSlot(.shadowVeryShort),
                    CandleSlot(.near, lag: 2), CandleSlot(.near, lag: 1), CandleSlot(.far, lag: 2), CandleSlot(.far, lag: 1),
                    CandleSlot(.bodyShort))
    }
    static let lookback = CandleSetting.lookback(length: 3, .shadowVeryShort, .bodyShort, .far, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.isWhite(2) & c.isWhite(1) & c.isWhite(0)
            & (c.close(0) > c.close(1)) & (c.close(1) > c.close(2))
            & (c.open(1) > c.open(2)) & (c.open(0) > c.open(1))
        else { return 0 }
        let matched = (c.upperShadow(2) < c.average(.shadowVeryShort, t[0], 2))
            & (c.upperShadow(1) < c.average(.shadowVeryShort, t[1], 1))
            & (c.upperShadow(0) < c.average(.shadowVeryShort, t[2], 0))
            & (c.open(1) <= c.close(2) + c.average(.near, t[3], 2))
            & (c.open(0) <= c.close(1) + c.average(.near, t[4], 1))
            & (c.realBody(1) > c.realBody(2) - c.average(.far, t[5], 2))
            & (c.realBody(0) > c.realBody(1) - c.average(.far, t[6], 1))
            & (c.realBody(0) > c.average(.bodyShort, t[7], 0))
        return matched ? 100 : 0
    }
}
