/// Three-Line Strike (`CDL3LINESTRIKE`): three candles of one colour, each opening near the
/// prior body and closing further in the trend, then a candle of the other colour opening beyond
/// the third close and closing beyond the first open. Sign is the three candles' colour.
struct ThreeLineStrike: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.near, lag: 3), CandleSlot(.near, lag: 2)) }
    static let lookback = CandleSetting.lookback(length: 4, .near)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard (c.color(3) == c.color(2)) & (c.color(2) == c.color(1)) & (c.color(0) == -c.color(1))
            & ((c.isWhite(1) & (c.close(1) > c.close(2)) & (c.close(2) > c.close(3))
                    & (c.open() > c.close(1)) & (c.close() < c.open(3)))
                | (c.isBlack(1) & (c.close(1) < c.close(2)) & (c.close(2) < c.close(3))
                    & (c.open() < c.close(1)) & (c.close() > c.open(3))))
        else { return 0 }
        let near3 = c.average(.near, t[0], 3), near2 = c.average(.near, t[1], 2)
        guard (c.open(2) >= c.bodyBottom(3) - near3) & (c.open(2) <= c.bodyTop(3) + near3)
            & (c.open(1) >= c.bodyBottom(2) - near2) & (c.open(1) <= c.bodyTop(2) + near2)
        else { return 0 }
        return Double(c.color(1) * 100)
    }
}
