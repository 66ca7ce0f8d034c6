/// Three Black Crows (`CDL3BLACKCROWS`): after a white candle, three black candles with very
/// short lower shadows, each opening inside the prior body and closing lower. Bearish (−100).
struct ThreeBlackCrows: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort, lag: 2), CandleSlot(.shadowVeryShort, lag: 1),
                    CandleSlot(.shadowVeryShort))
    }
    static let lookback = CandleSetting.lookback(length: 4, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out almost every bar: test them first, on their own.
        guard c.mayAllBeBlack(2, 1, 0) else { return 0 }
        // Shape first: it rarely holds, so this one branch predicts well and the averages
        // (each a division) are only computed for candidates.
        guard c.isWhite(3) & c.isBlack(2) & c.isBlack(1) & c.isBlack(0)
            & (c.open(1) < c.open(2)) & (c.open(1) > c.close(2))
            & (c.open(0) < c.open(1)) & (c.open(0) > c.close(1))
            & (c.high(3) > c.close(2))
            & (c.close(2) > c.close(1)) & (c.close(1) > c.close(0))
        else { return 0 }
        let matched = (c.lowerShadow(2) < c.average(.shadowVeryShort, t[0], 2))
            & (c.lowerShadow(1) < c.average(.shadowVeryShort, t[1], 1))
            & (c.lowerShadow(0) < c.average(.shadowVeryShort, t[2], 0))
        return score(matched, -100)
    }
}
