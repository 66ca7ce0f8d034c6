/// Separating Lines (`CDLSEPARATINGLINES`): a candle, then one of the opposite colour opening at
/// about the same price, long and with a very short shadow on the opening side. Sign is the
/// second candle's colour.
struct SeparatingLines: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort), CandleSlot(.bodyLong), CandleSlot(.equal, lag: 1))
    }
    static let lookback = CandleSetting.lookback(length: 2, .shadowVeryShort, .bodyLong, .equal)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[2], 1)
        guard (c.color(1) == -c.color(0)) & (c.open() <= c.open(1) + equal) & (c.open() >= c.open(1) - equal)
        else { return 0 }
        let veryShort = c.average(.shadowVeryShort, t[0])
        guard (c.realBody() > c.average(.bodyLong, t[1]))
            & ((c.isWhite() & (c.lowerShadow() < veryShort)) | (c.isBlack() & (c.upperShadow() < veryShort)))
        else { return 0 }
        return Double(c.color() * 100)
    }
}
