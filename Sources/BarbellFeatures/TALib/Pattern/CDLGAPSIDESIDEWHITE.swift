/// Up/Down-gap Side-by-side White Lines (`CDLGAPSIDESIDEWHITE`): two white candles of similar
/// size opening at about the same level, both gapping away from the candle before them. Sign
/// is the gap's direction.
struct GapSideBySideWhite: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.near, lag: 1), CandleSlot(.equal, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 3, .near, .equal)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let gapUp = c.realBodyGapUp(1, 2)
        let near = c.average(.near, t[0], 1), equal = c.average(.equal, t[1], 1)
        // Every test at once and a branch-free score: the gap and colour tests are coin flips.
        let matched = ((gapUp & c.realBodyGapUp(0, 2)) | (c.realBodyGapDown(1, 2) & c.realBodyGapDown(0, 2)))
            & c.isWhite(1) & c.isWhite(0)
            & (c.realBody(0) >= c.realBody(1) - near) & (c.realBody(0) <= c.realBody(1) + near)
            & (c.open() >= c.open(1) - equal) & (c.open() <= c.open(1) + equal)
        return score(matched, gapUp ? 100 : -100)
    }
}
