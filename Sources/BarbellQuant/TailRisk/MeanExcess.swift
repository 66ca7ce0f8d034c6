/// The mean-excess (mean residual life) function `e(u) = E[X − u | X > u]`, the classic
/// threshold diagnostic for peaks over threshold: above a threshold where the GPD fits,
/// `e(u)` is linear in `u` with slope `ξ/(1−ξ)`.
public struct MeanExcessPoint: Sendable, Equatable, Codable {
    public var threshold: Double
    public var meanExcess: Double
    /// How many observations exceed the threshold.
    public var exceedances: Int
}

extension PeaksOverThreshold {
    /// `e(u)` at the empirical quantiles `probabilities` of `losses` (thresholds with fewer than
    /// `minimumExceedances` exceedances are left out, since their means are noise).
    public static func meanExcess(losses: [Double], probabilities: [Double], minimumExceedances: Int = 10) throws -> [MeanExcessPoint] {
        if let i = losses.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "loss[\(i)] is \(losses[i]); losses must be finite")
        }
        guard !losses.isEmpty else { throw QuantError(.insufficientData, "no losses") }
        let sorted = losses.sorted()
        var points: [MeanExcessPoint] = []
        for p in probabilities {
            guard p >= 0, p < 1 else { throw QuantError(.invalidArgument, "probability \(p) is outside [0, 1)") }
            let u = EmpiricalQuantile.linear(sorted, p)
            var sum = 0.0, count = 0
            for x in sorted.reversed() {
                guard x > u else { break }
                sum += x - u
                count += 1
            }
            if count >= minimumExceedances {
                points.append(MeanExcessPoint(threshold: u, meanExcess: sum / Double(count), exceedances: count))
            }
        }
        return points
    }
}
