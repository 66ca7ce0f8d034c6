/// Hikkake (`CDLHIKKAKE`): an inside bar followed by a bar breaking out of it on one side
/// (±100, +100 when the break is downward, a bullish trap); if within three bars the close then
/// passes the inside bar's opposite extreme, the pattern is confirmed (±200) on that bar.
struct Hikkake: CandlePattern {
    static var slots: CandleSlots { CandleSlots() }
    static let lookback = 5
    static let primingBars = 3
    static let span = 3
    /// TA-Lib's `patternIdx`/`patternResult`: the last detection and its sign.
    var patternIndex = 0
    var patternResult = 0.0
    /// High and low of the inside bar of the last detection.
    var insideHigh = 0.0, insideLow = 0.0

    init(_: FeatureParameters) {}

    mutating func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        if (c.high(1) < c.high(2)) & (c.low(1) > c.low(2))
            && (((c.high() < c.high(1)) & (c.low() < c.low(1))) | ((c.high() > c.high(1)) & (c.low() > c.low(1)))) {
            patternResult = c.high() < c.high(1) ? 100 : -100
            patternIndex = c.index
            insideHigh = c.high(1)
            insideLow = c.low(1)
            return patternResult
        }
        if (c.index <= patternIndex + 3)
            & (((patternResult > 0) & (c.close() > insideHigh)) | ((patternResult < 0) & (c.close() < insideLow))) {
            patternIndex = 0
            return patternResult + (patternResult > 0 ? 100 : -100)
        }
        return 0
    }
}
