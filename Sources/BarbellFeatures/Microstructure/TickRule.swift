/// The tick rule of Lee & Ready (1991, "Inferring trade direction from intraday data", J.
/// Finance 46(2)): a trade above the previous price is buyer-initiated (+1), below it
/// seller-initiated (−1), and at the same price it keeps the sign of the last price change
/// (0 before any change). A NaN price gives a NaN sign and leaves the carried sign as it was.
struct TickRule {
    var lastSign = 0.0

    @inline(__always)
    mutating func sign(previous: Double, current: Double) -> Double {
        guard previous.isFinite, current.isFinite else { return .nan }
        // Written as selects rather than branches: up and down ticks are unpredictable.
        let change: Double = current > previous ? 1 : (current < previous ? -1 : 0)
        lastSign = change != 0 ? change : lastSign
        return lastSign
    }
}
