/// Dark Cloud Cover (`CDLDARKCLOUDCOVER`): a long white candle, then a black candle opening
/// above its high and closing more than `penetration` of its body into it (but above its open).
/// Bearish (−100).
struct DarkCloudCover: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyLong)
    let penetration: Double

    init(_ p: FeatureParameters) { penetration = p.double("penetration") }

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = c.isWhite(1) & (c.realBody(1) > c.average(.bodyLong, t[0], 1))
            & c.isBlack(0) & (c.open() > c.high(1)) & (c.close() > c.open(1))
            & (c.close() < c.close(1) - c.realBody(1) * penetration)
        return matched ? -100 : 0
    }
}
