/// Dollar-neutral long/short on the cross-section: the top `quantile` of valid scores long, the
/// bottom `quantile` short, equal weight, gross exposure 1 (each leg 0.5).
///
/// Valid scores are the finite ones. They are ranked by score, ties by symbol index (the lower
/// index ranks lower), which is pandas' `rank(method="first")`. Each leg holds
/// `m = ⌊quantile × n + 1e-9⌋` names, `n` the number of valid scores (the 1e-9 keeps products such
/// as 0.29 × 100 = 28.999… from losing a name). With `m = 0` (too few valid names) every weight is 0.
public struct LongShortQuantiles: Sendable, Equatable {
    public let quantile: Double

    /// - Throws: ``BacktestError`` `.invalidArgument` naming `quantile` unless it is in (0, 0.5].
    public init(quantile: Double) throws(BacktestError) {
        guard quantile > 0, quantile <= 0.5 else {
            throw BacktestError(.invalidArgument, "quantile \(quantile): expected a value in (0, 0.5]")
        }
        self.quantile = quantile
    }

    /// Names per leg for `valid` valid scores.
    public func legSize(valid: Int) -> Int { Int((quantile * Double(valid) + 1e-9).rounded(.down)) }

    /// Target weights: `+0.5/m` for the top `m`, `−0.5/m` for the bottom `m`, 0 otherwise.
    public func weights(_ scores: [Double]) -> [Double] {
        var w = [Double](repeating: 0, count: scores.count)
        let ranked = scores.indices.filter { scores[$0].isFinite }
            .sorted { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let m = legSize(valid: ranked.count)
        guard m > 0 else { return w }
        let each = 0.5 / Double(m)
        for i in ranked.prefix(m) { w[i] = -each }
        for i in ranked.suffix(m) { w[i] = each }
        return w
    }
}
