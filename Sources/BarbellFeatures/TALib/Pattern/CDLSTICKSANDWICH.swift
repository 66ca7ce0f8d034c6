/// Stick Sandwich (`CDLSTICKSANDWICH`): black, white, black, the white trading above the first
/// close and the last closing at about the first close. +100.
struct StickSandwich: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.equal, lag: 2)) }
    static let lookback = CandleSetting.lookback(length: 3, .equal)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        let equal = c.average(.equal, t[0], 2)
        let matched = c.isBlack(2) & c.isWhite(1) & c.isBlack(0) & (c.low(1) > c.close(2))
            & (c.close() <= c.close(2) + equal) & (c.close() >= c.close(2) - equal)
        return matched ? 100 : 0
    }
}
