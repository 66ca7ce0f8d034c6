/// Upside/Downside Gap Three Methods (`CDLXSIDEGAP3METHODS`): two candles of one colour with a
/// body gap between them, then a candle of the other colour opening in the second body and
/// closing in the first, filling the gap. Sign is the first colour.
struct SideGapThreeMethods: CandlePattern {
    static var slots: CandleSlots { CandleSlots() }
    static let lookback = 2

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (c.isWhite(2) == c.isWhite(1)) & (c.isWhite(0) != c.isWhite(1))
            & ((c.isWhite(2) & c.realBodyGapUp(1, 2)) | (c.isBlack(2) & c.realBodyGapDown(1, 2)))
            & (c.open() < c.bodyTop(1)) & (c.open() > c.bodyBottom(1))
            & (c.close() < c.bodyTop(2)) & (c.close() > c.bodyBottom(2))
        return score(matched, c.isWhite(2) ? 100 : -100)
    }
}
