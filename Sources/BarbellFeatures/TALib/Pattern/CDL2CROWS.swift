/// Two Crows (`CDL2CROWS`): a long white candle, a black candle whose body gaps up, then a black
/// candle opening inside the second body and closing inside the first. Always bearish (−100).
struct TwoCrows: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 2)) }
    static let lookback = CandleSetting.lookback(length: 3, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ totals: CandleTotals) -> Double {
        let matched = c.isWhite(2) & (c.realBody(2) > c.average(.bodyLong, totals[0], 2))
            & c.isBlack(1) & c.realBodyGapUp(1, 2)
            & c.isBlack(0) & (c.open() < c.open(1)) & (c.open() > c.close(1))
            & (c.close() > c.open(2)) & (c.close() < c.close(2))
        return matched ? -100 : 0
    }
}
