/// Tasuki Gap (`CDLTASUKIGAP`): a body gap, then a candle of the gap's direction and one of
/// similar size of the opposite colour that opens inside it and closes inside the gap. Sign is
/// the second candle's colour.
struct TasukiGap: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.near, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 3, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = ((c.realBodyGapUp(1, 2) & c.isWhite(1) & c.isBlack(0)
                & (c.open() < c.close(1)) & (c.open() > c.open(1))
                & (c.close() < c.open(1)) & (c.close() > c.bodyTop(2)))
            | (c.realBodyGapDown(1, 2) & c.isBlack(1) & c.isWhite(0)
                & (c.open() < c.open(1)) & (c.open() > c.close(1))
                & (c.close() > c.open(1)) & (c.close() < c.bodyBottom(2))))
            & (abs(c.realBody(1) - c.realBody(0)) < c.average(.near, t[0], 1))
        return score(matched, c.isWhite(1) ? 100 : -100)
    }
}
