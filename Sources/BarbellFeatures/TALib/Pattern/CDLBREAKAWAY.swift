/// Breakaway (`CDLBREAKAWAY`): a long candle, a body gap in its direction, two more candles
/// extending the move, then a candle of the opposite colour closing inside the gap. Sign is the
/// last candle's colour.
struct Breakaway: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 4)) }
    static let lookback = CandleSetting.lookback(length: 5, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out almost every bar: test them first, on their own.
        guard c.mayHaveColours(c.body(4) * c.body(3), c.body(3) * c.body(1), -(c.body(1) * c.body(0))) else { return 0 }
        guard (c.color(4) == c.color(3)) & (c.color(3) == c.color(1)) & (c.color(1) == -c.color(0))
            & ((c.isBlack(4) & c.realBodyGapDown(3, 4)
                    & (c.high(2) < c.high(3)) & (c.low(2) < c.low(3)) & (c.high(1) < c.high(2)) & (c.low(1) < c.low(2))
                    & (c.close() > c.open(3)) & (c.close() < c.close(4)))
                | (c.isWhite(4) & c.realBodyGapUp(3, 4)
                    & (c.high(2) > c.high(3)) & (c.low(2) > c.low(3)) & (c.high(1) > c.high(2)) & (c.low(1) > c.low(2))
                    & (c.close() < c.open(3)) & (c.close() > c.close(4))))
            && c.realBody(4) > c.average(.bodyLong, t[0], 4)
        else { return 0 }
        return Double(c.color() * 100)
    }
}
