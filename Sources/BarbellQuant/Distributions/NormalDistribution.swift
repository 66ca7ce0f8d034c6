import Foundation

/// The normal distribution N(μ, σ²), built on ``StandardNormal`` (erfc-based tails, AS 241 quantile).
public struct Normal: ContinuousDistribution, Equatable {
    public let mean: Double
    public let standardDeviation: Double

    /// - Throws: `.invalidArgument` unless `mean` is finite and `standardDeviation` finite and > 0.
    public init(mean: Double = 0, standardDeviation: Double = 1) throws {
        try requireParameter(mean, "mean", "a finite number", mean.isFinite)
        try requireParameter(standardDeviation, "standardDeviation", "a finite number > 0", standardDeviation > 0 && standardDeviation.isFinite)
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// σ².
    public var variance: Double { standardDeviation * standardDeviation }

    public func pdf(_ x: Double) -> Double { StandardNormal.pdf((x - mean) / standardDeviation) / standardDeviation }

    public func logPDF(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - log(standardDeviation) - 0.918_938_533_204_672_741_78
    }

    public func cdf(_ x: Double) -> Double { StandardNormal.cdf((x - mean) / standardDeviation) }

    public func survival(_ x: Double) -> Double { StandardNormal.survival((x - mean) / standardDeviation) }

    public func quantile(_ p: Double) -> Double { mean + standardDeviation * StandardNormal.quantile(p) }
}
