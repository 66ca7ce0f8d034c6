/// Three Stars in the South (`CDL3STARSINSOUTH`): a long black candle with a long lower shadow,
/// a smaller black candle trading within it that keeps a lower shadow, then a small black
/// marubozu inside the second's range. Bullish (+100).
struct ThreeStarsInSouth: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.shadowVeryShort, lag: 1), CandleSlot(.shadowVeryShort),
                    CandleSlot(.bodyShort))
    }
    static let lookback = CandleSetting.lookback(length: 3, .shadowVeryShort, .shadowLong, .bodyLong, .bodyShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out almost every bar: test them first, on their own.
        guard c.mayAllBeBlack(2, 1, 0) else { return 0 }
        guard c.isBlack(2) & c.isBlack(1) & c.isBlack(0)
            & (c.realBody(1) < c.realBody(2))
            & (c.open(1) > c.close(2)) & (c.open(1) <= c.high(2))
            & (c.low(1) < c.close(2)) & (c.low(1) >= c.low(2))
            & (c.low(0) > c.low(1)) & (c.high(0) < c.high(1))
        else { return 0 }
        let veryShort0 = c.average(.shadowVeryShort, t[2], 0)
        let matched = (c.realBody(2) > c.average(.bodyLong, t[0], 2))
            & (c.lowerShadow(2) > c.average(.shadowLong, 0, 2))
            & (c.lowerShadow(1) > c.average(.shadowVeryShort, t[1], 1))
            & (c.realBody(0) < c.average(.bodyShort, t[3], 0))
            & (c.lowerShadow(0) < veryShort0) & (c.upperShadow(0) < veryShort0)
        return score(matched, 100)
    }
}
