/// Harami (`CDLHARAMI`): a long candle followed by a short one whose body lies inside the first
/// body. Sign opposite to the first candle; ±100 strictly inside, ±80 touching an end.
struct Harami: CandlePattern {
    static var slots: CandleSlots { CandleSlots(CandleSlot(.bodyLong, lag: 1), CandleSlot(.bodyShort)) }
    static let lookback = CandleSetting.lookback(length: 2, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // Every test at once and a branch-free score: the shape tests are close to coin flips.
        let long1 = c.realBody(1) > c.average(.bodyLong, t[0], 1)
        return HaramiShape.value(c, long1 & (c.realBody(0) <= c.average(.bodyShort, t[1], 0)))
    }
}

/// The body-inside-body test Harami and Harami Cross share.
enum HaramiShape {
    /// ±100 strictly inside, ±80 touching an end, 0 outside or unless `sized`; no branches.
    @inline(__always) static func value(_ c: Candles, _ sized: Bool) -> Double {
        let top = c.bodyTop(), bottom = c.bodyBottom(), top1 = c.bodyTop(1), bottom1 = c.bodyBottom(1)
        let strict = (top < top1) & (bottom > bottom1)
        let inside = (top <= top1) & (bottom >= bottom1)
        // 80 + 20 × strict is 80 or 100 exactly; the sign is opposite to the first candle.
        let magnitude = 80.0 + 20.0 * Double(unsafeBitCast(strict, to: UInt8.self))
        return score(sized & inside, magnitude * (c.isWhite(1) ? -1.0 : 1.0))
    }
}
