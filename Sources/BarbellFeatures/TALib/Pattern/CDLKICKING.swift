/// Kicking (`CDLKICKING`): two marubozu of opposite colours with a gap between them. Sign is
/// the second candle's colour.
struct Kicking: CandlePattern {
    static var slots: CandleSlots { KickingShape.slots }
    static let lookback = KickingShape.lookback

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        KickingShape.matches(c, t) ? Double(c.color() * 100) : 0
    }
}

/// The two-opposite-marubozu-with-a-gap test Kicking and Kicking by Length share.
enum KickingShape {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.shadowVeryShort, lag: 1), CandleSlot(.shadowVeryShort), CandleSlot(.bodyLong, lag: 1),
                    CandleSlot(.bodyLong))
    }
    static let lookback = CandleSetting.lookback(length: 2, .shadowVeryShort, .bodyLong)

    @inline(__always) static func matches(_ c: Candles, _ t: CandleTotals) -> Bool {
        guard (c.isBlack(1) & c.isWhite(0) & c.candleGapUp(0, 1)) | (c.isWhite(1) & c.isBlack(0) & c.candleGapDown(0, 1))
        else { return false }
        let veryShort1 = c.average(.shadowVeryShort, t[0], 1), veryShort0 = c.average(.shadowVeryShort, t[1], 0)
        return (c.realBody(1) > c.average(.bodyLong, t[2], 1))
            & (c.upperShadow(1) < veryShort1) & (c.lowerShadow(1) < veryShort1)
            & (c.realBody(0) > c.average(.bodyLong, t[3], 0))
            & (c.upperShadow(0) < veryShort0) & (c.lowerShadow(0) < veryShort0)
    }
}
