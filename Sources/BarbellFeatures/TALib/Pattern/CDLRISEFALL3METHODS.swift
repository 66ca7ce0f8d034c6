/// Rising/Falling Three Methods (`CDLRISEFALL3METHODS`): a long candle, three short candles of
/// the other colour drifting against it within its range, then a long candle of the first
/// colour opening beyond the last close and closing beyond the first. Sign is the first colour.
struct RiseFallThreeMethods: CandlePattern {
    static var slots: CandleSlots {
        CandleSlots(CandleSlot(.bodyLong, lag: 4), CandleSlot(.bodyShort, lag: 3), CandleSlot(.bodyShort, lag: 2),
                    CandleSlot(.bodyShort, lag: 1), CandleSlot(.bodyLong))
    }
    static let lookback = CandleSetting.lookback(length: 5, .bodyShort, .bodyLong)

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        // The colours alone rule out almost every bar: test them first, on their own.
        guard c.mayHaveColours(minimum(-(c.body(4) * c.body(3)), c.body(3) * c.body(2)), c.body(2) * c.body(1),
                               -(c.body(1) * c.body(0)))
        else { return 0 }
        let color = Double(c.color(4))
        guard (c.color(4) == -c.color(3)) & (c.color(3) == c.color(2)) & (c.color(2) == c.color(1)) & (c.color(1) == -c.color(0))
            & (c.close(2) * color < c.close(3) * color) & (c.close(1) * color < c.close(2) * color)
            & (c.open() * color > c.close(1) * color) & (c.close() * color > c.close(4) * color)
        else { return 0 }
        guard (c.realBody(4) > c.average(.bodyLong, t[0], 4))
            & (c.realBody(3) < c.average(.bodyShort, t[1], 3))
            & (c.realBody(2) < c.average(.bodyShort, t[2], 2))
            & (c.realBody(1) < c.average(.bodyShort, t[3], 1))
            & (c.realBody(0) > c.average(.bodyLong, t[4], 0))
            & (c.bodyBottom(3) < c.high(4)) & (c.bodyTop(3) > c.low(4))
            & (c.bodyBottom(2) < c.high(4)) & (c.bodyTop(2) > c.low(4))
            & (c.bodyBottom(1) < c.high(4)) & (c.bodyTop(1) > c.low(4))
        else { return 0 }
        return 100 * color
    }
}
