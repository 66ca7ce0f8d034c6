/// Three-Line Strike (`CDL3LINESTRIKE`): three candles of one colour, each opening near the
/// prior body and closing further in the trend, then a candle of the other colour opening beyond
/// the third close and closing beyond the first open. Sign is the three candles' colour.
struct ThreeLineStrike: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.near, lag: 3), CandleSlot(.near, lag: 2)) }
    static let lookback = CandleSetting.lookback(length: 4, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and a branch-free score: the first tests are close to coin flips.
        let near3 = c.average(.near, t[0], 3), near2 = c.average(.near, t[1], 2)
        let matched = (c.isWhite(3) == c.isWhite(2)) & (c.isWhite(2) == c.isWhite(1)) & (c.isWhite(0) != c.isWhite(1))
            & ((c.isWhite(1) & (c.close(1) > c.close(2)) & (c.close(2) > c.close(3))
                    & (c.open() > c.close(1)) & (c.close() < c.open(3)))
                | (c.isBlack(1) & (c.close(1) < c.close(2)) & (c.close(2) < c.close(3))
                    & (c.open() < c.close(1)) & (c.close() > c.open(3))))
            & (c.open(2) >= c.bodyBottom(3) - near3) & (c.open(2) <= c.bodyTop(3) + near3)
            & (c.open(1) >= c.bodyBottom(2) - near2) & (c.open(1) <= c.bodyTop(2) + near2)
        return score(matched, c.isWhite(1) ? 100 : -100)
    }
}
