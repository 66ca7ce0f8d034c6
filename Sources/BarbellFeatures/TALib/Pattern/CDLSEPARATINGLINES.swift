/// Separating Lines (`CDLSEPARATINGLINES`): a candle, then one of the opposite colour opening at
/// about the same price, long and with a very short shadow on the opening side. Sign is the
/// second candle's colour.
struct SeparatingLines: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort), CandleSlot(.bodyLong), CandleSlot(.equal, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 2, .shadowVeryShort, .bodyLong, .equal)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[2], 1)
        let veryShort = c.average(.shadowVeryShort, t[0])
        // Every test at once and an integer select: no branch on the near coin-flip tests.
        let matched = (c.isWhite(1) != c.isWhite(0)) & (c.open() <= c.open(1) + equal) & (c.open() >= c.open(1) - equal)
            & (c.realBody() > c.average(.bodyLong, t[1]))
            & ((c.isWhite() & (c.lowerShadow() < veryShort)) | (c.isBlack() & (c.upperShadow() < veryShort)))
        return score(matched, c.isWhite() ? 100 : -100)
    }
}
