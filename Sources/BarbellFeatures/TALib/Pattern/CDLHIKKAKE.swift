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

    /// `a > 0 && b > 0` as one comparison on the smaller (NaN if either is), so the inside-bar
    /// test is one selective branch: LLVM splits `(x < y) & (z > w)` into two coin-flip
    /// branches. `y - x > 0` is exactly `x < y` for all doubles, infinities and NaN included.
    @inline(__always) static func allPositive(_ a: Double, _ b: Double) -> Bool {
        (a < b || a != a ? a : b) > 0
    }

    @inline(__always) mutating func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        if Hikkake.allPositive(c.high(2) - c.high(1), c.low(1) - c.low(2))
            && (((c.high() < c.high(1)) & (c.low() < c.low(1))) | ((c.high() > c.high(1)) & (c.low() > c.low(1)))) {
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
