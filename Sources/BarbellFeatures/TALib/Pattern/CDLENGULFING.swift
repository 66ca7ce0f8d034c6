/// Engulfing (`CDLENGULFING`): a candle whose body engulfs the prior body of the opposite
/// colour. ±100 when it engulfs strictly at both ends, ±80 when one end is equal (TA-Lib ≥ 0.5).
struct Engulfing: CandlePattern {
    static var slots: CandleSlots { CandleSlots() }
    static let lookback = 2

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let o = c.open(), cl = c.close(), o1 = c.open(1), c1 = c.close(1)
        guard (c.isWhite(0) & c.isBlack(1) & (((cl >= o1) & (o < c1)) | ((cl > o1) & (o <= c1))))
            | (c.isBlack(0) & c.isWhite(1) & (((o >= c1) & (cl < o1)) | ((o > c1) & (cl <= o1))))
        else { return 0 }
        let strict = (o != c1) & (cl != o1)
        return Double(c.color() * (strict ? 100 : 80))
    }
}
