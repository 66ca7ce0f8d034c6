/// Concealing Baby Swallow (`CDLCONCEALBABYSWALL`): two black marubozu, a black candle gapping
/// down whose upper shadow reaches into the second body, then a black candle engulfing it,
/// shadows included. +100.
struct ConcealingBabySwallow: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort, lag: 3), CandleSlot(.shadowVeryShort, lag: 2),
                    CandleSlot(.shadowVeryShort, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 4, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out almost every bar: test them first, on their own.
        guard c.isBlack(3) & c.isBlack(2) & c.isBlack(1) & c.isBlack(0) else { return 0 }
        guard c.isBlack(3) & c.isBlack(2) & c.isBlack(1) & c.isBlack(0)
            & c.realBodyGapDown(1, 2) & (c.high(1) > c.close(2))
            & (c.high() > c.high(1)) & (c.low() < c.low(1))
        else { return 0 }
        let veryShort3 = c.average(.shadowVeryShort, t[0], 3), veryShort2 = c.average(.shadowVeryShort, t[1], 2)
        let matched = (c.lowerShadow(3) < veryShort3) & (c.upperShadow(3) < veryShort3)
            & (c.lowerShadow(2) < veryShort2) & (c.upperShadow(2) < veryShort2)
            & (c.upperShadow(1) > c.average(.shadowVeryShort, t[2], 1))
        return score(matched, 100)
    }
}
