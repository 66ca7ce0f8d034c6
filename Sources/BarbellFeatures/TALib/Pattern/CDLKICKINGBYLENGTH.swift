/// Kicking by Length (`CDLKICKINGBYLENGTH`): a Kicking pattern whose sign is the colour of the
/// longer marubozu.
struct KickingByLength: CandlePattern {
    static var slots: CandleSlots { KickingShape.slots }
    static let lookback = KickingShape.lookback

    init(_: FeatureParameters) {}

    @inline(__always) func evaluate(_ c: Candles, _ t: CandleTotals) -> Double {
        guard KickingShape.matches(c, t) else { return 0 }
        return Double((c.realBody(0) > c.realBody(1) ? c.color(0) : c.color(1)) * 100)
    }
}
