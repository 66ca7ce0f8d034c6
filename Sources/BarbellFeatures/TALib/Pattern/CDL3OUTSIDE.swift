/// Three Outside Up/Down (`CDL3OUTSIDE`): an engulfing pair followed by a candle closing beyond
/// the engulfing close. Sign is the engulfing candle's colour.
struct ThreeOutside: CandlePattern {
    static var slots: CandleSlots { CandleSlots() }
    static let lookback = 3

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (c.isWhite(1) & c.isBlack(2) & (c.close(1) > c.open(2)) & (c.open(1) < c.close(2)) & (c.close() > c.close(1)))
            | (c.isBlack(1) & c.isWhite(2) & (c.open(1) > c.close(2)) & (c.close(1) < c.open(2)) & (c.close() < c.close(1)))
        return score(matched, c.isWhite(1) ? 100 : -100)
    }
}
