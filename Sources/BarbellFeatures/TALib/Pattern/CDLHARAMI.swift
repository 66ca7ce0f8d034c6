/// Harami (`CDLHARAMI`): a long candle followed by a short one whose body lies inside the first
/// body. Sign opposite to the first candle; ±100 strictly inside, ±80 touching an end.
struct Harami: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The body-inside-body shape is the rarer test; check it before the averages.
        guard (c.bodyTop() <= c.bodyTop(1)) & (c.bodyBottom() >= c.bodyBottom(1)) else { return 0 }
        guard (c.realBody(1) > c.average(.bodyLong, t[0], 1)) & (c.realBody(0) <= c.average(.bodyShort, t[1], 0)) else { return 0 }
        return HaramiShape.value(c)
    }
}

/// The body-inside-body test Harami and Harami Cross share.
enum HaramiShape {
    @inline(__always) static func value(_ c: Candles) -> Double {
        let top = c.bodyTop(), bottom = c.bodyBottom(), top1 = c.bodyTop(1), bottom1 = c.bodyBottom(1)
        if (top < top1) & (bottom > bottom1) { return Double(-c.color(1) * 100) }
        if (top <= top1) & (bottom >= bottom1) { return Double(-c.color(1) * 80) }
        return 0
    }
}
