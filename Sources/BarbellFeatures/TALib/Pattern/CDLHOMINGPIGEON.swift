/// Homing Pigeon (`CDLHOMINGPIGEON`): a long black candle followed by a short black candle
/// whose body lies inside the first body. +100.
struct HomingPigeon: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let matched = c.isBlack(1) & c.isBlack(0)
            & (c.realBody(1) > c.average(.bodyLong, t[0], 1)) & (c.realBody(0) <= c.average(.bodyShort, t[1], 0))
            & (c.open() < c.open(1)) & (c.close() > c.close(1))
        return matched ? 100 : 0
    }
}
