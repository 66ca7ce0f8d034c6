/// Modified Hikkake (`CDLHIKKAKEMOD`): two nested inside bars, the second closing near its low
/// (bullish) or high (bearish), then a breakout bar (±100); confirmed (±200) if within three bars
/// the close passes the second inside bar's opposite extreme.
struct HikkakeModified: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.near, lag: 2)) }
    static let lookback = max(1, CandleSetting.near.averagePeriod) + 5
    static let primingBars = 3
    static let span = 4
    var patternIndex = 0
    var patternResult = 0.0
    var insideHigh = 0.0, insideLow = 0.0

    init(_: FeatureParameters) {}

    @inline(__always) mutating func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let outer = c.high(3) - c.high(2), lower = c.low(2) - c.low(3)
        let inner = c.high(2) - c.high(1), innerLower = c.low(1) - c.low(2)
        // Both inside tests as one selective branch (see `Hikkake.allPositive`).
        if Hikkake.allPositive(outer < lower || outer != outer ? outer : lower,
                               inner < innerLower || inner != inner ? inner : innerLower)
            && (((c.high() < c.high(1)) & (c.low() < c.low(1)) & (c.close(2) <= c.low(2) + c.average(.near, t[0], 2)))
                | ((c.high() > c.high(1)) & (c.low() > c.low(1)) & (c.close(2) >= c.high(2) - c.average(.near, t[0], 2)))) {
            patternResult = c.high() < c.high(1) ? 100 : -100
            patternIndex = c.index
            insideHigh = c.high(1)
            insideLow = c.low(1)
            return patternResult
        }
        // Most bars are more than three past the last detection: branch on that alone first.
        guard c.index <= patternIndex + 3 else { return 0 }
        if ((patternResult > 0) & (c.close() > insideHigh)) | ((patternResult < 0) & (c.close() < insideLow)) {
            patternIndex = 0
            return patternResult + (patternResult > 0 ? 100 : -100)
        }
        return 0
    }
}
