/// Three Inside Up/Down (`CDL3INSIDE`): a long candle, a short one inside its body (harami),
/// then a candle of the opposite colour to the first closing beyond the first's open.
/// Sign is the third candle's direction.
struct ThreeInside: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 2), CandleSlot(.bodyShort, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 3, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and a branch-free score: the first tests are close to coin flips.
        let matched = (c.bodyTop(1) < c.bodyTop(2)) & (c.bodyBottom(1) > c.bodyBottom(2))
            & ((c.isWhite(2) & c.isBlack(0) & (c.close() < c.open(2)))
                | (c.isBlack(2) & c.isWhite(0) & (c.close() > c.open(2))))
            & (c.realBody(2) > c.average(.bodyLong, t[0], 2)) & (c.realBody(1) <= c.average(.bodyShort, t[1], 1))
        return score(matched, c.isWhite(2) ? -100 : 100)
    }
}
