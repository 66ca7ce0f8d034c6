/// Ladder Bottom (`CDLLADDERBOTTOM`): three falling black candles, a black candle with an upper
/// shadow, then a white candle opening above its body and closing above its high. +100.
struct LadderBottom: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.shadowVeryShort, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 5, .shadowVeryShort)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.isBlack(4) & c.isBlack(3) & c.isBlack(2) & c.isBlack(1) & c.isWhite(0) else { return 0 }
        let matched = (c.open(4) > c.open(3)) & (c.open(3) > c.open(2))
            & (c.close(4) > c.close(3)) & (c.close(3) > c.close(2))
            & (c.upperShadow(1) > c.average(.shadowVeryShort, t[0], 1))
            & (c.open() > c.open(1)) & (c.close() > c.high(1))
        return matched ? 100 : 0
    }
}
