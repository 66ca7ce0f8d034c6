/// Rickshaw Man (`CDLRICKSHAWMAN`): a long-legged doji whose body is near the middle of its
/// range. +100.
struct RickshawMan: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyDoji), CandleSlot(.near)) }
    static let lookback = CandleSetting.lookback(length: 1, .bodyDoji, .shadowLong, .near)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.realBody() <= c.average(.bodyDoji, t[0]) else { return 0 }
        let long = c.average(.shadowLong, 0), near = c.average(.near, t[1])
        let middle = c.low() + c.highLowRange() / 2
        let matched = (c.lowerShadow() > long) & (c.upperShadow() > long)
            & (c.bodyBottom() <= middle + near) & (c.bodyTop() >= middle - near)
        return matched ? 100 : 0
    }
}
