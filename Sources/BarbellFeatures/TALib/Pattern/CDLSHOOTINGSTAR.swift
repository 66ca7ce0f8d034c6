/// Shooting Star (`CDLSHOOTINGSTAR`): a small body gapping up, with a long upper shadow and a
/// very short lower one. −100.
struct ShootingStar: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyShort), CandleSlot(.shadowVeryShort)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .shadowLong, .shadowVeryShort)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard c.realBodyGapUp(0, 1) & (c.upperShadow() > c.average(.shadowLong, 0)) else { return 0 }
        let matched = (c.realBody() < c.average(.bodyShort, t[0]))
            & (c.lowerShadow() < c.average(.shadowVeryShort, t[1]))
        return matched ? -100 : 0
    }
}
